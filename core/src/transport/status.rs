//! Mapping a non-success status to an error: the status decides the kind, never the body.

use reqwest::header::{HeaderMap, CONTENT_TYPE};
use reqwest::StatusCode;

use crate::error::{Error, ErrorKind};

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
