//! The two APIs, as pure functions from the state and a request to a response. Nothing here
//! knows about connections, faults or recording.

mod g4;
mod jellyfin;

use crate::state::State;
use crate::types::exchange::Api;
use crate::wire::reply::Reply;
use crate::wire::request::Req;

/// Applies the request to the state and answers it.
pub(crate) fn handle(state: &mut State, api: Api, req: &Req) -> Reply {
    match api {
        Api::G4 => g4::handle(state, req),
        Api::Jellyfin => jellyfin::handle(state, req),
    }
}
