//! `sl_g4_client`: the G4 Sessions client's options and creation. Its type and operations
//! are generated from core (`ops.rs`, by tools/gen); each result type has a file of its own.
//! The modules are declared in the order the header lists them.

use std::os::raw::c_char;
use std::ptr;

use sessionlink_core::g4::{G4Auth, G4Client, G4Config};

use crate::error::{sl_error, Failure};
use crate::ffi::{opt_string, req_str, try_ref, Borrowed, Castable, Out};
use crate::status::sl_status;
use crate::transport::sl_transport_options;

// In header order, kept by a `//` line between declarations (see `jellyfin/mod.rs`).
// The client's type and its operations (generated).
mod ops;
// The result types generated from core's models.
mod results;
// The client's bearer, and freeing it.
mod accessors;
// Results: sl_g4_login.
mod login;
// Results: sl_g4_session.
mod session;

pub use accessors::*;
pub use login::*;
pub use ops::*;
#[allow(unused_imports)] // a client may have no generated result type yet
pub use results::*;
pub use session::*;

/// Configuration of an `sl_g4_client`; fill it with `sl_g4_options_init` first. Strings are
/// borrowed for the duration of `sl_g4_client_new` only (they are copied).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct sl_g4_options {
    /// Service URL, with its path prefix if any. Required.
    pub base_url: *const c_char,
    /// Sent as `x-g4-tenant` on every call. Required.
    pub tenant: *const c_char,
    /// Sent as `x-g4-application`; NULL to leave it out.
    pub application: *const c_char,
    /// A bearer token (a session id); NULL for none. At most one of `bearer` and `api_key`.
    pub bearer: *const c_char,
    /// An API key; NULL for none.
    pub api_key: *const c_char,
    pub transport: sl_transport_options,
}

impl Castable for sl_g4_options {
    type Ownership = Borrowed;
    type RustType = sl_g4_options;
}

/// Fills `options` with the defaults: every string NULL, timeouts 10 s / 30 s. NULL is a
/// no-op.
///
/// Ownership: borrows `options`.
#[no_mangle]
pub extern "C" fn sl_g4_options_init(options: *mut sl_g4_options) {
    ffi_boundary!({
        if let Some(out) = Out::optional(options) {
            out.write(sl_g4_options {
                base_url: ptr::null(),
                tenant: ptr::null(),
                application: ptr::null(),
                bearer: ptr::null(),
                api_key: ptr::null(),
                transport: sl_transport_options::defaults(),
            });
        }
    })
}

fn new_client(o: &sl_g4_options) -> Result<G4Client, Failure> {
    let mut config = G4Config::new(req_str(o.base_url, "options.base_url")?, req_str(o.tenant, "options.tenant")?);
    config.application = opt_string(o.application, "options.application")?;
    config.auth =
        G4Auth::from_options(opt_string(o.bearer, "options.bearer")?, opt_string(o.api_key, "options.api_key")?)?;
    config.transport = o.transport.to_core()?;
    Ok(G4Client::new(config)?)
}

/// Creates a client. Nothing is sent over the network; the options are checked (URL, tenant,
/// header values without control characters, at most one credential, timeouts).
///
/// Ownership: borrows `options`; `*client_out` is owned by the caller (`sl_g4_client_free`).
#[no_mangle]
pub extern "C" fn sl_g4_client_new(
    options: *const sl_g4_options,
    client_out: *mut *mut sl_g4_client,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(client_out, "client_out")?;
        out.write_box(new_client(try_ref(options, "options")?)?);
        Ok(())
    })
}
