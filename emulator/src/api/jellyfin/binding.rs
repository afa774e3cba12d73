//! How the server binds arguments and answers when it cannot: ASP.NET Core's model binding
//! (400 ProblemDetails, 415), the exception middleware's text answers, and the lookup of a
//! target session (404).

use serde_json::{Map, Value};

use crate::render::problem::{unsupported_media_type, validation_problem};
use crate::state::State;
use crate::wire::reply::Reply;
use crate::wire::request::Req;

/// The middleware's answer to an exception (message hidden outside Development).
pub(crate) fn error_text(status: u16) -> Reply {
    Reply::text(status, "Error processing request.")
}

const PROBLEM_JSON: &str = "application/problem+json; charset=utf-8";

/// A W3C `traceparent`-shaped id, as ASP.NET puts in every ProblemDetails.
fn trace_id(state: &mut State) -> String {
    format!("00-{}-{:016x}-00", state.new_guid(), state.next_u64())
}

/// A 400 validation ProblemDetails.
pub(crate) fn problem(state: &mut State, errors: &[(&str, String)]) -> Reply {
    let body = validation_problem(errors, &trace_id(state));
    Reply::with_body(400, PROBLEM_JSON, body.to_string())
}

/// `BadRequest()` in an `[ApiController]`: ASP.NET's client-error ProblemDetails.
pub(crate) fn bad_request(state: &mut State) -> Reply {
    let body = serde_json::json!({
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        "title": "Bad Request",
        "status": 400,
        "traceId": trace_id(state),
    });
    Reply::with_body(400, PROBLEM_JSON, body.to_string())
}

pub(crate) fn not_valid(state: &mut State, key: &str, value: &str) -> Reply {
    problem(state, &[(key, format!("The value '{value}' is not valid."))])
}

pub(crate) fn required(state: &mut State, key: &str) -> Reply {
    problem(state, &[(key, format!("The {key} field is required."))])
}

/// A `[FromBody]` object (a non-nullable parameter is implicitly required): a body not
/// declared as JSON → 415, missing body → 400, malformed JSON → 400. Property names are then
/// looked up case-insensitively, as ASP.NET's JSON options do.
pub(crate) fn body_object(state: &mut State, req: &Req, param: &str) -> Result<Map<String, Value>, Reply> {
    if !req.has_json_body_type() {
        let body = unsupported_media_type(&trace_id(state));
        return Err(Reply::with_body(415, PROBLEM_JSON, body.to_string()));
    }
    if req.body.iter().all(u8::is_ascii_whitespace) {
        return Err(problem(state, &[("", "A non-empty request body is required.".to_owned())]));
    }
    match serde_json::from_slice::<Value>(&req.body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(problem(
            state,
            &[
                ("$", "The JSON value could not be converted to the request type.".to_owned()),
                (param, format!("The {param} field is required.")),
            ],
        )),
    }
}

/// A property by case-insensitive name; an explicit `null` counts as absent.
pub(crate) fn prop<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    raw_prop(map, name).filter(|v| !v.is_null())
}

/// A property by case-insensitive name, an explicit `null` included.
pub(crate) fn raw_prop<'a>(map: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v)
}

/// A `string` property as the server's `JsonStringConverter` (in `JsonDefaults`, so on every
/// `string` of every body) reads it: a JSON string, or the raw text of a number or boolean
/// (`50` reads as `"50"`). `None` for objects and arrays, which it cannot read.
pub(crate) fn json_string(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null | Value::Array(_) | Value::Object(_) => None,
    }
}

/// A JSON-body conversion error, keyed the way System.Text.Json reports it.
pub(crate) fn json_error(state: &mut State, path: &str, param: &str) -> Reply {
    problem(
        state,
        &[
            (&format!("$.{path}"), format!("The JSON value could not be converted. Path: $.{path}")),
            (param, format!("The {param} field is required.")),
        ],
    )
}

pub(crate) type Outcome = Result<Reply, Reply>;

pub(crate) fn param(params: &[String], i: usize) -> Result<&str, Reply> {
    params.get(i).map(String::as_str).ok_or_else(|| Reply::empty(404))
}

/// The target of a command: an exact (ordinal) id match, else 404.
pub(crate) fn target(state: &State, id: &str) -> Result<String, Reply> {
    state.session(id).map(|s| s.id.clone()).ok_or_else(|| error_text(404))
}

pub(crate) fn query_number<T: std::str::FromStr>(state: &mut State, req: &Req, name: &str) -> Result<Option<T>, Reply> {
    match req.query.get(name) {
        None => Ok(None),
        Some(v) => v.trim().parse().map(Some).map_err(|_| not_valid(state, name, v)),
    }
}

pub(crate) fn query_bool(state: &mut State, req: &Req, name: &str, default: bool) -> Result<bool, Reply> {
    match req.query.get(name) {
        None => Ok(default),
        Some(v) if v.trim().eq_ignore_ascii_case("true") => Ok(true),
        Some(v) if v.trim().eq_ignore_ascii_case("false") => Ok(false),
        Some(v) => Err(not_valid(state, name, v)),
    }
}
