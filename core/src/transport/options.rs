//! Transport settings shared by both clients, and the one place their rules live.

use std::fmt;
use std::time::Duration;

use crate::error::{Error, Result};
use crate::secret::Secret;

/// Transport settings shared by both clients. Start from `TransportOptions::default()`.
#[derive(Clone)]
pub struct TransportOptions {
    /// Time allowed to establish a TCP (and TLS) connection. Default 10 s.
    pub connect_timeout: Duration,
    /// Time allowed for a whole request, from sending to the end of the body. Default 30 s.
    pub request_timeout: Duration,
    /// An extra CA certificate (PEM) to trust, for servers with a private CA.
    pub extra_ca_pem: Option<Vec<u8>>,
    /// Accept any certificate. Only for testing against self-signed servers: it disables
    /// server authentication entirely.
    pub accept_invalid_certs: bool,
    /// How long an idle pooled connection is kept. Default 30 s: below the keep-alive
    /// timeouts of common servers (nginx 75 s, Kestrel 130 s), so the client rarely reuses
    /// a connection the server is closing. When it does, an idempotent request is retried
    /// once on a fresh connection. Zero turns reuse off: every request opens a connection of
    /// its own (for servers or proxies that mishandle keep-alive). The same in every
    /// language: see [`pool_idle_timeout_seconds`].
    pub pool_idle_timeout: Duration,
    /// The largest response body read; a larger one fails with `ResponseTooLarge` without
    /// being read. Default 32 MiB, far above any real session list.
    pub max_response_bytes: usize,
    /// How many times a 503 or 429 answer is retried, waiting as `Retry-After` asks (at most
    /// `retry_after_cap` each time, within `request_timeout`). Default 0: off. Jellyfin
    /// answers 503 with `Retry-After` while it starts up. Safe for every method: the
    /// server refused the request without applying it.
    pub retry_unavailable: u32,
    /// The longest wait between retries of a 503 or 429. Default 10 s.
    pub retry_after_cap: Duration,
    /// Ask for compressed responses (`Accept-Encoding: br, gzip`) and decode them. Default
    /// on: Jellyfin compresses JSON, and a session list is about six times smaller on the
    /// wire. `max_response_bytes` applies to the decoded body too.
    pub compression: bool,
    /// Trust the WebPKI roots compiled into sessionlink (Mozilla's list). Default on.
    pub webpki_roots: bool,
    /// Trust the operating system's certificate store too (read once per process: the
    /// `SSL_CERT_FILE`/`SSL_CERT_DIR` variables, then the distribution's bundle on Linux; the
    /// keychain on macOS; the Windows store). Default off. With `webpki_roots` off, only the
    /// system's store (and `extra_ca_pem`) are trusted.
    pub system_roots: bool,
    /// The proxy every request and the session socket go through (`http://[user:password@]host:port`),
    /// whatever the environment says. Default none. Its credentials are sent as
    /// `Proxy-Authorization: Basic` and never appear in messages.
    pub proxy: Option<Secret>,
    /// Without `proxy`: take the proxy from `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and
    /// `NO_PROXY` (upper or lower case, as curl reads them), when the client is made. Default
    /// on; off connects directly.
    pub proxy_from_env: bool,
}

/// The default of [`TransportOptions::max_response_bytes`].
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

impl Default for TransportOptions {
    fn default() -> Self {
        TransportOptions {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            extra_ca_pem: None,
            accept_invalid_certs: false,
            pool_idle_timeout: Duration::from_secs(30),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry_unavailable: 0,
            retry_after_cap: Duration::from_secs(10),
            compression: true,
            webpki_roots: true,
            system_roots: false,
            proxy: None,
            proxy_from_env: true,
        }
    }
}

impl TransportOptions {
    /// Checks the settings; every client does this before any I/O.
    pub fn validate(&self) -> Result<()> {
        for (name, value) in [("connect_timeout", self.connect_timeout), ("request_timeout", self.request_timeout)] {
            if value.is_zero() {
                return Err(Error::invalid_argument(format!("{name} must be greater than zero")));
            }
        }
        if self.max_response_bytes == 0 {
            return Err(Error::invalid_argument("max_response_bytes must be greater than zero"));
        }
        Ok(())
    }
}

/// A duration given in seconds by a caller (Python passes floats): positive and finite.
pub fn seconds(what: &str, value: f64) -> Result<Duration> {
    if !(value.is_finite() && value > 0.0) {
        return Err(Error::invalid_argument(format!("{what} must be a positive number of seconds, got {value}")));
    }
    Duration::try_from_secs_f64(value).map_err(|e| Error::invalid_argument(format!("{what}: {e}")))
}

/// A number of seconds given by a caller that may be 0 (no delay, no throttling, a timeout
/// that only takes what is waiting): finite and not negative.
pub fn seconds_or_zero(what: &str, value: f64) -> Result<Duration> {
    if value == 0.0 {
        return Ok(Duration::ZERO);
    }
    seconds(what, value)
        .map_err(|_| Error::invalid_argument(format!("{what} must be a number of seconds from 0, got {value}")))
}

/// [`TransportOptions::pool_idle_timeout`] given in seconds (Python passes floats): 0 turns
/// connection reuse off; negative, NaN and infinite values are refused.
pub fn pool_idle_timeout_seconds(value: f64) -> Result<Duration> {
    seconds_or_zero("pool_idle_timeout", value)
}

/// A size in bytes given by a caller as a signed integer (Python passes ints): at least 1.
pub fn bytes(what: &str, value: i64) -> Result<usize> {
    if value < 1 {
        return Err(Error::invalid_argument(format!("{what} must be a positive number of bytes, got {value}")));
    }
    usize::try_from(value)
        .map_err(|_| Error::invalid_argument(format!("{what} is too large for this platform: {value}")))
}

/// A count given by a caller as a signed integer: 0 or more.
pub fn count(what: &str, value: i64) -> Result<u32> {
    u32::try_from(value)
        .map_err(|_| Error::invalid_argument(format!("{what} must be a count from 0 to {}, got {value}", u32::MAX)))
}

impl fmt::Debug for TransportOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportOptions")
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("extra_ca_pem", &self.extra_ca_pem.as_ref().map(|p| p.len()))
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("max_response_bytes", &self.max_response_bytes)
            .field("retry_unavailable", &self.retry_unavailable)
            .field("retry_after_cap", &self.retry_after_cap)
            .field("compression", &self.compression)
            .field("webpki_roots", &self.webpki_roots)
            .field("system_roots", &self.system_roots)
            .field("proxy", &self.proxy.as_ref().map(|p| redacted_url(p.expose())))
            .field("proxy_from_env", &self.proxy_from_env)
            .finish()
    }
}

/// A URL as it may be shown: without its user name and password.
pub(crate) fn redacted_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) => {
            if !parsed.username().is_empty() || parsed.password().is_some() {
                let _ = parsed.set_username("***");
                let _ = parsed.set_password(None);
            }
            parsed.to_string()
        }
        // Not a URL: it may be anything, a password included.
        Err(_) => "(not a valid URL)".to_owned(),
    }
}
