//! HTTP plumbing shared by both clients: connection pool, TLS, timeouts, request building
//! with per-segment percent-encoding, and status → error mapping.

mod options;
mod request;
mod status;
mod url;

use std::time::Instant;

use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use reqwest::StatusCode;

use crate::call::Request;
use crate::error::{Error, ErrorKind, Result};
use crate::runtime::ProcessGuard;

pub use options::{seconds, TransportOptions};
pub(crate) use request::RequestBuilder;
pub use request::{MAX_BODY_BYTES, MAX_URL_BYTES};
pub use status::status_error;
pub use url::{check_segment, BaseUrl, Route};

/// The `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("sessionlink/", env!("CARGO_PKG_VERSION"));

/// Checks a value that will be sent in a header: CR, LF, NUL and other control characters
/// would split or corrupt the header, so they are refused before any I/O.
pub fn header_value(what: &str, value: &str) -> Result<HeaderValue> {
    if let Some(c) = value.chars().find(|c| (c.is_control() && *c != '\t') || *c == '\u{7f}') {
        return Err(Error::invalid_argument(format!(
            "{what} contains a control character ({:?}), which is not allowed in an HTTP header",
            c
        )));
    }
    if !value.is_ascii() {
        // Header bytes beyond ASCII are read as Latin-1 by some servers and refused by
        // others: there is no portable way to send them.
        return Err(Error::invalid_argument(format!("{what} must be ASCII to be sent in an HTTP header")));
    }
    HeaderValue::from_bytes(value.as_bytes())
        .map_err(|_| Error::invalid_argument(format!("{what} is not a valid HTTP header value")))
}

/// A finished response whose status was a success.
#[derive(Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    /// The body as received; not copied out of the connection's buffer.
    pub body: bytes::Bytes,
}

/// The shared HTTP client with its base URL. Cloning shares the connection pool.
#[derive(Debug, Clone)]
pub struct Transport {
    http: reqwest::Client,
    base: BaseUrl,
    guard: ProcessGuard,
}

impl Transport {
    /// Checks the base URL and options and builds the connection pool (no I/O).
    pub fn new(base: &str, options: &TransportOptions) -> Result<Self> {
        let base = BaseUrl::parse(base)?;
        options.validate()?;
        let mut builder = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .connect_timeout(options.connect_timeout)
            .timeout(options.request_timeout)
            .pool_idle_timeout(options.pool_idle_timeout)
            .tcp_nodelay(true)
            .redirect(reqwest::redirect::Policy::none())
            .danger_accept_invalid_certs(options.accept_invalid_certs);
        if let Some(pem) = &options.extra_ca_pem {
            let certs = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| Error::invalid_argument(format!("extra CA certificate is not valid PEM: {e}")))?;
            if certs.is_empty() {
                return Err(Error::invalid_argument("extra CA certificate PEM holds no certificate"));
            }
            for cert in certs {
                builder = builder.add_root_certificate(cert);
            }
        }
        let http = builder.build().map_err(|e| {
            // Certificates are only parsed into the TLS store here, so with an extra CA a
            // failure is almost always that certificate's fault.
            if options.extra_ca_pem.is_some() {
                Error::invalid_argument(format!("the extra CA certificate was rejected: {e}"))
            } else {
                Error::internal(format!("cannot build the HTTP client: {e}"))
            }
        })?;
        Ok(Transport { http, base, guard: ProcessGuard::new() })
    }

    pub fn base(&self) -> &BaseUrl {
        &self.base
    }

    /// A request for `route` on this transport's base URL.
    pub(crate) fn request(&self, route: Route) -> RequestBuilder {
        RequestBuilder::new(&self.base, route)
    }

    /// Sends one request and returns the reply, or the error its status maps to. Logs and
    /// error messages name the route, never the concrete URL, whose ids may be credentials.
    pub(crate) async fn send(&self, request: Request) -> Result<Reply> {
        self.guard.check()?;
        let route = request.route.as_str();
        let started = Instant::now();
        let mut req = self.http.request(request.route.method(), request.url).headers(request.headers);
        if let Some(body) = request.body {
            req = req.header(CONTENT_TYPE, "application/json").body(body);
        }
        let outcome = async {
            let resp = req.send().await?;
            let status = resp.status();
            let headers = resp.headers().clone();
            let body = resp.bytes().await?;
            Ok::<_, reqwest::Error>((status, headers, body))
        }
        .await;
        let (status, headers, body) = match outcome {
            Ok(parts) => parts,
            Err(e) => {
                let err = transport_error(route, e);
                log::debug!(target: "sessionlink", "{route} failed after {:?}: {err}", started.elapsed());
                return Err(err);
            }
        };
        log::debug!(target: "sessionlink", "{route} -> {} in {:?}", status.as_u16(), started.elapsed());
        if status.is_success() {
            return Ok(Reply { status, headers, body });
        }
        Err(status_error(route, status, &headers, &body))
    }
}

fn transport_error(route: &str, e: reqwest::Error) -> Error {
    // Never show the URL: a G4 session id in the path is also its bearer token.
    let e = e.without_url();
    let detail = std::error::Error::source(&e).map(|s| s.to_string()).unwrap_or_else(|| e.to_string());
    if e.is_timeout() {
        Error::new(ErrorKind::Timeout, format!("{route}: timed out ({detail})"))
    } else if e.is_connect() {
        Error::new(ErrorKind::Connect, format!("{route}: cannot connect ({detail})"))
    } else if e.is_decode() || e.is_body() {
        Error::new(ErrorKind::Connect, format!("{route}: the connection failed while reading the response ({detail})"))
    } else {
        Error::new(ErrorKind::Connect, format!("{route}: request failed ({detail})"))
    }
}

/// Decodes a JSON body into `T`. On failure the message names the field path (our models
/// prefix each nested error with the wire name of the field that failed).
pub fn decode<T: serde::de::DeserializeOwned>(route: &str, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body)
        .map_err(|e| Error::decode(format!("{route}: response is not the contract's shape: {e}")))
}
