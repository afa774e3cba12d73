//! HTTP plumbing shared by both clients, on hyper's HTTP/1 connections: a keep-alive pool,
//! TLS, timeouts, a response size limit, one safe retry, request building with
//! per-segment percent-encoding, and status → error mapping.
//!
//! The retry rule: a request that failed on a **reused** pooled connection before any
//! response byte arrived is retried once on a new connection when that cannot apply it
//! twice: always when hyper reports it was never written (the connection was already closed),
//! and otherwise only for the idempotent methods (GET, PUT, DELETE). POST is never retried
//! after it may have been written: Jellyfin's POSTs include toggles (`PlayPause`) and
//! messages that a second delivery would show twice.

mod body;
mod connect;
mod decompress;
mod json_array;
mod options;
mod pool;
mod proxy;
mod request;
mod status;
mod tls;
mod url;

use std::future::Future;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::task::Poll;
use std::time::Duration;

use bytes::Bytes;
use http::header::{
    HeaderMap, HeaderValue, ACCEPT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HOST, PROXY_AUTHORIZATION,
    USER_AGENT as USER_AGENT_HEADER,
};
use http::{Method, StatusCode};
use http_body_util::Full;
use hyper_util::rt::TokioIo;
use tokio::time::Instant;

use crate::error::{Error, ErrorKind, Result};
use crate::runtime::ProcessGuard;

pub use body::Body;
pub(crate) use connect::{Endpoint, Stream};
pub use options::{
    bytes, count, pool_idle_timeout_seconds, seconds, seconds_or_zero, TransportOptions, DEFAULT_MAX_RESPONSE_BYTES,
};
use pool::{Conn, Driver, Pool};
pub(crate) use request::{Request, RequestBuilder};
pub use request::{MAX_BODY_BYTES, MAX_URL_BYTES};
pub use status::status_error;
pub use url::{check_segment, BaseUrl, Route};

/// The `User-Agent` of every request.
pub const USER_AGENT: &str = concat!("sessionlink/", env!("CARGO_PKG_VERSION"));

/// Error bodies are read up to this size: their text is cut to a few hundred characters in
/// the message anyway.
const MAX_ERROR_BODY: usize = 64 * 1024;

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
    /// The (successful) status.
    pub status: StatusCode,
    /// The response headers.
    pub headers: HeaderMap,
    /// The body as received.
    pub body: Body,
}

/// The shared HTTP client of one base URL. Cloning shares the connection pool.
#[derive(Debug, Clone)]
pub struct Transport {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    base: BaseUrl,
    host: HeaderValue,
    endpoint: Endpoint,
    pool: Pool,
    options: TransportOptions,
    guard: ProcessGuard,
}

const BEFORE_RESPONSE: &str = "the connection failed before a response arrived";

/// The methods retried on a new connection even when the failed attempt may have been
/// written (idempotent by HTTP's definition); any method is retried when it was not.
pub const RETRIED_AFTER_SENDING: [&str; 3] = ["GET", "PUT", "DELETE"];

/// How far an attempt got, so that a timeout can tell whether the request was sent.
const CONNECTING: u8 = 0;
const SENDING: u8 = 1;

/// Why an attempt failed, and so whether it may be retried.
enum Failure {
    /// Nothing was written: retrying cannot apply the request twice.
    NotSent(Error),
    /// The connection failed after the request may have been written, before any response
    /// byte arrived.
    BeforeResponse(Error),
    /// Anything else: never retried.
    Final(Error),
}

impl Failure {
    fn scrubbed(self, secrets: &[String]) -> Self {
        match self {
            Failure::NotSent(e) => Failure::NotSent(e.scrubbed(secrets)),
            Failure::BeforeResponse(e) => Failure::BeforeResponse(e.scrubbed(secrets)),
            Failure::Final(e) => Failure::Final(e.scrubbed(secrets)),
        }
    }
}

impl Transport {
    /// Checks the base URL and options and builds the pool and TLS configuration (no I/O).
    pub fn new(base: &str, options: &TransportOptions) -> Result<Self> {
        let base = BaseUrl::parse(base)?;
        options.validate()?;
        let endpoint = Endpoint::new(&base, options)?;
        let host = HeaderValue::from_str(&base.host_header())
            .map_err(|_| Error::invalid_argument("base URL host cannot be sent in a Host header"))?;
        Ok(Transport {
            inner: Arc::new(Inner {
                base,
                host,
                endpoint,
                pool: Pool::new(options.pool_idle_timeout),
                options: options.clone(),
                guard: ProcessGuard::new(),
            }),
        })
    }

    /// The base URL requests go to.
    pub fn base(&self) -> &BaseUrl {
        &self.inner.base
    }

    /// Where connections go, for the WebSocket of the same client.
    pub(crate) fn endpoint(&self) -> &Endpoint {
        &self.inner.endpoint
    }

    pub(crate) fn options(&self) -> &TransportOptions {
        &self.inner.options
    }

    /// Fails with `Forked` in a child process that inherited this transport.
    pub(crate) fn check_process(&self) -> Result<()> {
        self.inner.guard.check()
    }

    /// A request for `route` on this transport's base URL.
    pub(crate) fn request(&self, route: Route) -> RequestBuilder {
        RequestBuilder::new(&self.inner.base, route)
    }

    /// Sends one request and returns the reply, or the error its status maps to. Logs and
    /// error messages name the route, never the concrete URL, whose ids may be credentials.
    pub(crate) async fn send(&self, request: &Request) -> Result<Reply> {
        self.inner.guard.check()?;
        let route = request.route.as_str();
        let started = Instant::now();
        let deadline = started + self.inner.options.request_timeout;
        let progress = AtomicU8::new(CONNECTING);
        let result = match tokio::time::timeout_at(deadline, self.send_with_retries(request, deadline, &progress)).await
        {
            Ok(result) => result,
            Err(_) => {
                let sent = progress.load(Ordering::Relaxed) != CONNECTING;
                let what = if sent { "no complete response" } else { "no connection" };
                Err(Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "{route}: timed out: {what} within {:?} (request_timeout)",
                        self.inner.options.request_timeout
                    ),
                )
                .with_request_sent(sent))
            }
        };
        match &result {
            Ok(reply) => {
                log::debug!(target: crate::logging::TRANSPORT, "{route} -> {} in {:?}", reply.status.as_u16(), started.elapsed())
            }
            Err(e) => {
                log::debug!(target: crate::logging::TRANSPORT, "{route} failed after {:?}: {e}", started.elapsed())
            }
        }
        result
    }

    async fn send_with_retries(&self, request: &Request, deadline: Instant, progress: &AtomicU8) -> Result<Reply> {
        let route = request.route;
        let idempotent = RETRIED_AFTER_SENDING.contains(&route.method().as_str());
        let mut reconnected = false;
        let mut unavailable_retries = 0;
        loop {
            let pooled = if reconnected { None } else { self.inner.pool.checkout() };
            let reused = pooled.is_some();
            // Server text (an error body, a `Location`) may echo the request's credentials,
            // or the proxy's: they are scrubbed here, before the error is logged or retried on.
            let attempt = self.attempt(request, pooled, progress).await;
            match attempt.map_err(|f| f.scrubbed(&request.secrets).scrubbed(self.inner.endpoint.secrets())) {
                Ok(reply) => return Ok(reply),
                Err(Failure::NotSent(e)) if reused && !reconnected => {
                    log::debug!(target: crate::logging::TRANSPORT, "{route}: retrying on a new connection: {e}");
                    reconnected = true;
                }
                Err(Failure::BeforeResponse(e)) if reused && !reconnected && idempotent => {
                    log::debug!(target: crate::logging::TRANSPORT, "{route}: retrying on a new connection: {e}");
                    reconnected = true;
                }
                Err(Failure::NotSent(e) | Failure::BeforeResponse(e) | Failure::Final(e)) => {
                    let wait = self.unavailable_wait(&e, unavailable_retries, deadline);
                    let Some(wait) = wait else { return Err(e) };
                    log::debug!(target: crate::logging::TRANSPORT, "{route}: {e}; retrying in {wait:?}");
                    unavailable_retries += 1;
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// How long to wait before retrying a 503/429, if the options ask for it and the wait
    /// ends before the request timeout.
    fn unavailable_wait(&self, e: &Error, done: u32, deadline: Instant) -> Option<Duration> {
        let options = &self.inner.options;
        if done >= options.retry_unavailable || !matches!(e.status(), Some(503 | 429)) {
            return None;
        }
        let wait = e.retry_after().unwrap_or(Duration::from_secs(1)).min(options.retry_after_cap);
        (Instant::now() + wait < deadline).then_some(wait)
    }

    async fn attempt(
        &self,
        request: &Request,
        pooled: Option<Conn>,
        progress: &AtomicU8,
    ) -> std::result::Result<Reply, Failure> {
        let route = request.route.as_str();
        let Conn { mut sender, mut driver } = match pooled {
            Some(conn) => conn,
            None => {
                progress.store(CONNECTING, Ordering::Relaxed);
                self.connect().await.map_err(|e| Failure::Final(e.in_route(route)))?
            }
        };
        let not_sent =
            |e: Ended| Failure::NotSent(lost(route, "the connection closed before the request was sent", e, false));
        match drive(&mut driver, sender.ready()).await {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(not_sent(e.into())),
            Err(e) => return Err(not_sent(e)),
        }
        progress.store(SENDING, Ordering::Relaxed);
        let mut sending = std::pin::pin!(sender.try_send_request(self.hyper_request(request)));
        let sent = match drive(&mut driver, sending.as_mut()).await {
            Ok(sent) => sent,
            // hyper ends a connection that it finds closed while idle without an error, and
            // hands back the request it had queued but not started writing only when the
            // connection is dropped: the case of a reused connection that the server closed
            // just before this request.
            Err(ended) => {
                drop(driver);
                return Err(match sending.await {
                    Err(unsent) if unsent.message().is_some() => not_sent(Ended::Error(unsent.into_error())),
                    _ => Failure::BeforeResponse(lost(route, BEFORE_RESPONSE, ended, true)),
                });
            }
        };
        let response = match sent {
            Ok(response) => response,
            // hyper hands a request back only when it wrote none of it.
            Err(e) if e.message().is_some() => return Err(not_sent(Ended::Error(e.into_error()))),
            Err(e) if e.error().is_parse() => {
                return Err(Failure::Final(lost(
                    route,
                    "the server's response is not valid HTTP",
                    Ended::Error(e.into_error()),
                    true,
                )))
            }
            Err(e) => {
                return Err(Failure::BeforeResponse(lost(route, BEFORE_RESPONSE, Ended::Error(e.into_error()), true)))
            }
        };
        let (parts, incoming) = response.into_parts();
        let success = parts.status.is_success();
        let limit = if success { self.inner.options.max_response_bytes } else { MAX_ERROR_BODY };
        let read = match drive(&mut driver, body::read(incoming, &parts.headers, limit)).await {
            Ok(read) => read,
            Err(e) => Err(body::Failure::Io(e)),
        };
        let body = match read {
            Ok(body) => body,
            Err(body::Failure::TooLarge { length, decompressed }) if success => {
                return Err(Failure::Final(too_large(route, length, decompressed, limit)));
            }
            Err(body::Failure::Corrupt(why)) if success => {
                return Err(Failure::Final(Error::decode(format!(
                    "{route}: the response body cannot be decoded: {why}"
                ))));
            }
            // An error page larger than we care to read, or that does not decode: its status
            // is reason enough.
            Err(body::Failure::TooLarge { .. } | body::Failure::Corrupt(_)) => Body::default(),
            Err(body::Failure::Io(e)) => {
                return Err(Failure::Final(lost(
                    route,
                    &format!("the connection failed while reading the response (status {})", parts.status.as_u16()),
                    e,
                    true,
                )))
            }
        };
        self.inner.pool.checkin(Conn { sender, driver });
        if success {
            return Ok(Reply { status: parts.status, headers: parts.headers, body });
        }
        if let (Some(proxy), 407) = (self.inner.endpoint.forwarding(), parts.status.as_u16()) {
            // Only a proxy answers 407: it did not forward the request.
            return Err(Failure::Final(proxy.refused(&format!("to forward {route}"), parts.status)));
        }
        Err(Failure::Final(status_error(route, parts.status, &parts.headers, &body.contiguous())))
    }

    async fn connect(&self) -> Result<Conn> {
        let stream = self.inner.endpoint.connect_for_requests().await?;
        let (sender, driver) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| Error::new(ErrorKind::Connect, format!("cannot start HTTP on the connection: {e}")))?;
        Ok(Conn { sender, driver: Box::pin(driver) })
    }

    fn hyper_request(&self, request: &Request) -> http::Request<Full<Bytes>> {
        let method = request.route.method();
        let mut out = http::Request::new(Full::new(request.body.clone().unwrap_or_default()));
        *out.method_mut() = method.clone();
        let forwarding = self.inner.endpoint.forwarding();
        // A proxy that forwards plain HTTP needs the whole URL (absolute form).
        let uri = match forwarding {
            Some(_) => {
                std::borrow::Cow::Owned(format!("http://{}{}", self.inner.base.host_header(), request.path_and_query))
            }
            None => std::borrow::Cow::Borrowed(request.path_and_query.as_str()),
        };
        // The path was built from encoded segments; a URI that hyper would still refuse
        // cannot happen, and would be sent as the base path rather than panic.
        *out.uri_mut() = uri.parse().unwrap_or_else(|_| http::Uri::from_static("/"));
        let headers = out.headers_mut();
        headers.insert(HOST, self.inner.host.clone());
        headers.insert(USER_AGENT_HEADER, HeaderValue::from_static(USER_AGENT));
        if self.inner.options.compression {
            headers.insert(ACCEPT_ENCODING, HeaderValue::from_static(decompress::ACCEPT_ENCODING));
        }
        if let Some(auth) = forwarding.and_then(|p| p.auth()) {
            headers.insert(PROXY_AUTHORIZATION, auth.clone());
        }
        for (name, value) in &request.headers {
            headers.insert(name, value.clone());
        }
        match &request.body {
            Some(body) => {
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                headers.insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
            }
            None if method != Method::GET => {
                headers.insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
            }
            None => {}
        }
        out
    }
}

/// Polls `fut` while driving the connection it needs: the request is written, the response
/// read and the body received on the calling task, with no hand-over between tasks or
/// threads. `Err` when the connection ended and `fut` could not finish.
async fn drive<F: Future>(driver: &mut Driver, fut: F) -> std::result::Result<F::Output, Ended> {
    let mut fut = std::pin::pin!(fut);
    let mut ended = false;
    std::future::poll_fn(|cx| {
        if let Poll::Ready(out) = fut.as_mut().poll(cx) {
            return Poll::Ready(Ok(out));
        }
        if ended {
            return Poll::Ready(Err(Ended::Closed));
        }
        match driver.as_mut().poll(cx) {
            Poll::Pending => Poll::Pending,
            Poll::Ready(result) => {
                ended = true;
                // The connection's end settles `fut` with hyper's own error for it, which
                // says more than ours.
                if let Poll::Ready(out) = fut.as_mut().poll(cx) {
                    return Poll::Ready(Ok(out));
                }
                Poll::Ready(Err(result.err().map_or(Ended::Closed, Ended::Error)))
            }
        }
    })
    .await
}

/// Why a driven future could not finish.
enum Ended {
    Error(hyper::Error),
    /// The server closed the connection.
    Closed,
}

impl std::fmt::Display for Ended {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Ended::Error(e) => std::fmt::Display::fmt(e, f),
            Ended::Closed => f.write_str("the server closed the connection"),
        }
    }
}

impl From<hyper::Error> for Ended {
    fn from(e: hyper::Error) -> Self {
        Ended::Error(e)
    }
}

/// The connection failed; `sent` says whether the request may have reached the server.
fn lost(route: &str, what: &str, e: Ended, sent: bool) -> Error {
    let kind = if sent { ErrorKind::ConnectionLost } else { ErrorKind::Connect };
    match e {
        Ended::Error(e) => {
            let cause = std::error::Error::source(&e).map_or_else(|| e.to_string(), |s| format!("{e}: {s}"));
            Error::new(kind, format!("{route}: {what} ({cause})")).with_request_sent(sent).with_source(e)
        }
        Ended::Closed => {
            Error::new(kind, format!("{route}: {what} (the server closed the connection)")).with_request_sent(sent)
        }
    }
}

fn too_large(route: &str, length: Option<u64>, decompressed: bool, limit: usize) -> Error {
    let size = match length {
        _ if decompressed => "more than that once decompressed".to_owned(),
        Some(n) => format!("{n} bytes"),
        None => "more than that".to_owned(),
    };
    Error::new(
        ErrorKind::ResponseTooLarge,
        format!(
            "{route}: the response body is larger than the client's limit of {limit} bytes ({size}); \
             raise max_response_bytes to accept it"
        ),
    )
}

/// Decodes a JSON array body into a `Vec<T>`. A body that arrived in several frames (only
/// large ones do) is decoded item by item, each frame freed once used (see `json_array`), and
/// the list's capacity is reserved from the body's size (`typical_item_bytes`: a small item's
/// usual wire size), so it does not grow by doubling: allocators such as mimalloc copy a
/// large list on each doubling while both copies are alive. Reserved pages that stay unused
/// are never touched: they cost address space, not memory.
pub fn decode_list<T: serde::de::DeserializeOwned>(
    route: &str,
    body: Body,
    typical_item_bytes: usize,
) -> Result<Vec<T>> {
    let shape = |e: String| Error::decode(format!("{route}: response is not the contract's shape: {e}"));
    let frames = body.into_frames();
    if frames.len() < 2 {
        let one = frames.into_iter().next().unwrap_or_default();
        return serde_json::from_slice(&one).map_err(|e| shape(e.to_string()));
    }
    let size: usize = frames.iter().map(Bytes::len).sum();
    let mut items = Vec::with_capacity(size / typical_item_bytes.max(1));
    json_array::decode(frames, &mut items).map_err(shape)?;
    items.shrink_to_fit();
    Ok(items)
}

/// Decodes a JSON body into `T`. On failure the message names the field path (our models
/// prefix each nested error with the wire name of the field that failed).
pub fn decode<T: serde::de::DeserializeOwned>(route: &str, body: &[u8]) -> Result<T> {
    serde_json::from_slice(body)
        .map_err(|e| Error::decode(format!("{route}: response is not the contract's shape: {e}")))
}
