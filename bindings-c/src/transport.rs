//! `sl_transport_options`: the transport settings both clients take, converted as given (the
//! core checks them: timeouts > 0, `max_response_bytes` > 0, a valid CA certificate).

use std::os::raw::c_char;
use std::ptr;
use std::time::Duration;

use sessionlink_core::{Secret, TransportOptions};

use crate::error::Failure;
use crate::ffi::opt_str;

/// Transport settings shared by both clients (a field of their option structs). Fields are
/// only ever appended; `sl_*_options_init` fills every one with the core's default.
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
    /// The largest response body read, in bytes; must be > 0. A larger one fails with
    /// `SL_STATUS_RESPONSE_TOO_LARGE` without being read (checked against Content-Length
    /// first, then while reading). Default 33554432 (32 MiB).
    pub max_response_bytes: u64,
    /// How long an idle connection is kept for reuse, in milliseconds; 0 never reuses one.
    /// Default 30000, below common servers' keep-alive timeouts. A request that fails on a
    /// reused connection before any response byte arrived is retried once on a new one when
    /// that is safe: always if nothing was sent, and for GET, PUT and DELETE also after
    /// sending.
    pub pool_idle_timeout_ms: u32,
    /// How many times a 503 or 429 answer is retried, waiting as its `Retry-After` asks (at
    /// most `retry_after_cap_ms`, and only while the request timeout allows). Default 0: off.
    /// Safe for every method: the server refused the request without applying it.
    pub retry_unavailable: u32,
    /// The longest wait before one such retry, in milliseconds. Default 10000.
    pub retry_after_cap_ms: u32,
    /// Ask for compressed responses (`Accept-Encoding: br, gzip`) and decode them; the
    /// decoded body is held to `max_response_bytes` too. Default true.
    pub compression: bool,
    /// Trust the WebPKI roots built into the library (Mozilla's list). Default true.
    pub webpki_roots: bool,
    /// Trust the operating system's certificate store too (read once per process; on Linux
    /// `SSL_CERT_FILE`/`SSL_CERT_DIR`, then the distribution's bundle). Default false.
    pub system_roots: bool,
    /// The proxy every request and the session socket go through,
    /// `http://[user:password@]host:port` (NUL-terminated; copied), whatever the environment
    /// says; NULL for none. Its credentials never appear in error messages.
    pub proxy: *const c_char,
    /// Without `proxy`: take the proxy from `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and
    /// `NO_PROXY` (upper or lower case, as curl reads them) when the client is made. Default
    /// true; false connects directly.
    pub proxy_from_env: bool,
}

fn millis(d: Duration) -> u32 {
    d.as_millis().try_into().unwrap_or(u32::MAX)
}

impl sl_transport_options {
    /// The core's defaults, for the `sl_*_options_init` functions.
    pub(crate) fn defaults() -> Self {
        let d = TransportOptions::default();
        sl_transport_options {
            connect_timeout_ms: millis(d.connect_timeout),
            request_timeout_ms: millis(d.request_timeout),
            extra_ca_pem: ptr::null(),
            accept_invalid_certs: d.accept_invalid_certs,
            max_response_bytes: d.max_response_bytes.try_into().unwrap_or(u64::MAX),
            pool_idle_timeout_ms: millis(d.pool_idle_timeout),
            retry_unavailable: d.retry_unavailable,
            retry_after_cap_ms: millis(d.retry_after_cap),
            compression: d.compression,
            webpki_roots: d.webpki_roots,
            system_roots: d.system_roots,
            proxy: ptr::null(),
            proxy_from_env: d.proxy_from_env,
        }
    }

    pub(crate) fn to_core(self) -> Result<TransportOptions, Failure> {
        Ok(TransportOptions {
            connect_timeout: Duration::from_millis(self.connect_timeout_ms.into()),
            request_timeout: Duration::from_millis(self.request_timeout_ms.into()),
            extra_ca_pem: opt_str(self.extra_ca_pem, "transport.extra_ca_pem")?.map(|p| p.as_bytes().to_vec()),
            accept_invalid_certs: self.accept_invalid_certs,
            // Above the address space (32-bit targets): no body can be that large anyway.
            max_response_bytes: self.max_response_bytes.try_into().unwrap_or(usize::MAX),
            pool_idle_timeout: Duration::from_millis(self.pool_idle_timeout_ms.into()),
            retry_unavailable: self.retry_unavailable,
            retry_after_cap: Duration::from_millis(self.retry_after_cap_ms.into()),
            compression: self.compression,
            webpki_roots: self.webpki_roots,
            system_roots: self.system_roots,
            proxy: opt_str(self.proxy, "transport.proxy")?.map(Secret::new),
            proxy_from_env: self.proxy_from_env,
        })
    }
}
