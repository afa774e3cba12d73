//! `sl_g4_client`: creating, configuring and freeing a G4 Sessions client.

use std::os::raw::c_char;

use sessionlink_core::g4::{G4Auth, G4Client, G4Config};
use sessionlink_core::Secret;

use crate::error::{sl_error, Failure};
use crate::options::sl_g4_options;
use crate::status::sl_status;
use crate::strings::{handle, opt_str, out_ptr, req_str};

/// A G4 Sessions client for one tenant. Thread-safe: one client may be used from many
/// threads and async operations at once; they share its connections and bearer token.
pub struct sl_g4_client {
    pub(crate) inner: G4Client,
}

/// Borrows a client argument for the duration of a call.
///
/// # Safety
/// `p` is NULL or a live client.
pub(crate) unsafe fn g4_client<'a>(p: *const sl_g4_client) -> Result<&'a G4Client, Failure> {
    // SAFETY: forwarded from the caller.
    Ok(&unsafe { handle(p, "client") }?.inner)
}

/// Creates a client. Nothing is sent over the network; the options are validated (URL,
/// tenant, header values without control characters, timeouts). Setting both `bearer` and
/// `api_key` is `SL_STATUS_INVALID_ARGUMENT`.
///
/// On `SL_STATUS_OK`, `*client_out` receives a new client that the caller owns and frees with
/// `sl_g4_client_free`. On failure nothing is written to `*client_out` and `*err` (if not
/// NULL) receives an error the caller frees with `sl_error_free`.
///
/// Ownership: borrows `options` and its strings for the call (they are copied).
#[no_mangle]
pub extern "C" fn sl_g4_client_new(
    options: *const sl_g4_options,
    client_out: *mut *mut sl_g4_client,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let client_out = out_ptr(client_out, "client_out")?;
        // SAFETY: NULL or a valid options struct per the documentation.
        let o = unsafe { handle(options, "options") }?;
        // SAFETY: the option strings are NULL or NUL-terminated per the documentation.
        let config = unsafe {
            let mut config =
                G4Config::new(req_str(o.base_url, "options.base_url")?, req_str(o.tenant, "options.tenant")?);
            config.application = opt_str(o.application, "options.application")?.map(str::to_owned);
            config.auth = match (opt_str(o.bearer, "options.bearer")?, opt_str(o.api_key, "options.api_key")?) {
                (Some(_), Some(_)) => {
                    return Err(Failure::invalid("set at most one of options.bearer and options.api_key"))
                }
                (Some(bearer), None) => Some(G4Auth::Bearer(Secret::new(bearer))),
                (None, Some(key)) => Some(G4Auth::ApiKey(Secret::new(key))),
                (None, None) => None,
            };
            config.transport = o.transport.to_core()?;
            config
        };
        let inner = G4Client::new(config)?;
        // SAFETY: checked non-NULL above.
        unsafe { *client_out = Box::into_raw(Box::new(sl_g4_client { inner })) };
        Ok(())
    })
}

/// Frees a client. NULL is a no-op. Operations still in flight complete normally: each
/// callback still runs exactly once, possibly after this function returns.
///
/// Ownership: takes `client`; it must not be used (or freed) again, and no other thread may
/// be inside a blocking call on it.
#[no_mangle]
pub extern "C" fn sl_g4_client_free(client: *mut sl_g4_client) {
    ffi_boundary!({
        if !client.is_null() {
            // SAFETY: made by `Box::into_raw` in `sl_g4_client_new`, freed once.
            drop(unsafe { Box::from_raw(client) });
        }
    })
}

/// Replaces the client's credentials with a bearer token (a session id); NULL forgets them.
///
/// Ownership: borrows `client` and `bearer` for the call (the token is copied). Thread-safe.
#[no_mangle]
pub extern "C" fn sl_g4_client_set_bearer(
    client: *const sl_g4_client,
    bearer: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        // SAFETY: pointers per the documentation.
        let (c, bearer) = unsafe { (g4_client(client)?, opt_str(bearer, "bearer")?) };
        c.set_auth(bearer.map(|b| G4Auth::Bearer(Secret::new(b))))?;
        Ok(())
    })
}
