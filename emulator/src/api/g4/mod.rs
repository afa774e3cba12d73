//! The G4 Sessions API (specs/g4-sessions.yaml): routing, tenant and credentials, then the
//! operation. The state it works on, with its sliding TTLs, is in `state::g4`.

mod create;
mod credentials;
mod problem;
mod session;

use self::create::create;
use self::credentials::credentials;
use self::problem::bad_request;
use self::session::with_session;
use crate::state::State;
use crate::wire::reply::Reply;
use crate::wire::request::Req;

pub(crate) fn handle(state: &mut State, req: &Req) -> Reply {
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
