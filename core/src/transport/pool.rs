//! Idle keep-alive connections of one client (one origin), most recently used first.

use std::sync::Mutex;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;

/// The sending half of an HTTP/1 connection; the connection itself runs as a task.
pub(crate) type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

/// More idle connections than this are closed: a client used by many threads at once keeps
/// enough to serve the next burst without holding sockets without bound.
const MAX_IDLE: usize = 32;

#[derive(Debug)]
pub(crate) struct Pool {
    idle: Mutex<Vec<Idle>>,
    idle_timeout: Duration,
}

#[derive(Debug)]
struct Idle {
    sender: Sender,
    since: Instant,
}

impl Pool {
    pub fn new(idle_timeout: Duration) -> Self {
        Pool { idle: Mutex::new(Vec::new()), idle_timeout }
    }

    /// The most recently used live connection, if any. Connections idle for longer than the
    /// idle timeout are closed: servers close theirs after a while (nginx after 75 s), and a
    /// request written into a connection the server is closing fails half-way.
    pub fn checkout(&self) -> Option<Sender> {
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        while let Some(entry) = idle.pop() {
            if !entry.sender.is_closed() && entry.since.elapsed() < self.idle_timeout {
                return Some(entry.sender);
            }
        }
        None
    }

    /// Returns a connection whose exchange completed.
    pub fn checkin(&self, sender: Sender) {
        if sender.is_closed() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        idle.retain(|e| !e.sender.is_closed() && e.since.elapsed() < self.idle_timeout);
        if idle.len() >= MAX_IDLE {
            idle.remove(0);
        }
        idle.push(Idle { sender, since: Instant::now() });
    }
}
