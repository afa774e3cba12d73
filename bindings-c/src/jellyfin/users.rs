//! `AddUserToSession` / `RemoveUserFromSession`, and the admin-only auth provider lists.

use std::os::raw::{c_char, c_void};

use sessionlink_core::jellyfin::models::NameIdPair;
use sessionlink_core::jellyfin::JellyfinClient;
use sessionlink_core::Call;

use super::{sl_jellyfin_client, sl_name_id_list, sl_name_id_list_callback};
use crate::error::sl_error;
use crate::ffi::{req_str, try_ref, Out};
use crate::runner::{run, sl_done_callback, sl_op, submit, Prep};
use crate::status::sl_status;

/// Adding and removing take the same arguments; `send` is the core method.
fn session_user(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    user_id: *const c_char,
    send: fn(&JellyfinClient, &str, &str) -> Call<()>,
) -> Prep<()> {
    let client = try_ref(client, "client")?;
    Ok(send(client, req_str(session_id, "session_id")?, req_str(user_id, "user_id")?).prepare()?)
}

/// `POST /Sessions/{sessionId}/User/{userId}`: adds a user (a user id GUID) to a session.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_add_user_to_session(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    user_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(session_user(client, session_id, user_id, JellyfinClient::add_user_to_session), ()) })
}

/// Async `sl_jellyfin_add_user_to_session`.
///
/// Ownership: borrows all arguments.
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
        let prepared = session_user(client, session_id, user_id, JellyfinClient::add_user_to_session);
        submit(prepared, callback, user_data, op_out)
    })
}

/// `DELETE /Sessions/{sessionId}/User/{userId}`: removes an additional user from a session.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_remove_user_from_session(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    user_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(session_user(client, session_id, user_id, JellyfinClient::remove_user_from_session), ()) })
}

/// Async `sl_jellyfin_remove_user_from_session`.
///
/// Ownership: borrows all arguments.
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
        let prepared = session_user(client, session_id, user_id, JellyfinClient::remove_user_from_session);
        submit(prepared, callback, user_data, op_out)
    })
}

/// Both provider lists take only the client; `get` is the core method.
fn providers(
    client: *const sl_jellyfin_client,
    get: fn(&JellyfinClient) -> Call<Vec<NameIdPair>>,
) -> Prep<Vec<NameIdPair>> {
    Ok(get(try_ref(client, "client")?).prepare()?)
}

/// `GET /Auth/Providers` (administrators only).
///
/// Ownership: borrows all arguments; `*providers_out` is owned by the caller (`sl_name_id_list_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_auth_providers(
    client: *const sl_jellyfin_client,
    providers_out: *mut *mut sl_name_id_list,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(providers_out, "providers_out")?;
        run(providers(client, JellyfinClient::get_auth_providers), out)
    })
}

/// Async `sl_jellyfin_get_auth_providers`.
///
/// Ownership: borrows all arguments; the callback owns the list (`sl_name_id_list_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_auth_providers_async(
    client: *const sl_jellyfin_client,
    callback: sl_name_id_list_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(providers(client, JellyfinClient::get_auth_providers), callback, user_data, op_out) })
}

/// `GET /Auth/PasswordResetProviders` (administrators only).
///
/// Ownership: borrows all arguments; `*providers_out` is owned by the caller (`sl_name_id_list_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_password_reset_providers(
    client: *const sl_jellyfin_client,
    providers_out: *mut *mut sl_name_id_list,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(providers_out, "providers_out")?;
        run(providers(client, JellyfinClient::get_password_reset_providers), out)
    })
}

/// Async `sl_jellyfin_get_password_reset_providers`.
///
/// Ownership: borrows all arguments; the callback owns the list (`sl_name_id_list_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_get_password_reset_providers_async(
    client: *const sl_jellyfin_client,
    callback: sl_name_id_list_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        submit(providers(client, JellyfinClient::get_password_reset_providers), callback, user_data, op_out)
    })
}
