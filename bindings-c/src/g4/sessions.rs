//! The five G4 session operations. JSON arguments are UTF-8 JSON text; malformed JSON is
//! `SL_STATUS_INVALID_ARGUMENT`.

use std::os::raw::{c_char, c_void};

use sessionlink_core::g4::models::{AuthenticatedSessionResponse, CreateSessionRequest, GetSessionResponse};
use sessionlink_core::g4::G4Client;
use sessionlink_core::{Call, Secret};

use super::{sl_g4_client, sl_g4_login, sl_g4_login_callback, sl_g4_session, sl_g4_session_callback};
use crate::error::sl_error;
use crate::ffi::{opt_str, opt_value, req_str, try_ref, Out};
use crate::runner::{run, sl_done_callback, sl_op, submit, Prep};
use crate::status::sl_status;
use crate::strings::parse_json;

fn create_session(
    client: *const sl_g4_client,
    username: *const c_char,
    password: *const c_char,
    data_json: *const c_char,
    timeout_seconds: *const i32,
    detail_json: *const c_char,
) -> Prep<AuthenticatedSessionResponse> {
    let client = try_ref(client, "client")?;
    let request = CreateSessionRequest {
        username: req_str(username, "username")?.to_owned(),
        password: Secret::new(req_str(password, "password")?),
        data: opt_str(data_json, "data_json")?.map(|j| parse_json(j, "data_json")).transpose()?,
        timeout: opt_value(timeout_seconds),
        detail: opt_str(detail_json, "detail_json")?
            .map(|j| parse_json(j, "detail_json (a JSON object)"))
            .transpose()?,
        ..Default::default()
    };
    Ok(client.create_session(&request).prepare()?)
}

/// `POST /session`: logs in and creates a session; from then on the client uses the new
/// session (or the returned bearer) as its bearer token. `data_json` (any JSON value),
/// `timeout_seconds` (sliding TTL, > 0) and `detail_json` (a JSON object) are optional.
/// Wrong credentials: `SL_STATUS_UNAUTHORIZED`; no access to the tenant:
/// `SL_STATUS_FORBIDDEN` (both with HTTP status 200).
///
/// Ownership: borrows all arguments; `*login_out` (`login_out` may be NULL) is owned by the
/// caller (`sl_g4_login_free`).
#[no_mangle]
pub extern "C" fn sl_g4_create_session(
    client: *const sl_g4_client,
    username: *const c_char,
    password: *const c_char,
    data_json: *const c_char,
    timeout_seconds: *const i32,
    detail_json: *const c_char,
    login_out: *mut *mut sl_g4_login,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared = create_session(client, username, password, data_json, timeout_seconds, detail_json);
        run(prepared, Out::optional(login_out))
    })
}

/// Async `sl_g4_create_session`.
///
/// Ownership: borrows all arguments; the callback owns the login (`sl_g4_login_free`).
#[no_mangle]
pub extern "C" fn sl_g4_create_session_async(
    client: *const sl_g4_client,
    username: *const c_char,
    password: *const c_char,
    data_json: *const c_char,
    timeout_seconds: *const i32,
    detail_json: *const c_char,
    callback: sl_g4_login_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared = create_session(client, username, password, data_json, timeout_seconds, detail_json);
        submit(prepared, callback, user_data, op_out)
    })
}

/// Reading with and without touching the time-to-live take the same arguments; `get` is the
/// core method.
fn get(
    client: *const sl_g4_client,
    session_id: *const c_char,
    get: fn(&G4Client, &str) -> Call<GetSessionResponse>,
) -> Prep<GetSessionResponse> {
    let client = try_ref(client, "client")?;
    Ok(get(client, req_str(session_id, "session_id")?).prepare()?)
}

/// `GET /session/{id}`: reads a session and restarts its time-to-live. A session that does
/// not exist or has expired: `SL_STATUS_NOT_FOUND` (HTTP status 204).
///
/// Ownership: borrows all arguments; `*session_out` is owned by the caller (`sl_g4_session_free`).
#[no_mangle]
pub extern "C" fn sl_g4_get_session(
    client: *const sl_g4_client,
    session_id: *const c_char,
    session_out: *mut *mut sl_g4_session,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(session_out, "session_out")?;
        run(get(client, session_id, G4Client::get_session), out)
    })
}

/// Async `sl_g4_get_session`.
///
/// Ownership: borrows all arguments; the callback owns the session (`sl_g4_session_free`).
#[no_mangle]
pub extern "C" fn sl_g4_get_session_async(
    client: *const sl_g4_client,
    session_id: *const c_char,
    callback: sl_g4_session_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(get(client, session_id, G4Client::get_session), callback, user_data, op_out) })
}

/// `GET /static-session/{id}`: reads a session without touching its time-to-live. Otherwise
/// as `sl_g4_get_session`.
///
/// Ownership: borrows all arguments; `*session_out` is owned by the caller (`sl_g4_session_free`).
#[no_mangle]
pub extern "C" fn sl_g4_get_static_session(
    client: *const sl_g4_client,
    session_id: *const c_char,
    session_out: *mut *mut sl_g4_session,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(session_out, "session_out")?;
        run(get(client, session_id, G4Client::get_static_session), out)
    })
}

/// Async `sl_g4_get_static_session`.
///
/// Ownership: borrows all arguments; the callback owns the session (`sl_g4_session_free`).
#[no_mangle]
pub extern "C" fn sl_g4_get_static_session_async(
    client: *const sl_g4_client,
    session_id: *const c_char,
    callback: sl_g4_session_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(get(client, session_id, G4Client::get_static_session), callback, user_data, op_out) })
}

fn update_session(client: *const sl_g4_client, session_id: *const c_char, data_json: *const c_char) -> Prep<()> {
    let client = try_ref(client, "client")?;
    let session_id = req_str(session_id, "session_id")?;
    let data: serde_json::Value = parse_json(req_str(data_json, "data_json")?, "data_json")?;
    Ok(client.update_session(session_id, &data).prepare()?)
}

/// `PUT /session/{id}`: replaces the session's data document with `data_json` (any JSON
/// value, required).
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_g4_update_session(
    client: *const sl_g4_client,
    session_id: *const c_char,
    data_json: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(update_session(client, session_id, data_json), ()) })
}

/// Async `sl_g4_update_session`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_g4_update_session_async(
    client: *const sl_g4_client,
    session_id: *const c_char,
    data_json: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(update_session(client, session_id, data_json), callback, user_data, op_out) })
}

fn delete_session(client: *const sl_g4_client, session_id: *const c_char) -> Prep<()> {
    let client = try_ref(client, "client")?;
    Ok(client.delete_session(req_str(session_id, "session_id")?).prepare()?)
}

/// `DELETE /session/{id}`: ends the session; if it was the client's bearer, the client
/// forgets it.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_g4_delete_session(
    client: *const sl_g4_client,
    session_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(delete_session(client, session_id), ()) })
}

/// Async `sl_g4_delete_session`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_g4_delete_session_async(
    client: *const sl_g4_client,
    session_id: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(delete_session(client, session_id), callback, user_data, op_out) })
}
