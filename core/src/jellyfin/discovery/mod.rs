//! UDP server discovery: the datagram `who is JellyfinServer?` to port 7359 (broadcast, and
//! given addresses), and the servers' `ServerDiscoveryInfo` replies, collected until a
//! deadline.
//!
//! Jellyfin's `AutoDiscoveryHost` answers any datagram containing the question (ignoring
//! case) from the port it came from, with the server's address as seen from the asker.

mod plan;
mod reply;

use std::collections::HashSet;

use tokio::net::UdpSocket;
use tokio::time::{timeout_at, Instant};

pub use plan::{
    DiscoveryOptions, DiscoveryPlan, DEFAULT_TIMEOUT, DISCOVERY_PORT, MAX_SERVERS, MAX_TARGETS, MAX_TIMEOUT,
};
pub use reply::{DiscoveredServer, MAX_REPLY_BYTES};

use crate::error::{Error, ErrorKind, Result};

/// The question, as the official clients send it.
pub const DISCOVERY_MESSAGE: &[u8] = b"who is JellyfinServer?";

/// Asks for Jellyfin servers and returns the distinct ones that answered within
/// `options.timeout` (or as soon as `options.limit` did), in the order their first reply
/// arrived. Never returns later than the timeout (host-name resolution included); no answer
/// is an empty list, not an error.
///
/// A reply that is not a server's answer (not JSON, no address, id or name, more than
/// [`MAX_REPLY_BYTES`]) is skipped and logged at `DEBUG` (target `sessionlink::discovery`).
/// Two replies are one server when they have the same id and address (a server reached by
/// broadcast and as a target answers twice).
///
/// Broadcast reaches servers on the networks of this host's interfaces only, and not from
/// inside a container with its own network namespace (Docker's default bridge): give the
/// server's address as a target there.
pub async fn discover_servers(options: &DiscoveryOptions) -> Result<Vec<DiscoveredServer>> {
    let deadline = Instant::now() + options.timeout.min(MAX_TIMEOUT);
    let plan = match timeout_at(deadline, DiscoveryPlan::new(options)).await {
        Ok(plan) => plan?,
        Err(_) => {
            return Err(Error::new(ErrorKind::Timeout, "discovery timed out resolving its targets"));
        }
    };
    run(&plan, deadline).await
}

/// Sends the question to every destination of `plan` and collects the replies until
/// `deadline`.
async fn run(plan: &DiscoveryPlan, deadline: Instant) -> Result<Vec<DiscoveredServer>> {
    let socket = UdpSocket::from_std(plan.open_socket()?)
        .map_err(|e| Error::new(ErrorKind::Connect, format!("cannot open the discovery socket: {e}")))?;
    let mut sent = 0;
    let mut last_error = None;
    for destination in plan.destinations() {
        // One unreachable destination (no route to a target) must not hide the others.
        match socket.send_to(DISCOVERY_MESSAGE, destination).await {
            Ok(_) => sent += 1,
            Err(e) => {
                log::debug!(target: crate::logging::DISCOVERY, "cannot send to {destination}: {e}");
                last_error = Some(format!("{destination}: {e}"));
            }
        }
    }
    if sent == 0 {
        let why = last_error.unwrap_or_default();
        return Err(Error::new(ErrorKind::Connect, format!("cannot send the discovery datagram ({why})")));
    }
    let mut servers: Vec<DiscoveredServer> = Vec::new();
    let mut seen: HashSet<(String, String)> = HashSet::new();
    let mut buffer = vec![0u8; MAX_REPLY_BYTES + 1];
    while servers.len() < plan.limit() {
        let (len, from) = match timeout_at(deadline, socket.recv_from(&mut buffer)).await {
            Err(_) => break,
            Ok(Ok(received)) => received,
            // An ICMP "port unreachable" for a target without a server shows up here on
            // Linux: that target has no server, the others may still answer.
            Ok(Err(e)) => {
                log::debug!(target: crate::logging::DISCOVERY, "receive error (ignored): {e}");
                continue;
            }
        };
        match reply::parse(&buffer[..len], from) {
            Ok(server) => {
                if seen.insert((server.id().to_owned(), server.address().to_owned())) {
                    servers.push(server);
                }
            }
            Err(why) => log::debug!(target: crate::logging::DISCOVERY, "skipped a reply from {from}: {why}"),
        }
    }
    Ok(servers)
}
