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
mod json_body;
mod playback;
mod routes;
mod sessions;
pub(crate) mod socket;
mod viewing;

use serde_json::{json, Value};

use self::binding::Outcome;
use self::caller::authenticate;
use self::routes::{route, Op};
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
    let (op, params) = match route(&req.method, segs) {
        Ok(found) => found,
        Err(status) => return Reply::empty(status),
    };
    match op {
        Op::Login => return account::login(state, req),
        Op::PublicInfo => return account::public_info(state, req),
        Op::Ping => return Reply::json(200, &json!("Jellyfin Server")),
        _ => {}
    }
    let caller = match authenticate(state, req) {
        Ok(caller) => caller,
        Err(reply) => return reply,
    };
    let outcome: Outcome = match op {
        Op::Login | Op::PublicInfo | Op::Ping => Err(Reply::empty(404)),
        Op::Me => Ok(account::me(state, &caller)),
        Op::GetSessions => Ok(sessions::get_sessions(state, req, &caller)),
        Op::Logout => Ok(account::logout(state, &caller)),
        Op::AuthProviders | Op::PasswordResetProviders => Ok(account::providers(op, &caller)),
        Op::Playstate => commands::playstate(state, req, &caller, &params),
        Op::Play => commands::play(state, req, &caller, &params),
        Op::SystemCommand | Op::GeneralCommand => commands::general(state, &caller, &params),
        Op::FullGeneralCommand => commands::full_general(state, req, &caller, &params),
        Op::Message => commands::message(state, req, &caller, &params),
        Op::DisplayContent => commands::display_content(state, req, &caller, &params),
        Op::Capabilities => capabilities::capabilities(state, req, &caller),
        Op::FullCapabilities => capabilities::full_capabilities(state, req, &caller),
        Op::Viewing => viewing::viewing(state, req, &caller),
        Op::AddUser => guests::guest(state, true, &params),
        Op::RemoveUser => guests::guest(state, false, &params),
        Op::PlaybackStart => playback::start(state, req, &caller),
        Op::PlaybackProgress => playback::progress(state, req, &caller),
        Op::PlaybackStopped => playback::stopped(state, req, &caller),
        Op::PlaybackPing => playback::ping(state, req),
    };
    outcome.unwrap_or_else(|reply| reply)
}
