//! Reading a response body without ever holding more than the limit.

use std::borrow::Cow;

use bytes::{Bytes, BytesMut};
use http::header::{HeaderMap, CONTENT_LENGTH};
use http_body_util::BodyExt;
use hyper::body::Incoming;

use super::decompress::{self, Coding, DecodeError};

/// Bodies up to this size are joined into one piece (decoders borrow one slice); larger ones
/// stay in the frames they arrived in, so that a decoder can free each frame once it has used
/// it instead of holding the whole body beside what it decoded (see `json_array`).
const JOIN_UP_TO: usize = 1 << 20;

/// A response body as received.
#[derive(Debug, Default)]
pub struct Body {
    /// One frame, or (only above [`JOIN_UP_TO`]) several in order.
    frames: Vec<Bytes>,
}

impl Body {
    /// The body's size in bytes.
    pub fn len(&self) -> usize {
        self.frames.iter().map(Bytes::len).sum()
    }

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        self.frames.iter().all(Bytes::is_empty)
    }

    /// The body in one piece: borrowed when it arrived in one, joined (copied) otherwise.
    pub fn contiguous(&self) -> Cow<'_, [u8]> {
        match self.frames.as_slice() {
            [] => Cow::Borrowed(&[]),
            [one] => Cow::Borrowed(one),
            many => Cow::Owned(many.concat()),
        }
    }

    /// The frames, in order: dropping each after use frees the body as it is consumed.
    pub fn into_frames(self) -> Vec<Bytes> {
        self.frames
    }
}

impl Body {
    /// A body made of `frames`, in order, as a transport that read it in pieces gives it.
    pub fn from_frames(frames: Vec<Bytes>) -> Self {
        Body { frames }
    }
}

impl From<Bytes> for Body {
    fn from(bytes: Bytes) -> Self {
        Body { frames: vec![bytes] }
    }
}

pub(crate) enum Failure {
    /// Declared (`length`) or found to be over the limit; the rest was not read.
    TooLarge {
        length: Option<u64>,
        /// Over the limit once decompressed (the wire bytes were within it).
        decompressed: bool,
    },
    Io(super::Ended),
    /// A compressed body that is not valid in its coding, or a coding not asked for.
    Corrupt(String),
}

/// The whole body, checked against `limit` before reading (Content-Length), while reading
/// (chunked or lying bodies) and, for a compressed body, while decoding it. Dropping
/// `incoming` early closes the connection.
pub(crate) async fn read(mut incoming: Incoming, headers: &HeaderMap, limit: usize) -> Result<Body, Failure> {
    // An empty body needs no decoding, whatever it claims (a 204 may carry the header).
    let coding = Coding::of(headers);
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(length) = declared {
        if length > limit as u64 {
            return Err(Failure::TooLarge { length: Some(length), decompressed: false });
        }
    }
    let mut frames = Vec::new();
    let mut total = 0usize;
    while let Some(frame) = incoming.frame().await {
        let Ok(data) = frame.map_err(|e| Failure::Io(e.into()))?.into_data() else { continue };
        total += data.len();
        if total > limit {
            return Err(Failure::TooLarge { length: declared, decompressed: false });
        }
        if !data.is_empty() {
            frames.push(data);
        }
    }
    let coding = if total == 0 { Coding::Identity } else { coding.map_err(Failure::Corrupt)? };
    if coding != Coding::Identity {
        frames = decompress::decode(frames, coding, limit).map_err(|e| match e {
            DecodeError::TooLarge => Failure::TooLarge { length: None, decompressed: true },
            DecodeError::Corrupt(why) => Failure::Corrupt(why),
        })?;
        total = frames.iter().map(Bytes::len).sum();
    }
    if frames.len() > 1 && total <= JOIN_UP_TO {
        let mut joined = BytesMut::with_capacity(total);
        frames.iter().for_each(|f| joined.extend_from_slice(f));
        frames = vec![joined.freeze()];
    }
    Ok(Body { frames })
}
