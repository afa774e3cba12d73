//! Quick Connect as Jellyfin 10.11 serves it (`QuickConnectController`,
//! `UserController.AuthenticateWithQuickConnect`, `QuickConnectManager`): a device asks for a
//! code, a signed-in user approves the code, and the device exchanges its secret for the
//! token made at approval. Every call first forgets what expired.

use std::time::SystemTime;

use serde_json::{json, Value};

use super::account::authenticate_direct;
use super::binding::{body_object, error_text, json_error, not_valid, prop, required, Outcome};
use super::caller::{auth_params, non_empty};
use super::handler::Ctx;
use crate::render::date::date;
use crate::state::quick_connect::{Request, APPROVED_GRACE};
use crate::state::State;
use crate::text::ids::{parse_guid, ZERO_GUID};
use crate::wire::reply::Reply;

/// What the controller answers when `AssertActive` throws: `Unauthorized("...")`, an object
/// result, so the string is written as JSON.
fn disabled() -> Reply {
    Reply::json(401, &json!("Quick connect is disabled"))
}

/// `GET /QuickConnect/Enabled`.
pub(crate) fn enabled(c: Ctx<'_>) -> Outcome {
    Ok(Reply::json(200, &json!(c.state.quick_connect.enabled)))
}

/// `POST /QuickConnect/Initiate` (and the legacy `GET`): a request for the caller's device,
/// which must name itself fully (an empty field is an `ArgumentException`, 400).
pub(crate) fn initiate(c: Ctx<'_>) -> Outcome {
    let state = c.state;
    let params = auth_params(c.req);
    let field = |k: &str| non_empty(params.get(k).map(String::as_str));
    let (Some(app_name), Some(device_name), Some(device_id), Some(app_version)) =
        (field("Client"), field("Device"), field("DeviceId"), field("Version"))
    else {
        return Err(error_text(400));
    };
    if !state.quick_connect.enabled {
        return Err(disabled());
    }
    let now = SystemTime::now();
    state.quick_connect.expire(now);
    let request = Request {
        secret: new_secret(state),
        code: new_code(state),
        device_id,
        device_name,
        app_name,
        app_version,
        date_added: now,
        authenticated: false,
    };
    let body = result_json(&request);
    state.quick_connect.requests.push(request);
    Ok(Reply::json(200, &body))
}

/// `GET /QuickConnect/Connect?secret=`: the request's state; 404 `"Unknown secret"` once it
/// expired.
pub(crate) fn connect(c: Ctx<'_>) -> Outcome {
    let state = c.state;
    let Some(secret) = c.req.query.get("secret").filter(|s| !s.is_empty()).map(str::to_owned) else {
        return Err(required(state, "secret"));
    };
    if !state.quick_connect.enabled {
        return Err(disabled());
    }
    state.quick_connect.expire(SystemTime::now());
    match state.quick_connect.by_secret(&secret) {
        Some(request) => Ok(Reply::json(200, &result_json(request))),
        None => Err(Reply::json(404, &json!("Unknown secret"))),
    }
}

/// `POST /QuickConnect/Authorize?code=&userId=`: logs the request's device in as the caller,
/// or as `userId` (only administrators may name another user: 403).
pub(crate) fn authorize(c: Ctx<'_>) -> Outcome {
    let (caller, state, req) = (c.caller()?, c.state, c.req);
    let Some(code) = req.query.get("code").filter(|s| !s.is_empty()).map(str::to_owned) else {
        return Err(required(state, "code"));
    };
    let named = match req.query.get("userId") {
        None => None,
        Some(raw) => match parse_guid(raw) {
            Some(id) if id == ZERO_GUID => None,
            Some(id) => Some(id),
            None => return Err(not_valid(state, "userId", raw)),
        },
    };
    let user_id = match named {
        None => caller.user_or_zero(),
        Some(id) if Some(&id) == caller.user_id.as_ref() || caller.admin => id,
        Some(_) => return Err(error_text(403)),
    };
    approve(state, &code, &user_id)
}

/// `QuickConnectManager.AuthorizeRequest`, also what the tests' control calls: an unknown
/// code is 404, a code approved before 500 (`InvalidOperationException`), an unknown user
/// 401 (the controller turns the `AuthenticationException` into "disabled").
pub(crate) fn approve(state: &mut State, code: &str, user_id: &str) -> Outcome {
    if !state.quick_connect.enabled {
        return Err(disabled());
    }
    let now = SystemTime::now();
    state.quick_connect.expire(now);
    let Some(request) = state.quick_connect.by_code_mut(code) else { return Err(error_text(404)) };
    if request.authenticated {
        return Err(error_text(500));
    }
    request.date_added = now + APPROVED_GRACE;
    let request = request.clone();
    if state.user(user_id).is_none() {
        return Err(disabled());
    }
    let result = authenticate_direct(
        state,
        user_id,
        &request.app_name,
        &request.device_name,
        &request.device_id,
        &request.app_version,
    )?;
    state.quick_connect.approved.push(crate::state::quick_connect::Approved {
        secret: request.secret.clone(),
        at: now,
        result,
    });
    if let Some(r) = state.quick_connect.by_code_mut(code) {
        r.authenticated = true;
    }
    Ok(Reply::json(200, &json!(true)))
}

/// `POST /Users/AuthenticateWithQuickConnect` `{"Secret": ...}`: the login made when the
/// request was approved, for as long as the secret lives; 404 before approval or after.
pub(crate) fn authenticate(c: Ctx<'_>) -> Outcome {
    let (state, req) = (c.state, c.req);
    let body = body_object(state, req, "request")?;
    let secret = match prop(&body, "Secret") {
        Some(Value::String(s)) => s.clone(),
        Some(_) => return Err(json_error(state, "Secret", "request")),
        None => return Err(required(state, "Secret")),
    };
    if !state.quick_connect.enabled {
        // Thrown by `AssertActive` and not caught by this controller: the middleware's 401.
        return Err(error_text(401));
    }
    state.quick_connect.expire(SystemTime::now());
    match state.quick_connect.approved(&secret) {
        Some(result) => Ok(Reply::json(200, result)),
        None => Err(error_text(404)),
    }
}

pub(crate) fn result_json(r: &Request) -> Value {
    json!({
        "Authenticated": r.authenticated,
        "Secret": r.secret,
        "Code": r.code,
        "DeviceId": r.device_id,
        "DeviceName": r.device_name,
        "AppName": r.app_name,
        "AppVersion": r.app_version,
        "DateAdded": date(r.date_added),
    })
}

/// `Convert.ToHexString` of 32 random bytes: 64 upper-case hex digits.
fn new_secret(state: &mut State) -> String {
    (0..4).map(|_| format!("{:016X}", state.next_u64())).collect()
}

/// Six digits, not one a live request has.
fn new_code(state: &mut State) -> String {
    loop {
        let code = (100_000 + state.next_u64() % 900_000).to_string();
        if state.quick_connect.requests.iter().all(|r| r.code != code) {
            return code;
        }
    }
}
