//! Which proxy a client's connections go through, decided once when the client is made: the
//! `proxy` option, else (with `proxy_from_env`) the environment as curl reads it. The rules
//! are hyper-util's proxy matcher (`HTTPS_PROXY`/`https_proxy` for `https` base URLs,
//! `HTTP_PROXY`/`http_proxy` for `http` — ignored in a CGI process, where a request header can
//! set it — `ALL_PROXY`/`all_proxy` for both, and `NO_PROXY`/`no_proxy`: comma-separated
//! names that match themselves and their subdomains, IP addresses and CIDR ranges, or `*`).
//! Like curl and reqwest, loopback addresses are not exempt: `NO_PROXY=127.0.0.1,localhost`
//! says so when a proxy must not see them.
//!
//! How a connection uses the proxy (`connect.rs`): `https` and the WebSocket (`ws` and `wss`)
//! go through a `CONNECT` tunnel; plain `http` requests are forwarded (absolute-form URI,
//! `Proxy-Authorization` on each request).

use base64::Engine;
use http::HeaderValue;
use hyper_util::client::proxy::matcher::Matcher;

use crate::error::{Error, ErrorKind, Result};
use crate::transport::options::{redacted_url, TransportOptions};
use crate::transport::url::BaseUrl;

/// A proxy, as connections need it.
#[derive(Clone)]
pub(crate) struct Proxy {
    /// The proxy's host, as a URL writes it (an IPv6 address in brackets).
    host: String,
    port: u16,
    /// `Basic <base64 of user:password>`, marked sensitive, when the proxy URL had a user.
    auth: Option<HeaderValue>,
    /// The spellings of the credentials, to scrub from every error.
    secrets: Vec<String>,
}

impl std::fmt::Debug for Proxy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Proxy")
            .field("authority", &self.authority())
            .field("auth", &self.auth.as_ref().map(|_| "***"))
            .finish()
    }
}

impl Proxy {
    /// The proxy for requests to `base`, or `None` to connect directly.
    pub fn choose(base: &BaseUrl, options: &TransportOptions) -> Result<Option<Proxy>> {
        let uri: http::Uri = base
            .url()
            .as_str()
            .parse()
            .map_err(|_| Error::invalid_argument("base URL cannot be matched against proxy rules"))?;
        if let Some(explicit) = &options.proxy {
            let url = explicit.expose().trim();
            let matcher = Matcher::builder().all(url.to_owned()).build();
            let Some(intercept) = matcher.intercept(&uri) else {
                return Err(Error::invalid_argument(format!(
                    "proxy {} is not a valid proxy URL (expected http://[user:password@]host:port)",
                    redacted_url(url)
                )));
            };
            return Proxy::from_intercept(intercept.uri(), intercept.basic_auth(), "the proxy option").map(Some);
        }
        if !options.proxy_from_env || no_proxy_is_everything() {
            return Ok(None);
        }
        match Matcher::from_env().intercept(&uri) {
            Some(intercept) => {
                let proxy = Proxy::from_intercept(
                    intercept.uri(),
                    intercept.basic_auth(),
                    "the proxy of the environment (HTTPS_PROXY, HTTP_PROXY or ALL_PROXY)",
                )?;
                log::debug!(target: crate::logging::TRANSPORT, "using the proxy {} from the environment", proxy.authority());
                Ok(Some(proxy))
            }
            None => Ok(None),
        }
    }
}

/// `NO_PROXY=*`: curl bypasses the proxy for every host; hyper-util's matcher applies `*` to
/// names only, not to IP addresses.
fn no_proxy_is_everything() -> bool {
    let value = std::env::var("NO_PROXY").or_else(|_| std::env::var("no_proxy")).unwrap_or_default();
    value.split(',').any(|entry| entry.trim() == "*")
}

impl Proxy {
    fn from_intercept(uri: &http::Uri, auth: Option<&HeaderValue>, origin: &str) -> Result<Proxy> {
        match uri.scheme_str() {
            Some("http") => {}
            Some(other) => {
                return Err(Error::invalid_argument(format!(
                    "{origin} uses the scheme {other}://, which sessionlink does not support: only http:// \
                     proxies are (set the proxy option, or turn proxy_from_env off)"
                )))
            }
            None => return Err(Error::invalid_argument(format!("{origin} has no scheme"))),
        }
        let host = uri.host().filter(|h| !h.is_empty()).ok_or_else(|| {
            Error::invalid_argument(format!("{origin} has no host (expected http://[user:password@]host:port)"))
        })?;
        let port = uri.port_u16().unwrap_or(80);
        let mut secrets = Vec::new();
        if let Some(header) = auth {
            let token = header.to_str().unwrap_or_default().trim_start_matches("Basic ").to_owned();
            // The password as the user wrote it, should a proxy's page echo it.
            let decoded = base64::engine::general_purpose::STANDARD.decode(&token).unwrap_or_default();
            let decoded = String::from_utf8_lossy(&decoded).into_owned();
            if let Some((_, password)) = decoded.split_once(':') {
                secrets.push(password.to_owned());
            }
            secrets.push(decoded);
            secrets.push(token);
        }
        let mut auth = auth.cloned();
        if let Some(header) = &mut auth {
            header.set_sensitive(true);
        }
        Ok(Proxy { host: host.to_owned(), port, auth, secrets })
    }

    /// `host:port`, for messages and the TCP connection.
    pub fn authority(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// The host to connect to, without brackets.
    pub fn host(&self) -> &str {
        self.host.trim_start_matches('[').trim_end_matches(']')
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// The `Proxy-Authorization` header, when the proxy URL had credentials.
    pub fn auth(&self) -> Option<&HeaderValue> {
        self.auth.as_ref()
    }

    /// The credentials, as errors must never show them.
    pub fn secrets(&self) -> &[String] {
        &self.secrets
    }

    /// The proxy answered `status` instead of carrying the request: nothing reached the server.
    pub fn refused(&self, what: &str, status: http::StatusCode) -> Error {
        let reason = status.canonical_reason().unwrap_or("unexpected status");
        let hint = match status.as_u16() {
            407 if self.auth.is_some() => " (the proxy refused the credentials of the proxy URL)",
            407 => " (the proxy needs credentials: http://user:password@host:port)",
            403 => " (the proxy does not allow this destination)",
            _ => "",
        };
        Error::new(
            ErrorKind::Proxy,
            format!("the proxy {} refused {what}: {} {reason}{hint}", self.authority(), status.as_u16()),
        )
        .with_status(status.as_u16())
        .with_request_sent(false)
    }
}
