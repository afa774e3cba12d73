//! What a G4 client holds between calls (its bearer), and freeing it.

use std::os::raw::c_char;

use sessionlink_core::g4::G4Auth;
use sessionlink_core::Secret;

use super::sl_g4_client;
use crate::error::sl_error;
use crate::ffi::{free_box, opt_str, try_ref};
use crate::status::sl_status;

/// Replaces the client's credentials with a bearer token (a session id); NULL forgets them.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_g4_client_set_bearer(
    client: *const sl_g4_client,
    bearer: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let client = try_ref(client, "client")?;
        Ok(client.set_auth(opt_str(bearer, "bearer")?.map(|b| G4Auth::Bearer(Secret::new(b))))?)
    })
}

/// Frees a client. NULL is a no-op. Operations still in flight complete normally: each
/// callback still runs exactly once, possibly after this returns.
///
/// Ownership: takes `client`; no other thread may be inside a blocking call on it.
#[no_mangle]
pub extern "C" fn sl_g4_client_free(client: *mut sl_g4_client) {
    ffi_boundary!({ free_box(client) })
}
