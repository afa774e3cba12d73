//! The Jellyfin side: routing, then authentication, then the operation.
//!
//! Order of checks follows ASP.NET Core: route (404/405), then authentication and policy
//! (401/403, empty bodies), then model binding (400 ProblemDetails), then the action.

mod account;
mod authorization;
mod binding;
mod caller;
mod capabilities;
mod commands;
mod enums;
mod guests;
mod handler;
mod json_body;
mod playback;
pub(crate) mod quick_connect;
mod routes;
mod sessions;
pub(crate) mod socket;
mod viewing;

use serde_json::Value;

use self::caller::authenticate;
use self::handler::{Access, Ctx};
use self::routes::route;
use crate::render::case::camel_case;
use crate::state::State;
use crate::wire::reply::Reply;
use crate::wire::request::Req;

pub(crate) fn handle(state: &mut State, req: &Req) -> Reply {
    let reply = dispatch(state, req);
    let camel = req.header("accept").is_some_and(|a| a.to_ascii_lowercase().contains("profile=\"camelcase\""));
    if camel && reply.status == 200 {
        if let Ok(value) = serde_json::from_slice::<Value>(&reply.body) {
            return Reply::json(200, &camel_case(value));
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
    let ((_, _, access, handler), params) = match route(&req.method, segs) {
        Ok(found) => found,
        Err(status) => return Reply::empty(status),
    };
    let caller = match access {
        Access::Public => None,
        Access::Authenticated => match authenticate(state, req) {
            Ok(caller) => Some(caller),
            Err(reply) => return reply,
        },
    };
    let ctx = Ctx { state, req, caller: caller.as_ref(), params: &params };
    handler(ctx).unwrap_or_else(|reply| reply)
}
