//! Reading a response body without ever holding more than the limit.

use bytes::{Bytes, BytesMut};
use http::header::{HeaderMap, CONTENT_LENGTH};
use http_body_util::BodyExt;
use hyper::body::Incoming;

pub(crate) enum Failure {
    /// Declared (`length`) or found to be over the limit; the rest was not read.
    TooLarge {
        length: Option<u64>,
    },
    Io(super::Ended),
}

/// The whole body, checked against `limit` before reading (Content-Length) and while
/// reading (chunked or lying bodies). Dropping `incoming` early closes the connection.
pub(crate) async fn read(mut incoming: Incoming, headers: &HeaderMap, limit: usize) -> Result<Bytes, Failure> {
    let declared = headers.get(CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(length) = declared {
        if length > limit as u64 {
            return Err(Failure::TooLarge { length: Some(length) });
        }
    }
    // One frame is the whole body more often than not: keep it without copying.
    let mut first: Option<Bytes> = None;
    let mut buffer: Option<BytesMut> = None;
    let mut total = 0usize;
    while let Some(frame) = incoming.frame().await {
        let Ok(data) = frame.map_err(|e| Failure::Io(e.into()))?.into_data() else { continue };
        total += data.len();
        if total > limit {
            return Err(Failure::TooLarge { length: declared });
        }
        match (&mut first, &mut buffer) {
            (None, None) => first = Some(data),
            (Some(head), None) => {
                let capacity = declared.map_or(total, |n| n as usize).max(total);
                let mut b = BytesMut::with_capacity(capacity);
                b.extend_from_slice(head);
                b.extend_from_slice(&data);
                first = None;
                buffer = Some(b);
            }
            (_, Some(b)) => b.extend_from_slice(&data),
        }
    }
    Ok(match (first, buffer) {
        (_, Some(b)) => b.freeze(),
        (Some(head), None) => head,
        (None, None) => Bytes::new(),
    })
}
