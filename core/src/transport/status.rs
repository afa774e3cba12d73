//! Mapping a non-success response to an error: the status decides the kind, never the body
//! (the server's own text goes into the message, bounded).

use std::time::Duration;

use http::header::{HeaderMap, CONTENT_TYPE, LOCATION, RETRY_AFTER};
use http::StatusCode;
use serde_json::Value;

use crate::error::{Error, ErrorKind};

/// The server's text in a message is cut here: a proxy's error page can be megabytes.
const MAX_MESSAGE: usize = 500;

/// The error for a response with a non-success `status`, keeping the server's reason text,
/// its parsed JSON body, `Retry-After` and `Location`.
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
    let json = parse_json(headers, body);
    let server_text = match &json {
        Some(value) => json_reason(value),
        None => text_reason(body),
    };
    let reason = status.canonical_reason().unwrap_or("unexpected status");
    let mut message =
        if server_text.is_empty() { format!("{route}: {reason}") } else { format!("{route}: {reason}: {server_text}") };
    truncate(&mut message);
    let retry_after = retry_after(headers);
    if let Some(after) = retry_after {
        message.push_str(&format!(" (the server asks to retry after {} s)", after.as_secs()));
    }
    let location = status.is_redirection().then(|| location(headers)).flatten();
    if let Some(to) = &location {
        message.push_str(&format!(" (redirects to {to}; sessionlink does not follow redirects)"));
    }
    let mut err = Error::new(kind, message).with_status(code).with_retry_after(retry_after).with_location(location);
    if let Some(value) = json {
        err = err.with_body(value);
    }
    err
}

fn parse_json(headers: &HeaderMap, body: &[u8]) -> Option<Value> {
    let declared = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| ct.contains("json"))
        || headers.contains_key("x-g4-error");
    let looks_like = body.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| *b == b'{' || *b == b'[');
    (declared || looks_like).then(|| serde_json::from_slice::<Value>(body).ok()).flatten()
}

/// The reason a JSON error body gives: ProblemDetails' `title`, `detail` and `errors`, or a
/// `Message`/`message`/`error` field as other servers and proxies write it.
fn json_reason(value: &Value) -> String {
    let text = |key: &str| value.get(key).and_then(Value::as_str).map(str::to_owned);
    let mut parts: Vec<String> = ["title", "detail"].into_iter().filter_map(text).collect();
    if let Some(errors) = value.get("errors").filter(|v| !v.is_null()) {
        parts.push(errors.to_string());
    }
    if parts.is_empty() {
        parts.extend(["Message", "message", "error", "error_description"].into_iter().filter_map(text));
    }
    parts.join(": ")
}

/// A text body, unless it is an HTML page (a proxy's or the server's start-up page), whose
/// markup would only bury the status.
fn text_reason(body: &[u8]) -> String {
    let head = &body[..body.len().min(MAX_MESSAGE * 4)];
    let text = String::from_utf8_lossy(head);
    if text.trim_start().starts_with('<') {
        String::new()
    } else {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

fn truncate(message: &mut String) {
    if message.len() > MAX_MESSAGE {
        let mut cut = MAX_MESSAGE;
        while !message.is_char_boundary(cut) {
            cut -= 1;
        }
        message.truncate(cut);
        message.push('…');
    }
}

/// `Retry-After` as delay-seconds (Jellyfin's start-up server sends `005`). An HTTP-date is
/// not interpreted.
fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    value.parse::<u64>().ok().map(Duration::from_secs)
}

/// `Location` without user name and password.
fn location(headers: &HeaderMap) -> Option<String> {
    let raw = headers.get(LOCATION)?.to_str().ok()?.trim();
    match url::Url::parse(raw) {
        Ok(mut url) => {
            let _ = url.set_username("");
            let _ = url.set_password(None);
            Some(url.to_string())
        }
        // A relative reference carries no credentials.
        Err(_) => Some(raw.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (http::HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn long_reasons_are_cut_at_a_character_boundary() {
        let mut exact = "é".repeat(MAX_MESSAGE / 2);
        truncate(&mut exact);
        assert_eq!(exact.len(), MAX_MESSAGE, "a message of exactly the limit is whole");
        let mut over = format!("a{}", "é".repeat(MAX_MESSAGE / 2));
        truncate(&mut over);
        assert!(over.ends_with('…') && over.len() <= MAX_MESSAGE + '…'.len_utf8(), "{}", over.len());
        assert!(over.trim_end_matches('…').len() < MAX_MESSAGE, "cut before the split character");
    }

    #[test]
    fn the_servers_reason_is_kept_for_every_status() {
        let e = status_error("GET /x", StatusCode::NOT_FOUND, &headers(&[]), br#"{"Message":"Session not found"}"#);
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert_eq!(e.message(), "GET /x: Not Found: Session not found");
        assert_eq!(e.body().unwrap()["Message"], "Session not found");
        // ASP.NET's `"errors": null` is no reason: the message falls back to the others.
        let e =
            status_error("GET /x", StatusCode::BAD_REQUEST, &headers(&[]), br#"{"errors":null,"Message":"Bad id"}"#);
        assert_eq!(e.message(), "GET /x: Bad Request: Bad id");
        let e = status_error("GET /x", StatusCode::INTERNAL_SERVER_ERROR, &headers(&[]), b"Error processing request.");
        assert_eq!(e.message(), "GET /x: Internal Server Error: Error processing request.");
        let e = status_error("GET /x", StatusCode::BAD_GATEWAY, &headers(&[]), b"<html><body>bad</body></html>");
        assert_eq!(e.message(), "GET /x: Bad Gateway");
    }

    #[test]
    fn a_text_reason_after_blank_lines_is_kept() {
        // Whitespace is folded before the message is cut, so a reason behind a run of blank
        // lines longer than the message itself still shows.
        let body = format!("{}Database is locked\r\n", "\r\n".repeat(MAX_MESSAGE));
        let e = status_error("GET /x", StatusCode::INTERNAL_SERVER_ERROR, &headers(&[]), body.as_bytes());
        assert_eq!(e.message(), "GET /x: Internal Server Error: Database is locked");
    }

    #[test]
    fn retry_after_and_location() {
        let e = status_error("GET /x", StatusCode::SERVICE_UNAVAILABLE, &headers(&[("retry-after", "005")]), b"");
        assert_eq!(e.retry_after(), Some(Duration::from_secs(5)));
        let h = headers(&[("location", "https://user:pw@other.example/login?x=1")]);
        let e = status_error("GET /x", StatusCode::FOUND, &h, b"");
        assert_eq!(e.location(), Some("https://other.example/login?x=1"));
        assert!(e.message().contains("https://other.example/login?x=1"), "{e}");
        assert!(!e.message().contains("pw"), "{e}");
    }
}
