//! Transport settings shared by both clients, and the one place their rules live.

use std::fmt;
use std::time::Duration;

use crate::error::{Error, Result};

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
    /// How long an idle pooled connection is kept. Default 90 s.
    pub pool_idle_timeout: Duration,
}

impl Default for TransportOptions {
    fn default() -> Self {
        TransportOptions {
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            extra_ca_pem: None,
            accept_invalid_certs: false,
            pool_idle_timeout: Duration::from_secs(90),
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

impl fmt::Debug for TransportOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportOptions")
            .field("connect_timeout", &self.connect_timeout)
            .field("request_timeout", &self.request_timeout)
            .field("extra_ca_pem", &self.extra_ca_pem.as_ref().map(|p| p.len()))
            .field("accept_invalid_certs", &self.accept_invalid_certs)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .finish()
    }
}
