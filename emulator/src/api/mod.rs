//! The two APIs, as pure functions from the state and a request to a response. Nothing here
//! knows about connections, faults or recording; the session WebSocket's protocol is here
//! too ([`socket`]), as functions of the state and each frame.

mod g4;
mod jellyfin;

pub(crate) use self::jellyfin::{quick_connect, socket};

use crate::state::State;
use crate::types::exchange::Api;
use crate::wire::reply::Reply;
use crate::wire::request::Req;

/// Applies the request to the state and answers it.
pub(crate) fn handle(state: &mut State, api: Api, req: &Req) -> Reply {
    let reply = match api {
        Api::G4 => g4::handle(state, req),
        Api::Jellyfin => jellyfin::handle(state, req),
    };
    // The `Sessions` pushes the request's session events call for.
    socket::flush(state);
    reply
}
