//! The one retry a POST gets: a pooled connection that the server closed before the request
//! was written. The pool checks a connection when it takes it out, by polling it once; a
//! task that has spent its cooperative budget (a busy task: tokio makes its I/O wait) cannot
//! see the close in that poll, so the request meets the closed connection in the send itself.
//! Nothing was written, so it must go out once on a new connection, and the user sees
//! success. A raw HTTP server in the test closes (FIN) or resets (RST) its idle connection
//! when told, and records which connection each request arrived on. Also here: the pool
//! keeps every connection that went idle, not only the last.
#![cfg(target_os = "linux")]
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

use std::future::{Future, IntoFuture};
use std::os::fd::AsRawFd;
use std::sync::{Arc, Mutex};
use std::task::Poll;
use std::time::Duration;

use sessionlink::jellyfin::models::PlaystateCommand;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;

/// Requests as `(connection number, request line)`, in arrival order.
type Log = Arc<Mutex<Vec<(usize, String)>>>;

struct Server {
    url: String,
    log: Log,
    /// Tells the first connection to close (or, with `true`, to reset) once its first exchange
    /// is done; answered when the client's kernel has the close.
    close_first: Option<oneshot::Sender<(oneshot::Sender<()>, bool)>>,
    /// Bytes the first connection received after it closed its side.
    late_bytes: oneshot::Receiver<usize>,
}

impl Server {
    async fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let log = Log::default();
        let (close_tx, close_rx) = oneshot::channel();
        let (late_tx, late_rx) = oneshot::channel();
        let accept_log = log.clone();
        tokio::spawn(async move {
            let (first, _) = listener.accept().await.unwrap();
            tokio::spawn(first_connection(first, accept_log.clone(), close_rx, late_tx));
            for number in 1.. {
                let Ok((conn, _)) = listener.accept().await else { return };
                tokio::spawn(serve(conn, number, accept_log.clone()));
            }
        });
        Server { url, log, close_first: Some(close_tx), late_bytes: late_rx }
    }

    /// Closes the first connection (a FIN, as a server's idle timeout does) or, with `reset`,
    /// resets it (an RST, as a server or a middlebox that dropped its state answers), and
    /// returns when the client's side has it (for an RST: once sent, as on loopback).
    async fn end_first_connection(&mut self, reset: bool) {
        let (done_tx, done_rx) = oneshot::channel();
        self.close_first.take().unwrap().send((done_tx, reset)).unwrap();
        done_rx.await.unwrap();
    }

    fn requests(&self) -> Vec<(usize, String)> {
        self.log.lock().unwrap().clone()
    }
}

/// Reads one request (head and `Content-Length` body); `None` at the end of the connection.
async fn read_request(conn: &mut TcpStream) -> Option<String> {
    let mut seen = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
        match conn.read(&mut buf).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => seen.extend_from_slice(&buf[..n]),
        }
    };
    let head = String::from_utf8_lossy(&seen[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned()))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut body = seen.len() - head_end;
    while body < length {
        match conn.read(&mut buf).await {
            Ok(0) | Err(_) => return None,
            Ok(n) => body += n,
        }
    }
    Some(head.lines().next().unwrap_or_default().to_owned())
}

async fn answer(conn: &mut TcpStream, line: &str) {
    let reply: &[u8] = if line.starts_with("GET ") {
        b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n[]"
    } else {
        b"HTTP/1.1 204 No Content\r\n\r\n"
    };
    conn.write_all(reply).await.unwrap();
}

async fn serve(mut conn: TcpStream, number: usize, log: Log) {
    while let Some(line) = read_request(&mut conn).await {
        log.lock().unwrap().push((number, line.clone()));
        answer(&mut conn, &line).await;
    }
}

async fn first_connection(
    mut conn: TcpStream,
    log: Log,
    mut close: oneshot::Receiver<(oneshot::Sender<()>, bool)>,
    late_bytes: oneshot::Sender<usize>,
) {
    let mut told = true;
    let (done, reset) = loop {
        tokio::select! {
            done = &mut close, if told => match done {
                Ok(done) => break done,
                Err(_) => told = false,
            },
            line = read_request(&mut conn) => {
                let Some(line) = line else { return };
                log.lock().unwrap().push((0, line.clone()));
                answer(&mut conn, &line).await;
            }
        }
    };
    if reset {
        conn.set_zero_linger().unwrap();
        drop(conn);
        done.send(()).unwrap();
        let _ = late_bytes.send(0);
        return;
    }
    // Only the sending side closes, so that anything the client still writes here is seen.
    conn.shutdown().await.unwrap();
    acknowledged(&conn).await;
    done.send(()).unwrap();
    let mut late = 0;
    let mut buf = [0u8; 4096];
    while let Ok(n @ 1..) = conn.read(&mut buf).await {
        late += n;
    }
    let _ = late_bytes.send(late);
}

/// Whether the peer's kernel has acknowledged our FIN (the socket is in FIN_WAIT2): the close
/// is then readable on the client's socket.
fn fin_acknowledged(fd: std::os::fd::RawFd) -> bool {
    const TCP_FIN_WAIT2: u8 = 5;
    // SAFETY: TCP_INFO fills at most `len` bytes of a plain-data struct we own.
    unsafe {
        let mut info: libc::tcp_info = std::mem::zeroed();
        let mut len = std::mem::size_of::<libc::tcp_info>() as libc::socklen_t;
        let ok = libc::getsockopt(fd, libc::IPPROTO_TCP, libc::TCP_INFO, (&raw mut info).cast(), &raw mut len);
        assert_eq!(ok, 0, "TCP_INFO: {}", std::io::Error::last_os_error());
        info.tcpi_state == TCP_FIN_WAIT2
    }
}

async fn acknowledged(conn: &TcpStream) {
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while !fin_acknowledged(conn.as_raw_fd()) {
        assert!(tokio::time::Instant::now() < deadline, "the client never acknowledged the close");
        tokio::task::yield_now().await;
    }
}

/// [`acknowledged`] for a thread that is not running async code.
fn acknowledged_blocking(conn: &std::net::TcpStream) {
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while !fin_acknowledged(conn.as_raw_fd()) {
        assert!(std::time::Instant::now() < deadline, "the client never acknowledged the close");
        std::thread::yield_now();
    }
}

/// Polls `call` first from a task whose cooperative budget is spent, as a busy task's is.
async fn from_a_busy_task<F: Future>(call: F) -> F::Output {
    let mut call = std::pin::pin!(call);
    let mut spent = false;
    std::future::poll_fn(|cx| {
        if !spent {
            spent = true;
            while let Poll::Ready(progress) = tokio::task::coop::poll_proceed(cx) {
                progress.made_progress();
            }
        }
        call.as_mut().poll(cx)
    })
    .await
}

fn client(url: &str) -> JellyfinClient {
    JellyfinClient::new(JellyfinConfig::new(url, "Reuse Test", "reuse-test").with_token("token")).unwrap()
}

/// Ends the first connection while it is idle (a FIN, or with `reset` an RST), sends a POST
/// from a busy task, and checks that it went out once, on a new connection.
async fn a_post_after_the_idle_connection_ended(reset: bool) -> Server {
    let mut server = Server::start().await;
    let client = client(&server.url);
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    server.end_first_connection(reset).await;
    // The end reaches this runtime's I/O driver, so the connection's next read sees it.
    tokio::task::yield_now().await;

    let call = client.send_playstate_command("s1", PlaystateCommand::Pause, None, None).into_future();
    from_a_busy_task(call).await.unwrap();

    assert_eq!(
        server.requests(),
        [(0, "GET /Sessions HTTP/1.1".to_owned()), (1, "POST /Sessions/s1/Playing/Pause HTTP/1.1".to_owned())],
        "the POST went out once, on a new connection"
    );
    server
}

#[tokio::test]
async fn a_post_on_a_pooled_connection_the_server_closed_goes_out_once_on_a_new_one() {
    let server = a_post_after_the_idle_connection_ended(false).await;
    assert_eq!(server.late_bytes.await.unwrap(), 0, "no byte of the POST was written into the closed connection");
}

/// The same with a reset instead of a close: hyper then hands the unwritten request back
/// with the connection's error (not at the connection's end), and it goes out once on a new
/// connection all the same.
#[tokio::test]
async fn a_post_on_a_pooled_connection_the_server_reset_goes_out_once_on_a_new_one() {
    a_post_after_the_idle_connection_ended(true).await;
}

#[tokio::test]
async fn a_busy_task_still_uses_a_pooled_connection_the_server_kept_open() {
    // The other side of the rule: the spent budget alone neither fails the call nor opens a
    // new connection.
    let server = Server::start().await;
    let client = client(&server.url);
    client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    let call = client.send_playstate_command("s1", PlaystateCommand::Pause, None, None).into_future();
    from_a_busy_task(call).await.unwrap();
    assert_eq!(
        server.requests(),
        [(0, "GET /Sessions HTTP/1.1".to_owned()), (0, "POST /Sessions/s1/Playing/Pause HTTP/1.1".to_owned())]
    );
}

#[tokio::test]
async fn a_new_connection_the_server_closes_at_once_is_not_retried() {
    // The one retry is for pooled connections, which a server may have closed while they
    // were idle; a connection the server closes as soon as it opens is its answer.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let connections = Arc::new(Mutex::new(0));
    let count = connections.clone();
    let (closed_tx, closed_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (first, _) = listener.accept().unwrap();
        *count.lock().unwrap() += 1;
        first.shutdown(std::net::Shutdown::Write).unwrap();
        acknowledged_blocking(&first);
        closed_tx.send(()).unwrap();
        // A retry would get an answer.
        for conn in listener.incoming() {
            let mut conn = conn.unwrap();
            *count.lock().unwrap() += 1;
            let mut buf = [0u8; 4096];
            let _ = std::io::Read::read(&mut conn, &mut buf);
            let _ = std::io::Write::write_all(&mut conn, b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n[]");
        }
        drop(first);
    });
    let client = client(&url);
    let mut call = std::pin::pin!(client.get_sessions(&GetSessionsQuery::default()).into_future());
    let mut waited = false;
    let result = std::future::poll_fn(|cx| {
        let polled = call.as_mut().poll(cx);
        if polled.is_pending() && !waited {
            // Connecting: the server accepts and closes before this task looks again.
            waited = true;
            closed_rx.recv().unwrap();
        }
        polled
    })
    .await;
    let err = result.unwrap_err();
    assert_eq!(err.kind(), sessionlink::ErrorKind::Connect, "{err}");
    assert!(!err.request_sent(), "{err}");
    assert_eq!(*connections.lock().unwrap(), 1, "no second connection");
}

/// A server that answers requests in pairs: each waits until another has arrived, so that
/// two calls are surely in flight at once, each on its own connection.
async fn paired_server() -> (String, Log) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let log = Log::default();
    let barrier = Arc::new(tokio::sync::Barrier::new(2));
    let accept_log = log.clone();
    tokio::spawn(async move {
        for number in 0.. {
            let Ok((mut conn, _)) = listener.accept().await else { return };
            let (log, barrier) = (accept_log.clone(), barrier.clone());
            tokio::spawn(async move {
                while let Some(line) = read_request(&mut conn).await {
                    log.lock().unwrap().push((number, line.clone()));
                    barrier.wait().await;
                    answer(&mut conn, &line).await;
                }
            });
        }
    });
    (url, log)
}

#[tokio::test]
async fn connections_that_went_idle_together_are_all_kept() {
    let (url, log) = paired_server().await;
    let client = client(&url);
    let query = GetSessionsQuery::default();
    for _ in 0..2 {
        let (a, b) = tokio::join!(client.get_sessions(&query).into_future(), client.get_sessions(&query).into_future());
        a.unwrap();
        b.unwrap();
    }
    let log = log.lock().unwrap().clone();
    let connections: std::collections::BTreeSet<usize> = log.iter().map(|(n, _)| *n).collect();
    assert_eq!(connections.len(), 2, "the second pair went out on the first pair's connections: {log:?}");
}
