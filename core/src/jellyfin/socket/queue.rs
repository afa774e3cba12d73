//! The bounded queue between the socket task and its reader.
//!
//! The policy, so that a slow reader cannot grow memory without limit and never loses a
//! command: at most `capacity` events wait; when the queue is full the socket task stops
//! reading the connection (TCP pushes back on the server) but keeps answering keep-alives.
//! A `Sessions` list is a snapshot, so a newer one replaces an older one still waiting, and
//! likewise a connection-state event replaces a waiting one: neither counts towards growth.

use std::collections::VecDeque;
use std::sync::Mutex;

use tokio::sync::Notify;

use crate::error::Error;
use crate::jellyfin::socket::{MessageData, SocketEvent};

#[derive(Debug)]
pub(crate) struct Queue {
    state: Mutex<State>,
    capacity: usize,
    /// An event was pushed, or the queue ended.
    readable: Notify,
    /// An event was taken from a full queue.
    space: Notify,
}

#[derive(Debug, Default)]
struct State {
    events: VecDeque<SocketEvent>,
    /// Set once: `Some(None)` after a clean close, `Some(Some(e))` after a final error.
    end: Option<Option<Error>>,
}

/// What the reader gets next.
// Short-lived, and almost always an event: not worth a box.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Next {
    Event(SocketEvent),
    Failed(Error),
    Ended,
    Empty,
}

impl Queue {
    pub fn new(capacity: usize) -> Queue {
        Queue {
            state: Mutex::new(State::default()),
            capacity: capacity.max(1),
            readable: Notify::new(),
            space: Notify::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn has_space(&self) -> bool {
        self.lock().events.len() < self.capacity
    }

    /// Waits until a reader takes an event from a full queue.
    pub async fn space(&self) {
        self.space.notified().await;
    }

    pub fn push(&self, event: SocketEvent) {
        let mut state = self.lock();
        let replaces = |waiting: &SocketEvent| match (&event, waiting) {
            (SocketEvent::Message(new), SocketEvent::Message(old)) => {
                matches!((new.data(), old.data()), (MessageData::Sessions(_), MessageData::Sessions(_)))
            }
            (SocketEvent::Message(_), _) | (_, SocketEvent::Message(_)) => false,
            _ => true,
        };
        match state.events.iter().position(replaces) {
            Some(i) => state.events[i] = event,
            None => state.events.push_back(event),
        }
        drop(state);
        self.readable.notify_one();
    }

    /// Ends the queue: readers get the waiting events, then `error` (if any), then the end.
    pub fn finish(&self, error: Option<Error>) {
        let mut state = self.lock();
        if state.end.is_none() {
            state.end = Some(error);
        }
        drop(state);
        self.readable.notify_waiters();
        self.readable.notify_one();
    }

    pub fn try_next(&self) -> Next {
        let mut state = self.lock();
        let was_full = state.events.len() >= self.capacity;
        if let Some(event) = state.events.pop_front() {
            drop(state);
            if was_full {
                self.space.notify_one();
            }
            return Next::Event(event);
        }
        match &mut state.end {
            Some(end) => match end.take() {
                Some(error) => Next::Failed(error),
                None => Next::Ended,
            },
            None => Next::Empty,
        }
    }

    /// The next event; `None` once the queue has ended and been drained.
    pub async fn next(&self) -> Option<Result<SocketEvent, Error>> {
        loop {
            let notified = self.readable.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            match self.try_next() {
                Next::Event(event) => return Some(Ok(event)),
                Next::Failed(error) => return Some(Err(error)),
                Next::Ended => {
                    // Wake any other reader waiting on the same queue.
                    self.readable.notify_one();
                    return None;
                }
                Next::Empty => notified.await,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jellyfin::socket::SocketMessage;

    fn message(text: &str) -> SocketEvent {
        SocketEvent::Message(SocketMessage::parse(text).unwrap())
    }

    fn kinds(queue: &Queue) -> Vec<String> {
        std::iter::from_fn(|| match queue.try_next() {
            Next::Event(SocketEvent::Message(m)) => Some(format!("{} {}", m.message_type(), m.to_json()["Data"])),
            Next::Event(other) => Some(format!("{other:?}")),
            _ => None,
        })
        .collect()
    }

    #[test]
    fn a_newer_sessions_list_replaces_a_waiting_one_and_nothing_else_is_replaced() {
        let queue = Queue::new(8);
        queue.push(message(r#"{"MessageType":"Sessions","Data":[{"Id":"old"}]}"#));
        queue.push(message(r#"{"MessageType":"GeneralCommand","Data":{"Name":"Mute"}}"#));
        queue.push(message(r#"{"MessageType":"Sessions","Data":[{"Id":"new"}]}"#));
        queue.push(message(r#"{"MessageType":"GeneralCommand","Data":{"Name":"Unmute"}}"#));
        assert_eq!(
            kinds(&queue),
            [r#"Sessions [{"Id":"new"}]"#, r#"GeneralCommand {"Name":"Mute"}"#, r#"GeneralCommand {"Name":"Unmute"}"#,]
        );
    }
}
