//! The Jellyfin operations, each as a blocking call and as an `_async` call.
//!
//! Conventions for every function here:
//! - `client` is borrowed for the call; one client may be used from many threads at once.
//! - String arguments are borrowed for the call (copied before it returns) and must be UTF-8;
//!   NULL is allowed only where a parameter is documented as optional.
//! - Enum parameters are the contract's wire names as strings (`"Pause"`, `"PlayNow"`,
//!   `"DisplayMessage"`, `"Episode"`); an unknown name fails with
//!   `SL_STATUS_INVALID_ARGUMENT` and a message listing the allowed ones.
//! - Optional numbers are passed by pointer; NULL means "leave it out of the request".
//! - Blocking calls return `SL_STATUS_WOULD_DEADLOCK` when made on a library thread (inside a
//!   callback). On failure `*err`, when `err` is not NULL, receives an error the caller frees
//!   with `sl_error_free`; out parameters are written only on `SL_STATUS_OK`.
//! - `_async` calls return argument errors directly (and then never call the callback);
//!   otherwise they return `SL_STATUS_OK` and the callback runs exactly once on a library
//!   thread, never inside the call. `user_data` is passed back untouched. When `op_out` is
//!   not NULL it receives a handle the caller frees with `sl_op_free`.

use std::collections::BTreeMap;
use std::future::Future;
use std::os::raw::{c_char, c_void};

use sessionlink_core::jellyfin::models::{
    AuthenticationResult, BaseItemKind, ClientCapabilitiesDto, GeneralCommand, GeneralCommandType, MediaType,
    MessageCommand, NameIdPair, PlayCommand, PlaystateCommand, SessionInfoDto,
};
use sessionlink_core::jellyfin::{CapabilitiesQuery, GetSessionsQuery, PlayOptions};
use sessionlink_core::runtime::block_on;

use crate::async_op::{deliver_done, deliver_result, required, sl_done_callback, sl_op, submit};
use crate::error::{sl_error, Failure};
use crate::jellyfin_client::{client, sl_jellyfin_client};
use crate::jellyfin_results::{sl_auth_result, sl_name_id_list, sl_session_list};
use crate::status::sl_status;
use crate::strings::{opt_str, out_ptr, parse_json, req_str, str_array};

/// Receives the result of `sl_jellyfin_get_sessions_async`. On `SL_STATUS_OK`, `result` is a
/// new list the callback owns (free it with `sl_session_list_free`) and `error` is NULL;
/// otherwise `result` is NULL and `error` is borrowed for the duration of the callback.
pub type sl_session_list_callback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        status: sl_status,
        result: *mut sl_session_list,
        error: *const sl_error,
    ),
>;

/// Receives the result of `sl_jellyfin_authenticate_by_name_async`. On `SL_STATUS_OK`,
/// `result` is a new object the callback owns (free it with `sl_auth_result_free`);
/// otherwise `result` is NULL and `error` is borrowed for the duration of the callback.
pub type sl_auth_result_callback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        status: sl_status,
        result: *mut sl_auth_result,
        error: *const sl_error,
    ),
>;

/// Receives the result of the `*_providers_async` calls. On `SL_STATUS_OK`, `result` is a
/// new list the callback owns (free it with `sl_name_id_list_free`); otherwise `result` is
/// NULL and `error` is borrowed for the duration of the callback.
pub type sl_name_id_list_callback = Option<
    unsafe extern "C" fn(
        user_data: *mut c_void,
        status: sl_status,
        result: *mut sl_name_id_list,
        error: *const sl_error,
    ),
>;

type Request<T> = Result<std::pin::Pin<Box<dyn Future<Output = sessionlink_core::Result<T>> + Send>>, Failure>;

fn owned(s: Option<&str>) -> Option<String> {
    s.map(str::to_owned)
}

// SAFETY (all `unsafe fn prepare_*`): the pointers follow the module's conventions.

unsafe fn prepare_get_sessions(
    c: *const sl_jellyfin_client,
    controllable_by_user_id: *const c_char,
    device_id: *const c_char,
    active_within_seconds: *const i32,
) -> Request<Vec<SessionInfoDto>> {
    let c = unsafe { client(c) }?.clone();
    let query = GetSessionsQuery {
        controllable_by_user_id: owned(unsafe { opt_str(controllable_by_user_id, "controllable_by_user_id") }?),
        device_id: owned(unsafe { opt_str(device_id, "device_id") }?),
        active_within_seconds: unsafe { active_within_seconds.as_ref() }.copied(),
    };
    Ok(Box::pin(async move { c.get_sessions(&query).await }))
}

/// `GET /Sessions`: the sessions the caller may see. Filters are optional:
/// `controllable_by_user_id` (a user id GUID), `device_id`, `active_within_seconds`.
///
/// On `SL_STATUS_OK`, `*sessions_out` receives a new list the caller frees with
/// `sl_session_list_free`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_sessions(
    client: *const sl_jellyfin_client,
    controllable_by_user_id: *const c_char,
    device_id: *const c_char,
    active_within_seconds: *const i32,
    sessions_out: *mut *mut sl_session_list,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(sessions_out, "sessions_out")?;
        let request =
            unsafe { prepare_get_sessions(client, controllable_by_user_id, device_id, active_within_seconds) }?;
        let list = block_on(request)?;
        unsafe { *out = sl_session_list::boxed(list) };
        Ok(())
    })
}

/// Async `sl_jellyfin_get_sessions`; the callback owns the list it receives.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_sessions_async(
    client: *const sl_jellyfin_client,
    controllable_by_user_id: *const c_char,
    device_id: *const c_char,
    active_within_seconds: *const i32,
    callback: sl_session_list_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request =
            unsafe { prepare_get_sessions(client, controllable_by_user_id, device_id, active_within_seconds) }?;
        submit(request, deliver_result(callback, user_data, sl_session_list::boxed), op_out)
    })
}

unsafe fn prepare_authenticate(
    c: *const sl_jellyfin_client,
    username: *const c_char,
    password: *const c_char,
) -> Request<AuthenticationResult> {
    let c = unsafe { client(c) }?.clone();
    let username = unsafe { req_str(username, "username") }?.to_owned();
    let password = unsafe { req_str(password, "password") }?.to_owned();
    Ok(Box::pin(async move { c.authenticate_by_name(&username, &password).await }))
}

/// `POST /Users/AuthenticateByName`: logs in; the client keeps the access token and user
/// id. `password` may be empty but not NULL. Wrong credentials give `SL_STATUS_UNAUTHORIZED`.
///
/// On `SL_STATUS_OK`, `*result_out` receives a new object the caller frees with
/// `sl_auth_result_free`. `result_out` may be NULL when the caller does not need it.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_authenticate_by_name(
    client: *const sl_jellyfin_client,
    username: *const c_char,
    password: *const c_char,
    result_out: *mut *mut sl_auth_result,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_authenticate(client, username, password) }?;
        let result = block_on(request)?;
        if !result_out.is_null() {
            unsafe { *result_out = sl_auth_result::boxed(result) };
        }
        Ok(())
    })
}

/// Async `sl_jellyfin_authenticate_by_name`; the callback owns the result it receives.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_authenticate_by_name_async(
    client: *const sl_jellyfin_client,
    username: *const c_char,
    password: *const c_char,
    callback: sl_auth_result_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_authenticate(client, username, password) }?;
        submit(request, deliver_result(callback, user_data, sl_auth_result::boxed), op_out)
    })
}

unsafe fn prepare_playstate(
    c: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    seek_position_ticks: *const i64,
    controlling_user_id: *const c_char,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let session_id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    let command = PlaystateCommand::parse(unsafe { req_str(command, "command") }?)?;
    let seek = unsafe { seek_position_ticks.as_ref() }.copied();
    let controlling = owned(unsafe { opt_str(controlling_user_id, "controlling_user_id") }?);
    Ok(Box::pin(async move { c.send_playstate_command(&session_id, command, seek, controlling.as_deref()).await }))
}

/// `POST /Sessions/{sessionId}/Playing/{command}`: pause, seek, stop... a session. `command`
/// is a `PlaystateCommand` name (`"Stop"`, `"Pause"`, `"Unpause"`, `"NextTrack"`,
/// `"PreviousTrack"`, `"Seek"`, `"Rewind"`, `"FastForward"`, `"PlayPause"`).
/// `seek_position_ticks` (optional) matters for `"Seek"`; `controlling_user_id` is optional.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_playstate_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    seek_position_ticks: *const i64,
    controlling_user_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request =
            unsafe { prepare_playstate(client, session_id, command, seek_position_ticks, controlling_user_id) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_send_playstate_command`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_playstate_command_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    seek_position_ticks: *const i64,
    controlling_user_id: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request =
            unsafe { prepare_playstate(client, session_id, command, seek_position_ticks, controlling_user_id) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

#[allow(clippy::too_many_arguments)]
unsafe fn prepare_play(
    c: *const sl_jellyfin_client,
    session_id: *const c_char,
    play_command: *const c_char,
    item_ids: *const *const c_char,
    item_ids_len: usize,
    start_position_ticks: *const i64,
    media_source_id: *const c_char,
    audio_stream_index: *const i32,
    subtitle_stream_index: *const i32,
    start_index: *const i32,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let session_id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    let play_command = PlayCommand::parse(unsafe { req_str(play_command, "play_command") }?)?;
    let item_ids =
        unsafe { str_array(item_ids, item_ids_len, "item_ids") }?.ok_or_else(|| Failure::null("item_ids"))?;
    let options = PlayOptions {
        start_position_ticks: unsafe { start_position_ticks.as_ref() }.copied(),
        media_source_id: owned(unsafe { opt_str(media_source_id, "media_source_id") }?),
        audio_stream_index: unsafe { audio_stream_index.as_ref() }.copied(),
        subtitle_stream_index: unsafe { subtitle_stream_index.as_ref() }.copied(),
        start_index: unsafe { start_index.as_ref() }.copied(),
    };
    Ok(Box::pin(async move { c.play(&session_id, play_command, &item_ids, &options).await }))
}

/// `POST /Sessions/{sessionId}/Playing`: tells a session to play items. `play_command` is a
/// `PlayCommand` name (`"PlayNow"`, `"PlayNext"`, `"PlayLast"`, `"PlayInstantMix"`,
/// `"PlayShuffle"`); `item_ids` is an array of `item_ids_len` (at least 1) item id GUIDs.
/// The other parameters are optional.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_play(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    play_command: *const c_char,
    item_ids: *const *const c_char,
    item_ids_len: usize,
    start_position_ticks: *const i64,
    media_source_id: *const c_char,
    audio_stream_index: *const i32,
    subtitle_stream_index: *const i32,
    start_index: *const i32,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe {
            prepare_play(
                client,
                session_id,
                play_command,
                item_ids,
                item_ids_len,
                start_position_ticks,
                media_source_id,
                audio_stream_index,
                subtitle_stream_index,
                start_index,
            )
        }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_play`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_play_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    play_command: *const c_char,
    item_ids: *const *const c_char,
    item_ids_len: usize,
    start_position_ticks: *const i64,
    media_source_id: *const c_char,
    audio_stream_index: *const i32,
    subtitle_stream_index: *const i32,
    start_index: *const i32,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe {
            prepare_play(
                client,
                session_id,
                play_command,
                item_ids,
                item_ids_len,
                start_position_ticks,
                media_source_id,
                audio_stream_index,
                subtitle_stream_index,
                start_index,
            )
        }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_general(
    c: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    system: bool,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let session_id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    let command = GeneralCommandType::parse(unsafe { req_str(command, "command") }?)?;
    Ok(if system {
        Box::pin(async move { c.send_system_command(&session_id, command).await })
    } else {
        Box::pin(async move { c.send_general_command(&session_id, command).await })
    })
}

/// `POST /Sessions/{sessionId}/Command/{command}`: a command without arguments. `command` is
/// a `GeneralCommandType` name (for example `"GoHome"`, `"ToggleMute"`, `"DisplayMessage"`).
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_general_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_general(client, session_id, command, false) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_send_general_command`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
        let callback = required(callback)?;
        let request = unsafe { prepare_general(client, session_id, command, false) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

/// `POST /Sessions/{sessionId}/System/{command}`: as `sl_jellyfin_send_general_command` (the
/// server treats both alike).
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_system_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_general(client, session_id, command, true) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_send_system_command`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
        let callback = required(callback)?;
        let request = unsafe { prepare_general(client, session_id, command, true) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_full_general(
    c: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    argument_names: *const *const c_char,
    argument_values: *const *const c_char,
    arguments_len: usize,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let session_id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    let name = GeneralCommandType::parse(unsafe { req_str(command, "command") }?)?;
    let names = unsafe { str_array(argument_names, arguments_len, "argument_names") }?.unwrap_or_default();
    let values = unsafe { str_array(argument_values, arguments_len, "argument_values") }?.unwrap_or_default();
    let arguments: BTreeMap<String, Option<String>> = names.into_iter().zip(values.into_iter().map(Some)).collect();
    let command = GeneralCommand { name, arguments, ..Default::default() };
    Ok(Box::pin(async move { c.send_full_general_command(&session_id, &command).await }))
}

/// `POST /Sessions/{sessionId}/Command`: a command with string arguments, for example
/// `"SetVolume"` with names `{"Volume"}` and values `{"50"}`. `argument_names` and
/// `argument_values` are parallel arrays of `arguments_len` strings (both may be NULL when
/// `arguments_len` is 0).
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
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
        let request = unsafe {
            prepare_full_general(client, session_id, command, argument_names, argument_values, arguments_len)
        }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_send_full_general_command`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
        let callback = required(callback)?;
        let request = unsafe {
            prepare_full_general(client, session_id, command, argument_names, argument_values, arguments_len)
        }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_message(
    c: *const sl_jellyfin_client,
    session_id: *const c_char,
    header: *const c_char,
    text: *const c_char,
    timeout_ms: *const i64,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let session_id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    let message = MessageCommand {
        header: owned(unsafe { opt_str(header, "header") }?),
        text: unsafe { req_str(text, "text") }?.to_owned(),
        timeout_ms: unsafe { timeout_ms.as_ref() }.copied(),
        ..Default::default()
    };
    Ok(Box::pin(async move { c.send_message_command(&session_id, &message).await }))
}

/// `POST /Sessions/{sessionId}/Message`: shows a message on the session. `text` must not be
/// empty; `header` and `timeout_ms` are optional.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_message_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    header: *const c_char,
    text: *const c_char,
    timeout_ms: *const i64,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_message(client, session_id, header, text, timeout_ms) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_send_message_command`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
        let callback = required(callback)?;
        let request = unsafe { prepare_message(client, session_id, header, text, timeout_ms) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_display(
    c: *const sl_jellyfin_client,
    session_id: *const c_char,
    item_type: *const c_char,
    item_id: *const c_char,
    item_name: *const c_char,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let session_id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    let item_type = BaseItemKind::parse(unsafe { req_str(item_type, "item_type") }?)?;
    let item_id = unsafe { req_str(item_id, "item_id") }?.to_owned();
    let item_name = unsafe { req_str(item_name, "item_name") }?.to_owned();
    Ok(Box::pin(async move { c.display_content(&session_id, item_type, &item_id, &item_name).await }))
}

/// `POST /Sessions/{sessionId}/Viewing`: tells the session's UI to browse to an item.
/// `item_type` is a `BaseItemKind` name (for example `"Movie"`); all parameters required.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_display_content(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    item_type: *const c_char,
    item_id: *const c_char,
    item_name: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_display(client, session_id, item_type, item_id, item_name) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_display_content`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
        let callback = required(callback)?;
        let request = unsafe { prepare_display(client, session_id, item_type, item_id, item_name) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

fn parse_all<T>(
    names: Option<Vec<String>>,
    parse: fn(&str) -> sessionlink_core::Result<T>,
) -> Result<Option<Vec<T>>, Failure> {
    names.map(|n| n.iter().map(|s| parse(s).map_err(Failure::from)).collect()).transpose()
}

#[allow(clippy::too_many_arguments)]
unsafe fn prepare_capabilities(
    c: *const sl_jellyfin_client,
    id: *const c_char,
    playable_media_types: *const *const c_char,
    playable_media_types_len: usize,
    supported_commands: *const *const c_char,
    supported_commands_len: usize,
    supports_media_control: *const bool,
    supports_persistent_identifier: *const bool,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let types = unsafe { str_array(playable_media_types, playable_media_types_len, "playable_media_types") }?;
    let commands = unsafe { str_array(supported_commands, supported_commands_len, "supported_commands") }?;
    let query = CapabilitiesQuery {
        id: owned(unsafe { opt_str(id, "id") }?),
        playable_media_types: parse_all(types, MediaType::parse)?,
        supported_commands: parse_all(commands, GeneralCommandType::parse)?,
        supports_media_control: unsafe { supports_media_control.as_ref() }.copied(),
        supports_persistent_identifier: unsafe { supports_persistent_identifier.as_ref() }.copied(),
    };
    Ok(Box::pin(async move { c.post_capabilities(&query).await }))
}

/// `POST /Sessions/Capabilities`: replaces (does not merge) a session's capabilities. All
/// parameters are optional: `id` (NULL: the caller's own session), `playable_media_types`
/// (`MediaType` names) and `supported_commands` (`GeneralCommandType` names) as arrays with
/// their lengths (NULL array with length 0: leave out), and the two flags by pointer.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
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
        let request = unsafe {
            prepare_capabilities(
                client,
                id,
                playable_media_types,
                playable_media_types_len,
                supported_commands,
                supported_commands_len,
                supports_media_control,
                supports_persistent_identifier,
            )
        }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_post_capabilities`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
        let callback = required(callback)?;
        let request = unsafe {
            prepare_capabilities(
                client,
                id,
                playable_media_types,
                playable_media_types_len,
                supported_commands,
                supported_commands_len,
                supports_media_control,
                supports_persistent_identifier,
            )
        }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_full_capabilities(
    c: *const sl_jellyfin_client,
    id: *const c_char,
    capabilities_json: *const c_char,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let id = owned(unsafe { opt_str(id, "id") }?);
    let capabilities: ClientCapabilitiesDto =
        parse_json(unsafe { req_str(capabilities_json, "capabilities_json") }?, "capabilities_json")?;
    Ok(Box::pin(async move { c.post_full_capabilities(id.as_deref(), &capabilities).await }))
}

/// `POST /Sessions/Capabilities/Full`: replaces the capabilities with a full
/// `ClientCapabilitiesDto` given as JSON (PascalCase, as on the wire; unknown fields are
/// sent as given). `id` is optional (NULL: the caller's own session).
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_post_full_capabilities(
    client: *const sl_jellyfin_client,
    id: *const c_char,
    capabilities_json: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_full_capabilities(client, id, capabilities_json) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_post_full_capabilities`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_full_capabilities(client, id, capabilities_json) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_viewing(
    c: *const sl_jellyfin_client,
    session_id: *const c_char,
    item_id: *const c_char,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let session_id = owned(unsafe { opt_str(session_id, "session_id") }?);
    let item_id = unsafe { req_str(item_id, "item_id") }?.to_owned();
    Ok(Box::pin(async move { c.report_viewing(session_id.as_deref(), &item_id).await }))
}

/// `POST /Sessions/Viewing`: reports that a session views an item. `session_id` is optional
/// (NULL: the caller's own session); `item_id` must be a GUID.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_viewing(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    item_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_viewing(client, session_id, item_id) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_report_viewing`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_viewing(client, session_id, item_id) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_logout(c: *const sl_jellyfin_client) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    Ok(Box::pin(async move { c.report_session_ended().await }))
}

/// `POST /Sessions/Logout`: ends the caller's session and revokes its token on the server;
/// the client forgets the token too.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_session_ended(
    client: *const sl_jellyfin_client,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_logout(client) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_report_session_ended`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_session_ended_async(
    client: *const sl_jellyfin_client,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_logout(client) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_session_user(
    c: *const sl_jellyfin_client,
    session_id: *const c_char,
    user_id: *const c_char,
    add: bool,
) -> Request<()> {
    let c = unsafe { client(c) }?.clone();
    let session_id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    let user_id = unsafe { req_str(user_id, "user_id") }?.to_owned();
    Ok(if add {
        Box::pin(async move { c.add_user_to_session(&session_id, &user_id).await })
    } else {
        Box::pin(async move { c.remove_user_from_session(&session_id, &user_id).await })
    })
}

/// `POST /Sessions/{sessionId}/User/{userId}`: adds a user to a session.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_add_user_to_session(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    user_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_session_user(client, session_id, user_id, true) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_add_user_to_session`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_add_user_to_session_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    user_id: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_session_user(client, session_id, user_id, true) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

/// `DELETE /Sessions/{sessionId}/User/{userId}`: removes an additional user from a session.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_remove_user_from_session(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    user_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_session_user(client, session_id, user_id, false) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_jellyfin_remove_user_from_session`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_remove_user_from_session_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    user_id: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_session_user(client, session_id, user_id, false) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_providers(c: *const sl_jellyfin_client, password_reset: bool) -> Request<Vec<NameIdPair>> {
    let c = unsafe { client(c) }?.clone();
    Ok(if password_reset {
        Box::pin(async move { c.get_password_reset_providers().await })
    } else {
        Box::pin(async move { c.get_auth_providers().await })
    })
}

/// `GET /Auth/Providers` (administrators only). On `SL_STATUS_OK`, `*providers_out` receives
/// a new list the caller frees with `sl_name_id_list_free`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_auth_providers(
    client: *const sl_jellyfin_client,
    providers_out: *mut *mut sl_name_id_list,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(providers_out, "providers_out")?;
        let request = unsafe { prepare_providers(client, false) }?;
        let list = block_on(request)?;
        unsafe { *out = sl_name_id_list::boxed(list) };
        Ok(())
    })
}

/// Async `sl_jellyfin_get_auth_providers`; the callback owns the list it receives.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_auth_providers_async(
    client: *const sl_jellyfin_client,
    callback: sl_name_id_list_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_providers(client, false) }?;
        submit(request, deliver_result(callback, user_data, sl_name_id_list::boxed), op_out)
    })
}

/// `GET /Auth/PasswordResetProviders` (administrators only). On `SL_STATUS_OK`,
/// `*providers_out` receives a new list the caller frees with `sl_name_id_list_free`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_password_reset_providers(
    client: *const sl_jellyfin_client,
    providers_out: *mut *mut sl_name_id_list,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(providers_out, "providers_out")?;
        let request = unsafe { prepare_providers(client, true) }?;
        let list = block_on(request)?;
        unsafe { *out = sl_name_id_list::boxed(list) };
        Ok(())
    })
}

/// Async `sl_jellyfin_get_password_reset_providers`; the callback owns the list it receives.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_password_reset_providers_async(
    client: *const sl_jellyfin_client,
    callback: sl_name_id_list_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_providers(client, true) }?;
        submit(request, deliver_result(callback, user_data, sl_name_id_list::boxed), op_out)
    })
}
