//! The Jellyfin operations that act on a session: remote-control commands (recorded as the
//! WebSocket messages the target would receive, jellyfin-notes.md §2.2), capabilities,
//! now-viewing and guest users.

use serde_json::{json, Map, Value};

use super::enums::{self, BASE_ITEM_KIND, GENERAL_COMMAND, MEDIA_TYPE, PLAYSTATE_COMMAND, PLAY_COMMAND};
use super::http::{Reply, Req};
use super::jellyfin::{body_object, error_text, json_error, not_valid, problem, prop, required, Caller, Op};
use super::json::compact;
use super::state::{parse_guid, Capabilities, State, ZERO_GUID};

pub(crate) fn handle(state: &mut State, req: &Req, caller: &Caller, op: Op, params: &[String]) -> Reply {
    let result = match op {
        Op::Playstate => playstate(state, req, caller, params),
        Op::Play => play(state, req, caller, params),
        Op::SystemCommand | Op::GeneralCommand => general(state, caller, params),
        Op::FullGeneralCommand => full_general(state, req, caller, params),
        Op::Message => message(state, req, caller, params),
        Op::DisplayContent => display_content(state, req, caller, params),
        Op::Capabilities => capabilities(state, req, caller),
        Op::FullCapabilities => full_capabilities(state, req, caller),
        Op::Viewing => viewing(state, req, caller),
        Op::AddUser | Op::RemoveUser => guest(state, op, params),
        _ => Err(Reply::empty(404)),
    };
    result.unwrap_or_else(|reply| reply)
}

type Outcome = Result<Reply, Reply>;

fn param(params: &[String], i: usize) -> Result<&str, Reply> {
    params.get(i).map(String::as_str).ok_or_else(|| Reply::empty(404))
}

/// The target of a command: an exact (ordinal) id match, else 404.
fn target(state: &State, id: &str) -> Result<String, Reply> {
    state.session(id).map(|s| s.id.clone()).ok_or_else(|| error_text(404))
}

fn deliver(state: &mut State, id: &str, message_type: &str, data: Value) -> Outcome {
    let id = target(state, id)?;
    state.deliver(&id, message_type, data);
    Ok(Reply::empty(204))
}

fn query_number<T: std::str::FromStr>(state: &mut State, req: &Req, name: &str) -> Result<Option<T>, Reply> {
    match req.query.get(name) {
        None => Ok(None),
        Some(v) => v.trim().parse().map(Some).map_err(|_| not_valid(state, name, v)),
    }
}

fn query_bool(state: &mut State, req: &Req, name: &str, default: bool) -> Result<bool, Reply> {
    match req.query.get(name) {
        None => Ok(default),
        Some(v) if v.trim().eq_ignore_ascii_case("true") => Ok(true),
        Some(v) if v.trim().eq_ignore_ascii_case("false") => Ok(false),
        Some(v) => Err(not_valid(state, name, v)),
    }
}

fn path_enum(state: &mut State, values: &'static [&'static str], text: &str) -> Result<&'static str, Reply> {
    enums::from_text(values, text).ok_or_else(|| not_valid(state, "command", text))
}

fn playstate(state: &mut State, req: &Req, caller: &Caller, params: &[String]) -> Outcome {
    let command = path_enum(state, PLAYSTATE_COMMAND, param(params, 1)?)?;
    let seek: Option<i64> = query_number(state, req, "seekPositionTicks")?;
    // Overwritten with the caller's user when there is one; otherwise passed through as sent.
    let controlling = caller.user_id.clone().or_else(|| req.query.get("controllingUserId").map(str::to_owned));
    let data = compact(json!({"Command": command, "SeekPositionTicks": seek, "ControllingUserId": controlling}));
    deliver(state, param(params, 0)?, "Playstate", data)
}

fn play(state: &mut State, req: &Req, caller: &Caller, params: &[String]) -> Outcome {
    let command = match req.query.get("playCommand") {
        None => return Err(required(state, "playCommand")),
        Some(v) => enums::from_text(PLAY_COMMAND, v).ok_or_else(|| not_valid(state, "playCommand", v))?,
    };
    // Invalid GUIDs are dropped by the binder, without an error.
    let ids: Vec<String> = req.query.list("itemIds").iter().filter_map(|i| parse_guid(i)).collect();
    let start_ticks: Option<i64> = query_number(state, req, "startPositionTicks")?;
    let audio: Option<i32> = query_number(state, req, "audioStreamIndex")?;
    let subtitle: Option<i32> = query_number(state, req, "subtitleStreamIndex")?;
    let start_index: Option<i32> = query_number(state, req, "startIndex")?;
    let media_source = req.query.get("mediaSourceId");
    let session_id = target(state, param(params, 0)?)?;

    // Folders expand to their tracks; the library has no instant-mix engine, so a mix is the
    // same expansion. Both mix and shuffle arrive at the player as PlayNow.
    let mut items: Vec<String> = ids.iter().flat_map(|id| state.expand_for_playback(id)).collect();
    let command = match command {
        "PlayInstantMix" => "PlayNow",
        "PlayShuffle" => {
            for i in (1..items.len()).rev() {
                let j = (state.next_u64() % (i as u64 + 1)) as usize;
                items.swap(i, j);
            }
            "PlayNow"
        }
        other => other,
    };
    let data = compact(json!({
        "ItemIds": items,
        "StartPositionTicks": start_ticks,
        "PlayCommand": command,
        "ControllingUserId": caller.user_or_zero(),
        "SubtitleStreamIndex": subtitle,
        "AudioStreamIndex": audio,
        "MediaSourceId": media_source,
        "StartIndex": start_index,
    }));
    deliver(state, &session_id, "Play", data)
}

/// SendGeneralCommand and SendSystemCommand, which the server treats identically.
fn general(state: &mut State, caller: &Caller, params: &[String]) -> Outcome {
    let name = path_enum(state, GENERAL_COMMAND, param(params, 1)?)?;
    let data = json!({"Name": name, "ControllingUserId": caller.user_or_zero(), "Arguments": {}});
    deliver(state, param(params, 0)?, "GeneralCommand", data)
}

fn full_general(state: &mut State, req: &Req, caller: &Caller, params: &[String]) -> Outcome {
    let body = body_object(state, req, "command")?;
    // A missing Name keeps the enum's default value, as System.Text.Json does.
    let name = match prop(&body, "Name") {
        None => GENERAL_COMMAND[0],
        Some(v) => enums::from_json(GENERAL_COMMAND, v).ok_or_else(|| json_error(state, "Name", "command"))?,
    };
    let arguments = match body.iter().find(|(k, _)| k.eq_ignore_ascii_case("Arguments")).map(|(_, v)| v) {
        None => Some(Value::Object(Map::new())),
        Some(Value::Null) => None,
        Some(Value::Object(map)) if map.values().all(|v| v.is_string() || v.is_null()) => {
            Some(Value::Object(map.clone()))
        }
        Some(_) => return Err(json_error(state, "Arguments", "command")),
    };
    let mut data = json!({"Name": name, "ControllingUserId": caller.user_or_zero()});
    if let (Some(arguments), Some(obj)) = (arguments, data.as_object_mut()) {
        obj.insert("Arguments".into(), arguments);
    }
    deliver(state, param(params, 0)?, "GeneralCommand", data)
}

fn message(state: &mut State, req: &Req, caller: &Caller, params: &[String]) -> Outcome {
    let body = body_object(state, req, "command")?;
    let header = match prop(&body, "Header") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(json_error(state, "Header", "command")),
    };
    let text = match prop(&body, "Text") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(json_error(state, "Text", "command")),
    };
    // NumberHandling.AllowReadingFromString: "5000" is as good as 5000.
    let timeout = match prop(&body, "TimeoutMs") {
        None => None,
        Some(Value::Number(n)) => Some(n.as_i64().ok_or_else(|| json_error(state, "TimeoutMs", "command"))?),
        Some(Value::String(s)) => Some(s.trim().parse::<i64>().map_err(|_| json_error(state, "TimeoutMs", "command"))?),
        Some(_) => return Err(json_error(state, "TimeoutMs", "command")),
    };
    let Some(text) = text.filter(|t| !t.is_empty()) else {
        return Err(problem(state, &[("Text", "The Text field is required.".to_owned())]));
    };
    let header = header.filter(|h| !h.trim().is_empty()).unwrap_or_else(|| "Message from Server".to_owned());
    let mut arguments = Map::new();
    arguments.insert("Header".into(), Value::String(header));
    arguments.insert("Text".into(), Value::String(text));
    if let Some(ms) = timeout {
        arguments.insert("TimeoutMs".into(), Value::String(ms.to_string()));
    }
    let data = json!({"Name": "DisplayMessage", "ControllingUserId": caller.user_or_zero(), "Arguments": arguments});
    deliver(state, param(params, 0)?, "GeneralCommand", data)
}

fn display_content(state: &mut State, req: &Req, caller: &Caller, params: &[String]) -> Outcome {
    let mut errors: Vec<(&str, String)> = Vec::new();
    let kind = match req.query.get("itemType") {
        None => {
            errors.push(("itemType", "The itemType field is required.".into()));
            None
        }
        Some(v) => {
            let kind = enums::from_text(BASE_ITEM_KIND, v);
            if kind.is_none() {
                errors.push(("itemType", format!("The value '{v}' is not valid.")));
            }
            kind
        }
    };
    let item_id = req.query.get("itemId");
    let item_name = req.query.get("itemName");
    if item_id.is_none() {
        errors.push(("itemId", "The itemId field is required.".into()));
    }
    if item_name.is_none() {
        errors.push(("itemName", "The itemName field is required.".into()));
    }
    let (Some(kind), Some(item_id), Some(item_name), true) = (kind, item_id, item_name, errors.is_empty()) else {
        return Err(problem(state, &errors));
    };
    let data = json!({
        "Name": "DisplayContent",
        "ControllingUserId": caller.user_or_zero(),
        "Arguments": {"ItemId": item_id, "ItemName": item_name, "ItemType": kind},
    });
    deliver(state, param(params, 0)?, "GeneralCommand", data)
}

/// Replaces the session's capabilities and saves them for its device.
fn apply_capabilities(state: &mut State, session_id: &str, caps: Capabilities) -> Outcome {
    let id = target(state, session_id)?;
    if let Some(session) = state.session_mut(&id) {
        session.capabilities = caps.clone();
        let device_id = session.device_id.clone();
        state.saved_capabilities.insert(device_id, caps);
    }
    Ok(Reply::empty(204))
}

fn capabilities(state: &mut State, req: &Req, caller: &Caller) -> Outcome {
    // Unknown entries in comma lists are dropped silently.
    let known = |values: &'static [&'static str], name: &str| -> Vec<String> {
        req.query.list(name).iter().filter_map(|v| enums::from_text(values, v)).map(str::to_owned).collect()
    };
    let caps = Capabilities {
        playable_media_types: known(MEDIA_TYPE, "playableMediaTypes"),
        supported_commands: known(GENERAL_COMMAND, "supportedCommands"),
        supports_media_control: query_bool(state, req, "supportsMediaControl", false)?,
        supports_persistent_identifier: query_bool(state, req, "supportsPersistentIdentifier", true)?,
        ..Capabilities::default()
    };
    let id = req.query.get("id").unwrap_or(&caller.session_id).to_owned();
    apply_capabilities(state, &id, caps)
}

fn full_capabilities(state: &mut State, req: &Req, caller: &Caller) -> Outcome {
    let body = body_object(state, req, "capabilities")?;
    let enum_list = |state: &mut State, name: &str, values: &'static [&'static str]| -> Result<Vec<String>, Reply> {
        match prop(&body, name) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| enums::from_json(values, v).map(str::to_owned))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(|| json_error(state, name, "capabilities")),
            Some(_) => Err(json_error(state, name, "capabilities")),
        }
    };
    let boolean = |state: &mut State, name: &str, default: bool| match prop(&body, name) {
        None => Ok(default),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(json_error(state, name, "capabilities")),
    };
    let string = |state: &mut State, name: &str| match prop(&body, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(json_error(state, name, "capabilities")),
    };
    let device_profile = match prop(&body, "DeviceProfile") {
        None => None,
        Some(v @ Value::Object(_)) => Some(compact(v.clone())),
        Some(_) => return Err(json_error(state, "DeviceProfile", "capabilities")),
    };
    let caps = Capabilities {
        playable_media_types: enum_list(state, "PlayableMediaTypes", MEDIA_TYPE)?,
        supported_commands: enum_list(state, "SupportedCommands", GENERAL_COMMAND)?,
        supports_media_control: boolean(state, "SupportsMediaControl", false)?,
        supports_persistent_identifier: boolean(state, "SupportsPersistentIdentifier", true)?,
        device_profile,
        app_store_url: string(state, "AppStoreUrl")?,
        icon_url: string(state, "IconUrl")?,
    };
    let id = req.query.get("id").unwrap_or(&caller.session_id).to_owned();
    apply_capabilities(state, &id, caps)
}

/// `ReportViewing`: a non-GUID item id is a FormatException (500), an unknown item a
/// null-argument exception (400).
fn viewing(state: &mut State, req: &Req, caller: &Caller) -> Outcome {
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

/// AddUserToSession / RemoveUserFromSession.
fn guest(state: &mut State, op: Op, params: &[String]) -> Outcome {
    let raw_user = param(params, 1)?;
    let Some(user_id) = parse_guid(raw_user) else { return Err(not_valid(state, "userId", raw_user)) };
    let id = target(state, param(params, 0)?)?;
    let primary = state.session(&id).and_then(|s| s.user_id.clone()).unwrap_or_else(|| ZERO_GUID.to_owned());
    if user_id == primary {
        return Err(error_text(400));
    }
    // The server dereferences the unknown user (a null reference, so 500).
    if op == Op::AddUser && state.user(&user_id).is_none() {
        return Err(error_text(500));
    }
    if let Some(session) = state.session_mut(&id) {
        if op == Op::AddUser {
            if !session.additional_users.contains(&user_id) {
                session.additional_users.push(user_id);
            }
        } else {
            session.additional_users.retain(|u| *u != user_id);
        }
    }
    Ok(Reply::empty(204))
}
