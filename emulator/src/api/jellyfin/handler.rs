//! What every Jellyfin handler takes, so that a route row can name any of them: the state,
//! the request, the caller (authenticated before the handler runs, unless the row is public)
//! and the route's parameters.

use super::binding::Outcome;
use super::caller::Caller;
use crate::state::State;
use crate::wire::reply::Reply;
use crate::wire::request::Req;

/// One request on its way to its handler.
pub(crate) struct Ctx<'a> {
    pub state: &'a mut State,
    pub req: &'a Req,
    /// The authenticated caller; `None` on a public route.
    pub caller: Option<&'a Caller>,
    /// The values of the route's `{}` segments, in order.
    pub params: &'a [String],
}

impl<'a> Ctx<'a> {
    /// The caller of an authenticated route. A public route has none: a handler of one that
    /// asks is answered 401, as the server answers an anonymous call of an authorised action.
    pub fn caller(&self) -> Result<&'a Caller, Reply> {
        self.caller.ok_or_else(|| Reply::empty(401))
    }
}

/// A route's handler. `Err` and `Ok` are both sent: `Err` lets a handler answer early with `?`.
pub(crate) type Handler = fn(Ctx<'_>) -> Outcome;

/// Who may call a route.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Access {
    /// Anyone: the handler runs without authentication (login, the public system info, ping).
    Public,
    /// A valid token: 401 before the handler runs otherwise; the handler gets the caller.
    Authenticated,
}
