//! Response compression as Jellyfin does it: ASP.NET Core's response compression with its
//! Brotli and gzip providers at their default level (`Fastest`), for JSON and text bodies,
//! chosen by the request's `Accept-Encoding` (the highest `q` wins; on a tie the provider
//! listed first, Brotli), with `Vary: Accept-Encoding`. A test can change the providers
//! (`Emulator::set_response_compression`), as a reverse proxy that only gzips would.

use std::io::Write;

use crate::types::fault::ContentCoding;
use crate::wire::reply::Reply;
use crate::wire::request::Req;

/// The coding the server answers `req` with, if it compresses `reply` at all; `providers`
/// are the codings it has, preferred first.
pub(crate) fn choose(req: &Req, reply: &Reply, providers: &[ContentCoding]) -> Option<ContentCoding> {
    if reply.body.is_empty() || reply.headers.iter().any(|(k, _)| k == "content-encoding") {
        return None;
    }
    let content_type = reply.headers.iter().find(|(k, _)| k == "content-type").map(|(_, v)| v.to_ascii_lowercase())?;
    if !(content_type.starts_with("application/json") || content_type.starts_with("text/")) {
        return None;
    }
    negotiate(req.header("accept-encoding")?, providers)
}

/// The best of `providers` that `accept` allows: each entry `coding[;q=value]`, `*` standing
/// for any.
fn negotiate(accept: &str, providers: &[ContentCoding]) -> Option<ContentCoding> {
    let rank = |c: ContentCoding| providers.iter().position(|p| *p == c);
    let mut best: Option<(ContentCoding, f32)> = None;
    for entry in accept.split(',') {
        let mut parts = entry.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q =
            parts.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|v| v.trim().parse::<f32>().ok()).unwrap_or(1.0);
        let codings: &[ContentCoding] = match name.as_str() {
            "br" => &[ContentCoding::Brotli],
            "gzip" => &[ContentCoding::Gzip],
            "*" => &[ContentCoding::Brotli, ContentCoding::Gzip],
            _ => &[],
        };
        for &coding in codings.iter().filter(|c| rank(**c).is_some()) {
            let better = match best {
                None => true,
                Some((current, best_q)) => q > best_q || (q == best_q && rank(coding) < rank(current)),
            };
            if q > 0.0 && better {
                best = Some((coding, q));
            }
        }
    }
    best.map(|(coding, _)| coding)
}

/// `body` compressed with `coding` at the `Fastest` level.
pub(crate) fn compress(coding: ContentCoding, body: &[u8]) -> Vec<u8> {
    compress_stream(coding, std::iter::once(body))
}

/// The pieces of one body, compressed as one stream.
pub(crate) fn compress_stream<'a>(coding: ContentCoding, pieces: impl Iterator<Item = &'a [u8]>) -> Vec<u8> {
    match coding {
        ContentCoding::Gzip => {
            let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            pieces.for_each(|p| encoder.write_all(p).unwrap_or_default());
            encoder.finish().unwrap_or_default()
        }
        ContentCoding::Brotli => {
            let mut out = Vec::new();
            {
                // Quality 1 is .NET's `Fastest`; 22 is its default window.
                let mut encoder = brotli::CompressorWriter::new(&mut out, 4096, 1, 22);
                pieces.for_each(|p| encoder.write_all(p).unwrap_or_default());
            }
            out
        }
    }
}

/// A `200 application/json` body that decodes to `[`, `bytes - 2` spaces, `]`, compressed:
/// a compression bomb, a few kilobytes for megabytes.
pub(crate) fn bomb(coding: ContentCoding, bytes: u64) -> Vec<u8> {
    static SPACES: [u8; 64 * 1024] = [b' '; 64 * 1024];
    let inner = bytes.saturating_sub(2);
    let full = inner / SPACES.len() as u64;
    let rest = (inner % SPACES.len() as u64) as usize;
    let pieces = std::iter::once(&b"["[..])
        .chain((0..full).map(|_| &SPACES[..]))
        .chain(std::iter::once(&SPACES[..rest]))
        .chain(std::iter::once(&b"]"[..]));
    compress_stream(coding, pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_s_preference_and_the_server_s_order_decide() {
        use ContentCoding::{Brotli, Gzip};
        let both = [Brotli, Gzip];
        assert_eq!(negotiate("br, gzip", &both), Some(Brotli));
        assert_eq!(negotiate("gzip, br", &both), Some(Brotli));
        assert_eq!(negotiate("gzip", &both), Some(Gzip));
        assert_eq!(negotiate("br;q=0.5, gzip", &both), Some(Gzip));
        assert_eq!(negotiate("br;q=0, gzip;q=0", &both), None);
        assert_eq!(negotiate("*", &both), Some(Brotli));
        assert_eq!(negotiate("identity, deflate", &both), None);
        assert_eq!(negotiate("br, gzip", &[Gzip]), Some(Gzip));
        assert_eq!(negotiate("br", &[Gzip]), None);
        assert_eq!(negotiate("br, gzip", &[]), None);
    }
}
