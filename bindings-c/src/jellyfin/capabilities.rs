//! `PostCapabilities`, `PostFullCapabilities` and `ReportViewing`: what the caller's own
//! session reports about itself.

use std::os::raw::{c_char, c_void};

use sessionlink_core::jellyfin::models::{ClientCapabilitiesDto, GeneralCommandType, MediaType};
use sessionlink_core::jellyfin::CapabilitiesQuery;

use super::sl_jellyfin_client;
use crate::error::{sl_error, Failure};
use crate::ffi::{opt_str, opt_string, opt_value, req_str, str_array, try_ref};
use crate::runner::{run, sl_done_callback, sl_op, submit, Prep};
use crate::status::sl_status;
use crate::strings::parse_body;

/// Parses each wire name of an optional list.
pub(crate) fn parse_all<T>(
    names: Option<Vec<String>>,
    parse: fn(&str) -> sessionlink_core::Result<T>,
) -> Result<Option<Vec<T>>, Failure> {
    names.map(|n| n.iter().map(|s| parse(s).map_err(Failure::from)).collect()).transpose()
}

#[allow(clippy::too_many_arguments)]
fn post_capabilities(
    client: *const sl_jellyfin_client,
    id: *const c_char,
    playable_media_types: *const *const c_char,
    playable_media_types_len: usize,
    supported_commands: *const *const c_char,
    supported_commands_len: usize,
    supports_media_control: *const bool,
    supports_persistent_identifier: *const bool,
) -> Prep<()> {
    let client = try_ref(client, "client")?;
    let types = str_array(playable_media_types, playable_media_types_len, "playable_media_types")?;
    let commands = str_array(supported_commands, supported_commands_len, "supported_commands")?;
    let query = CapabilitiesQuery {
        id: opt_string(id, "id")?,
        playable_media_types: parse_all(types, MediaType::parse)?,
        supported_commands: parse_all(commands, GeneralCommandType::parse)?,
        supports_media_control: opt_value(supports_media_control),
        supports_persistent_identifier: opt_value(supports_persistent_identifier),
    };
    Ok(client.post_capabilities(&query).prepare()?)
}

/// `POST /Sessions/Capabilities`: replaces (does not merge) a session's capabilities. All
/// parameters are optional: `id` (NULL: the caller's own session), `playable_media_types`
/// (`MediaType` names) and `supported_commands` (`GeneralCommandType` names) as arrays with
/// their lengths (NULL array with length 0: leave out), and the two flags by pointer.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_post_capabilities(
    client: *const sl_jellyfin_client,
    id: *const c_char,
    playable_media_types: *const *const c_char,
    playable_media_types_len: usize,
    supported_commands: *const *const c_char,
    supported_commands_len: usize,
    supports_media_control: *const bool,
    supports_persistent_identifier: *const bool,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared = post_capabilities(
            client,
            id,
            playable_media_types,
            playable_media_types_len,
            supported_commands,
            supported_commands_len,
            supports_media_control,
            supports_persistent_identifier,
        );
        run(prepared, ())
    })
}

/// Async `sl_jellyfin_post_capabilities`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_post_capabilities_async(
    client: *const sl_jellyfin_client,
    id: *const c_char,
    playable_media_types: *const *const c_char,
    playable_media_types_len: usize,
    supported_commands: *const *const c_char,
    supported_commands_len: usize,
    supports_media_control: *const bool,
    supports_persistent_identifier: *const bool,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared = post_capabilities(
            client,
            id,
            playable_media_types,
            playable_media_types_len,
            supported_commands,
            supported_commands_len,
            supports_media_control,
            supports_persistent_identifier,
        );
        submit(prepared, callback, user_data, op_out)
    })
}

fn post_full_capabilities(client: *const sl_jellyfin_client, id: *const c_char, json: *const c_char) -> Prep<()> {
    let client = try_ref(client, "client")?;
    // Left-out fields take the core's request defaults, so that C sends what Rust and Python
    // send for the same values.
    let defaults = ClientCapabilitiesDto::new();
    let capabilities = parse_body(json, "capabilities_json", ClientCapabilitiesDto::with_defaults_from, &defaults)?;
    Ok(client.post_full_capabilities(opt_str(id, "id")?, &capabilities).prepare()?)
}

/// `POST /Sessions/Capabilities/Full`: replaces the capabilities with a
/// `ClientCapabilitiesDto` given as JSON (PascalCase, as on the wire; unknown fields are sent
/// as given; fields left out take the defaults of `sl_jellyfin_post_capabilities`). `id` is
/// optional (NULL: the caller's own session).
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_post_full_capabilities(
    client: *const sl_jellyfin_client,
    id: *const c_char,
    capabilities_json: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(post_full_capabilities(client, id, capabilities_json), ()) })
}

/// Async `sl_jellyfin_post_full_capabilities`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_post_full_capabilities_async(
    client: *const sl_jellyfin_client,
    id: *const c_char,
    capabilities_json: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(post_full_capabilities(client, id, capabilities_json), callback, user_data, op_out) })
}

fn report_viewing(client: *const sl_jellyfin_client, session_id: *const c_char, item_id: *const c_char) -> Prep<()> {
    let client = try_ref(client, "client")?;
    Ok(client.report_viewing(opt_str(session_id, "session_id")?, req_str(item_id, "item_id")?).prepare()?)
}

/// `POST /Sessions/Viewing`: reports that a session views an item. `session_id` is optional
/// (NULL: the caller's own session); `item_id` must be a GUID.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_viewing(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    item_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(report_viewing(client, session_id, item_id), ()) })
}

/// Async `sl_jellyfin_report_viewing`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_viewing_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    item_id: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(report_viewing(client, session_id, item_id), callback, user_data, op_out) })
}
