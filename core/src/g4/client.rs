//! The G4 Sessions client: tenant and application headers, bearer/apikey authorisation,
//! adoption of refreshed tokens from `x-g4-bearer`, and 204 → not found. The operations
//! are in `ops.rs`.

use std::fmt;
use std::sync::{Arc, RwLock};

use http::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION};
use http::StatusCode;

use crate::call::Call;
use crate::error::{Error, ErrorKind, Result};
use crate::g4::config::{G4Auth, G4Config};
use crate::secret::Secret;
use crate::transport::{header_value, Reply, RequestBuilder, Route, Transport};

const TENANT: HeaderName = HeaderName::from_static("x-g4-tenant");
const APPLICATION: HeaderName = HeaderName::from_static("x-g4-application");
pub(crate) const REFRESHED_BEARER: &str = "x-g4-bearer";

/// A client for the G4 Sessions API, for one tenant. Thread-safe: one client may be used from
/// many threads and by many calls at once; they share its connections and bearer token.
///
/// Rust: cheap to clone; clones share the pool and credentials.
#[derive(Clone)]
pub struct G4Client {
    inner: Arc<Inner>,
}

struct Inner {
    transport: Transport,
    tenant: HeaderValue,
    application: Option<HeaderValue>,
    auth: RwLock<Option<G4Auth>>,
}

impl G4Client {
    /// Validates the configuration (before any I/O) and builds the client.
    pub fn new(config: G4Config) -> Result<Self> {
        if config.tenant.trim().is_empty() {
            return Err(Error::invalid_argument("tenant must not be empty"));
        }
        let tenant = header_value("tenant", &config.tenant)?;
        let application = config.application.as_deref().map(|a| header_value("application", a)).transpose()?;
        if let Some(auth) = &config.auth {
            authorization(auth)?;
        }
        let transport = Transport::new(&config.base_url, &config.transport)?;
        Ok(G4Client { inner: Arc::new(Inner { transport, tenant, application, auth: RwLock::new(config.auth) }) })
    }

    /// The base URL requests go to (normalised: no trailing slash).
    pub fn base_url(&self) -> &str {
        self.inner.transport.base().as_str()
    }

    /// The credentials the next call will use.
    pub fn auth(&self) -> Option<G4Auth> {
        self.inner.auth.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Replaces the credentials; `None` forgets them.
    pub fn set_auth(&self, auth: Option<G4Auth>) -> Result<()> {
        if let Some(a) = &auth {
            authorization(a)?;
        }
        *self.inner.auth.write().unwrap_or_else(|p| p.into_inner()) = auth;
        Ok(())
    }

    /// Forgets the bearer if it is `token` (after that session was deleted).
    pub(crate) fn forget_bearer(&self, token: &str) {
        let mut auth = self.inner.auth.write().unwrap_or_else(|p| p.into_inner());
        if matches!(&*auth, Some(G4Auth::Bearer(b)) if b.expose() == token) {
            *auth = None;
        }
    }

    /// Prepares a call of `route` with the tenant, application and credential headers. The
    /// reply's refreshed bearer is adopted, and a 204 is "no such session".
    pub(crate) fn call(&self, route: Route, build: impl FnOnce(&mut RequestBuilder) -> Result<()>) -> Call<Reply> {
        let transport = &self.inner.transport;
        let request = (|| {
            let mut request = transport.request(route);
            build(&mut request)?;
            request.header(ACCEPT, HeaderValue::from_static("application/json"));
            request.header(TENANT, self.inner.tenant.clone());
            if let Some(app) = &self.inner.application {
                request.header(APPLICATION, app.clone());
            }
            if let Some(auth) = self.auth() {
                request.header(AUTHORIZATION, authorization(&auth)?);
                let (G4Auth::Bearer(secret) | G4Auth::ApiKey(secret)) = &auth;
                request.secret(secret.expose());
            }
            request.finish()
        })();
        let client = self.clone();
        Call::new(
            transport,
            request,
            Box::new(move |reply: Reply| {
                client.adopt_refreshed_bearer(&reply.headers);
                // The service answers 204 for a session that does not exist or has expired;
                // the public clients of this API treat every 204 as an error, so do we.
                if reply.status == StatusCode::NO_CONTENT {
                    return Err(Error::new(
                        ErrorKind::NotFound,
                        format!("{route}: no such session, or it has expired"),
                    )
                    .with_status(204));
                }
                Ok(reply)
            }),
        )
    }

    fn adopt_refreshed_bearer(&self, headers: &HeaderMap) {
        let Some(token) = headers.get(REFRESHED_BEARER).and_then(|v| v.to_str().ok()) else { return };
        let token = token.trim();
        if token.is_empty() || header_value("x-g4-bearer", token).is_err() {
            return;
        }
        log::debug!(target: crate::logging::G4, "adopting the refreshed bearer token from x-g4-bearer");
        *self.inner.auth.write().unwrap_or_else(|p| p.into_inner()) = Some(G4Auth::Bearer(Secret::new(token)));
    }
}

fn authorization(auth: &G4Auth) -> Result<HeaderValue> {
    let (scheme, secret) = match auth {
        G4Auth::Bearer(s) => ("bearer", s),
        G4Auth::ApiKey(s) => ("apikey", s),
    };
    if secret.expose().trim().is_empty() {
        return Err(Error::invalid_argument(format!("the {scheme} credential must not be empty or blank")));
    }
    let mut value = header_value("credential", &format!("{scheme} {}", secret.expose()))?;
    value.set_sensitive(true);
    Ok(value)
}

impl fmt::Debug for G4Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("G4Client")
            .field("base_url", &self.base_url())
            .field("tenant", &self.inner.tenant)
            .field("application", &self.inner.application)
            .field("auth", &self.auth())
            .finish()
    }
}
