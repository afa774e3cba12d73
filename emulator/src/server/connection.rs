//! One accepted connection: served by hyper's HTTP/1 server (upgrades allowed) until it
//! ends, the emulator stops, or a request takes the bare socket over to end the connection
//! the way a fault needs.

use std::sync::Arc;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::watch;

use super::handle::{ConnHandle, Ending, Takeover};
use super::io::SharedIo;
use super::service::respond;
use super::shared::Shared;

/// How long a client gets to send a request's headers (Kestrel allows 30 s too).
const HEADER_TIMEOUT: Duration = Duration::from_secs(30);
/// After a clean close, how long to wait for the peer's own close before dropping the socket.
const LINGER_AFTER_CLOSE: Duration = Duration::from_secs(2);

/// Serves the connection until it ends, the emulator stops (in-flight requests finish), or
/// a request takes it over.
pub(crate) async fn serve(stream: TcpStream, shared: Arc<Shared>, mut stop: watch::Receiver<bool>) {
    let stream = Arc::new(stream);
    let (handle, mut taken_over) = ConnHandle::new(shared.next_connection(), stream.clone());
    let handle = Arc::new(handle);
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
