//! The G4 Sessions client: tenant and application headers, bearer/apikey authorisation,
//! adoption of refreshed tokens from `x-g4-bearer`, and 204 → not found.

use std::fmt;
use std::sync::{Arc, RwLock};

use reqwest::header::{HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION};
use reqwest::{Method, StatusCode};

use crate::error::{Error, ErrorKind, Result};
use crate::g4::config::{G4Auth, G4Config};
use crate::g4::models::{AuthenticatedSessionResponse, CreateSessionRequest, GetSessionResponse};
use crate::secret::Secret;
use crate::transport::{decode, header_value, Query, Reply, Seg, Transport};

const TENANT: HeaderName = HeaderName::from_static("x-g4-tenant");
const APPLICATION: HeaderName = HeaderName::from_static("x-g4-application");
const REFRESHED_BEARER: &str = "x-g4-bearer";

/// A client for the G4 Sessions API. Cheap to clone; clones share the pool and credentials.
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

    async fn call(
        &self,
        route: &'static str,
        method: Method,
        segs: &[Seg<'_>],
        body: Option<Vec<u8>>,
    ) -> Result<Reply> {
        let url = self.inner.transport.url(segs, &Query::new())?;
        let mut headers = HeaderMap::with_capacity(4);
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(TENANT, self.inner.tenant.clone());
        if let Some(app) = &self.inner.application {
            headers.insert(APPLICATION, app.clone());
        }
        if let Some(auth) = self.auth() {
            headers.insert(AUTHORIZATION, authorization(&auth)?);
        }
        let reply = self.inner.transport.send(route, method, url, headers, body).await?;
        self.adopt_refreshed_bearer(&reply.headers);
        // The service answers 204 for a session that does not exist or has expired; the
        // public clients of this API treat every 204 as an error, so do we.
        if reply.status == StatusCode::NO_CONTENT {
            return Err(Error::new(ErrorKind::NotFound, format!("{route}: no such session, or it has expired"))
                .with_status(204));
        }
        Ok(reply)
    }

    fn adopt_refreshed_bearer(&self, headers: &HeaderMap) {
        let Some(token) = headers.get(REFRESHED_BEARER).and_then(|v| v.to_str().ok()) else { return };
        let token = token.trim();
        if token.is_empty() || header_value("x-g4-bearer", token).is_err() {
            return;
        }
        log::debug!(target: "sessionlink", "G4: adopting the refreshed bearer token from x-g4-bearer");
        *self.inner.auth.write().unwrap_or_else(|p| p.into_inner()) = Some(G4Auth::Bearer(Secret::new(token)));
    }

    /// `POST /session`: logs in and creates a session. On success the client uses the new
    /// session id (or the bearer the service returns) as its bearer token from then on.
    /// Wrong credentials (`validCredentials: false`) → `Unauthorized`; a valid user without
    /// access to the tenant (`accessAllowed: false`) → `Forbidden`; both with status 200.
    pub async fn create_session(&self, request: &CreateSessionRequest) -> Result<AuthenticatedSessionResponse> {
        const ROUTE: &str = "POST /session";
        if request.username.is_empty() {
            return Err(Error::invalid_argument("username must not be empty"));
        }
        if request.timeout.is_some_and(|t| t <= 0) {
            return Err(Error::invalid_argument("timeout must be a positive number of seconds"));
        }
        let body = serde_json::to_vec(request)
            .map_err(|e| Error::invalid_argument(format!("cannot encode the request body: {e}")))?;
        let reply = self.call(ROUTE, Method::POST, &[Seg::Lit("session")], Some(body)).await?;
        let session: AuthenticatedSessionResponse = decode(ROUTE, &reply.body)?;
        if !session.valid_credentials {
            return Err(Error::new(ErrorKind::Unauthorized, format!("{ROUTE}: invalid username or password"))
                .with_status(reply.status.as_u16()));
        }
        if !session.access_allowed {
            return Err(Error::new(ErrorKind::Forbidden, format!("{ROUTE}: the user has no access to this tenant"))
                .with_status(reply.status.as_u16()));
        }
        let Some(session_id) = session.session_id.clone().filter(|s| !s.is_empty()) else {
            return Err(Error::decode(format!("{ROUTE}: a successful login returned no sessionId")));
        };
        // A refreshed bearer from the header was adopted in `call`; otherwise the body's
        // bearer, otherwise the session id itself.
        if reply.headers.get(REFRESHED_BEARER).is_none() {
            let bearer = session.bearer.clone().filter(|b| !b.is_empty()).unwrap_or(session_id);
            self.set_auth(Some(G4Auth::Bearer(bearer)))?;
        }
        Ok(session)
    }

    /// `GET /session/{id}`: reads a session and restarts its time-to-live.
    pub async fn get_session(&self, id: &str) -> Result<GetSessionResponse> {
        const ROUTE: &str = "GET /session/{id}";
        let reply = self.call(ROUTE, Method::GET, &[Seg::Lit("session"), Seg::Val(id, "session id")], None).await?;
        decode(ROUTE, &reply.body)
    }

    /// `GET /static-session/{id}`: reads a session without touching its time-to-live.
    pub async fn get_static_session(&self, id: &str) -> Result<GetSessionResponse> {
        const ROUTE: &str = "GET /static-session/{id}";
        let segs = [Seg::Lit("static-session"), Seg::Val(id, "session id")];
        let reply = self.call(ROUTE, Method::GET, &segs, None).await?;
        decode(ROUTE, &reply.body)
    }

    /// `PUT /session/{id}`: replaces the session's data document.
    pub async fn update_session(&self, id: &str, data: &serde_json::Value) -> Result<()> {
        let body = serde_json::to_vec(data).map_err(|e| Error::invalid_argument(format!("cannot encode data: {e}")))?;
        self.call("PUT /session/{id}", Method::PUT, &[Seg::Lit("session"), Seg::Val(id, "session id")], Some(body))
            .await?;
        Ok(())
    }

    /// `DELETE /session/{id}`: ends the session. If it was this client's bearer, the client
    /// forgets it.
    pub async fn delete_session(&self, id: &str) -> Result<()> {
        self.call("DELETE /session/{id}", Method::DELETE, &[Seg::Lit("session"), Seg::Val(id, "session id")], None)
            .await?;
        let mut auth = self.inner.auth.write().unwrap_or_else(|p| p.into_inner());
        if matches!(&*auth, Some(G4Auth::Bearer(b)) if b.expose() == id) {
            *auth = None;
        }
        Ok(())
    }
}

fn authorization(auth: &G4Auth) -> Result<HeaderValue> {
    let (scheme, secret) = match auth {
        G4Auth::Bearer(s) => ("bearer", s),
        G4Auth::ApiKey(s) => ("apikey", s),
    };
    if secret.is_empty() {
        return Err(Error::invalid_argument(format!("the {scheme} credential must not be empty")));
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
