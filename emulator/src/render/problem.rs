//! ASP.NET Core's ProblemDetails bodies.

use serde_json::{json, Map, Value};

/// ASP.NET Core's validation ProblemDetails (`[ApiController]` automatic 400).
pub(crate) fn validation_problem(errors: &[(&str, String)], trace_id: &str) -> Value {
    let mut map = Map::new();
    for (key, message) in errors {
        map.insert((*key).to_owned(), json!([message]));
    }
    json!({
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        "title": "One or more validation errors occurred.",
        "status": 400,
        "errors": map,
        "traceId": trace_id,
    })
}

/// The 415 ASP.NET Core answers for a body its input formatters cannot read.
pub(crate) fn unsupported_media_type(trace_id: &str) -> Value {
    json!({
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        "title": "Unsupported Media Type",
        "status": 415,
        "traceId": trace_id,
    })
}
