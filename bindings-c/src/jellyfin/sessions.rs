//! `GetSessions`, `AuthenticateByName` and `ReportSessionEnded`: the session list and the
//! caller's own login.

use std::os::raw::{c_char, c_void};

use sessionlink_core::jellyfin::models::{AuthenticationResult, SessionInfoDto};
use sessionlink_core::jellyfin::GetSessionsQuery;

use super::{sl_auth_result, sl_auth_result_callback, sl_jellyfin_client, sl_session_list, sl_session_list_callback};
use crate::error::sl_error;
use crate::ffi::{opt_string, opt_value, req_str, try_ref, Out};
use crate::runner::{run, sl_done_callback, sl_op, submit, Prep};
use crate::status::sl_status;

fn get_sessions(
    client: *const sl_jellyfin_client,
    controllable_by_user_id: *const c_char,
    device_id: *const c_char,
    active_within_seconds: *const i32,
) -> Prep<Vec<SessionInfoDto>> {
    let client = try_ref(client, "client")?;
    let query = GetSessionsQuery {
        controllable_by_user_id: opt_string(controllable_by_user_id, "controllable_by_user_id")?,
        device_id: opt_string(device_id, "device_id")?,
        active_within_seconds: opt_value(active_within_seconds),
    };
    Ok(client.get_sessions(&query).prepare()?)
}

/// `GET /Sessions`: the sessions the caller may see. Filters, all optional:
/// `controllable_by_user_id` (a user id GUID), `device_id`, `active_within_seconds`.
///
/// Ownership: borrows all arguments; `*sessions_out` is owned by the caller (`sl_session_list_free`).
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
        let out = Out::required(sessions_out, "sessions_out")?;
        run(get_sessions(client, controllable_by_user_id, device_id, active_within_seconds), out)
    })
}

/// Async `sl_jellyfin_get_sessions`.
///
/// Ownership: borrows all arguments; the callback owns the list (`sl_session_list_free`).
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
        let prepared = get_sessions(client, controllable_by_user_id, device_id, active_within_seconds);
        submit(prepared, callback, user_data, op_out)
    })
}

fn current_session(client: *const sl_jellyfin_client) -> Prep<Option<SessionInfoDto>> {
    Ok(try_ref(client, "client")?.current_session().prepare()?)
}

/// The caller's own session, as a list of one (`sl_session_list_get(list, 0)`), or an empty
/// list when the server has none: before logging in, with an API key (which has no session
/// of its own), or after `sl_jellyfin_report_session_ended`. It is found by the client's
/// device id and client name (`GET /Sessions?deviceId=...`), as the server keys sessions
/// (the core's `current_session`).
///
/// Ownership: borrows all arguments; `*session_out` is owned by the caller (`sl_session_list_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_current_session(
    client: *const sl_jellyfin_client,
    session_out: *mut *mut sl_session_list,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(session_out, "session_out")?;
        run(current_session(client), out)
    })
}

/// Async `sl_jellyfin_current_session`.
///
/// Ownership: borrows all arguments; the callback owns the list (`sl_session_list_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_current_session_async(
    client: *const sl_jellyfin_client,
    callback: sl_session_list_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(current_session(client), callback, user_data, op_out) })
}

fn authenticate_by_name(
    client: *const sl_jellyfin_client,
    username: *const c_char,
    password: *const c_char,
) -> Prep<AuthenticationResult> {
    let client = try_ref(client, "client")?;
    Ok(client.authenticate_by_name(req_str(username, "username")?, req_str(password, "password")?).prepare()?)
}

/// `POST /Users/AuthenticateByName`: logs in; the client keeps the access token and user id.
/// `password` may be empty but not NULL. Wrong credentials: `SL_STATUS_UNAUTHORIZED`.
///
/// Ownership: borrows all arguments; `*result_out` (`result_out` may be NULL) is owned by the
/// caller (`sl_auth_result_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_authenticate_by_name(
    client: *const sl_jellyfin_client,
    username: *const c_char,
    password: *const c_char,
    result_out: *mut *mut sl_auth_result,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(authenticate_by_name(client, username, password), Out::optional(result_out)) })
}

/// Async `sl_jellyfin_authenticate_by_name`.
///
/// Ownership: borrows all arguments; the callback owns the result (`sl_auth_result_free`).
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
    ffi_boundary!(err, { submit(authenticate_by_name(client, username, password), callback, user_data, op_out) })
}

fn report_session_ended(client: *const sl_jellyfin_client) -> Prep<()> {
    Ok(try_ref(client, "client")?.report_session_ended().prepare()?)
}

/// `POST /Sessions/Logout`: ends the caller's session and revokes its token on the server;
/// the client forgets the token too.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_session_ended(
    client: *const sl_jellyfin_client,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(report_session_ended(client), ()) })
}

/// Async `sl_jellyfin_report_session_ended`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_session_ended_async(
    client: *const sl_jellyfin_client,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(report_session_ended(client), callback, user_data, op_out) })
}
