//! The G4 Sessions operations, each as a blocking call and as an `_async` call. The
//! conventions of `jellyfin_ops.rs` apply (borrowed arguments, NULL only where optional,
//! `err` on failure, out parameters written only on success, the async contract).
//! JSON arguments are UTF-8 JSON text; malformed JSON is `SL_STATUS_INVALID_ARGUMENT`.

use std::os::raw::{c_char, c_void};
use std::pin::Pin;

use sessionlink_core::g4::models::{AuthenticatedSessionResponse, CreateSessionRequest, GetSessionResponse};
use sessionlink_core::runtime::block_on;
use sessionlink_core::Secret;

use crate::async_op::{deliver_done, deliver_result, required, sl_done_callback, sl_op, submit};
use crate::error::{sl_error, Failure};
use crate::g4_client::{g4_client, sl_g4_client};
use crate::g4_results::{sl_g4_login, sl_g4_session};
use crate::status::sl_status;
use crate::strings::{opt_str, out_ptr, parse_json, req_str};

/// Receives the result of `sl_g4_create_session_async`. On `SL_STATUS_OK`, `result` is a new
/// object the callback owns (free it with `sl_g4_login_free`); otherwise `result` is NULL and
/// `error` is borrowed for the duration of the callback.
pub type sl_g4_login_callback = Option<
    unsafe extern "C" fn(user_data: *mut c_void, status: sl_status, result: *mut sl_g4_login, error: *const sl_error),
>;

/// Receives the result of `sl_g4_get_session_async` and `sl_g4_get_static_session_async`. On
/// `SL_STATUS_OK`, `result` is a new object the callback owns (free it with
/// `sl_g4_session_free`); otherwise `result` is NULL and `error` is borrowed for the duration
/// of the callback.
pub type sl_g4_session_callback = Option<
    unsafe extern "C" fn(user_data: *mut c_void, status: sl_status, result: *mut sl_g4_session, error: *const sl_error),
>;

type Request<T> = Result<Pin<Box<dyn std::future::Future<Output = sessionlink_core::Result<T>> + Send>>, Failure>;

// SAFETY (all `unsafe fn prepare_*`): the pointers follow the module's conventions.

unsafe fn prepare_create(
    c: *const sl_g4_client,
    username: *const c_char,
    password: *const c_char,
    data_json: *const c_char,
    timeout_seconds: *const i32,
    detail_json: *const c_char,
) -> Request<AuthenticatedSessionResponse> {
    let c = unsafe { g4_client(c) }?.clone();
    let request = CreateSessionRequest {
        username: unsafe { req_str(username, "username") }?.to_owned(),
        password: Secret::new(unsafe { req_str(password, "password") }?),
        data: unsafe { opt_str(data_json, "data_json") }?.map(|j| parse_json(j, "data_json")).transpose()?,
        timeout: unsafe { timeout_seconds.as_ref() }.copied(),
        detail: unsafe { opt_str(detail_json, "detail_json") }?
            .map(|j| parse_json(j, "detail_json (a JSON object)"))
            .transpose()?,
        ..Default::default()
    };
    Ok(Box::pin(async move { c.create_session(&request).await }))
}

/// `POST /session`: logs in and creates a session; from then on the client uses the new
/// session (or the returned bearer) as its bearer token. `data_json` (any JSON value),
/// `timeout_seconds` (sliding TTL, > 0) and `detail_json` (a JSON object) are optional.
/// Wrong credentials: `SL_STATUS_UNAUTHORIZED`; no access to the tenant:
/// `SL_STATUS_FORBIDDEN` (both with HTTP status 200).
///
/// On `SL_STATUS_OK`, `*login_out` receives a new object the caller frees with
/// `sl_g4_login_free`. `login_out` may be NULL when the caller does not need it.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
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
        let request = unsafe { prepare_create(client, username, password, data_json, timeout_seconds, detail_json) }?;
        let login = block_on(request)?;
        if !login_out.is_null() {
            unsafe { *login_out = sl_g4_login::boxed(login) };
        }
        Ok(())
    })
}

/// Async `sl_g4_create_session`; the callback owns the login it receives.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
        let callback = required(callback)?;
        let request = unsafe { prepare_create(client, username, password, data_json, timeout_seconds, detail_json) }?;
        submit(request, deliver_result(callback, user_data, sl_g4_login::boxed), op_out)
    })
}

unsafe fn prepare_get(c: *const sl_g4_client, session_id: *const c_char, touch: bool) -> Request<GetSessionResponse> {
    let c = unsafe { g4_client(c) }?.clone();
    let id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    Ok(if touch {
        Box::pin(async move { c.get_session(&id).await })
    } else {
        Box::pin(async move { c.get_static_session(&id).await })
    })
}

/// `GET /session/{id}`: reads a session and restarts its time-to-live. A session that does
/// not exist or has expired: `SL_STATUS_NOT_FOUND` (HTTP status 204).
///
/// On `SL_STATUS_OK`, `*session_out` receives a new object the caller frees with
/// `sl_g4_session_free`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_g4_get_session(
    client: *const sl_g4_client,
    session_id: *const c_char,
    session_out: *mut *mut sl_g4_session,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(session_out, "session_out")?;
        let request = unsafe { prepare_get(client, session_id, true) }?;
        let session = block_on(request)?;
        unsafe { *out = sl_g4_session::boxed(session) };
        Ok(())
    })
}

/// Async `sl_g4_get_session`; the callback owns the session it receives.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_g4_get_session_async(
    client: *const sl_g4_client,
    session_id: *const c_char,
    callback: sl_g4_session_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_get(client, session_id, true) }?;
        submit(request, deliver_result(callback, user_data, sl_g4_session::boxed), op_out)
    })
}

/// `GET /static-session/{id}`: reads a session without touching its time-to-live. Otherwise
/// as `sl_g4_get_session`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_g4_get_static_session(
    client: *const sl_g4_client,
    session_id: *const c_char,
    session_out: *mut *mut sl_g4_session,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(session_out, "session_out")?;
        let request = unsafe { prepare_get(client, session_id, false) }?;
        let session = block_on(request)?;
        unsafe { *out = sl_g4_session::boxed(session) };
        Ok(())
    })
}

/// Async `sl_g4_get_static_session`; the callback owns the session it receives.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_g4_get_static_session_async(
    client: *const sl_g4_client,
    session_id: *const c_char,
    callback: sl_g4_session_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_get(client, session_id, false) }?;
        submit(request, deliver_result(callback, user_data, sl_g4_session::boxed), op_out)
    })
}

unsafe fn prepare_update(c: *const sl_g4_client, session_id: *const c_char, data_json: *const c_char) -> Request<()> {
    let c = unsafe { g4_client(c) }?.clone();
    let id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    let data: serde_json::Value = parse_json(unsafe { req_str(data_json, "data_json") }?, "data_json")?;
    Ok(Box::pin(async move { c.update_session(&id, &data).await }))
}

/// `PUT /session/{id}`: replaces the session's data document with `data_json` (any JSON
/// value, required).
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_g4_update_session(
    client: *const sl_g4_client,
    session_id: *const c_char,
    data_json: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_update(client, session_id, data_json) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_g4_update_session`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
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
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_update(client, session_id, data_json) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}

unsafe fn prepare_delete(c: *const sl_g4_client, session_id: *const c_char) -> Request<()> {
    let c = unsafe { g4_client(c) }?.clone();
    let id = unsafe { req_str(session_id, "session_id") }?.to_owned();
    Ok(Box::pin(async move { c.delete_session(&id).await }))
}

/// `DELETE /session/{id}`: ends the session; if it was the client's bearer, the client
/// forgets it.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied).
/// On failure `*err` (when `err` is not NULL) receives an error to free with `sl_error_free`.
#[no_mangle]
pub extern "C" fn sl_g4_delete_session(
    client: *const sl_g4_client,
    session_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let request = unsafe { prepare_delete(client, session_id) }?;
        Ok(block_on(request)?)
    })
}

/// Async `sl_g4_delete_session`.
///
/// Ownership: borrows `client` and the arguments for the call only (strings are copied; the
/// client may be freed before the callback runs). Argument errors are returned here and the
/// callback then never runs; otherwise it runs exactly once, on a library thread, with
/// `user_data` untouched. When `op_out` is not NULL, `*op_out` receives a handle to cancel
/// the operation, freed with `sl_op_free`.
#[no_mangle]
pub extern "C" fn sl_g4_delete_session_async(
    client: *const sl_g4_client,
    session_id: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let callback = required(callback)?;
        let request = unsafe { prepare_delete(client, session_id) }?;
        submit(request, deliver_done(callback, user_data), op_out)
    })
}
