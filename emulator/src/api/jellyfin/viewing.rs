//! `POST /Sessions/Viewing`: what a session shows (its `NowViewingItem`).

use super::binding::{error_text, required, target, Outcome};
use super::handler::Ctx;
use crate::text::ids::parse_guid;
use crate::wire::reply::Reply;

/// `ReportViewing`: a non-GUID item id is a FormatException (500), an unknown item a
/// null-argument exception (400).
pub(crate) fn viewing(c: Ctx<'_>) -> Outcome {
    let (caller, state, req) = (c.caller()?, c.state, c.req);
    let Some(item_id) = req.query.get("itemId") else { return Err(required(state, "itemId")) };
    let Some(item_id) = parse_guid(item_id) else { return Err(error_text(500)) };
    let session_id = req.query.get("sessionId").unwrap_or(&caller.session_id).to_owned();
    let id = target(state, &session_id)?;
    if state.item(&item_id).is_none() {
        return Err(error_text(400));
    }
    if let Some(session) = state.session_mut(&id) {
        session.now_viewing = Some(item_id);
    }
    Ok(Reply::empty(204))
}
