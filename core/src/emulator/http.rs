//! The HTTP side: one axum fallback handler that sees every request raw, applies the pending
//! fault, sends the request to the Jellyfin or the G4 API, and records the exchange.
//!
//! axum's router is not used for matching: the Jellyfin routes are case-insensitive and
//! their ids must be percent-decoded one segment at a time (so `..%2Fx` stays one segment and
//! can never escape its place), which is easiest on the raw path.

use std::net::{Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::Response;
use axum::Router;
use serde_json::Value;
use tokio::runtime::Handle;
use tokio::sync::oneshot;

use super::auth::{percent_decode, url_decode};
use super::{g4, jellyfin, Api, Exchange, Shared};
use crate::error::Error;

/// Request bodies beyond this are cut off; nothing in either contract comes close.
const MAX_BODY: usize = 16 * 1024 * 1024;

pub(crate) const JSON: &str = "application/json; charset=utf-8";
pub(crate) const TEXT: &str = "text/plain";

/// Binds 127.0.0.1:0 synchronously (so the port is known before returning) and serves on
/// `handle` until `stop` fires or is dropped.
pub(crate) fn spawn_server(
    handle: &Handle,
    shared: Arc<Shared>,
    stop: oneshot::Receiver<()>,
) -> crate::Result<SocketAddr> {
    let io = |e: std::io::Error| Error::internal(format!("emulator: cannot listen on 127.0.0.1: {e}"));
    let std_listener = StdListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(io)?;
    std_listener.set_nonblocking(true).map_err(io)?;
    let addr = std_listener.local_addr().map_err(io)?;
    let listener = {
        let _entered = handle.enter();
        tokio::net::TcpListener::from_std(std_listener).map_err(io)?
    };
    let app = Router::new().fallback(serve_one).with_state(shared);
    handle.spawn(async move {
        let shutdown = async move {
            // Fires on send and on drop of the sender alike.
            let _ = stop.await;
        };
        if let Err(e) = axum::serve(listener, app).with_graceful_shutdown(shutdown).await {
            log::warn!("sessionlink emulator stopped: {e}");
        }
    });
    Ok(addr)
}

/// A request as the API handlers see it.
pub(crate) struct Req {
    pub method: String,
    /// Percent-decoded path segments (after the API prefix).
    pub segments: Vec<String>,
    pub query: Query,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Req {
    /// Whether the body is declared as JSON (`application/json`, `text/json` or
    /// `application/*+json`), the only types the servers' input formatters read.
    pub fn has_json_body_type(&self) -> bool {
        let Some(ct) = self.header("content-type") else { return false };
        let media = ct.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        media == "application/json"
            || media == "text/json"
            || (media.starts_with("application/") && media.ends_with("+json"))
    }

    /// The first header with this (lower-case) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// A response, kept as plain data so that it can be recorded byte for byte.
#[derive(Debug)]
pub(crate) struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn empty(status: u16) -> Reply {
        Reply { status, headers: Vec::new(), body: Vec::new() }
    }

    pub fn with_body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status, headers: vec![("content-type".into(), content_type.into())], body: body.into() }
    }

    pub fn json(status: u16, value: &Value) -> Reply {
        Reply::with_body(status, JSON, value.to_string())
    }

    pub fn text(status: u16, text: &str) -> Reply {
        Reply::with_body(status, TEXT, text)
    }

    pub fn header(mut self, name: &str, value: impl Into<String>) -> Reply {
        self.headers.push((name.to_owned(), value.into()));
        self
    }
}

/// Query parameters, decoded, in order. ASP.NET matches their names case-insensitively.
#[derive(Debug, Default)]
pub(crate) struct Query(Vec<(String, String)>);

impl Query {
    pub fn parse(raw: Option<&str>) -> Query {
        let pairs = raw
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| match p.split_once('=') {
                Some((k, v)) => (url_decode(k), url_decode(v)),
                None => (url_decode(p), String::new()),
            })
            .collect();
        Query(pairs)
    }

    /// The first value, or `None` when absent. An empty value counts as absent, as ASP.NET's
    /// binder turns it into null.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.all(name).into_iter().next().filter(|v| !v.is_empty())
    }

    pub fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str()).collect()
    }

    /// `CommaDelimitedCollectionModelBinder`: one value is split on commas, repeated keys are
    /// taken as they are; entries are trimmed and empty ones dropped.
    pub fn list(&self, name: &str) -> Vec<String> {
        let values = self.all(name);
        let split: Vec<&str> = if values.len() == 1 { values[0].split(',').collect() } else { values };
        split.into_iter().map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned).collect()
    }
}

/// Splits a raw path into percent-decoded segments. Each segment is decoded on its own, so an
/// encoded `/` stays inside its segment. The empty segment before the leading `/` and after a
/// trailing `/` is dropped; empty segments in the middle are kept (and match no route).
pub(crate) fn segments(raw_path: &str) -> Vec<String> {
    let trimmed = raw_path.strip_prefix('/').unwrap_or(raw_path);
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    if trimmed.is_empty() {
        return Vec::new();
    }
    trimmed.split('/').map(percent_decode).collect()
}

async fn serve_one(AxumState(shared): AxumState<Arc<Shared>>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    // A body that fails to arrive in full is handled as what did arrive: nothing.
    let body = axum::body::to_bytes(body, MAX_BODY).await.map(|b| b.to_vec()).unwrap_or_default();
    let raw_path = parts.uri.path().to_owned();
    let raw_query = parts.uri.query().map(str::to_owned);
    let headers: Vec<(String, String)> = parts
        .headers
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    let mut segs = segments(&raw_path);
    let api = if segs.first().map(String::as_str) == Some("g4") {
        segs.remove(0);
        Api::G4
    } else {
        Api::Jellyfin
    };
    let req = Req {
        method: parts.method.as_str().to_owned(),
        segments: segs,
        query: Query::parse(raw_query.as_deref()),
        headers,
        body,
    };

    let latency = shared.lock().faults.latency.take();
    if let Some(delay) = latency {
        tokio::time::sleep(delay).await;
    }

    let mut injected_fault = false;
    let reply = {
        let mut state = shared.lock();
        match state.faults.status.take() {
            Some(injected) => {
                injected_fault = true;
                let mut reply = Reply::empty(injected.status);
                if let Some(ct) = injected.content_type {
                    reply = reply.header("content-type", ct);
                }
                reply.body = injected.body.into_bytes();
                reply
            }
            None => match api {
                Api::G4 => g4::handle(&mut state, &req),
                Api::Jellyfin => jellyfin::handle(&mut state, &req),
            },
        }
    };

    let response = to_response(&reply);
    let exchange = Exchange {
        method: req.method,
        raw_path,
        raw_query,
        headers: req.headers,
        body: req.body,
        status: reply.status,
        response_headers: reply.headers,
        response_body: reply.body,
        api,
        injected: injected_fault,
    };
    shared.lock().exchanges.push(exchange);
    response
}

fn to_response(reply: &Reply) -> Response {
    let mut response = Response::new(Body::from(reply.body.clone()));
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in &reply.headers {
        // Injected faults may carry anything; a header that HTTP cannot carry is left out.
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name.as_str()), HeaderValue::try_from(value.as_str())) {
            response.headers_mut().append(name, value);
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_decode_one_at_a_time() {
        assert_eq!(segments("/Sessions/..%2Fx/Playing"), vec!["Sessions", "../x", "Playing"]);
        assert_eq!(segments("/a%20b/c+d/"), vec!["a b", "c+d"]);
        assert_eq!(segments("/"), Vec::<String>::new());
        assert_eq!(segments(""), Vec::<String>::new());
        assert_eq!(segments("/Sessions//Playing"), vec!["Sessions", "", "Playing"]);
    }

    #[test]
    fn query_lists_and_case() {
        let q = Query::parse(Some("ItemIds=a,%20b,,c&playCommand=PlayNow&x=&y"));
        assert_eq!(q.list("itemIds"), vec!["a", "b", "c"]);
        assert_eq!(q.get("PLAYCOMMAND"), Some("PlayNow"));
        assert_eq!(q.get("x"), None);
        assert_eq!(q.get("y"), None);
        let repeated = Query::parse(Some("itemIds=a,b&itemIds=c"));
        assert_eq!(repeated.list("itemids"), vec!["a,b", "c"]);
        assert_eq!(Query::parse(Some("t=a+b%2Bc")).get("t"), Some("a b+c"));
    }
}
