//! The operations on one session: get (sliding its TTL or not), update its data, delete.

use serde_json::{json, Value};

use super::credentials::Credentials;
use super::problem::bad_request;
use crate::state::g4::{deadline_after, G4State};
use crate::wire::reply::{Reply, JSON};
use crate::wire::request::Req;

pub(crate) fn with_session(
    g4: &mut G4State,
    tenant_name: &str,
    op: &str,
    id: &str,
    credentials: Credentials,
    req: &Req,
    rng: u64,
) -> Reply {
    // Parse before touching anything: a malformed update changes nothing.
    let new_data = if op == "put" {
        if req.body.iter().all(u8::is_ascii_whitespace) {
            Some(Value::Null)
        } else if !req.has_json_body_type() {
            return Reply::empty(415);
        } else {
            match serde_json::from_slice::<Value>(&req.body) {
                Ok(v) => Some(v),
                Err(_) => return bad_request("The request body is not valid JSON."),
            }
        }
    } else {
        None
    };
    let rotated = match (&credentials, g4.rotation) {
        (Credentials::Bearer(_), true) => Some(g4.new_token(rng)),
        _ => None,
    };
    let Some(tenant) = g4.tenants.get_mut(tenant_name) else { return Reply::empty(401) };
    if tenant.live(id).is_none() {
        return Reply::empty(204);
    }
    // The bearer that authenticated this call, or its replacement when rotation is on.
    let answer_bearer = match (&credentials, rotated) {
        (Credentials::Bearer(_), Some(new)) => {
            let named = match &credentials {
                Credentials::Bearer(old) => tenant.bearers.get(old).cloned().unwrap_or_default(),
                Credentials::ApiKey => String::new(),
            };
            tenant.bearers.insert(new.clone(), named.clone());
            if let Some(s) = tenant.live(&named) {
                s.bearer = new.clone();
            }
            Some(new)
        }
        (Credentials::Bearer(current), None) => Some(current.clone()),
        (Credentials::ApiKey, _) => None,
    };
    let reply = match op {
        "delete" => {
            tenant.sessions.remove(id);
            Reply::empty(200)
        }
        _ => {
            let Some(session) = tenant.live(id) else { return Reply::empty(204) };
            if op != "static" {
                session.deadline = deadline_after(session.ttl);
            }
            if let Some(data) = new_data {
                session.data = data;
                Reply::empty(200)
            } else {
                let body = json!({"bearer": session.bearer, "userId": session.user_id, "data": session.data});
                Reply::with_body(200, JSON, body.to_string())
            }
        }
    };
    match answer_bearer {
        Some(bearer) => reply.header("x-g4-bearer", bearer),
        None => reply,
    }
}
