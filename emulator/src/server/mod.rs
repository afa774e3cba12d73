//! The HTTP layer: our own accept loop on 127.0.0.1, each connection served by hyper's
//! HTTP/1 server, so that faults can act on the connection itself (reset it, close it,
//! cut a response short) and a client that goes away can be noticed.

mod body;
mod compression;
mod connection;
pub(crate) mod discovery;
mod handle;
mod io;
pub(crate) mod journal;
mod raw;
mod service;
pub(crate) mod shared;
pub(crate) mod signal;
pub(crate) mod socket;

use std::net::{Ipv4Addr, SocketAddr, TcpListener as StdListener};
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::runtime::Handle;
use tokio::sync::watch;

use self::shared::Shared;
use crate::error::{Error, ErrorKind, Result};

/// The running server. Dropping it stops the accept loop and shuts connections down
/// gracefully (a request in flight is finished first).
pub(crate) struct Server {
    pub addr: SocketAddr,
    _stop: watch::Sender<bool>,
}

/// Binds 127.0.0.1:0 synchronously (so the port is known before returning) and serves on
/// `handle`.
pub(crate) fn spawn(handle: &Handle, shared: Arc<Shared>) -> Result<Server> {
    let io = |e: std::io::Error| Error::new(ErrorKind::Io, format!("cannot listen on 127.0.0.1: {e}"));
    let std_listener = StdListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(io)?;
    std_listener.set_nonblocking(true).map_err(io)?;
    let addr = std_listener.local_addr().map_err(io)?;
    let listener = {
        let _entered = handle.enter();
        TcpListener::from_std(std_listener).map_err(io)?
    };
    let (stop, stopped) = watch::channel(false);
    handle.spawn(socket::keepalive_watcher(shared.clone()));
    handle.spawn(accept_loop(listener, shared, stopped));
    Ok(Server { addr, _stop: stop })
}

async fn accept_loop(listener: TcpListener, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    // Small responses go out at once rather than waiting for Nagle.
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(connection::serve(stream, shared.clone(), stop.clone()));
                }
                Err(e) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    log::warn!("sessionlink emulator: accept failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            // Fires when the handle is dropped (the sender goes away).
            _ = stop.changed() => break,
        }
    }
}
