//! `POST /session`: logging in, which creates a session with its TTL and first bearer.

use std::time::Duration;

use serde_json::{json, Map, Value};

use super::problem::bad_request;
use crate::state::g4::{deadline_after, G4Session, G4State, G4User};
use crate::wire::reply::Reply;
use crate::wire::request::Req;

/// The service's default TTL, in seconds, when the request names none.
const DEFAULT_TIMEOUT_SECS: u64 = 1200;
const API_VERSION: &str = "1.0";

pub(crate) fn create(g4: &mut G4State, tenant_name: &str, req: &Req, rng: u64) -> Reply {
    if !req.has_json_body_type() {
        return Reply::empty(415);
    }
    let body: Map<String, Value> = match serde_json::from_slice(&req.body) {
        Ok(Value::Object(map)) => map,
        _ => return bad_request("The request body must be a JSON object."),
    };
    let field = |name: &str| body.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v);
    let (Some(Value::String(username)), Some(Value::String(password))) = (field("username"), field("password")) else {
        return bad_request("username and password are required.");
    };
    let timeout = match field("timeout") {
        None | Some(Value::Null) => DEFAULT_TIMEOUT_SECS,
        Some(Value::Number(n)) => match n.as_i64().and_then(|n| i32::try_from(n).ok()) {
            Some(n) if n > 0 => n.unsigned_abs().into(),
            Some(_) => DEFAULT_TIMEOUT_SECS,
            None => return bad_request("timeout must be a 32-bit integer."),
        },
        Some(_) => return bad_request("timeout must be a 32-bit integer."),
    };
    let data = field("data").cloned().unwrap_or(Value::Null);

    let Some(tenant) = g4.tenants.get(tenant_name) else { return bad_request("Unknown tenant.") };
    let user = tenant.users.iter().find(|u| u.username.eq_ignore_ascii_case(username));
    let Some(user) = user.filter(|u| u.password == *password) else {
        return outcome(false, false, None, None);
    };
    if !user.access_allowed {
        return outcome(true, false, Some(user), None);
    }
    let (user_id, name) = (user.user_id, user.username.clone());
    let id = g4.new_token(rng);
    let ttl = Duration::from_secs(timeout);
    let Some(tenant) = g4.tenants.get_mut(tenant_name) else { return bad_request("Unknown tenant.") };
    tenant.bearers.insert(id.clone(), id.clone());
    tenant
        .sessions
        .insert(id.clone(), G4Session { user_id, data, ttl, deadline: deadline_after(ttl), bearer: id.clone() });
    let user = G4User { username: name, password: String::new(), user_id, access_allowed: true };
    outcome(true, true, Some(&user), Some(&id)).header("x-g4-bearer", id)
}

/// An `AuthenticatedSessionResponse`.
fn outcome(valid: bool, allowed: bool, user: Option<&G4User>, session_id: Option<&str>) -> Reply {
    let local = user.and_then(|u| u.username.split('@').next()).map(str::to_owned);
    let body = json!({
        "validCredentials": valid,
        "accessAllowed": allowed,
        "sessionId": session_id,
        "userId": user.map(|u| u.user_id),
        "username": user.map(|u| u.username.clone()),
        "fullname": local,
        "email": user.map(|u| u.username.clone()).filter(|u| u.contains('@')),
        "bearer": session_id,
        "claims": if session_id.is_some() { json!([]) } else { Value::Null },
        "roles": if session_id.is_some() { json!(["user"]) } else { Value::Null },
        "profiles": if session_id.is_some() { json!([]) } else { Value::Null },
        "version": API_VERSION,
    });
    Reply::json(200, &body)
}
