//! `GET /Sessions`: the sessions the caller may see, filtered as the server filters them.

use std::time::{Duration, SystemTime};

use serde_json::Value;

use super::binding::{not_valid, Outcome};
use super::handler::Ctx;
use crate::render::session::session_dto;
use crate::state::session::Session;
use crate::text::ids::{parse_guid, ZERO_GUID};
use crate::wire::reply::Reply;

pub(crate) fn get_sessions(c: Ctx<'_>) -> Outcome {
    let (caller, state, req) = (c.caller()?, c.state, c.req);
    let controllable = match req.query.get("controllableByUserId") {
        None => None,
        Some(v) => match parse_guid(v) {
            Some(id) => Some(id),
            None => return Err(not_valid(state, "controllableByUserId", v)),
        },
    };
    let active = match req.query.get("activeWithinSeconds") {
        None => None,
        Some(v) => match v.trim().parse::<i32>() {
            Ok(n) => Some(n),
            Err(_) => return Err(not_valid(state, "activeWithinSeconds", v)),
        },
    };
    let caller_user = caller.user_or_zero();
    // RequestHelpers.GetUserId: an empty id means the caller; another user needs admin.
    let controllable = controllable.map(|id| if id == ZERO_GUID { caller_user.clone() } else { id });
    if let Some(id) = &controllable {
        if *id != caller_user && !caller.admin {
            return Err(Reply::empty(403));
        }
    }
    let can_control_others = caller.admin;
    let has_user =
        |s: &Session, user: &str| s.user_id.as_deref() == Some(user) || s.additional_users.iter().any(|u| u == user);
    let userless = |s: &Session| s.user_id.is_none();

    let mut list: Vec<&Session> = state.sessions.iter().collect();
    if let Some(device_id) = req.query.get("deviceId") {
        let lower = device_id.to_lowercase();
        list.retain(|s| s.device_id.to_lowercase() == lower);
    }
    match controllable.filter(|id| id != ZERO_GUID) {
        Some(target) => {
            // SupportsRemoteControl: the capability, and a socket to send commands on.
            list.retain(|s| s.capabilities.supports_media_control && state.is_connected(&s.id));
            if state.user(&target).is_none() {
                list.clear();
            }
            // Every user here has EnableSharedDeviceControl, so userless sessions stay.
            if !can_control_others {
                list.retain(|s| userless(s) || has_user(s, &caller_user));
            }
        }
        None if !caller.admin => list.retain(|s| userless(s) || has_user(s, &caller_user)),
        None => {}
    }
    if let Some(seconds) = active.filter(|n| *n > 0) {
        let min = SystemTime::now().checked_sub(Duration::from_secs(seconds.unsigned_abs().into()));
        if let Some(min) = min {
            list.retain(|s| s.last_activity >= min);
        }
    }
    let dtos: Vec<Value> = list.into_iter().map(|s| session_dto(state, s)).collect();
    Ok(Reply::json(200, &Value::Array(dtos)))
}
