//! The response a mid-body fault cuts: written by hand on the bare socket, because hyper
//! would never leave a response unfinished on purpose.

use std::sync::OnceLock;

/// The full body the cut response announces.
const BODY_LEN: usize = 4096;
/// How much of it is sent before the connection is reset or closed.
const SENT_LEN: usize = 1024;

pub(crate) struct CutResponse {
    /// Status line, headers and the first part of the body, as sent.
    pub bytes: Vec<u8>,
    /// The headers as recorded (without `content-length`, like every recorded exchange).
    pub headers: Vec<(String, String)>,
    pub body_sent: Vec<u8>,
}

/// A JSON object of exactly `BODY_LEN` bytes, of which only the start goes out.
fn body() -> &'static [u8] {
    static BODY: OnceLock<Vec<u8>> = OnceLock::new();
    BODY.get_or_init(|| {
        let open = br#"{"sessionlink-emulator":"this body is cut short by an injected fault","padding":""#;
        let mut body = open.to_vec();
        body.resize(BODY_LEN - 2, b'x');
        body.extend_from_slice(b"\"}");
        body
    })
}

pub(crate) fn cut_response() -> CutResponse {
    let content_type = "application/json; charset=utf-8";
    let body_sent = body()[..SENT_LEN].to_vec();
    let mut bytes =
        format!("HTTP/1.1 200 OK\r\ncontent-type: {content_type}\r\ncontent-length: {BODY_LEN}\r\n\r\n").into_bytes();
    bytes.extend_from_slice(&body_sent);
    CutResponse { bytes, headers: vec![("content-type".to_owned(), content_type.to_owned())], body_sent }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_announced_body_is_json_of_the_announced_length() {
        assert_eq!(body().len(), BODY_LEN);
        assert!(serde_json::from_slice::<serde_json::Value>(body()).is_ok());
        let cut = cut_response();
        assert!(cut.bytes.ends_with(&cut.body_sent));
        assert_eq!(cut.body_sent.len(), SENT_LEN);
    }
}
