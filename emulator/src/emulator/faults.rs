//! Arming faults. Each fault acts on the next request that arrives, whichever API it is for;
//! armed faults wait in a queue and each request takes the oldest one. Every exchange a fault
//! acted on is recorded with its name in [`Exchange::fault`](crate::Exchange::fault), and
//! with `injected: true` when the client did not get the emulator's own complete answer.

use std::time::Duration;

use super::Emulator;
use crate::types::fault::{ContentCoding, Fault};

impl Emulator {
    /// Arms a fault for the next request that has none yet (see [`Fault`] for each one).
    pub fn inject(&self, fault: Fault) {
        self.shared.arm(fault);
    }

    /// Forgets every armed fault that no request has taken yet.
    pub fn clear_faults(&self) {
        self.shared.clear_faults();
    }

    /// How many armed faults wait for a request.
    pub fn pending_faults(&self) -> usize {
        self.shared.pending_faults()
    }

    /// Holds the next request for `delay` before applying it, watching its connection: if the
    /// client closes it meanwhile, the request is not applied and is recorded as `aborted`
    /// (see [`Emulator::wait_for_abort`]).
    pub fn inject_latency(&self, delay: Duration) {
        self.inject(Fault::Latency(delay));
    }

    /// Answers the next request with this status, content type and body instead of handling
    /// it.
    pub fn inject_status(&self, status: u16, content_type: Option<&str>, body: &str) {
        self.inject_status_with_headers(status, content_type, body, &[]);
    }

    /// Like [`Emulator::inject_status`], with extra response headers: `Retry-After` for a
    /// 429, `Location` for a redirect.
    pub fn inject_status_with_headers(
        &self,
        status: u16,
        content_type: Option<&str>,
        body: &str,
        headers: &[(&str, &str)],
    ) {
        self.inject(Fault::Status {
            status,
            content_type: content_type.map(str::to_owned),
            body: body.to_owned(),
            headers: headers.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect(),
        });
    }

    /// Answers the next request `503 text/html` with `Retry-After: retry_after_secs`, as
    /// Jellyfin does while it starts up.
    pub fn inject_service_unavailable(&self, retry_after_secs: u32) {
        self.inject(Fault::ServiceUnavailable { retry_after_secs });
    }

    /// Reads the next request, then resets the connection (RST) without sending a byte.
    pub fn inject_reset_before_headers(&self) {
        self.inject(Fault::ResetBeforeHeaders);
    }

    /// Sends the next request a `200` with headers announcing a 4 KiB JSON body, 1 KiB of it,
    /// then resets the connection (RST).
    pub fn inject_reset_mid_body(&self) {
        self.inject(Fault::ResetMidBody);
    }

    /// Like [`Emulator::inject_reset_mid_body`], but closes the connection cleanly (FIN).
    pub fn inject_truncated_body(&self) {
        self.inject(Fault::TruncatedBody);
    }

    /// Applies the next request and sends the headers and half of its body, then nothing for
    /// `pause` with the connection open, then the rest (a response without a body waits
    /// whole): for read-timeout tests.
    pub fn inject_stall(&self, pause: Duration) {
        self.inject(Fault::Stall(pause));
    }

    /// Answers the next request `200 application/json` with a body of exactly `bytes` bytes,
    /// generated while it is sent (valid JSON, `[ ... ]`, for 2 bytes or more); with `chunked`,
    /// without `Content-Length`. For response-size limits.
    pub fn inject_oversized_body(&self, bytes: u64, chunked: bool) {
        self.inject(Fault::OversizedBody { bytes, chunked });
    }

    /// Answers the next request `200 application/json` with a body compressed with `coding`
    /// that decodes to `bytes` bytes (an empty JSON array padded with spaces): a compression
    /// bomb of a few kilobytes on the wire, for the decoded-size limit.
    pub fn inject_compression_bomb(&self, coding: ContentCoding, bytes: u64) {
        self.inject(Fault::CompressionBomb { coding, bytes });
    }

    /// Answers the next request normally and keeps its connection alive, then closes that
    /// connection without a response when the following request arrives on it — the race a
    /// proxy's idle timeout causes with pooled connections. Other connections are unaffected.
    pub fn inject_stale_connection(&self) {
        self.inject(Fault::StaleConnection);
    }
}
