//! `sl_jellyfin_client`: creating, configuring and freeing a Jellyfin client.

use std::os::raw::c_char;

use sessionlink_core::jellyfin::{default_device, JellyfinClient, JellyfinConfig};
use sessionlink_core::Secret;

use crate::error::{sl_error, Failure};
use crate::options::sl_jellyfin_options;
use crate::status::sl_status;
use crate::strings::{handle, opt_str, out_ptr, owned_c_string, req_str};

/// A Jellyfin client. Thread-safe: one client may be used from many threads at once, and by
/// many async operations at once; they share its connections and login state.
pub struct sl_jellyfin_client {
    pub(crate) inner: JellyfinClient,
}

/// Borrows a client argument for the duration of a call.
///
/// # Safety
/// `p` is NULL or a live client.
pub(crate) unsafe fn client<'a>(p: *const sl_jellyfin_client) -> Result<&'a JellyfinClient, Failure> {
    // SAFETY: forwarded from the caller.
    Ok(&unsafe { handle(p, "client") }?.inner)
}

/// Creates a client. Nothing is sent over the network; the options are validated (URL,
/// non-empty identity without control characters, timeouts).
///
/// On `SL_STATUS_OK`, `*client_out` receives a new client that the caller owns and frees with
/// `sl_jellyfin_client_free`. On failure, nothing is written to `*client_out`, and `*err` (if
/// `err` is not NULL) receives an error the caller frees with `sl_error_free`.
///
/// Ownership: borrows `options` and its strings for the call (they are copied).
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_new(
    options: *const sl_jellyfin_options,
    client_out: *mut *mut sl_jellyfin_client,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let client_out = out_ptr(client_out, "client_out")?;
        // SAFETY: NULL or a valid options struct per the documentation.
        let o = unsafe { handle(options, "options") }?;
        // SAFETY: the option strings are NULL or NUL-terminated per the documentation.
        let (default_name, default_id) = default_device();
        let mut config = unsafe {
            JellyfinConfig::new(
                req_str(o.base_url, "options.base_url")?,
                opt_str(o.device_name, "options.device_name")?.map_or(default_name, str::to_owned),
                opt_str(o.device_id, "options.device_id")?.map_or(default_id, str::to_owned),
            )
        };
        // SAFETY: as above.
        unsafe {
            if let Some(name) = opt_str(o.client_name, "options.client_name")? {
                config.client_name = name.to_owned();
            }
            if let Some(version) = opt_str(o.client_version, "options.client_version")? {
                config.client_version = version.to_owned();
            }
            config.token = opt_str(o.token, "options.token")?.map(Secret::new);
            config.transport = o.transport.to_core()?;
        }
        let inner = JellyfinClient::new(config)?;
        // SAFETY: checked non-NULL above.
        unsafe { *client_out = Box::into_raw(Box::new(sl_jellyfin_client { inner })) };
        Ok(())
    })
}

/// Frees a client. NULL is a no-op.
///
/// Operations still in flight keep what they need alive and complete normally: each
/// callback still runs exactly once, possibly after this function returns.
///
/// Ownership: takes `client`; it must not be used (or freed) again, and no other thread may
/// be inside a blocking call on it.
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_free(client: *mut sl_jellyfin_client) {
    ffi_boundary!({
        if !client.is_null() {
            // SAFETY: made by `Box::into_raw` in `sl_jellyfin_client_new`, freed once.
            drop(unsafe { Box::from_raw(client) });
        }
    })
}

/// Replaces the client's access token or API key; NULL forgets it.
///
/// Ownership: borrows `client` and `token` for the call (the token is copied).
/// Thread-safe; calls already in flight keep the token they started with.
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_set_token(
    client: *const sl_jellyfin_client,
    token: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        // SAFETY: pointers per the documentation.
        let (c, token) = unsafe { (self::client(client)?, opt_str(token, "token")?) };
        c.set_token(token.map(Secret::new))?;
        Ok(())
    })
}

/// Whether the client holds an access token or API key. False when `client` is NULL.
///
/// Ownership: borrows `client`. Thread-safe.
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_has_token(client: *const sl_jellyfin_client) -> bool {
    ffi_boundary!({
        // SAFETY: NULL or a live client.
        unsafe { client.as_ref() }.is_some_and(|c| c.inner.has_token())
    })
}

/// The user id learnt from the last successful `sl_jellyfin_authenticate_by_name`.
///
/// On `SL_STATUS_OK`, `*user_id_out` receives a new string the caller frees with
/// `sl_string_free`, or NULL when the client has not logged in.
///
/// Ownership: borrows `client`. Thread-safe.
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_user_id(
    client: *const sl_jellyfin_client,
    user_id_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = out_ptr(user_id_out, "user_id_out")?;
        // SAFETY: NULL or a live client.
        let c = unsafe { self::client(client) }?;
        let value = c.user_id().map_or(std::ptr::null_mut(), |id| owned_c_string(&id));
        // SAFETY: checked non-NULL above.
        unsafe { *out = value };
        Ok(())
    })
}
