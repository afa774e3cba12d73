//! Where the discovery datagram goes and the socket it leaves from, decided before anything is
//! sent, so that the broadcast path can be checked without broadcasting.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, SocketAddrV4, UdpSocket};
use std::time::Duration;

use crate::error::{Error, ErrorKind, Result};

/// The UDP port Jellyfin answers discovery on (`AutoDiscoveryHost.PortNumber`).
pub const DISCOVERY_PORT: u16 = 7359;

/// How long [`discover_servers`](super::discover_servers) listens by default: the answer of a
/// server on the same network takes milliseconds; jellyfin-apiclient-python waits 1 s, the
/// Kotlin SDK 500 ms.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);

/// The longest listening time accepted: discovery is a look around, not a watch.
pub const MAX_TIMEOUT: Duration = Duration::from_secs(3600);

/// The most targets one discovery accepts (each is one datagram).
pub const MAX_TARGETS: usize = 1024;

/// The most distinct servers one discovery keeps (the Kotlin SDK keeps 15): a flood of
/// replies cannot grow memory without bound.
pub const MAX_SERVERS: usize = 256;

/// What to ask and for how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryOptions {
    /// How long to listen for replies (more than 0, at most [`MAX_TIMEOUT`]). Discovery
    /// always returns by then, with the replies received so far.
    pub timeout: Duration,
    /// Addresses to ask directly, as `host` or `host:port` (the port defaults to [`Self::port`]):
    /// servers on another network, or an emulator's discovery address. IPv4 only: Jellyfin
    /// listens for discovery on IPv4 (`0.0.0.0:7359`). Host names are resolved.
    pub targets: Vec<String>,
    /// Whether to send to the IPv4 broadcast address `255.255.255.255` on [`Self::port`].
    /// `None` (the default): broadcast only when no target is given, so that asking given
    /// addresses never reaches the whole network by accident.
    pub broadcast: Option<bool>,
    /// The port of the broadcast and of targets without one (default [`DISCOVERY_PORT`]).
    pub port: u16,
    /// Return as soon as this many distinct servers answered (at least 1), rather than at
    /// the timeout: `Some(1)` finds "the" server. `None` (the default) listens until the
    /// timeout.
    pub limit: Option<usize>,
}

impl Default for DiscoveryOptions {
    fn default() -> Self {
        DiscoveryOptions {
            timeout: DEFAULT_TIMEOUT,
            targets: Vec::new(),
            broadcast: None,
            port: DISCOVERY_PORT,
            limit: None,
        }
    }
}

impl DiscoveryOptions {
    /// Asks only the given addresses (no broadcast), for `timeout`.
    pub fn targets_only<I, S>(targets: I, timeout: Duration) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        DiscoveryOptions {
            timeout,
            targets: targets.into_iter().map(Into::into).collect(),
            broadcast: Some(false),
            ..DiscoveryOptions::default()
        }
    }
}

/// The destinations of one discovery and the socket it uses, without anything sent yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoveryPlan {
    destinations: Vec<SocketAddrV4>,
    broadcast: bool,
    timeout: Duration,
    limit: usize,
}

impl DiscoveryPlan {
    /// Checks `options` and resolves its targets (host names through the system resolver).
    /// Sends nothing.
    pub async fn new(options: &DiscoveryOptions) -> Result<DiscoveryPlan> {
        check(options)?;
        let broadcast = options.broadcast.unwrap_or(options.targets.is_empty());
        if !broadcast && options.targets.is_empty() {
            return Err(Error::invalid_argument("discovery has nowhere to ask: give targets, or allow the broadcast"));
        }
        let mut destinations = Vec::new();
        if broadcast {
            destinations.push(SocketAddrV4::new(Ipv4Addr::BROADCAST, options.port));
        }
        for target in &options.targets {
            for address in resolve(target, options.port).await? {
                if !destinations.contains(&address) {
                    destinations.push(address);
                }
            }
        }
        let limit = options.limit.unwrap_or(MAX_SERVERS).min(MAX_SERVERS);
        Ok(DiscoveryPlan { destinations, broadcast, timeout: options.timeout, limit })
    }

    /// Where the datagram goes, the broadcast address first when it is used.
    pub fn destinations(&self) -> &[SocketAddrV4] {
        &self.destinations
    }

    /// Whether the datagram is broadcast (the socket then has `SO_BROADCAST`).
    pub fn broadcast(&self) -> bool {
        self.broadcast
    }

    /// How long replies are awaited.
    pub fn timeout(&self) -> Duration {
        self.timeout
    }

    /// After how many distinct servers discovery returns (at most [`MAX_SERVERS`]).
    pub fn limit(&self) -> usize {
        self.limit
    }

    /// The local address the socket binds: `127.0.0.1` (any port) when every destination is
    /// on the loopback interface, so such a discovery cannot leave the host; else
    /// `0.0.0.0`, where the system picks the interface per destination.
    pub fn bind_address(&self) -> SocketAddrV4 {
        let all_loopback = self.destinations.iter().all(|d| d.ip().is_loopback());
        SocketAddrV4::new(if all_loopback { Ipv4Addr::LOCALHOST } else { Ipv4Addr::UNSPECIFIED }, 0)
    }

    /// Binds the socket discovery sends from and listens on, non-blocking, with
    /// `SO_BROADCAST` set exactly when the plan broadcasts (without it the system refuses
    /// to send to a broadcast address). Sends nothing.
    pub fn open_socket(&self) -> Result<UdpSocket> {
        let socket = UdpSocket::bind(self.bind_address())
            .map_err(|e| Error::new(ErrorKind::Connect, format!("cannot open the discovery socket: {e}")))?;
        socket
            .set_broadcast(self.broadcast)
            .and_then(|()| socket.set_nonblocking(true))
            .map_err(|e| Error::new(ErrorKind::Connect, format!("cannot set up the discovery socket: {e}")))?;
        Ok(socket)
    }
}

fn check(options: &DiscoveryOptions) -> Result<()> {
    if options.timeout.is_zero() || options.timeout > MAX_TIMEOUT {
        return Err(Error::invalid_argument(format!(
            "discovery timeout must be more than 0 and at most {} s, got {:?}",
            MAX_TIMEOUT.as_secs(),
            options.timeout
        )));
    }
    if options.limit == Some(0) {
        return Err(Error::invalid_argument("discovery limit must be at least 1"));
    }
    if options.port == 0 {
        return Err(Error::invalid_argument("discovery port must not be 0"));
    }
    if options.targets.len() > MAX_TARGETS {
        return Err(Error::invalid_argument(format!(
            "at most {MAX_TARGETS} discovery targets, got {}",
            options.targets.len()
        )));
    }
    Ok(())
}

/// `target` (`host`, `host:port`, `a.b.c.d`, `a.b.c.d:port`) as IPv4 socket addresses.
async fn resolve(target: &str, default_port: u16) -> Result<Vec<SocketAddrV4>> {
    let (host, port) = split(target, default_port)?;
    if let Ok(ip) = host.parse::<IpAddr>() {
        return match ip {
            IpAddr::V4(v4) => Ok(vec![SocketAddrV4::new(v4, port)]),
            IpAddr::V6(_) => Err(ipv6(target)),
        };
    }
    let resolved = tokio::net::lookup_host((host, port))
        .await
        .map_err(|e| Error::new(ErrorKind::Connect, format!("cannot resolve discovery target {target:?}: {e}")))?;
    let v4: Vec<SocketAddrV4> = resolved
        .filter_map(|a| match a {
            SocketAddr::V4(v4) => Some(v4),
            SocketAddr::V6(_) => None,
        })
        .collect();
    if v4.is_empty() {
        return Err(Error::new(ErrorKind::Connect, format!("discovery target {target:?} has no IPv4 address")));
    }
    Ok(v4)
}

fn split(target: &str, default_port: u16) -> Result<(&str, u16)> {
    let bad =
        |why: &str| Error::invalid_argument(format!("discovery target {target:?} is not host or host:port ({why})"));
    let trimmed = target.trim();
    if trimmed.is_empty() {
        return Err(bad("it is empty"));
    }
    if trimmed.starts_with('[') || trimmed.parse::<std::net::Ipv6Addr>().is_ok() {
        return Err(ipv6(target));
    }
    if trimmed.contains("://") {
        return Err(bad("give the server's host, not a URL"));
    }
    if trimmed.matches(':').count() > 1 {
        return Err(bad("more than one ':'"));
    }
    let (host, port) = match trimmed.rsplit_once(':') {
        Some((host, port)) => {
            let port: u16 = port.parse().map_err(|_| bad("the port must be 1 to 65535"))?;
            if port == 0 {
                return Err(bad("the port must be 1 to 65535"));
            }
            (host, port)
        }
        None => (trimmed, default_port),
    };
    if host.is_empty() || host.contains(|c: char| c.is_whitespace() || c == '/' || c == '@') {
        return Err(bad("the host is not a name or an IPv4 address"));
    }
    Ok((host, port))
}

fn ipv6(target: &str) -> Error {
    Error::invalid_argument(format!("discovery target {target:?} is IPv6: Jellyfin answers discovery on IPv4 only"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_split_into_host_and_port() {
        assert_eq!(split("127.0.0.1", 7359).unwrap(), ("127.0.0.1", 7359));
        assert_eq!(split(" media.lan:8000 ", 7359).unwrap(), ("media.lan", 8000));
        for bad in ["", "  ", "host:0", "host:70000", "host:x", ":7359", "a b:1", "http://x"] {
            let err = split(bad, 7359).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{bad:?}");
        }
        for v6 in ["::1", "[::1]:7359", "fe80::1"] {
            assert!(split(v6, 7359).unwrap_err().message().contains("IPv4 only"), "{v6}");
        }
    }
}
