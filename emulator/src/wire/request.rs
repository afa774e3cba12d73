//! A request as the API handlers see it.
//!
//! Routing works on the raw path: the Jellyfin routes are case-insensitive and their ids
//! must be percent-decoded one segment at a time (so `..%2Fx` stays one segment and can never
//! escape its place).

use super::query::Query;
use crate::text::decode::percent_decode;

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
}
