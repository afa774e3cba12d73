//! One accepted connection: served by hyper's HTTP/1 server (upgrades allowed), with a
//! handle through which a request can end the connection its own way (a fault's reset or
//! close), watch for the peer going away, or mark the connection stale.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::{oneshot, watch};

use super::io::SharedIo;
use super::service::respond;
use super::shared::Shared;

/// How long a client gets to send a request's headers (Kestrel allows 30 s too).
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
/// After a clean close, how long to wait for the peer's own close before dropping the socket.
const LINGER_AFTER_CLOSE: Duration = Duration::from_secs(2);

/// How a fault ends the connection once hyper has let go of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// RST: `SO_LINGER` 0, then close.
    Reset,
    /// FIN: shut down the sending side, let the peer close, then close.
    Close,
}

/// Raw bytes to send on the bare socket, then how to end the connection.
#[derive(Debug)]
pub(crate) struct Takeover {
    pub bytes: Vec<u8>,
    pub ending: Ending,
}

/// What a request can do to the connection it came on.
pub(crate) struct ConnHandle {
    pub id: u64,
    stream: Arc<TcpStream>,
    takeover: Mutex<Option<oneshot::Sender<Takeover>>>,
    stale: AtomicBool,
}

impl ConnHandle {
    /// Makes the connection task drop hyper's side of the connection (and with it the request
    /// in flight) and finish the connection as `takeover` says. Only the first call counts.
    pub fn take_over(&self, takeover: Takeover) {
        let sender = self.takeover.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(sender) = sender {
            // The connection task is gone only when the connection already is.
            let _ = sender.send(takeover);
        }
    }

    /// The next request on this connection will be met with a close and no response.
    pub fn mark_stale(&self) {
        self.stale.store(true, Ordering::Relaxed);
    }

    pub fn is_stale(&self) -> bool {
        self.stale.load(Ordering::Relaxed)
    }

    /// Resolves once the peer has closed or reset the connection; stays pending while it is
    /// open. Peeking leaves hyper's data where it is.
    pub async fn peer_closed(&self) {
        let mut byte = [0u8; 1];
        match self.stream.peek(&mut byte).await {
            Ok(0) | Err(_) => {}
            // Bytes of a pipelined request: the connection is alive, and stays observed by hyper.
            Ok(_) => std::future::pending().await,
        }
    }
}

/// Serves the connection until it ends, the emulator stops (in-flight requests finish), or
/// a request takes it over.
pub(crate) async fn serve(stream: TcpStream, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let stream = Arc::new(stream);
    let (sender, mut taken_over) = oneshot::channel();
    let handle = Arc::new(ConnHandle {
        id: shared.next_connection(),
        stream: stream.clone(),
        takeover: Mutex::new(Some(sender)),
        stale: AtomicBool::new(false),
    });
    let service = service_fn(move |request| respond(shared.clone(), handle.clone(), request));
    let mut conn = Box::pin(
        http1::Builder::new()
            .timer(TokioTimer::new())
            .header_read_timeout(HEADER_TIMEOUT)
            .serve_connection(TokioIo::new(SharedIo(stream.clone())), service)
            .with_upgrades(),
    );
    let mut stopping = false;
    let takeover = loop {
        tokio::select! {
            result = conn.as_mut() => {
                if let Err(e) = result {
                    log::debug!("sessionlink emulator: connection ended: {e}");
                }
                break None;
            }
            takeover = &mut taken_over => break takeover.ok(),
            _ = stop.changed(), if !stopping => {
                stopping = true;
                conn.as_mut().graceful_shutdown();
            }
        }
    };
    // Drops the request in flight and hyper's reference to the socket.
    drop(conn);
    if let Some(takeover) = takeover {
        finish(stream, takeover).await;
    }
}

async fn finish(stream: Arc<TcpStream>, takeover: Takeover) {
    let Ok(mut stream) = Arc::try_unwrap(stream) else {
        log::warn!("sessionlink emulator: a faulted connection is still shared; it closes when released");
        return;
    };
    if !takeover.bytes.is_empty() && stream.write_all(&takeover.bytes).await.is_err() {
        return;
    }
    match takeover.ending {
        Ending::Reset => {
            if let Err(e) = stream.set_zero_linger() {
                log::warn!("sessionlink emulator: cannot set SO_LINGER for a reset: {e}");
            }
        }
        Ending::Close => {
            if stream.shutdown().await.is_ok() {
                // Reading what the peer still sends until it closes keeps the close a clean
                // FIN: closing with unread data would send a reset instead.
                let mut sink = [0u8; 4096];
                let drain = async { while matches!(stream.read(&mut sink).await, Ok(n) if n > 0) {} };
                let _ = tokio::time::timeout(LINGER_AFTER_CLOSE, drain).await;
            }
        }
    }
}
