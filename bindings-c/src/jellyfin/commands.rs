//! Remote-control commands: general, system, full general and message commands, and
//! `DisplayContent`.

use std::collections::BTreeMap;
use std::os::raw::{c_char, c_void};

use sessionlink_core::jellyfin::models::{BaseItemKind, GeneralCommand, GeneralCommandType, MessageCommand};
use sessionlink_core::jellyfin::JellyfinClient;
use sessionlink_core::Call;

use super::sl_jellyfin_client;
use crate::error::sl_error;
use crate::ffi::{opt_string, opt_value, req_str, str_array, try_ref};
use crate::runner::{run, sl_done_callback, sl_op, submit, Prep};
use crate::status::sl_status;

/// The general and the system command take the same arguments; `send` is the core method.
fn session_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    send: fn(&JellyfinClient, &str, GeneralCommandType) -> Call<()>,
) -> Prep<()> {
    let client = try_ref(client, "client")?;
    let command = GeneralCommandType::parse(req_str(command, "command")?)?;
    Ok(send(client, req_str(session_id, "session_id")?, command).prepare()?)
}

/// `POST /Sessions/{sessionId}/Command/{command}`: a command without arguments. `command` is
/// a `GeneralCommandType` name (for example `"GoHome"`, `"ToggleMute"`, `"DisplayMessage"`).
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_general_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(session_command(client, session_id, command, JellyfinClient::send_general_command), ()) })
}

/// Async `sl_jellyfin_send_general_command`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_general_command_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared = session_command(client, session_id, command, JellyfinClient::send_general_command);
        submit(prepared, callback, user_data, op_out)
    })
}

/// `POST /Sessions/{sessionId}/System/{command}`: as `sl_jellyfin_send_general_command` (the
/// server treats both alike).
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_system_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(session_command(client, session_id, command, JellyfinClient::send_system_command), ()) })
}

/// Async `sl_jellyfin_send_system_command`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_system_command_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared = session_command(client, session_id, command, JellyfinClient::send_system_command);
        submit(prepared, callback, user_data, op_out)
    })
}

fn send_full_general_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    argument_names: *const *const c_char,
    argument_values: *const *const c_char,
    arguments_len: usize,
) -> Prep<()> {
    let client = try_ref(client, "client")?;
    let session_id = req_str(session_id, "session_id")?;
    let name = GeneralCommandType::parse(req_str(command, "command")?)?;
    let names = str_array(argument_names, arguments_len, "argument_names")?.unwrap_or_default();
    let values = str_array(argument_values, arguments_len, "argument_values")?.unwrap_or_default();
    let arguments: BTreeMap<String, Option<String>> = names.into_iter().zip(values.into_iter().map(Some)).collect();
    let command = GeneralCommand { name, arguments, ..Default::default() };
    Ok(client.send_full_general_command(session_id, &command).prepare()?)
}

/// `POST /Sessions/{sessionId}/Command`: a command with string arguments, for example
/// `"SetVolume"` with names `{"Volume"}` and values `{"50"}`. `argument_names` and
/// `argument_values` are parallel arrays of `arguments_len` strings (both may be NULL when
/// `arguments_len` is 0).
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_full_general_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    argument_names: *const *const c_char,
    argument_values: *const *const c_char,
    arguments_len: usize,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared =
            send_full_general_command(client, session_id, command, argument_names, argument_values, arguments_len);
        run(prepared, ())
    })
}

/// Async `sl_jellyfin_send_full_general_command`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_full_general_command_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    argument_names: *const *const c_char,
    argument_values: *const *const c_char,
    arguments_len: usize,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared =
            send_full_general_command(client, session_id, command, argument_names, argument_values, arguments_len);
        submit(prepared, callback, user_data, op_out)
    })
}

fn send_message_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    header: *const c_char,
    text: *const c_char,
    timeout_ms: *const i64,
) -> Prep<()> {
    let client = try_ref(client, "client")?;
    let session_id = req_str(session_id, "session_id")?;
    let message = MessageCommand {
        header: opt_string(header, "header")?,
        text: req_str(text, "text")?.to_owned(),
        timeout_ms: opt_value(timeout_ms),
        ..Default::default()
    };
    Ok(client.send_message_command(session_id, &message).prepare()?)
}

/// `POST /Sessions/{sessionId}/Message`: shows a message on the session. `text` must not be
/// empty; `header` and `timeout_ms` are optional.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_message_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    header: *const c_char,
    text: *const c_char,
    timeout_ms: *const i64,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(send_message_command(client, session_id, header, text, timeout_ms), ()) })
}

/// Async `sl_jellyfin_send_message_command`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_message_command_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    header: *const c_char,
    text: *const c_char,
    timeout_ms: *const i64,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        submit(send_message_command(client, session_id, header, text, timeout_ms), callback, user_data, op_out)
    })
}

fn display_content(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    item_type: *const c_char,
    item_id: *const c_char,
    item_name: *const c_char,
) -> Prep<()> {
    let client = try_ref(client, "client")?;
    let session_id = req_str(session_id, "session_id")?;
    let item_type = BaseItemKind::parse(req_str(item_type, "item_type")?)?;
    let (item_id, item_name) = (req_str(item_id, "item_id")?, req_str(item_name, "item_name")?);
    Ok(client.display_content(session_id, item_type, item_id, item_name).prepare()?)
}

/// `POST /Sessions/{sessionId}/Viewing`: tells the session's UI to browse to an item.
/// `item_type` is a `BaseItemKind` name (for example `"Movie"`); all parameters required.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_display_content(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    item_type: *const c_char,
    item_id: *const c_char,
    item_name: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(display_content(client, session_id, item_type, item_id, item_name), ()) })
}

/// Async `sl_jellyfin_display_content`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_display_content_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    item_type: *const c_char,
    item_id: *const c_char,
    item_name: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        submit(display_content(client, session_id, item_type, item_id, item_name), callback, user_data, op_out)
    })
}
