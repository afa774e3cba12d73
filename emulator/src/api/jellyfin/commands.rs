//! The remote-control commands, recorded as the WebSocket messages the target would receive
//! (jellyfin-notes.md §2.2).

use serde_json::{json, Map, Value};

use super::binding::{
    body_object, json_error, json_string, not_valid, param, problem, prop, query_number, required, target, Outcome,
};
use super::enums::{self, BASE_ITEM_KIND, GENERAL_COMMAND, PLAYSTATE_COMMAND, PLAY_COMMAND};
use super::handler::Ctx;
use crate::render::case::compact;
use crate::state::State;
use crate::text::ids::parse_guid;
use crate::wire::reply::Reply;

fn deliver(state: &mut State, id: &str, message_type: &str, data: Value) -> Outcome {
    let id = target(state, id)?;
    state.deliver(&id, message_type, data);
    Ok(Reply::empty(204))
}

fn path_enum(state: &mut State, values: &'static [&'static str], text: &str) -> Result<&'static str, Reply> {
    enums::from_text(values, text).ok_or_else(|| not_valid(state, "command", text))
}

pub(crate) fn playstate(c: Ctx<'_>) -> Outcome {
    let caller = c.caller()?;
    let Ctx { state, req, params, .. } = c;
    let command = path_enum(state, PLAYSTATE_COMMAND, param(params, 1)?)?;
    let seek: Option<i64> = query_number(state, req, "seekPositionTicks")?;
    // Overwritten with the caller's user when there is one; otherwise passed through as sent.
    let controlling = caller.user_id.clone().or_else(|| req.query.get("controllingUserId").map(str::to_owned));
    let data = compact(json!({"Command": command, "SeekPositionTicks": seek, "ControllingUserId": controlling}));
    deliver(state, param(params, 0)?, "Playstate", data)
}

pub(crate) fn play(c: Ctx<'_>) -> Outcome {
    let caller = c.caller()?;
    let Ctx { state, req, params, .. } = c;
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
pub(crate) fn general(c: Ctx<'_>) -> Outcome {
    let caller = c.caller()?;
    let Ctx { state, params, .. } = c;
    let name = path_enum(state, GENERAL_COMMAND, param(params, 1)?)?;
    let data = json!({"Name": name, "ControllingUserId": caller.user_or_zero(), "Arguments": {}});
    deliver(state, param(params, 0)?, "GeneralCommand", data)
}

pub(crate) fn full_general(c: Ctx<'_>) -> Outcome {
    let caller = c.caller()?;
    let Ctx { state, req, params, .. } = c;
    let body = body_object(state, req, "command")?;
    // A missing Name keeps the enum's default value, as System.Text.Json does.
    let name = match prop(&body, "Name") {
        None => GENERAL_COMMAND[0],
        Some(v) => enums::from_json(GENERAL_COMMAND, v).ok_or_else(|| json_error(state, "Name", "command"))?,
    };
    let arguments = match body.iter().find(|(k, _)| k.eq_ignore_ascii_case("Arguments")).map(|(_, v)| v) {
        None => Some(Value::Object(Map::new())),
        Some(Value::Null) => None,
        // Dictionary<string, string>: each value through JsonStringConverter (`50` is "50").
        Some(Value::Object(map)) if map.values().all(|v| v.is_null() || json_string(v).is_some()) => {
            Some(Value::Object(
                map.iter().map(|(k, v)| (k.clone(), json_string(v).map_or(Value::Null, Value::String))).collect(),
            ))
        }
        Some(_) => return Err(json_error(state, "Arguments", "command")),
    };
    let mut data = json!({"Name": name, "ControllingUserId": caller.user_or_zero()});
    if let (Some(arguments), Some(obj)) = (arguments, data.as_object_mut()) {
        obj.insert("Arguments".into(), arguments);
    }
    deliver(state, param(params, 0)?, "GeneralCommand", data)
}

pub(crate) fn message(c: Ctx<'_>) -> Outcome {
    let caller = c.caller()?;
    let Ctx { state, req, params, .. } = c;
    let body = body_object(state, req, "command")?;
    let header = match prop(&body, "Header") {
        None => None,
        Some(v) => Some(json_string(v).ok_or_else(|| json_error(state, "Header", "command"))?),
    };
    let text = match prop(&body, "Text") {
        None => None,
        Some(v) => Some(json_string(v).ok_or_else(|| json_error(state, "Text", "command"))?),
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

pub(crate) fn display_content(c: Ctx<'_>) -> Outcome {
    let caller = c.caller()?;
    let Ctx { state, req, params, .. } = c;
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
