//! A response, kept as plain data so that it can be recorded byte for byte.

use serde_json::Value;

pub(crate) const JSON: &str = "application/json; charset=utf-8";
pub(crate) const TEXT: &str = "text/plain";

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
