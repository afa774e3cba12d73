//! `POST|DELETE /Sessions/{id}/User/{userId}`: the additional users of a session.

use super::binding::{error_text, not_valid, param, target, Outcome};
use super::handler::Ctx;
use crate::state::State;
use crate::text::ids::{parse_guid, ZERO_GUID};
use crate::wire::reply::Reply;

/// AddUserToSession.
pub(crate) fn add_user(c: Ctx<'_>) -> Outcome {
    guest(c.state, true, c.params)
}

/// RemoveUserFromSession.
pub(crate) fn remove_user(c: Ctx<'_>) -> Outcome {
    guest(c.state, false, c.params)
}

fn guest(state: &mut State, add: bool, params: &[String]) -> Outcome {
    let raw_user = param(params, 1)?;
    let Some(user_id) = parse_guid(raw_user) else { return Err(not_valid(state, "userId", raw_user)) };
    let id = target(state, param(params, 0)?)?;
    let primary = state.session(&id).and_then(|s| s.user_id.clone()).unwrap_or_else(|| ZERO_GUID.to_owned());
    if user_id == primary {
        return Err(error_text(400));
    }
    // The server dereferences the unknown user (a null reference, so 500).
    if add && state.user(&user_id).is_none() {
        return Err(error_text(500));
    }
    if let Some(session) = state.session_mut(&id) {
        if add {
            if !session.additional_users.contains(&user_id) {
                session.additional_users.push(user_id);
            }
        } else {
            session.additional_users.retain(|u| *u != user_id);
        }
    }
    Ok(Reply::empty(204))
}
