//! Where a G4 client connects, for which tenant, with which credentials.

use std::fmt;

use crate::error::{Error, Result};
use crate::secret::Secret;
use crate::transport::TransportOptions;

/// How a G4 call is authorised: `Authorization: bearer <token>` or `apikey <key>`.
#[derive(Clone, PartialEq, Eq)]
pub enum G4Auth {
    /// `Authorization: bearer <token>`: a session id or the bearer a login returned.
    Bearer(Secret),
    /// `Authorization: apikey <key>`: a tenant's service key.
    ApiKey(Secret),
}

impl G4Auth {
    /// The credentials from an optional bearer token and an optional API key, as the
    /// bindings take them: at most one of the two.
    pub fn from_options(bearer: Option<String>, api_key: Option<String>) -> Result<Option<G4Auth>> {
        match (bearer, api_key) {
            (Some(_), Some(_)) => Err(Error::invalid_argument("give a bearer token or an API key, not both")),
            (Some(bearer), None) => Ok(Some(G4Auth::Bearer(Secret::new(bearer)))),
            (None, Some(key)) => Ok(Some(G4Auth::ApiKey(Secret::new(key)))),
            (None, None) => Ok(None),
        }
    }
}

impl fmt::Debug for G4Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            G4Auth::Bearer(_) => f.write_str("Bearer(***)"),
            G4Auth::ApiKey(_) => f.write_str("ApiKey(***)"),
        }
    }
}

/// Configuration of a [`crate::g4::G4Client`].
#[derive(Debug, Clone)]
pub struct G4Config {
    /// Service URL, with or without a trailing slash and path prefix.
    pub base_url: String,
    /// Sent as `x-g4-tenant` on every call; required.
    pub tenant: String,
    /// Sent as `x-g4-application` when set, to name the caller in the service's logs.
    pub application: Option<String>,
    /// Initial credentials. After `create_session` the new session id is used as bearer.
    pub auth: Option<G4Auth>,
    /// Timeouts, TLS, pool and limits.
    pub transport: TransportOptions,
}

impl G4Config {
    /// A configuration for `tenant` at `base_url`, without credentials and with default transport options.
    pub fn new(base_url: impl Into<String>, tenant: impl Into<String>) -> Self {
        G4Config {
            base_url: base_url.into(),
            tenant: tenant.into(),
            application: None,
            auth: None,
            transport: TransportOptions::default(),
        }
    }
}
