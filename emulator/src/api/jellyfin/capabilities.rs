//! `POST /Sessions/Capabilities` and `/Sessions/Capabilities/Full`: what a session says it
//! can do, saved per device and re-applied to the device's next session.

use serde_json::Value;

use super::binding::{body_object, json_error, json_string, prop, query_bool, target, Outcome};
use super::enums::{self, GENERAL_COMMAND, MEDIA_TYPE};
use super::handler::Ctx;
use crate::render::case::compact;
use crate::state::session::Capabilities;
use crate::state::State;
use crate::wire::reply::Reply;

/// Replaces the session's capabilities and saves them for its device.
fn apply_capabilities(state: &mut State, session_id: &str, caps: Capabilities) -> Outcome {
    let id = target(state, session_id)?;
    if let Some(session) = state.session_mut(&id) {
        session.capabilities = caps.clone();
        let device_id = session.device_id.clone();
        state.saved_capabilities.insert(device_id, caps);
        state.session_event(true);
    }
    Ok(Reply::empty(204))
}

pub(crate) fn capabilities(c: Ctx<'_>) -> Outcome {
    let (caller, state, req) = (c.caller()?, c.state, c.req);
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

pub(crate) fn full_capabilities(c: Ctx<'_>) -> Outcome {
    let (caller, state, req) = (c.caller()?, c.state, c.req);
    let body = body_object(state, req, "capabilities")?;
    let enum_list = |state: &mut State, name: &str, values: &'static [&'static str]| -> Result<Vec<String>, Reply> {
        match prop(&body, name) {
            None => Ok(Vec::new()),
            // Both lists carry JsonCommaDelimitedCollectionConverterFactory
            // (MediaBrowser.Model/Dto/ClientCapabilitiesDto.cs): a string is split at commas,
            // empty entries dropped, each trimmed and parsed like a query value, and entries
            // that do not parse are skipped (JsonDelimitedCollectionConverter.Read). Clients
            // such as jellyfin-mpv-shim send `"Audio,Video"`.
            Some(Value::String(list)) => {
                Ok(list.split(',').filter_map(|entry| enums::from_text(values, entry)).map(str::to_owned).collect())
            }
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
        Some(v) => json_string(v).map(Some).ok_or_else(|| json_error(state, name, "capabilities")),
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
