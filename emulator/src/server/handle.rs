//! What a request can do to the connection it came on: end it its own way (a fault's reset
//! or close, after hyper has let go of it), watch for the peer going away, or mark it stale.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use tokio::net::TcpStream;
use tokio::sync::oneshot;

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
    /// The handle of connection `id`, and where its takeover arrives.
    pub fn new(id: u64, stream: Arc<TcpStream>) -> (ConnHandle, oneshot::Receiver<Takeover>) {
        let (sender, receiver) = oneshot::channel();
        let handle = ConnHandle { id, stream, takeover: Mutex::new(Some(sender)), stale: AtomicBool::new(false) };
        (handle, receiver)
    }

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
