//! Option structs for creating clients. Callers must fill them with `sl_*_options_init()`
//! first, so that fields added in a later version get their defaults in old source code.

use std::os::raw::c_char;
use std::ptr;
use std::time::Duration;

use sessionlink_core::TransportOptions;

use crate::error::Failure;
use crate::strings::opt_str;

/// Transport settings shared by both clients.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct sl_transport_options {
    /// Time allowed to establish a connection, in milliseconds; must be > 0. Default 10000.
    pub connect_timeout_ms: u32,
    /// Time allowed for a whole request, in milliseconds; must be > 0. Default 30000.
    pub request_timeout_ms: u32,
    /// An extra CA certificate (PEM, NUL-terminated) to trust; NULL for none. Copied.
    pub extra_ca_pem: *const c_char,
    /// Accept any TLS certificate: only for testing against self-signed servers.
    pub accept_invalid_certs: bool,
}

/// Configuration of an `sl_jellyfin_client`. Strings are borrowed for the duration of
/// `sl_jellyfin_client_new` only (they are copied).
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

/// Configuration of an `sl_g4_client`. Strings are borrowed for the duration of
/// `sl_g4_client_new` only (they are copied).
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

fn transport_defaults() -> sl_transport_options {
    let d = TransportOptions::default();
    sl_transport_options {
        connect_timeout_ms: d.connect_timeout.as_millis().try_into().unwrap_or(u32::MAX),
        request_timeout_ms: d.request_timeout.as_millis().try_into().unwrap_or(u32::MAX),
        extra_ca_pem: ptr::null(),
        accept_invalid_certs: d.accept_invalid_certs,
    }
}

impl sl_transport_options {
    /// # Safety
    /// `extra_ca_pem` is NULL or a NUL-terminated string valid for the call.
    pub(crate) unsafe fn to_core(self) -> Result<TransportOptions, Failure> {
        let ms = |v: u32, name: &str| {
            if v == 0 {
                Err(Failure::invalid(format!("transport.{name} must be greater than 0")))
            } else {
                Ok(Duration::from_millis(v.into()))
            }
        };
        Ok(TransportOptions {
            connect_timeout: ms(self.connect_timeout_ms, "connect_timeout_ms")?,
            request_timeout: ms(self.request_timeout_ms, "request_timeout_ms")?,
            // SAFETY: forwarded from the caller.
            extra_ca_pem: unsafe { opt_str(self.extra_ca_pem, "transport.extra_ca_pem") }?
                .map(|p| p.as_bytes().to_vec()),
            accept_invalid_certs: self.accept_invalid_certs,
            ..TransportOptions::default()
        })
    }
}

/// Fills `options` with the defaults: every string NULL, timeouts 10 s / 30 s. NULL is a
/// no-op.
///
/// Ownership: borrows `options` for the call.
#[no_mangle]
pub extern "C" fn sl_jellyfin_options_init(options: *mut sl_jellyfin_options) {
    ffi_boundary!({
        if !options.is_null() {
            let value = sl_jellyfin_options {
                base_url: ptr::null(),
                device_name: ptr::null(),
                device_id: ptr::null(),
                client_name: ptr::null(),
                client_version: ptr::null(),
                token: ptr::null(),
                transport: transport_defaults(),
            };
            // SAFETY: non-NULL and writable per the caller; `write` because it may be uninitialised.
            unsafe { options.write(value) };
        }
    })
}

/// Fills `options` with the defaults: every string NULL, timeouts 10 s / 30 s. NULL is a
/// no-op.
///
/// Ownership: borrows `options` for the call.
#[no_mangle]
pub extern "C" fn sl_g4_options_init(options: *mut sl_g4_options) {
    ffi_boundary!({
        if !options.is_null() {
            let value = sl_g4_options {
                base_url: ptr::null(),
                tenant: ptr::null(),
                application: ptr::null(),
                bearer: ptr::null(),
                api_key: ptr::null(),
                transport: transport_defaults(),
            };
            // SAFETY: non-NULL and writable per the caller; `write` because it may be uninitialised.
            unsafe { options.write(value) };
        }
    })
}
