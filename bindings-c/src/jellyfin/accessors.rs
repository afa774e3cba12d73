//! What a Jellyfin client holds between calls (its token, the user id of its login), and
//! freeing it.

use std::os::raw::c_char;
use std::ptr;

use sessionlink_core::Secret;

use super::sl_jellyfin_client;
use crate::error::sl_error;
use crate::ffi::{free_box, opt_ref, opt_str, try_ref, Out};
use crate::status::sl_status;
use crate::strings::owned_c_string;

/// Replaces the client's access token or API key; NULL forgets it. Calls already in flight
/// keep the token they started with.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_set_token(
    client: *const sl_jellyfin_client,
    token: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let client = try_ref(client, "client")?;
        Ok(client.set_token(opt_str(token, "token")?.map(Secret::new))?)
    })
}

/// Whether the client holds an access token or API key. False when `client` is NULL.
///
/// Ownership: borrows `client`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_has_token(client: *const sl_jellyfin_client) -> bool {
    ffi_boundary!({ opt_ref(client).is_some_and(|c| c.has_token()) })
}

/// The user id learnt from the last successful `sl_jellyfin_authenticate_by_name`;
/// `*user_id_out` is NULL when the client has not logged in.
///
/// Ownership: borrows `client`; `*user_id_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_user_id(
    client: *const sl_jellyfin_client,
    user_id_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(user_id_out, "user_id_out")?;
        out.write(try_ref(client, "client")?.user_id().map_or(ptr::null_mut(), |id| owned_c_string(&id)));
        Ok(())
    })
}

/// Writes a copy of one of the client's identity strings, or fails on a NULL argument.
fn identity(
    client: *const sl_jellyfin_client,
    field: fn(&sessionlink_core::jellyfin::JellyfinClient) -> &str,
    out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(out, "out")?;
        out.write(owned_c_string(field(try_ref(client, "client")?)));
        Ok(())
    })
}

/// The device id the client sends (`DeviceId=`: the given one, or the default made from the
/// host name). The server keys sessions on it and the client name, which is how
/// `sl_jellyfin_current_session` finds the client's own session.
///
/// Ownership: borrows `client`; `*device_id_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_device_id(
    client: *const sl_jellyfin_client,
    device_id_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    identity(client, |c| c.device_id(), device_id_out, err)
}

/// The device name the client sends (`Device=`), as other clients show it.
///
/// Ownership: borrows `client`; `*device_name_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_device_name(
    client: *const sl_jellyfin_client,
    device_name_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    identity(client, |c| c.device_name(), device_name_out, err)
}

/// The application name the client sends (`Client=`).
///
/// Ownership: borrows `client`; `*client_name_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_name(
    client: *const sl_jellyfin_client,
    client_name_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    identity(client, |c| c.client_name(), client_name_out, err)
}

/// Frees a client. NULL is a no-op. Operations still in flight keep what they need alive and
/// complete normally: each callback still runs exactly once, possibly after this returns.
///
/// Ownership: takes `client`; no other thread may be inside a blocking call on it.
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_free(client: *mut sl_jellyfin_client) {
    ffi_boundary!({ free_box(client) })
}
