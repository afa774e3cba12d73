//! Idle keep-alive connections of one client (one origin), most recently used first.
//!
//! A connection is driven by the request that uses it, on that request's task (see
//! `drive` in `mod.rs`): no task of its own, so a call does not hand its request and
//! response over between threads. An idle connection is not driven; whether the server closed
//! it meanwhile is seen when it is taken out, by polling it once.

use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper_util::rt::TokioIo;

use crate::transport::Stream;

/// The sending half of an HTTP/1 connection.
pub(crate) type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;
/// The connection itself: reads and writes happen when it is polled.
pub(crate) type Driver = Pin<Box<hyper::client::conn::http1::Connection<TokioIo<Stream>, Full<Bytes>>>>;

/// One HTTP/1 connection: the handle requests are sent through, and the connection to drive.
pub(crate) struct Conn {
    pub sender: Sender,
    pub driver: Driver,
}

impl Conn {
    /// Polls the connection once without waiting: `false` when it has ended (the server
    /// closed it, or it broke), so it must not carry another request.
    pub fn is_open(&mut self) -> bool {
        if self.sender.is_closed() {
            return false;
        }
        let mut cx = Context::from_waker(Waker::noop());
        matches!(self.driver.as_mut().poll(&mut cx), Poll::Pending)
    }
}

/// More idle connections than this are closed: a client used by many threads at once keeps
/// enough to serve the next burst without holding sockets without bound.
const MAX_IDLE: usize = 32;

pub(crate) struct Pool {
    idle: Mutex<Vec<Idle>>,
    idle_timeout: Duration,
}

struct Idle {
    conn: Conn,
    since: Instant,
}

impl std::fmt::Debug for Pool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let idle = self.idle.lock().map_or(0, |i| i.len());
        f.debug_struct("Pool").field("idle", &idle).field("idle_timeout", &self.idle_timeout).finish()
    }
}

impl Pool {
    pub fn new(idle_timeout: Duration) -> Self {
        Pool { idle: Mutex::new(Vec::new()), idle_timeout }
    }

    /// The most recently used live connection, if any. Connections idle for longer than the
    /// idle timeout are closed: servers close theirs after a while (nginx after 75 s), and a
    /// request written into a connection the server is closing fails half-way.
    pub fn checkout(&self) -> Option<Conn> {
        loop {
            let Idle { mut conn, since } = self.idle.lock().unwrap_or_else(|p| p.into_inner()).pop()?;
            if since.elapsed() < self.idle_timeout && conn.is_open() {
                return Some(conn);
            }
        }
    }

    /// Returns a connection whose exchange completed.
    pub fn checkin(&self, mut conn: Conn) {
        // A zero idle timeout turns reuse off: the connection closes now.
        if self.idle_timeout.is_zero() || !conn.is_open() {
            return;
        }
        let mut idle = self.idle.lock().unwrap_or_else(|p| p.into_inner());
        idle.retain(|e| e.since.elapsed() < self.idle_timeout);
        if idle.len() >= MAX_IDLE {
            idle.remove(0);
        }
        idle.push(Idle { conn, since: Instant::now() });
    }
}
