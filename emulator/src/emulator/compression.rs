//! Which compressed responses the emulator gives.

use super::Emulator;
use crate::types::fault::ContentCoding;

impl Emulator {
    /// The codings responses are compressed with when the request's `Accept-Encoding` allows,
    /// preferred first. Default `[Brotli, Gzip]`, as Jellyfin; `[Gzip]` is a server behind a
    /// reverse proxy that only gzips; `[]` never compresses.
    pub fn set_response_compression(&self, codings: &[ContentCoding]) {
        self.shared.set_compression(codings.to_vec());
    }

    /// The codings set by [`Emulator::set_response_compression`].
    pub fn response_compression(&self) -> Vec<ContentCoding> {
        self.shared.compression()
    }
}
