//! The faults a test can arm: each acts on the next request that arrives, whichever API it
//! is addressed to, and only on that one.

use std::time::Duration;

/// A fault for the next request. Armed faults wait in a queue; each request takes the oldest.
///
/// A fault that replaces or cuts the response never applies the request (no state changes),
/// except [`Fault::Stall`], whose response is the real one, delivered late.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Fault {
    /// Holds the request this long before applying it, watching the connection meanwhile: a
    /// client that gives up in that time leaves the request unapplied, recorded as `aborted`.
    Latency(Duration),
    /// Answers with this status, content type, body and extra headers (for example
    /// `Retry-After`, or `Location` for a redirect) instead of handling the request.
    Status { status: u16, content_type: Option<String>, body: String, headers: Vec<(String, String)> },
    /// `503 text/html` with `Retry-After`, as Jellyfin answers while it starts up.
    ServiceUnavailable { retry_after_secs: u32 },
    /// Reads the request, then resets the connection (RST) without sending a byte.
    ResetBeforeHeaders,
    /// Sends a status line and headers announcing a JSON body, part of that body, then resets
    /// the connection (RST).
    ResetMidBody,
    /// Like [`Fault::ResetMidBody`], but closes the connection cleanly (FIN) instead.
    TruncatedBody,
    /// Applies the request and sends the status line, the headers and the first half of the
    /// body, then nothing for this long (the connection stays open), then the rest. A response
    /// without a body is held whole.
    Stall(Duration),
    /// A `200 application/json` body of exactly `bytes` bytes (valid JSON when `bytes >= 2`:
    /// an empty array padded with spaces), generated while it is sent. With `chunked` it has
    /// no `Content-Length` and goes out in chunked encoding.
    OversizedBody { bytes: u64, chunked: bool },
    /// A `200 application/json` body compressed with `coding` (`Content-Encoding`) that
    /// decodes to exactly `bytes` bytes (an empty array padded with spaces): a compression
    /// bomb, sent whatever the request's `Accept-Encoding`.
    CompressionBomb { coding: ContentCoding, bytes: u64 },
    /// Answers this request normally, keeping the connection alive; the next request that
    /// arrives on the same connection is met with a clean close and no response, as a proxy
    /// does after its idle timeout. A request on another connection is served normally.
    StaleConnection,
}

impl Fault {
    /// The name recorded in [`Exchange::fault`](crate::Exchange::fault): `latency`, `status`,
    /// `service_unavailable`, `reset_before_headers`, `reset_mid_body`, `truncated_body`,
    /// `stall`, `oversized_body`, `stale_connection` or `compression_bomb`.
    pub fn name(&self) -> &'static str {
        match self {
            Fault::Latency(_) => "latency",
            Fault::Status { .. } => "status",
            Fault::ServiceUnavailable { .. } => "service_unavailable",
            Fault::ResetBeforeHeaders => "reset_before_headers",
            Fault::ResetMidBody => "reset_mid_body",
            Fault::TruncatedBody => "truncated_body",
            Fault::Stall(_) => "stall",
            Fault::OversizedBody { .. } => "oversized_body",
            Fault::StaleConnection => "stale_connection",
            Fault::CompressionBomb { .. } => "compression_bomb",
        }
    }
}

/// A content coding the server compresses with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentCoding {
    /// `gzip`.
    Gzip,
    /// `br` (Brotli).
    Brotli,
}

impl ContentCoding {
    /// The name in `Content-Encoding`: `gzip` or `br`.
    pub fn name(self) -> &'static str {
        match self {
            ContentCoding::Gzip => "gzip",
            ContentCoding::Brotli => "br",
        }
    }

    /// The coding of a `Content-Encoding` name (`gzip` or `br`).
    pub fn parse(name: &str) -> Option<ContentCoding> {
        match name {
            "gzip" => Some(ContentCoding::Gzip),
            "br" => Some(ContentCoding::Brotli),
            _ => None,
        }
    }
}
