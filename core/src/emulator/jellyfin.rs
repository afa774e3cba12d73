//! The Jellyfin side: routing, authentication, login, listing sessions, logout and the auth
//! provider lists. The remote-control operations are in `commands.rs`.
//!
//! Order of checks follows ASP.NET Core: route (404/405), then authentication and policy
//! (401/403, empty bodies), then model binding (400 ProblemDetails), then the action.

use std::time::{Duration, SystemTime};

use serde_json::{json, Map, Value};

use super::auth::parse_authorization;
use super::commands;
use super::http::{Reply, Req};
use super::json::{self, session_dto, user_dto};
use super::state::{parse_guid, State, SERVER_NAME, SERVER_VERSION, ZERO_GUID};

/// Legacy authorization (`Emby` scheme, `X-Emby-Token`, `api_key`) is on by default in 10.11.
const LEGACY_AUTH: bool = true;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Login,
    PublicInfo,
    Ping,
    Me,
    GetSessions,
    AddUser,
    RemoveUser,
    DisplayContent,
    Play,
    Playstate,
    SystemCommand,
    GeneralCommand,
    FullGeneralCommand,
    Message,
    Capabilities,
    FullCapabilities,
    Viewing,
    Logout,
    AuthProviders,
    PasswordResetProviders,
}

/// `{}` is a route parameter. Literal segments match case-insensitively.
const ROUTES: &[(&str, &[&str], Op)] = &[
    ("POST", &["users", "authenticatebyname"], Op::Login),
    ("GET", &["system", "info", "public"], Op::PublicInfo),
    ("GET", &["system", "ping"], Op::Ping),
    ("POST", &["system", "ping"], Op::Ping),
    ("GET", &["users", "me"], Op::Me),
    ("GET", &["sessions"], Op::GetSessions),
    ("POST", &["sessions", "{}", "user", "{}"], Op::AddUser),
    ("DELETE", &["sessions", "{}", "user", "{}"], Op::RemoveUser),
    ("POST", &["sessions", "{}", "viewing"], Op::DisplayContent),
    ("POST", &["sessions", "{}", "playing"], Op::Play),
    ("POST", &["sessions", "{}", "playing", "{}"], Op::Playstate),
    ("POST", &["sessions", "{}", "system", "{}"], Op::SystemCommand),
    ("POST", &["sessions", "{}", "command", "{}"], Op::GeneralCommand),
    ("POST", &["sessions", "{}", "command"], Op::FullGeneralCommand),
    ("POST", &["sessions", "{}", "message"], Op::Message),
    ("POST", &["sessions", "capabilities"], Op::Capabilities),
    ("POST", &["sessions", "capabilities", "full"], Op::FullCapabilities),
    ("POST", &["sessions", "viewing"], Op::Viewing),
    ("POST", &["sessions", "logout"], Op::Logout),
    ("GET", &["auth", "providers"], Op::AuthProviders),
    ("GET", &["auth", "passwordresetproviders"], Op::PasswordResetProviders),
];

/// Who is calling, after the token was resolved and back-filled (`AuthorizationInfo`).
#[derive(Debug)]
pub(crate) struct Caller {
    pub user_id: Option<String>,
    pub is_api_key: bool,
    pub admin: bool,
    pub token: String,
    /// The caller's own session, created or refreshed by this call.
    pub session_id: String,
}

impl Caller {
    /// The id the server writes as `ControllingUserId` (the empty GUID for API keys).
    pub fn user_or_zero(&self) -> String {
        self.user_id.clone().unwrap_or_else(|| ZERO_GUID.to_owned())
    }
}

pub(crate) fn handle(state: &mut State, req: &Req) -> Reply {
    let reply = dispatch(state, req);
    let camel = req.header("accept").is_some_and(|a| a.to_ascii_lowercase().contains("profile=\"camelcase\""));
    if camel && reply.status == 200 {
        if let Ok(value) = serde_json::from_slice::<Value>(&reply.body) {
            return Reply::json(200, &json::camel_case(value));
        }
    }
    reply
}

fn dispatch(state: &mut State, req: &Req) -> Reply {
    let mut segs: &[String] = &req.segments;
    // The BaseUrl, then the legacy prefixes the server strips.
    for prefix in ["jellyfin", "emby", "mediabrowser"] {
        if segs.first().is_some_and(|s| s.eq_ignore_ascii_case(prefix)) {
            segs = &segs[1..];
        }
    }
    let (op, params) = match route(&req.method, segs) {
        Ok(found) => found,
        Err(status) => return Reply::empty(status),
    };
    match op {
        Op::Login => return login(state, req),
        Op::PublicInfo => return public_info(state, req),
        Op::Ping => return Reply::json(200, &json!("Jellyfin Server")),
        _ => {}
    }
    let caller = match authenticate(state, req) {
        Ok(caller) => caller,
        Err(reply) => return reply,
    };
    match op {
        Op::Me => me(state, &caller),
        Op::GetSessions => get_sessions(state, req, &caller),
        Op::Logout => logout(state, &caller),
        Op::AuthProviders | Op::PasswordResetProviders => providers(op, &caller),
        _ => commands::handle(state, req, &caller, op, &params),
    }
}

/// Finds the operation. Among templates that fit the path, the one with more literal
/// segments wins (ASP.NET's precedence); a path that fits only under another method is 405.
fn route(method: &str, segs: &[String]) -> Result<(Op, Vec<String>), u16> {
    let mut fits: Vec<(usize, &str, Op, Vec<String>)> = Vec::new();
    for (m, template, op) in ROUTES {
        if template.len() != segs.len() {
            continue;
        }
        let mut params = Vec::new();
        let mut literals = 0;
        let all = template.iter().zip(segs).all(|(t, s)| {
            if *t == "{}" {
                params.push(s.clone());
                !s.is_empty()
            } else {
                literals += 1;
                t.eq_ignore_ascii_case(s)
            }
        });
        if all {
            fits.push((literals, m, *op, params));
        }
    }
    fits.sort_by_key(|f| std::cmp::Reverse(f.0));
    let best = fits.first().map(|f| f.0);
    let mut candidates = fits.into_iter().filter(|f| Some(f.0) == best).peekable();
    if candidates.peek().is_none() {
        return Err(404);
    }
    candidates.find(|f| f.1.eq_ignore_ascii_case(method)).map(|f| (f.2, f.3)).ok_or(405)
}

/// The `Authorization` parameters, from `X-Emby-Authorization` only when `Authorization` is
/// absent or empty.
fn auth_params(req: &Req) -> std::collections::HashMap<String, String> {
    let header = match req.header("authorization").filter(|h| !h.trim().is_empty()) {
        Some(h) => Some(h),
        None if LEGACY_AUTH => req.header("x-emby-authorization"),
        None => None,
    };
    header.and_then(|h| parse_authorization(h, LEGACY_AUTH)).unwrap_or_default()
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.filter(|v| !v.trim().is_empty()).map(str::to_owned)
}

/// Resolves the token (device tokens first, then API keys), back-fills the client fields,
/// and creates or refreshes the caller's session.
fn authenticate(state: &mut State, req: &Req) -> Result<Caller, Reply> {
    let params = auth_params(req);
    let field = |k: &str| non_empty(params.get(k).map(String::as_str));
    let mut token = field("Token");
    if LEGACY_AUTH {
        token = token
            .or_else(|| non_empty(req.header("x-emby-token")))
            .or_else(|| non_empty(req.header("x-mediabrowser-token")));
    }
    token = token.or_else(|| non_empty(req.query.get("ApiKey")));
    if LEGACY_AUTH {
        token = token.or_else(|| non_empty(req.query.get("api_key")));
    }
    let Some(token) = token else { return Err(Reply::empty(401)) };
    let (mut client, mut device, mut device_id, mut version) =
        (field("Client"), field("Device"), field("DeviceId"), field("Version"));

    let user_id;
    let is_api_key;
    if let Some(record) = state.tokens.iter_mut().find(|t| t.token == token) {
        let updates_allowed = !client.as_deref().unwrap_or("").to_lowercase().contains("chromecast");
        if let Some(d) = device.as_deref().filter(|d| updates_allowed && !d.eq_ignore_ascii_case(&record.device_name)) {
            record.device_name = d.to_owned();
        }
        if let Some(v) = version.as_deref().filter(|v| updates_allowed && !v.eq_ignore_ascii_case(&record.version)) {
            record.version = v.to_owned();
        }
        client = client.or_else(|| Some(record.client.clone()));
        device = device.or_else(|| Some(record.device_name.clone()));
        device_id = device_id.or_else(|| Some(record.device_id.clone()));
        version = version.or_else(|| Some(record.version.clone()));
        user_id = Some(record.user_id.clone());
        is_api_key = false;
    } else if let Some(key) = state.api_keys.iter().find(|k| k.key == token) {
        client = Some(key.name.clone());
        device = device.or_else(|| Some(SERVER_NAME.to_owned()));
        device_id = device_id.or_else(|| Some(state.server_id.clone()));
        version = version.or_else(|| Some(SERVER_VERSION.to_owned()));
        user_id = None;
        is_api_key = true;
    } else {
        return Err(Reply::empty(401));
    }

    let admin = match &user_id {
        None => true,
        // A token whose user is gone authenticates but never passes the default policy.
        Some(id) => match state.user(id) {
            Some(user) => user.admin,
            None => return Err(Reply::empty(403)),
        },
    };
    let session_id = state.log_activity(
        client.as_deref().unwrap_or(""),
        device_id.as_deref().unwrap_or(""),
        device.as_deref().unwrap_or(""),
        version.as_deref().unwrap_or(""),
        user_id.as_deref(),
    );
    Ok(Caller { user_id, is_api_key, admin, token, session_id })
}

// ---- responses shared with commands.rs ----

/// The middleware's answer to an exception (message hidden outside Development).
pub(crate) fn error_text(status: u16) -> Reply {
    Reply::text(status, "Error processing request.")
}

/// A 400 validation ProblemDetails.
pub(crate) fn problem(state: &mut State, errors: &[(&str, String)]) -> Reply {
    let trace = format!("00-{}-{:016x}-00", state.new_guid(), state.next_u64());
    let body = json::validation_problem(errors, &trace);
    Reply::with_body(400, "application/problem+json; charset=utf-8", body.to_string())
}

pub(crate) fn not_valid(state: &mut State, key: &str, value: &str) -> Reply {
    problem(state, &[(key, format!("The value '{value}' is not valid."))])
}

pub(crate) fn required(state: &mut State, key: &str) -> Reply {
    problem(state, &[(key, format!("The {key} field is required."))])
}

/// A `[FromBody, Required]` object: a body not declared as JSON → 415, missing body → 400,
/// malformed JSON → 400. Property
/// names are then looked up case-insensitively, as ASP.NET's JSON options do.
pub(crate) fn body_object(state: &mut State, req: &Req, param: &str) -> Result<Map<String, Value>, Reply> {
    if !req.has_json_body_type() {
        let trace = format!("00-{}-{:016x}-00", state.new_guid(), state.next_u64());
        let body = json!({
            "type": "https://tools.ietf.org/html/rfc9110#section-15.5.16",
            "title": "Unsupported Media Type",
            "status": 415,
            "traceId": trace,
        });
        return Err(Reply::with_body(415, "application/problem+json; charset=utf-8", body.to_string()));
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
    map.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v).filter(|v| !v.is_null())
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

// ---- operations ----

fn login(state: &mut State, req: &Req) -> Reply {
    let body = match body_object(state, req, "request") {
        Ok(body) => body,
        Err(reply) => return reply,
    };
    let text = |name: &str| match prop(&body, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(name.to_owned()),
    };
    let (username, pw) = match (text("Username"), text("Pw")) {
        (Ok(u), Ok(p)) => (u, p),
        (Err(name), _) | (_, Err(name)) => return json_error(state, &name, "request"),
    };
    let params = auth_params(req);
    let field = |k: &str| non_empty(params.get(k).map(String::as_str));
    let (Some(client), Some(device), Some(device_id), Some(version)) =
        (field("Client"), field("Device"), field("DeviceId"), field("Version"))
    else {
        return error_text(400);
    };
    let Some(username) = username.filter(|u| !u.trim().is_empty()) else { return error_text(400) };
    let user_id = match state.user_by_name(&username) {
        Some(user) if user.password == pw.unwrap_or_default() => user.id.clone(),
        _ => return error_text(401),
    };

    // Logging in again on the same device revokes that user's earlier tokens there and ends
    // the device's sessions.
    let revoked = state.tokens.iter().any(|t| t.user_id == user_id && t.device_id == device_id);
    state.tokens.retain(|t| !(t.user_id == user_id && t.device_id == device_id));
    if revoked {
        end_device_sessions(state, &device_id);
    }
    let token = state.new_guid();
    state.tokens.push(super::state::DeviceToken {
        token: token.clone(),
        user_id: user_id.clone(),
        client: client.clone(),
        device_name: device.clone(),
        device_id: device_id.clone(),
        version: version.clone(),
    });
    let now = SystemTime::now();
    if let Some(user) = state.users.iter_mut().find(|u| u.id == user_id) {
        user.last_login = Some(now);
    }
    let session_id = state.log_activity(&client, &device_id, &device, &version, Some(&user_id));
    let (Some(user), Some(session)) = (state.user(&user_id), state.session(&session_id)) else {
        return error_text(500);
    };
    let result = json!({
        "User": user_dto(state, user),
        "SessionInfo": session_dto(state, session),
        "AccessToken": token,
        "ServerId": state.server_id,
    });
    Reply::json(200, &result)
}

fn end_device_sessions(state: &mut State, device_id: &str) {
    let lower = device_id.to_lowercase();
    state.sessions.retain(|s| s.device_id.to_lowercase() != lower);
}

fn public_info(state: &State, req: &Req) -> Reply {
    let host = req.header("host").unwrap_or("127.0.0.1");
    Reply::json(
        200,
        &json!({
            "LocalAddress": format!("http://{host}"),
            "ServerName": SERVER_NAME,
            "Version": SERVER_VERSION,
            "ProductName": "Jellyfin Server",
            "OperatingSystem": "",
            "Id": state.server_id,
            "StartupWizardCompleted": true,
        }),
    )
}

fn me(state: &State, caller: &Caller) -> Reply {
    match caller.user_id.as_deref().and_then(|id| state.user(id)) {
        Some(user) => Reply::json(200, &user_dto(state, user)),
        None => error_text(400),
    }
}

fn get_sessions(state: &mut State, req: &Req, caller: &Caller) -> Reply {
    let controllable = match req.query.get("controllableByUserId") {
        None => None,
        Some(v) => match parse_guid(v) {
            Some(id) => Some(id),
            None => return not_valid(state, "controllableByUserId", v),
        },
    };
    let active = match req.query.get("activeWithinSeconds") {
        None => None,
        Some(v) => match v.trim().parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => return not_valid(state, "activeWithinSeconds", v),
        },
    };
    let caller_user = caller.user_or_zero();
    // RequestHelpers.GetUserId: an empty id means the caller; another user needs admin.
    let controllable = controllable.map(|id| if id == ZERO_GUID { caller_user.clone() } else { id });
    if let Some(id) = &controllable {
        if *id != caller_user && !caller.admin {
            return Reply::empty(403);
        }
    }
    let can_control_others = caller.admin;
    let has_user = |s: &super::state::Session, user: &str| {
        s.user_id.as_deref() == Some(user) || s.additional_users.iter().any(|u| u == user)
    };
    let userless = |s: &super::state::Session| s.user_id.is_none();

    let mut list: Vec<&super::state::Session> = state.sessions.iter().collect();
    if let Some(device_id) = req.query.get("deviceId") {
        let lower = device_id.to_lowercase();
        list.retain(|s| s.device_id.to_lowercase() == lower);
    }
    match controllable.filter(|id| id != ZERO_GUID) {
        Some(target) => {
            list.retain(|s| s.capabilities.supports_media_control);
            if state.user(&target).is_none() {
                list.clear();
            }
            // Every user here has EnableSharedDeviceControl, so userless sessions stay.
            if !can_control_others {
                list.retain(|s| userless(s) || has_user(s, &caller_user));
            }
        }
        None if !caller.admin => list.retain(|s| userless(s) || has_user(s, &caller_user)),
        None => {}
    }
    if let Some(seconds) = active.filter(|n| *n > 0) {
        let min = SystemTime::now().checked_sub(Duration::from_secs(seconds.unsigned_abs().into()));
        if let Some(min) = min {
            list.retain(|s| s.last_activity >= min);
        }
    }
    let dtos: Vec<Value> = list.into_iter().map(|s| session_dto(state, s)).collect();
    Reply::json(200, &Value::Array(dtos))
}

/// `ReportSessionEnded`: deletes the token's device record and ends that device's sessions.
/// An API key has no device record, so nothing happens.
fn logout(state: &mut State, caller: &Caller) -> Reply {
    if caller.is_api_key {
        return Reply::empty(204);
    }
    if let Some(pos) = state.tokens.iter().position(|t| t.token == caller.token) {
        let record = state.tokens.remove(pos);
        end_device_sessions(state, &record.device_id);
    }
    Reply::empty(204)
}

fn providers(op: Op, caller: &Caller) -> Reply {
    if !caller.admin {
        return Reply::empty(403);
    }
    let list = if op == Op::AuthProviders {
        json!([{"Name": "Default", "Id": "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider"}])
    } else {
        json!([{
            "Name": "Default Password Reset Provider",
            "Id": "Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider",
        }])
    };
    Reply::json(200, &list)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segs(path: &str) -> Vec<String> {
        super::super::http::segments(path)
    }

    #[test]
    fn routes_are_case_insensitive_and_prefer_literals() {
        assert_eq!(route("POST", &segs("/sessions/capabilities/FULL")).map(|r| r.0), Ok(Op::FullCapabilities));
        assert_eq!(route("POST", &segs("/Sessions/abc/Command")), Ok((Op::FullGeneralCommand, vec!["abc".into()])));
        assert_eq!(route("POST", &segs("/Sessions/Viewing")).map(|r| r.0), Ok(Op::Viewing));
        assert_eq!(route("POST", &segs("/Sessions/x/Viewing")).map(|r| r.0), Ok(Op::DisplayContent));
        assert_eq!(route("GET", &segs("/Sessions/Logout")), Err(405));
        assert_eq!(route("GET", &segs("/Nope")), Err(404));
        assert_eq!(route("POST", &segs("/Sessions//Playing")), Err(404));
        assert_eq!(
            route("POST", &segs("/Sessions/..%2Fx/Playing/Pause")),
            Ok((Op::Playstate, vec!["../x".into(), "Pause".into()]))
        );
    }
}
