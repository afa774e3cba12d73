//! `sl_transport_options`: the transport settings both clients take, converted as given (the
//! core checks them: timeouts > 0, a valid CA certificate).

use std::os::raw::c_char;
use std::ptr;
use std::time::Duration;

use sessionlink_core::TransportOptions;

use crate::error::Failure;
use crate::ffi::opt_str;

/// Transport settings shared by both clients (a field of their option structs).
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

impl sl_transport_options {
    /// The core's defaults, for the `sl_*_options_init` functions.
    pub(crate) fn defaults() -> Self {
        let d = TransportOptions::default();
        sl_transport_options {
            connect_timeout_ms: d.connect_timeout.as_millis().try_into().unwrap_or(u32::MAX),
            request_timeout_ms: d.request_timeout.as_millis().try_into().unwrap_or(u32::MAX),
            extra_ca_pem: ptr::null(),
            accept_invalid_certs: d.accept_invalid_certs,
        }
    }

    pub(crate) fn to_core(self) -> Result<TransportOptions, Failure> {
        Ok(TransportOptions {
            connect_timeout: Duration::from_millis(self.connect_timeout_ms.into()),
            request_timeout: Duration::from_millis(self.request_timeout_ms.into()),
            extra_ca_pem: opt_str(self.extra_ca_pem, "transport.extra_ca_pem")?.map(|p| p.as_bytes().to_vec()),
            accept_invalid_certs: self.accept_invalid_certs,
            ..TransportOptions::default()
        })
    }
}
