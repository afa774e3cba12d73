//! One recorded request and what became of it.

use serde::{Serialize, Serializer};

/// Which of the two APIs an exchange was addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Api {
    Jellyfin,
    G4,
}

/// One recorded request and its response, raw. New fields may be added.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Exchange {
    pub method: String,
    /// As received: still percent-encoded, without the query.
    pub raw_path: String,
    pub raw_query: Option<String>,
    /// Names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    #[serde(serialize_with = "lossy_utf8")]
    pub body: Vec<u8>,
    /// The status sent, or 0 when no response was sent at all (the connection was reset or
    /// closed by a fault, or the client went away first).
    pub status: u16,
    /// As the emulator set them; the `content-length`, `date` and `connection` headers that
    /// the HTTP layer adds are not included.
    pub response_headers: Vec<(String, String)>,
    /// Empty for a streamed oversized body (it is never held in memory).
    #[serde(serialize_with = "lossy_utf8")]
    pub response_body: Vec<u8>,
    pub api: Api,
    /// The client did not get the emulator's own complete answer: a fault replaced or cut
    /// the response, or the client aborted. Contract validation leaves these out.
    pub injected: bool,
    /// The fault that acted on this exchange ([`Fault::name`](crate::Fault::name)), if any.
    pub fault: Option<String>,
    /// The client closed the connection before the response was written; the request was
    /// not applied (no state changed, no command was delivered).
    pub aborted: bool,
    /// The connection the request came on, numbered from 1 in the order accepted: two
    /// exchanges with the same number shared a keep-alive connection.
    pub connection: u64,
}

fn lossy_utf8<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&String::from_utf8_lossy(bytes))
}
