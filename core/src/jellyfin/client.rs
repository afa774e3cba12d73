//! The Jellyfin client: shared state and the one request path every operation goes through.

use std::fmt;
use std::sync::{Arc, RwLock};

use http::header::{HeaderValue, ACCEPT, AUTHORIZATION};

use crate::call::Call;
use crate::error::Result;
use crate::jellyfin::auth_header::{self, ClientIdentity};
use crate::jellyfin::config::JellyfinConfig;
use crate::secret::Secret;
use crate::transport::{Reply, RequestBuilder, Route, Transport};

/// A client for the Jellyfin Session API. Thread-safe: one client may be used from many
/// threads and by many calls at once; they share its connections and login state.
///
/// Rust: cheap to clone; clones share the connection pool and the login state.
#[derive(Clone)]
pub struct JellyfinClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub(crate) transport: Transport,
    pub(crate) identity: ClientIdentity,
    pub(crate) auth: RwLock<AuthState>,
}

#[derive(Default)]
pub(crate) struct AuthState {
    pub(crate) token: Option<Secret>,
    pub(crate) user_id: Option<String>,
    /// Rendered once per token change: most calls only copy it.
    pub(crate) header: Option<HeaderValue>,
}

impl JellyfinClient {
    /// Validates the configuration (before any I/O) and builds the client.
    pub fn new(config: JellyfinConfig) -> Result<Self> {
        let identity = ClientIdentity {
            client: config.client_name,
            device: config.device_name,
            device_id: config.device_id,
            version: config.client_version,
        };
        identity.validate()?;
        let transport = Transport::new(&config.base_url, &config.transport)?;
        let header = auth_header::render(&identity, config.token.as_ref())?;
        let auth = AuthState { token: config.token, user_id: None, header: Some(header) };
        Ok(JellyfinClient { inner: Arc::new(Inner { transport, identity, auth: RwLock::new(auth) }) })
    }

    /// The base URL requests go to (normalised: no trailing slash).
    pub fn base_url(&self) -> &str {
        self.inner.transport.base().as_str()
    }

    /// The device id the client sends (`DeviceId=`). The server keys each session on it and
    /// the client name, so it finds the caller's own session (see [`Self::current_session`]).
    pub fn device_id(&self) -> &str {
        &self.inner.identity.device_id
    }

    /// The device name the client sends (`Device=`), as other clients show it.
    pub fn device_name(&self) -> &str {
        &self.inner.identity.device
    }

    /// The application name the client sends (`Client=`).
    pub fn client_name(&self) -> &str {
        &self.inner.identity.client
    }

    /// The application version the client sends (`Version=`).
    pub fn client_version(&self) -> &str {
        &self.inner.identity.version
    }

    /// The user id learnt from `authenticate_by_name`, if any.
    pub fn user_id(&self) -> Option<String> {
        self.read_auth(|a| a.user_id.clone())
    }

    /// Whether the client holds an access token or API key.
    pub fn has_token(&self) -> bool {
        self.read_auth(|a| a.token.is_some())
    }

    /// Replaces the access token (or API key); `None` forgets it.
    pub fn set_token(&self, token: Option<Secret>) -> Result<()> {
        self.store_login(token, None)
    }

    pub(crate) fn store_login(&self, token: Option<Secret>, user_id: Option<String>) -> Result<()> {
        let header = auth_header::render(&self.inner.identity, token.as_ref())?;
        let mut auth = self.inner.auth.write().unwrap_or_else(|p| p.into_inner());
        *auth = AuthState { token, user_id, header: Some(header) };
        Ok(())
    }

    pub(crate) fn transport(&self) -> &Transport {
        &self.inner.transport
    }

    /// The credentials the next call sends, to scrub from what a server says back.
    pub(crate) fn secrets(&self) -> Vec<String> {
        self.read_auth(|a| a.token.iter().map(|t| t.expose().to_owned()).collect())
    }

    /// The Authorization header the next call sends.
    pub(crate) fn authorization(&self) -> Option<HeaderValue> {
        self.read_auth(|a| a.header.clone())
    }

    fn read_auth<T>(&self, f: impl FnOnce(&AuthState) -> T) -> T {
        f(&self.inner.auth.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Prepares a call of `route`: `build` fills in the path, query and body, then the
    /// Accept and Authorization headers are added. Nothing is sent yet.
    pub(crate) fn call(&self, route: Route, build: impl FnOnce(&mut RequestBuilder) -> Result<()>) -> Call<Reply> {
        let transport = &self.inner.transport;
        let request = (|| {
            let mut request = transport.request(route);
            build(&mut request)?;
            request.header(ACCEPT, HeaderValue::from_static("application/json"));
            let (header, token) = self.read_auth(|a| (a.header.clone(), a.token.clone()));
            if let Some(h) = header {
                request.header(AUTHORIZATION, h);
            }
            if let Some(token) = token {
                request.secret(token.expose());
            }
            request.finish()
        })();
        Call::new(transport, request, Box::new(Ok))
    }
}

impl fmt::Debug for JellyfinClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JellyfinClient")
            .field("base_url", &self.base_url())
            .field("identity", &self.inner.identity)
            .field("has_token", &self.has_token())
            .field("user_id", &self.user_id())
            .finish()
    }
}

/// Jellyfin takes GUIDs dashed or not; anything else in a GUID slot is silently dropped or
/// answered with a 500, so it is refused here, before any I/O.
pub(crate) fn check_guid(what: &str, value: &str) -> Result<()> {
    let hex = |s: &str| s.bytes().all(|b| b.is_ascii_hexdigit());
    let ok = match value.len() {
        32 => hex(value),
        36 => {
            let b = value.as_bytes();
            [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
                && hex(&value.replace('-', ""))
                && value.matches('-').count() == 4
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(crate::Error::invalid_argument(format!(
            "{what} must be a GUID (32 hex digits, dashes optional), got {value:?}"
        )))
    }
}
