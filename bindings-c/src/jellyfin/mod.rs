//! `sl_jellyfin_client`: the Jellyfin client's options and creation. Its type and operations
//! are generated from core (`ops.rs`, by tools/gen); the results have a file per result type.
//! The modules are declared in the order the header lists them.

use std::os::raw::c_char;
use std::ptr;

use sessionlink_core::jellyfin::{JellyfinClient, JellyfinConfig};

use crate::error::{sl_error, Failure};
use crate::ffi::{opt_string, req_str, try_ref, Borrowed, Castable, Out};
use crate::status::sl_status;
use crate::transport::sl_transport_options;

// In header order (cbindgen lists functions in the order it reads them), which a `//` line
// between declarations keeps rustfmt from sorting.
// The client's type and its operations (generated).
mod ops;
// The result types generated from core's models.
mod results;
// The client's token and user id, and freeing it.
mod accessors;
// Results: sl_session_list and sl_session.
mod session_list;
// Results: sl_auth_result.
mod auth_result;
// Results: sl_name_id_list.
mod name_id_list;
// Quick Connect in one call, the code handed to a callback.
mod quick_connect;
// The session socket: sl_socket.
mod socket;
// Its messages: sl_socket_message.
mod socket_message;
// UDP discovery: sl_discover_servers and sl_discovered_servers.
mod discovery;

pub use accessors::*;
pub use auth_result::*;
pub use discovery::*;
pub use name_id_list::*;
pub use ops::*;
pub use quick_connect::*;
#[allow(unused_imports)] // a client may have no generated result type yet
pub use results::*;
pub use session_list::*;
pub use socket::*;
pub use socket_message::*;

/// Configuration of an `sl_jellyfin_client`; fill it with `sl_jellyfin_options_init` first.
/// Strings are borrowed for the duration of `sl_jellyfin_client_new` only (they are copied).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct sl_jellyfin_options {
    /// Server URL, with its path prefix if any (for example `http://host:8096/jellyfin`).
    /// Required.
    pub base_url: *const c_char,
    /// Human-readable device name (`Device=`); NULL means this machine's host name.
    pub device_name: *const c_char,
    /// Stable device identifier (`DeviceId=`); NULL means `sessionlink-<host name>`. Pass a
    /// per-installation id where you can: logging in again from the same id replaces the
    /// previous token of that user.
    pub device_id: *const c_char,
    /// Application name (`Client=`); NULL means `"sessionlink"`.
    pub client_name: *const c_char,
    /// Application version (`Version=`); NULL means the library version.
    pub client_version: *const c_char,
    /// An access token or API key (`Token=`); NULL for none (log in with
    /// `sl_jellyfin_authenticate_by_name`).
    pub token: *const c_char,
    pub transport: sl_transport_options,
}

impl Castable for sl_jellyfin_options {
    type Ownership = Borrowed;
    type RustType = sl_jellyfin_options;
}

/// Fills `options` with the defaults: every string NULL, timeouts 10 s / 30 s. NULL is a
/// no-op.
///
/// Ownership: borrows `options`.
#[no_mangle]
pub extern "C" fn sl_jellyfin_options_init(options: *mut sl_jellyfin_options) {
    ffi_boundary!({
        if let Some(out) = Out::optional(options) {
            out.write(sl_jellyfin_options {
                base_url: ptr::null(),
                device_name: ptr::null(),
                device_id: ptr::null(),
                client_name: ptr::null(),
                client_version: ptr::null(),
                token: ptr::null(),
                transport: sl_transport_options::defaults(),
            });
        }
    })
}

fn new_client(o: &sl_jellyfin_options) -> Result<JellyfinClient, Failure> {
    let config = JellyfinConfig::from_options(
        req_str(o.base_url, "options.base_url")?,
        opt_string(o.device_name, "options.device_name")?,
        opt_string(o.device_id, "options.device_id")?,
        opt_string(o.client_name, "options.client_name")?,
        opt_string(o.client_version, "options.client_version")?,
        opt_string(o.token, "options.token")?,
        o.transport.to_core()?,
    );
    Ok(JellyfinClient::new(config)?)
}

/// Creates a client. Nothing is sent over the network; the options are checked (URL,
/// identity without control characters, timeouts).
///
/// Ownership: borrows `options`; `*client_out` is owned by the caller (`sl_jellyfin_client_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_client_new(
    options: *const sl_jellyfin_options,
    client_out: *mut *mut sl_jellyfin_client,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(client_out, "client_out")?;
        out.write_box(new_client(try_ref(options, "options")?)?);
        Ok(())
    })
}
