//! The bounded queue between the socket task and its reader.
//!
//! The policy, so that a slow reader cannot grow memory without limit and never loses a
//! command: at most `capacity` events wait; when the queue is full the socket task stops
//! reading the connection (TCP pushes back on the server) but keeps answering keep-alives.
//! A `Sessions` list is a snapshot, so a newer one replaces an older one still waiting.
//! Connection-state events are coalesced too, but so that a reader always sees a
//! `Disconnected` before a `Connected { reconnected: true }`: at most one of each waits (a
//! newer drop replaces a waiting one and discards a waiting reconnect, which it made stale;
//! a reconnect is queued behind the drop it ends). So a reader slower than the reconnect
//! still learns the connection dropped, and neither kind counts towards growth.

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
        let events = &mut state.events;
        match &event {
            SocketEvent::Message(new) => {
                let is_list = matches!(new.data(), MessageData::Sessions(_));
                let older_list = events.iter().position(
                    |waiting| matches!(waiting, SocketEvent::Message(m) if matches!(m.data(), MessageData::Sessions(_))),
                );
                match older_list.filter(|_| is_list) {
                    Some(i) => events[i] = event,
                    None => events.push_back(event),
                }
            }
            SocketEvent::Disconnected { .. } => {
                // A reconnect the reader has not seen yet is over: only the newest drop counts.
                events.retain(|waiting| !matches!(waiting, SocketEvent::Connected { .. }));
                match events.iter().rposition(|waiting| matches!(waiting, SocketEvent::Disconnected { .. })) {
                    Some(i) => events[i] = event,
                    None => events.push_back(event),
                }
            }
            SocketEvent::Connected { .. } => {
                // Never replaces a waiting `Disconnected`: every reconnect the reader sees is
                // announced by the drop before it.
                match events.iter().position(|waiting| matches!(waiting, SocketEvent::Connected { .. })) {
                    Some(i) => events[i] = event,
                    None => events.push_back(event),
                }
            }
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

    /// The socket task waits for space when the queue is full; the reader taking an event
    /// from a full queue must wake it, or a reader of a one-event queue waits forever.
    #[tokio::test]
    async fn taking_from_a_full_queue_wakes_the_writer() {
        use futures_util::FutureExt;
        let queue = Queue::new(1);
        queue.push(message(r#"{"MessageType":"ForceKeepAlive","Data":60}"#));
        assert!(!queue.has_space());
        let mut space = std::pin::pin!(queue.space());
        assert!((&mut space).now_or_never().is_none(), "no space before a read");
        assert!(matches!(queue.try_next(), Next::Event(_)));
        tokio::time::timeout(std::time::Duration::from_secs(30), space).await.expect("the writer is woken");
        assert!(queue.has_space());
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

    fn disconnected(reason: &str) -> SocketEvent {
        SocketEvent::Disconnected { reason: reason.to_owned(), retry_in: std::time::Duration::from_millis(50) }
    }

    #[test]
    fn a_reconnect_never_hides_the_drop_before_it_and_flapping_leaves_two_events_at_most() {
        let queue = Queue::new(8);
        queue.push(SocketEvent::Connected { reconnected: false });
        assert_eq!(kinds(&queue), ["Connected { reconnected: false }"]);
        // A reader slower than the reconnect: the drop, then the reconnect.
        queue.push(disconnected("first"));
        queue.push(SocketEvent::Connected { reconnected: true });
        assert_eq!(
            kinds(&queue),
            [r#"Disconnected { reason: "first", retry_in: 50ms }"#, "Connected { reconnected: true }"]
        );
        // Flapping while nothing is read: the newest drop, then the newest state; messages kept.
        queue.push(disconnected("a"));
        queue.push(message(r#"{"MessageType":"GeneralCommand","Data":{"Name":"Mute"}}"#));
        queue.push(SocketEvent::Connected { reconnected: true });
        queue.push(disconnected("b"));
        queue.push(SocketEvent::Connected { reconnected: true });
        queue.push(disconnected("c"));
        assert_eq!(
            kinds(&queue),
            [r#"Disconnected { reason: "c", retry_in: 50ms }"#, r#"GeneralCommand {"Name":"Mute"}"#]
        );
        queue.push(disconnected("d"));
        queue.push(SocketEvent::Connected { reconnected: true });
        assert_eq!(
            kinds(&queue),
            [r#"Disconnected { reason: "d", retry_in: 50ms }"#, "Connected { reconnected: true }"]
        );
    }
}
