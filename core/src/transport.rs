//! HTTP plumbing shared by both clients: connection pool, TLS, timeouts, URL building with
//! per-segment percent-encoding, header validation, and status → error mapping.

use std::fmt;
use std::time::{Duration, Instant};

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use reqwest::{Method, StatusCode};

use crate::error::{Error, ErrorKind, Result};
use crate::runtime::ProcessGuard;

/// Everything but RFC 3986 "unreserved" is encoded, in path segments and query values alike:
/// a space becomes `%20` (never `+`), `/` becomes `%2F`, so a value can never leave its slot.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

pub const USER_AGENT: &str = concat!("sessionlink/", env!("CARGO_PKG_VERSION"));

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

/// A base URL, validated once: `http`/`https`, no query or fragment, trailing slashes removed,
/// path prefix (such as `/jellyfin`) kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    pub fn parse(raw: &str) -> Result<Self> {
        let trimmed = raw.trim();
        let url = reqwest::Url::parse(trimmed)
            .map_err(|e| Error::invalid_argument(format!("base URL {trimmed:?} is not a valid URL: {e}")))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(Error::invalid_argument(format!(
                "base URL must start with http:// or https://, got {:?}",
                url.scheme()
            )));
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err(Error::invalid_argument("base URL has no host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(Error::invalid_argument("base URL must not have a query or fragment"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::invalid_argument("base URL must not embed credentials"));
        }
        Ok(BaseUrl(url.as_str().trim_end_matches('/').to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One piece of a request path: a fixed route word, or a caller-supplied value that is
/// percent-encoded as exactly one segment.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Lit(&'static str),
    Val(&'a str, &'static str),
}

/// Builds a query string with the names exactly as the contract spells them.
#[derive(Debug, Default)]
pub struct Query(String);

impl Query {
    pub fn new() -> Self {
        Query(String::new())
    }

    fn key(&mut self, name: &str) {
        self.0.push(if self.0.is_empty() { '?' } else { '&' });
        self.0.push_str(name);
        self.0.push('=');
    }

    pub fn push(&mut self, name: &str, value: &str) -> &mut Self {
        self.key(name);
        self.0.extend(utf8_percent_encode(value, COMPONENT));
        self
    }

    pub fn push_opt<V: ToString>(&mut self, name: &str, value: Option<V>) -> &mut Self {
        if let Some(v) = value {
            self.push(name, &v.to_string());
        }
        self
    }

    /// Arrays are sent comma-joined (the contract's text says "comma delimited"), each item
    /// encoded on its own so a comma inside an item cannot split it.
    pub fn push_list<S: AsRef<str>>(&mut self, name: &str, items: &[S]) -> &mut Self {
        self.key(name);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.0.push(',');
            }
            self.0.extend(utf8_percent_encode(item.as_ref(), COMPONENT));
        }
        self
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Checks a value that goes into a path segment: it must be non-empty and not a dot segment
/// (URL normalisation would turn `..` into "the parent route", even when percent-encoded).
pub fn check_segment(what: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid_argument(format!("{what} must not be empty")));
    }
    if value == "." || value == ".." {
        return Err(Error::invalid_argument(format!("{what} must not be {value:?}")));
    }
    Ok(())
}

/// Checks a value that will be sent in a header: CR, LF, NUL and other control characters
/// would split or corrupt the header, so they are refused before any I/O.
pub fn header_value(what: &str, value: &str) -> Result<HeaderValue> {
    if let Some(c) = value.chars().find(|c| (c.is_control() && *c != '\t') || *c == '\u{7f}') {
        return Err(Error::invalid_argument(format!(
            "{what} contains a control character ({:?}), which is not allowed in an HTTP header",
            c
        )));
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
    pub fn new(base: &str, options: &TransportOptions) -> Result<Self> {
        let base = BaseUrl::parse(base)?;
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

    /// The absolute URL for `segments` and `query`.
    pub fn url(&self, segments: &[Seg<'_>], query: &Query) -> Result<String> {
        let mut url = self.base.0.clone();
        for seg in segments {
            url.push('/');
            match *seg {
                Seg::Lit(s) => url.push_str(s),
                Seg::Val(v, what) => {
                    check_segment(what, v)?;
                    url.extend(utf8_percent_encode(v, COMPONENT));
                }
            }
        }
        url.push_str(query.as_str());
        Ok(url)
    }

    /// Sends one request and returns the reply, or the error its status maps to.
    /// `route` is the path template (such as `POST /Sessions/{sessionId}/Playing`): logs and
    /// error messages name the route, never the concrete URL, whose ids may be credentials.
    pub async fn send(
        &self,
        route: &'static str,
        method: Method,
        url: String,
        headers: HeaderMap,
        body: Option<Vec<u8>>,
    ) -> Result<Reply> {
        self.guard.check()?;
        let started = Instant::now();
        let mut req = self.http.request(method, url).headers(headers);
        if let Some(body) = body {
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

const MAX_MESSAGE: usize = 500;

/// Maps a non-success status to an error, keeping the server's message and, on 400, its
/// ProblemDetails. Per the contracts, the status decides the kind, never the body.
pub fn status_error(route: &str, status: StatusCode, headers: &HeaderMap, body: &[u8]) -> Error {
    let code = status.as_u16();
    let kind = match code {
        400 => ErrorKind::BadRequest,
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::Http,
    };
    let is_json = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| ct.contains("json"))
        || headers.contains_key("x-g4-error");
    let problem =
        if is_json { serde_json::from_slice::<serde_json::Value>(body).ok().filter(|v| v.is_object()) } else { None };
    let server_text = match &problem {
        Some(p) => {
            let title = p.get("title").and_then(|v| v.as_str());
            let detail = p.get("detail").and_then(|v| v.as_str());
            let errors = p.get("errors").filter(|v| !v.is_null()).map(|v| v.to_string());
            [title, detail, errors.as_deref()].into_iter().flatten().collect::<Vec<_>>().join(": ")
        }
        None => {
            let text = String::from_utf8_lossy(body);
            let looks_like_html = text.trim_start().starts_with('<');
            if looks_like_html {
                String::new()
            } else {
                text.trim().to_owned()
            }
        }
    };
    let reason = status.canonical_reason().unwrap_or("unexpected status");
    let mut message =
        if server_text.is_empty() { format!("{route}: {reason}") } else { format!("{route}: {reason}: {server_text}") };
    if message.len() > MAX_MESSAGE {
        let mut cut = MAX_MESSAGE;
        while !message.is_char_boundary(cut) {
            cut -= 1;
        }
        message.truncate(cut);
        message.push('…');
    }
    let mut err = Error::new(kind, message).with_status(code);
    if let Some(p) = problem {
        err = err.with_problem(p);
    }
    err
}

/// Decodes a JSON body into `T`. On failure the message names the field path (our models
/// prefix each nested error with the wire name of the field that failed).
pub fn decode<T: serde::de::DeserializeOwned>(route: &str, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body)
        .map_err(|e| Error::decode(format!("{route}: response is not the contract's shape: {e}")))
}
