//! Base URLs, routes and the checks of path segment values (their encoding is `crate::encoding`).

use http::Method;

use crate::error::{Error, Result};

/// A base URL, validated once: `http`/`https`, no query, fragment or credentials, trailing
/// slashes removed, path prefix (such as `/jellyfin`) kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    text: String,
    url: url::Url,
}

impl BaseUrl {
    /// Checks and normalises a caller-supplied base URL.
    pub fn parse(raw: &str) -> Result<Self> {
        let trimmed = raw.trim();
        let url = url::Url::parse(trimmed)
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
        Ok(BaseUrl { text: url.as_str().trim_end_matches('/').to_owned(), url })
    }

    /// The normalised URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub(crate) fn url(&self) -> &url::Url {
        &self.url
    }

    /// The path prefix without a trailing slash (`""` or, for example, `/jellyfin`), already
    /// percent-encoded as the URL parser left it.
    pub(crate) fn path_prefix(&self) -> &str {
        self.url.path().trim_end_matches('/')
    }

    /// The `Host` header: the host, and the port unless it is the scheme's default.
    pub(crate) fn host_header(&self) -> String {
        let host = self.url.host_str().unwrap_or_default();
        match self.url.port() {
            Some(port) => format!("{host}:{port}"),
            None => host.to_owned(),
        }
    }
}

/// An operation's method and path template exactly as the contract writes them, such as
/// `POST /Sessions/{sessionId}/Playing/{command}`. This one declaration names the
/// operation in logs and errors (never the concrete URL, whose ids may be credentials) and
/// is the template its URL is built from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Route(&'static str);

impl Route {
    /// `text` is `"<METHOD> <path template>"`.
    pub const fn new(text: &'static str) -> Route {
        Route(text)
    }

    /// The whole route, method first.
    pub fn as_str(self) -> &'static str {
        self.0
    }

    /// The HTTP method.
    pub fn method(self) -> Method {
        match self.0.split_once(' ').map_or("", |(m, _)| m) {
            "GET" => Method::GET,
            "PUT" => Method::PUT,
            "DELETE" => Method::DELETE,
            _ => Method::POST,
        }
    }

    /// The path template, starting with `/`.
    pub fn template(self) -> &'static str {
        self.0.split_once(' ').map_or(self.0, |(_, path)| path)
    }
}

impl std::fmt::Display for Route {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_split_into_method_and_template() {
        let r = Route::new("DELETE /session/{id}");
        assert_eq!(r.method(), Method::DELETE);
        assert_eq!(r.template(), "/session/{id}");
        assert_eq!(Route::new("GET /Sessions").method(), Method::GET);
        assert_eq!(Route::new("PUT /session/{id}").method(), Method::PUT);
        assert_eq!(Route::new("POST /Sessions/Logout").method(), Method::POST);
    }

    #[test]
    fn base_urls_are_normalised_and_checked() {
        assert_eq!(BaseUrl::parse(" http://h:1/jf/ ").unwrap().as_str(), "http://h:1/jf");
        for bad in ["ftp://h", "http://", "http://h/?q=1", "http://u:p@h", "nonsense"] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }
}
