//! Response bodies: a whole one, one that pauses halfway (the stall fault), and an oversized
//! one generated while it is sent, so that its size never costs memory.

use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use tokio::time::Sleep;

/// The padding of an oversized body, sent in slices of this buffer.
static SPACES: [u8; 64 * 1024] = [b' '; 64 * 1024];

#[derive(Debug)]
pub(crate) enum ReplyBody {
    Whole(Option<Bytes>),
    /// `first` at once, then nothing until `pause` has passed, then `rest`.
    Stalled {
        first: Option<Bytes>,
        pause: Pin<Box<Sleep>>,
        rest: Option<Bytes>,
        len: u64,
    },
    /// `[`, spaces, `]`: valid JSON (an empty array) of exactly `len` bytes when `len >= 2`,
    /// only spaces below that.
    Oversized {
        len: u64,
        sent: u64,
        exact: bool,
    },
}

impl ReplyBody {
    pub fn whole(bytes: Vec<u8>) -> ReplyBody {
        ReplyBody::Whole(Some(Bytes::from(bytes)))
    }

    /// Splits the body in half around a pause.
    pub fn stalled(bytes: Vec<u8>, pause: Duration) -> ReplyBody {
        let mut first = Bytes::from(bytes);
        let rest = first.split_off(first.len() / 2);
        let len = (first.len() + rest.len()) as u64;
        ReplyBody::Stalled {
            first: Some(first).filter(|b| !b.is_empty()),
            pause: Box::pin(tokio::time::sleep(pause)),
            rest: Some(rest).filter(|b| !b.is_empty()),
            len,
        }
    }

    /// With `exact`, the length is announced (`Content-Length`); without, the body goes out
    /// in chunked encoding.
    pub fn oversized(len: u64, exact: bool) -> ReplyBody {
        ReplyBody::Oversized { len, sent: 0, exact }
    }
}

/// The next slice of an oversized body that has sent `sent` of its `len` bytes.
fn oversized_chunk(len: u64, sent: u64) -> Bytes {
    let framed = len >= 2;
    if framed && sent == 0 {
        return Bytes::from_static(b"[");
    }
    let padding_end = if framed { len - 1 } else { len };
    if sent >= padding_end {
        return Bytes::from_static(b"]");
    }
    let n = usize::try_from(padding_end - sent).unwrap_or(usize::MAX).min(SPACES.len());
    Bytes::from_static(&SPACES[..n])
}

impl Body for ReplyBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            ReplyBody::Whole(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            ReplyBody::Stalled { first, pause, rest, .. } => {
                if let Some(first) = first.take() {
                    return Poll::Ready(Some(Ok(Frame::data(first))));
                }
                if rest.is_none() {
                    return Poll::Ready(None);
                }
                match pause.as_mut().poll(cx) {
                    Poll::Pending => Poll::Pending,
                    Poll::Ready(()) => Poll::Ready(rest.take().map(|b| Ok(Frame::data(b)))),
                }
            }
            ReplyBody::Oversized { len, sent, .. } => {
                if *sent >= *len {
                    return Poll::Ready(None);
                }
                let chunk = oversized_chunk(*len, *sent);
                *sent += chunk.len() as u64;
                Poll::Ready(Some(Ok(Frame::data(chunk))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            ReplyBody::Whole(bytes) => bytes.is_none(),
            ReplyBody::Stalled { first, rest, .. } => first.is_none() && rest.is_none(),
            ReplyBody::Oversized { len, sent, .. } => sent >= len,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            ReplyBody::Whole(bytes) => SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64)),
            ReplyBody::Stalled { len, .. } => SizeHint::with_exact(*len),
            ReplyBody::Oversized { len, exact: true, .. } => SizeHint::with_exact(*len),
            ReplyBody::Oversized { .. } => SizeHint::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn oversized(len: u64) -> Vec<u8> {
        let mut out = Vec::new();
        let mut sent = 0;
        while sent < len {
            let chunk = oversized_chunk(len, sent);
            sent += chunk.len() as u64;
            out.extend_from_slice(&chunk);
        }
        out
    }

    #[test]
    fn oversized_bodies_have_the_exact_length_and_parse() {
        for len in [0u64, 1, 2, 3, 100, 64 * 1024 + 5, 200_000] {
            let body = oversized(len);
            assert_eq!(body.len() as u64, len);
            if len >= 2 {
                assert_eq!(serde_json::from_slice::<serde_json::Value>(&body).ok(), Some(serde_json::json!([])));
            }
        }
    }
}
