//! The G4 Sessions API (specs/g4-sessions.yaml): tenant-scoped sessions with a data document
//! and a sliding time-to-live, checked lazily against `Instant` deadlines that the control
//! API can move (so tests never sleep).
//!
//! Bearer tokens are credentials in their own right: once issued (a session id, or a rotated
//! token) a token keeps authenticating in its tenant even after its session expired. That is
//! what lets a client see G4's "204 = no such session" for an expired session rather than a
//! 401, which is how the public clients of the API observe expiry.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

use super::http::{Reply, Req, JSON};

/// The service's default TTL, in seconds, when the request names none.
const DEFAULT_TIMEOUT_SECS: u64 = 1200;
const API_VERSION: &str = "1.0";

#[derive(Default)]
pub(crate) struct G4State {
    pub tenants: HashMap<String, Tenant>,
    pub rotation: bool,
    counter: u64,
}

#[derive(Default)]
pub(crate) struct Tenant {
    users: Vec<G4User>,
    api_keys: Vec<String>,
    sessions: HashMap<String, G4Session>,
    /// Every bearer ever issued, to the session it names.
    bearers: HashMap<String, String>,
}

struct G4User {
    username: String,
    password: String,
    user_id: i32,
    access_allowed: bool,
}

struct G4Session {
    user_id: i32,
    data: Value,
    ttl: Duration,
    deadline: Instant,
    /// The latest bearer issued for this session.
    bearer: String,
}

enum Credentials {
    ApiKey,
    Bearer(String),
}

impl Tenant {
    /// The live session, dropping it if its deadline has passed.
    fn live(&mut self, id: &str) -> Option<&mut G4Session> {
        if self.sessions.get(id).is_some_and(|s| s.deadline <= Instant::now()) {
            self.sessions.remove(id);
        }
        self.sessions.get_mut(id)
    }
}

impl G4State {
    pub fn add_tenant(&mut self, tenant: &str) {
        self.tenants.entry(tenant.to_owned()).or_default();
    }

    pub fn add_user(&mut self, tenant: &str, username: &str, password: &str, user_id: i32, access_allowed: bool) {
        self.tenants.entry(tenant.to_owned()).or_default().users.push(G4User {
            username: username.to_owned(),
            password: password.to_owned(),
            user_id,
            access_allowed,
        });
    }

    pub fn add_api_key(&mut self, tenant: &str, key: &str) {
        self.tenants.entry(tenant.to_owned()).or_default().api_keys.push(key.to_owned());
    }

    pub fn ttl_remaining(&mut self, tenant: &str, id: &str) -> Option<Duration> {
        let session = self.tenants.get_mut(tenant)?.live(id)?;
        Some(session.deadline.saturating_duration_since(Instant::now()))
    }

    pub fn set_ttl_remaining(&mut self, tenant: &str, id: &str, remaining: Duration) -> bool {
        match self.tenants.get_mut(tenant).and_then(|t| t.live(id)) {
            Some(session) => {
                session.deadline = deadline_after(remaining);
                true
            }
            None => false,
        }
    }

    pub fn expire(&mut self, tenant: &str, id: &str) -> bool {
        match self.tenants.get_mut(tenant) {
            Some(t) => t.live(id).is_some() && t.sessions.remove(id).is_some(),
            None => false,
        }
    }

    /// Session ids and bearers: unique, opaque, 32 hex characters.
    fn new_token(&mut self, rng: u64) -> String {
        self.counter += 1;
        super::state::md5_hex(&format!("g4/{rng}/{}", self.counter))
    }
}

/// `now + ttl`, saturating: a test may ask for `Duration::MAX`.
fn deadline_after(ttl: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(ttl).or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400))).unwrap_or(now)
}

/// 400 with a ProblemDetails body; `x-g4-error` tells clients the body is ProblemDetails.
fn bad_request(detail: &str) -> Reply {
    let body = json!({
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        "title": "Bad Request",
        "status": 400,
        "detail": detail,
    });
    Reply::json(400, &body).header("x-g4-error", detail)
}

pub(crate) fn handle(state: &mut super::state::State, req: &Req) -> Reply {
    let segs: Vec<&str> = req.segments.iter().map(String::as_str).collect();
    let (op, id) = match (req.method.as_str(), segs.as_slice()) {
        ("POST", ["session"]) => ("create", None),
        ("GET", ["session", id]) => ("get", Some(*id)),
        ("PUT", ["session", id]) => ("put", Some(*id)),
        ("DELETE", ["session", id]) => ("delete", Some(*id)),
        ("GET", ["static-session", id]) => ("static", Some(*id)),
        (_, ["session"] | ["session", _] | ["static-session", _]) => return Reply::empty(405),
        _ => return Reply::empty(404),
    };
    if id.is_some_and(str::is_empty) {
        return Reply::empty(404);
    }
    let tenant_name = req.header("x-g4-tenant").unwrap_or("").trim().to_owned();
    if tenant_name.is_empty() {
        return bad_request("The x-g4-tenant header is required.");
    }
    let rng = state.next_u64();
    let g4 = &mut state.g4;
    if !g4.tenants.contains_key(&tenant_name) {
        return bad_request("Unknown tenant.");
    }
    match (op, id) {
        ("create", _) => create(g4, &tenant_name, req, rng),
        (op, Some(id)) => {
            let credentials = match credentials(g4, &tenant_name, req) {
                Some(c) => c,
                None => return Reply::empty(401),
            };
            with_session(g4, &tenant_name, op, id, credentials, req, rng)
        }
        _ => Reply::empty(404),
    }
}

/// `Authorization: bearer <token>` or `apikey <key>`, scheme in any case.
fn credentials(g4: &G4State, tenant: &str, req: &Req) -> Option<Credentials> {
    let t = g4.tenants.get(tenant)?;
    let (scheme, value) = req.header("authorization")?.trim().split_once(' ')?;
    let value = value.trim();
    if scheme.eq_ignore_ascii_case("bearer") && t.bearers.contains_key(value) {
        Some(Credentials::Bearer(value.to_owned()))
    } else if scheme.eq_ignore_ascii_case("apikey") && t.api_keys.iter().any(|k| k == value) {
        Some(Credentials::ApiKey)
    } else {
        None
    }
}

fn create(g4: &mut G4State, tenant_name: &str, req: &Req, rng: u64) -> Reply {
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

fn with_session(
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
