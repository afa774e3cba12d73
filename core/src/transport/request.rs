//! Building one request from its [`Route`]: path values fill the template's placeholders in
//! order, each percent-encoded as exactly one segment; query names are spelled as the
//! contract spells them; bodies are JSON. Limits are checked here, before any I/O. The
//! finished [`Request`] is what `Transport::send` takes.

use std::fmt;

use bytes::Bytes;
use http::header::{HeaderMap, HeaderName, HeaderValue};

use crate::encoding::push_encoded;
use crate::error::{Error, Result};
use crate::transport::url::{check_segment, BaseUrl, Route};

/// The longest path and query sent. Kestrel, which serves Jellyfin, refuses request lines
/// over 8 KiB, and most proxies default to 8 KiB too: a longer URL could only fail at the
/// server, after a connection was spent on it.
pub const MAX_URL_BYTES: usize = 8 * 1024;

/// The largest request body sent: Kestrel's default request body limit (30,000,000 bytes).
pub const MAX_BODY_BYTES: usize = 30_000_000;

/// A request, built and checked, ready to be sent.
pub(crate) struct Request {
    pub route: Route,
    /// The path (with the base URL's prefix) and query, percent-encoded.
    pub path_and_query: String,
    pub headers: HeaderMap,
    pub body: Option<Bytes>,
    /// The credentials this request carries, scrubbed from any error it ends in.
    pub secrets: Vec<String>,
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The URL is left out: a G4 session id in a path is also a bearer token.
        f.debug_struct("Request").field("route", &self.route).finish_non_exhaustive()
    }
}

/// A request under construction. Created by the clients for one [`Route`].
#[derive(Debug)]
pub(crate) struct RequestBuilder {
    route: Route,
    /// The path as far as it is known, from the base URL's path prefix on.
    path: String,
    /// The part of the path template not yet written.
    rest: &'static str,
    query: String,
    headers: HeaderMap,
    body: Option<Bytes>,
    secrets: Vec<String>,
}

impl RequestBuilder {
    pub fn new(base: &BaseUrl, route: Route) -> Self {
        let mut builder = RequestBuilder {
            route,
            path: String::with_capacity(base.path_prefix().len() + 64),
            rest: route.template(),
            query: String::new(),
            headers: HeaderMap::with_capacity(4),
            body: None,
            secrets: Vec::new(),
        };
        builder.path.push_str(base.path_prefix());
        builder.copy_literals();
        builder
    }

    /// Copies the template's fixed segments up to the next placeholder.
    fn copy_literals(&mut self) {
        let next = self.rest.find('{').unwrap_or(self.rest.len());
        self.path.push_str(&self.rest[..next]);
        self.rest = &self.rest[next..];
    }

    /// Fills the next `{placeholder}` with `value`. `what` names the caller's argument in
    /// the error when the value cannot be a path segment.
    pub fn path(&mut self, what: &str, value: &str) -> Result<&mut Self> {
        check_segment(what, value)?;
        let Some(end) = self.rest.find('}') else {
            return Err(Error::internal(format!("{}: no placeholder left for {what}", self.route)));
        };
        push_encoded(&mut self.path, value);
        self.rest = &self.rest[end + 1..];
        self.copy_literals();
        Ok(self)
    }

    fn key(&mut self, name: &str) {
        self.query.push(if self.query.is_empty() { '?' } else { '&' });
        self.query.push_str(name);
        self.query.push('=');
    }

    /// Adds a query parameter.
    pub fn query(&mut self, name: &str, value: &str) -> &mut Self {
        self.key(name);
        push_encoded(&mut self.query, value);
        self
    }

    /// Adds a query parameter when it has a value.
    pub fn query_opt<V: ToString>(&mut self, name: &str, value: Option<V>) -> &mut Self {
        if let Some(v) = value {
            self.query(name, &v.to_string());
        }
        self
    }

    /// Arrays are sent comma-joined (the contract's text says "comma delimited"), each item
    /// encoded on its own so a comma inside an item cannot split it.
    pub fn query_list<S: AsRef<str>>(&mut self, name: &str, items: &[S]) -> &mut Self {
        self.key(name);
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.query.push(',');
            }
            push_encoded(&mut self.query, item.as_ref());
        }
        self
    }

    /// Remembers a credential this request carries, so that no error about it can show it,
    /// even when the server echoes it back.
    pub fn secret(&mut self, value: &str) -> &mut Self {
        self.secrets.push(value.to_owned());
        self
    }

    pub fn header(&mut self, name: HeaderName, value: HeaderValue) -> &mut Self {
        self.headers.insert(name, value);
        self
    }

    /// Sets a JSON body.
    pub fn json<T: serde::Serialize + ?Sized>(&mut self, value: &T) -> Result<&mut Self> {
        let body = serde_json::to_vec(value)
            .map_err(|e| Error::invalid_argument(format!("cannot encode the request body: {e}")))?;
        if body.len() > MAX_BODY_BYTES {
            return Err(Error::invalid_argument(format!(
                "{}: the request body is {} bytes, over the limit of {MAX_BODY_BYTES} bytes that servers accept",
                self.route,
                body.len()
            )));
        }
        self.body = Some(Bytes::from(body));
        Ok(self)
    }

    /// The finished request. Fails if the URL is longer than servers accept.
    pub fn finish(mut self) -> Result<Request> {
        if !self.rest.is_empty() {
            return Err(Error::internal(format!("{}: path placeholders left unfilled", self.route)));
        }
        let length = self.path.len() + self.query.len();
        if length > MAX_URL_BYTES {
            return Err(Error::invalid_argument(format!(
                "{}: the request's path and query would be {length} bytes, over the limit of {MAX_URL_BYTES} \
                 bytes that servers accept (an argument is too long, or a list has too many items)",
                self.route
            )));
        }
        self.path.push_str(&self.query);
        Ok(Request {
            route: self.route,
            path_and_query: self.path,
            headers: self.headers,
            body: self.body,
            secrets: self.secrets,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> BaseUrl {
        BaseUrl::parse("http://h/jf").unwrap()
    }

    #[test]
    fn placeholders_are_filled_in_order_and_encoded() {
        let mut b = RequestBuilder::new(&base(), Route::new("POST /Sessions/{sessionId}/User/{userId}"));
        b.path("session_id", "a b/c?d#e%").unwrap().path("user_id", "ü").unwrap();
        b.query("x", "1 2").query_opt("y", None::<i32>).query_list("z", &["a,b", "c"]);
        let r = b.finish().unwrap();
        assert_eq!(r.path_and_query, "/jf/Sessions/a%20b%2Fc%3Fd%23e%25/User/%C3%BC?x=1%202&z=a%2Cb,c");
    }

    #[test]
    fn dot_segments_and_unfilled_placeholders_are_refused() {
        let mut b = RequestBuilder::new(&base(), Route::new("GET /session/{id}"));
        assert!(b.path("id", "..").is_err());
        assert!(RequestBuilder::new(&base(), Route::new("GET /session/{id}")).finish().is_err());
    }

    #[test]
    fn long_urls_are_refused_before_io() {
        let mut b = RequestBuilder::new(&base(), Route::new("GET /session/{id}"));
        b.path("id", &"x".repeat(MAX_URL_BYTES)).unwrap();
        let err = b.finish().unwrap_err();
        assert_eq!(err.kind(), crate::ErrorKind::InvalidArgument);
        assert!(err.message().contains("8192"), "{err}");
    }

    #[test]
    fn a_request_debugs_as_its_route_without_its_url_or_credentials() {
        let base = BaseUrl::parse("http://127.0.0.1:1/base").unwrap();
        let mut builder = RequestBuilder::new(&base, Route::new("GET /session/{id}"));
        builder.path("session id", "g4-session-secret").unwrap().secret("g4-session-secret");
        builder
            .query("q", "query-secret")
            .header(http::header::AUTHORIZATION, HeaderValue::from_static("token-secret"));
        let request = builder.finish().unwrap();
        assert!(request.path_and_query.contains("g4-session-secret"), "the test's secret is in the URL");

        let shown = format!("{request:?}");
        assert!(shown.contains("GET /session/{id}"), "the route names the request: {shown}");
        for secret in ["g4-session-secret", "query-secret", "token-secret", "/base"] {
            assert!(!shown.contains(secret), "{secret} shown in {shown}");
        }
    }
}
