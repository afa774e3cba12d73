//! Decoding a `Content-Encoding: br` or `gzip` body with flate2 and brotli-decompressor,
//! never holding more decoded bytes than the response limit: a compression bomb (megabytes
//! that decode to gigabytes) stops at the limit, with the decoded bytes freed.

use std::io::{self, BufRead, Read};

use bytes::Buf;

use bytes::Bytes;
use http::header::{HeaderMap, CONTENT_ENCODING};

/// What `Accept-Encoding` asks for: Brotli first, as Jellyfin (ASP.NET's response
/// compression) prefers it when the client accepts both.
pub(crate) const ACCEPT_ENCODING: &str = "br, gzip";

/// Decoded bytes are handed on in pieces of this size, so that a large body stays in frames
/// that a list decoder can free one by one (see `json_array`).
const PIECE: usize = 64 * 1024;

/// A body's content coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Coding {
    Identity,
    Gzip,
    Brotli,
}

impl Coding {
    /// The coding `Content-Encoding` names. One that sessionlink did not ask for (several
    /// layers, `deflate`, `zstd`, ...) is an error naming it.
    pub fn of(headers: &HeaderMap) -> Result<Coding, String> {
        let mut values = headers.get_all(CONTENT_ENCODING).iter();
        let Some(value) = values.next() else { return Ok(Coding::Identity) };
        if values.next().is_some() {
            return Err("the response has several Content-Encoding headers".to_owned());
        }
        let text = value.to_str().map_err(|_| "Content-Encoding is not ASCII".to_owned())?.trim();
        match text.to_ascii_lowercase().as_str() {
            "" | "identity" => Ok(Coding::Identity),
            "gzip" | "x-gzip" => Ok(Coding::Gzip),
            "br" => Ok(Coding::Brotli),
            _ => Err(format!(
                "the response's Content-Encoding {text:?} is not one that was asked for ({ACCEPT_ENCODING})"
            )),
        }
    }
}

/// Why a body could not be decoded.
#[derive(Debug)]
pub(crate) enum DecodeError {
    /// The decoded body is larger than the limit; decoding stopped there.
    TooLarge,
    /// Not a valid stream of its coding (corrupt or truncated).
    Corrupt(String),
}

/// Decodes the compressed `frames` into pieces, at most `limit` bytes in all.
pub(crate) fn decode(frames: Vec<Bytes>, coding: Coding, limit: usize) -> Result<Vec<Bytes>, DecodeError> {
    let input = Frames { frames: frames.into_iter(), current: Bytes::new() };
    match coding {
        Coding::Identity => Err(DecodeError::Corrupt("nothing to decode".to_owned())),
        // `bufread`: the frames are the decoder's buffer, no copy into one of its own.
        Coding::Gzip => drain(flate2::bufread::GzDecoder::new(input), limit, "gzip"),
        // The buffer is brotli-decompressor's input buffer; 4 KiB as its docs suggest.
        Coding::Brotli => drain(brotli_decompressor::Decompressor::new(input, 4096), limit, "Brotli"),
    }
}

fn drain(mut decoder: impl Read, limit: usize, name: &str) -> Result<Vec<Bytes>, DecodeError> {
    let mut pieces = Vec::new();
    let mut total = 0usize;
    loop {
        let mut piece = vec![0u8; PIECE];
        let mut filled = 0;
        while filled < PIECE {
            match decoder.read(&mut piece[filled..]) {
                Ok(0) => break,
                Ok(n) => filled += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(DecodeError::Corrupt(format!("not valid {name}: {e}"))),
            }
        }
        total += filled;
        if total > limit {
            return Err(DecodeError::TooLarge);
        }
        if filled == 0 {
            return Ok(pieces);
        }
        piece.truncate(filled);
        pieces.push(Bytes::from(piece));
    }
}

/// The received frames as one `BufRead`, each frame freed once read.
struct Frames {
    frames: std::vec::IntoIter<Bytes>,
    current: Bytes,
}

impl BufRead for Frames {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        while self.current.is_empty() {
            match self.frames.next() {
                Some(next) => self.current = next,
                None => break,
            }
        }
        Ok(&self.current)
    }

    fn consume(&mut self, amount: usize) {
        self.current.advance(amount.min(self.current.len()));
    }
}

impl Read for Frames {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = buf.len().min(available.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn gzip_in_many_frames_decodes_whole() {
        let data: Vec<u8> = (0..300_000u32).flat_map(|i| i.to_le_bytes()).collect();
        let packed = gzip(&data);
        let frames: Vec<Bytes> = packed.chunks(777).map(Bytes::copy_from_slice).collect();
        let out = decode(frames, Coding::Gzip, data.len()).unwrap();
        assert!(out.len() > 1, "large bodies stay in pieces");
        assert_eq!(out.concat(), data);
        let too_small = decode(vec![Bytes::from(packed.clone())], Coding::Gzip, data.len() - 1);
        assert!(matches!(too_small, Err(DecodeError::TooLarge)));
        let truncated = decode(vec![Bytes::copy_from_slice(&packed[..packed.len() / 2])], Coding::Gzip, data.len());
        assert!(matches!(truncated, Err(DecodeError::Corrupt(_))), "{truncated:?}");
    }

    #[test]
    fn codings_are_read_from_the_header() {
        let mut headers = HeaderMap::new();
        assert_eq!(Coding::of(&headers).unwrap(), Coding::Identity);
        headers.insert(CONTENT_ENCODING, "BR".parse().unwrap());
        assert_eq!(Coding::of(&headers).unwrap(), Coding::Brotli);
        headers.insert(CONTENT_ENCODING, "zstd".parse().unwrap());
        assert!(Coding::of(&headers).unwrap_err().contains("zstd"));
        headers.append(CONTENT_ENCODING, "gzip".parse().unwrap());
        assert!(Coding::of(&headers).is_err());
    }
}
