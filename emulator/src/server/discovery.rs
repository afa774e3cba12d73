//! The UDP discovery responder, as Jellyfin's `AutoDiscoveryHost` answers: any datagram that
//! contains `who is JellyfinServer?` (ignoring case) gets the server's `ServerDiscoveryInfo`
//! JSON back, to the port it came from. It listens on 127.0.0.1 on a port of its own (the
//! real server's 7359 would collide between emulators, and tests never use broadcast).

use std::net::{Ipv4Addr, SocketAddr, UdpSocket as StdUdpSocket};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::json;
use tokio::net::UdpSocket;
use tokio::runtime::Handle;

use super::shared::Shared;
use crate::error::{Error, ErrorKind, Result};
use crate::state::SERVER_NAME;

/// What the server matches in a datagram (`AutoDiscoveryHost.ListenForAutoDiscoveryMessage`).
const QUESTION: &str = "who is jellyfinserver?";

/// The responder's address and how many questions it answered.
pub(crate) struct Discovery {
    pub addr: SocketAddr,
    answered: Arc<AtomicU64>,
}

impl Discovery {
    pub fn answered(&self) -> u64 {
        self.answered.load(Ordering::SeqCst)
    }
}

/// Binds 127.0.0.1:0 for UDP and answers on `handle` with `http_url` as the server's address,
/// until the emulator stops.
pub(crate) fn spawn(handle: &Handle, shared: Arc<Shared>, http_url: String) -> Result<Discovery> {
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot listen for discovery on 127.0.0.1: {e}"));
    let std_socket = StdUdpSocket::bind((Ipv4Addr::LOCALHOST, 0)).map_err(io)?;
    std_socket.set_nonblocking(true).map_err(io)?;
    let addr = std_socket.local_addr().map_err(io)?;
    let socket = {
        let _entered = handle.enter();
        UdpSocket::from_std(std_socket).map_err(io)?
    };
    let answered = Arc::new(AtomicU64::new(0));
    handle.spawn(answer(socket, shared, http_url, answered.clone()));
    Ok(Discovery { addr, answered })
}

async fn answer(socket: UdpSocket, shared: Arc<Shared>, http_url: String, answered: Arc<AtomicU64>) {
    let mut stop = shared.stop.subscribe();
    let mut buffer = vec![0u8; 65536];
    loop {
        tokio::select! {
            received = socket.recv_from(&mut buffer) => {
                let Ok((len, from)) = received else { continue };
                let text = String::from_utf8_lossy(&buffer[..len]).to_lowercase();
                if !text.contains(QUESTION) {
                    continue;
                }
                let id = shared.lock().server_id.clone();
                // .NET's default serialiser: PascalCase, and the unset EndpointAddress as null.
                let reply = json!({"Address": http_url, "Id": id, "Name": SERVER_NAME, "EndpointAddress": null});
                // Counted first: a test that got the reply then sees the count.
                answered.fetch_add(1, Ordering::SeqCst);
                let _ = socket.send_to(reply.to_string().as_bytes(), from).await;
            }
            // The only change is to "stopped" (or the sender went away with the emulator).
            _ = stop.changed() => break,
        }
    }
}
