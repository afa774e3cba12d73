//! Reading one reply datagram: a server's `ServerDiscoveryInfo`, or a reason to skip it.

use std::net::SocketAddr;

use crate::jellyfin::models::ServerDiscoveryInfo;

/// The largest reply read: a real one is about 150 bytes. A longer datagram is skipped whole
/// (the receive buffer is one byte larger, so it is seen as too long, not cut).
pub const MAX_REPLY_BYTES: usize = 4096;

/// A server that answered discovery.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscoveredServer {
    /// The reply as the server sent it (lossless: unknown fields kept).
    pub info: ServerDiscoveryInfo,
    /// The address the reply came from (the server's discovery socket).
    pub responder: SocketAddr,
}

impl DiscoveredServer {
    /// The server's base URL (`http://192.168.1.20:8096`): what to connect to.
    pub fn address(&self) -> &str {
        self.info.address.as_deref().unwrap_or_default()
    }

    /// The server's id (32 hex digits).
    pub fn id(&self) -> &str {
        self.info.id.as_deref().unwrap_or_default()
    }

    /// The server's friendly name.
    pub fn name(&self) -> &str {
        self.info.name.as_deref().unwrap_or_default()
    }

    /// The endpoint address, when the server sent one (current servers send `null`).
    pub fn endpoint_address(&self) -> Option<&str> {
        self.info.endpoint_address.as_deref()
    }
}

/// The server in `datagram`, or why it is not one: not JSON, not an object, or without a
/// non-empty `Address`, `Id` or `Name` (what a client needs to show and connect to it).
pub(super) fn parse(datagram: &[u8], responder: SocketAddr) -> Result<DiscoveredServer, String> {
    if datagram.len() > MAX_REPLY_BYTES {
        return Err(format!("longer than {MAX_REPLY_BYTES} bytes"));
    }
    let info: ServerDiscoveryInfo =
        serde_json::from_slice(datagram).map_err(|e| format!("not a ServerDiscoveryInfo object ({e})"))?;
    for (field, value) in [("Address", &info.address), ("Id", &info.id), ("Name", &info.name)] {
        if value.as_deref().is_none_or(|v| v.trim().is_empty()) {
            return Err(format!("no {field}"));
        }
    }
    Ok(DiscoveredServer { info, responder })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn from() -> SocketAddr {
        "127.0.0.1:7359".parse().unwrap()
    }

    #[test]
    fn the_servers_reply_is_read_with_its_null_endpoint() {
        let reply = br#"{"Address":"http://10.0.0.2:8096","Id":"0123456789abcdef0123456789abcdef","Name":"Den","EndpointAddress":null,"New":1}"#;
        let server = parse(reply, from()).unwrap();
        assert_eq!((server.address(), server.name(), server.endpoint_address()), ("http://10.0.0.2:8096", "Den", None));
        assert_eq!(server.id(), "0123456789abcdef0123456789abcdef");
        assert_eq!(serde_json::to_vec(&server.info).unwrap(), reply.to_vec(), "lossless");
    }

    #[test]
    fn malformed_replies_say_why() {
        let cases: [(&[u8], &str); 6] = [
            (b"who is JellyfinServer?", "not a ServerDiscoveryInfo"),
            (b"[1,2]", "not a ServerDiscoveryInfo"),
            (br#"{"Address":5,"Id":"x","Name":"y"}"#, "not a ServerDiscoveryInfo"),
            (br#"{"Id":"x","Name":"y"}"#, "no Address"),
            (br#"{"Address":"http://a","Id":" ","Name":"y"}"#, "no Id"),
            (br#"{"Address":"http://a","Id":"x","Name":null}"#, "no Name"),
        ];
        for (datagram, why) in cases {
            let err = parse(datagram, from()).unwrap_err();
            assert!(err.contains(why), "{err} for {}", String::from_utf8_lossy(datagram));
        }
        assert!(parse(&[b' '; MAX_REPLY_BYTES + 1], from()).unwrap_err().contains("longer than"));
    }
}
