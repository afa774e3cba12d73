//! What changed between two session lists, as events a watcher prints: a session started or
//! ended, playback started, paused, resumed, stopped or progressed. The socket's `Sessions`
//! pushes carry whole lists; this turns them into the changes a script acts on.

use std::collections::HashMap;

use serde::Serialize;

use super::models::SessionInfoDto;

/// The kind of a [`SessionChange`], serialised in snake_case (`playback_paused`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionChangeKind {
    /// A session appeared (or was there when watching began: see [`SessionChange::initial`]).
    SessionStarted,
    /// A session is gone (logged out, its client stopped, its socket lost).
    SessionEnded,
    /// The session started playing an item (or switched to another one).
    PlaybackStarted,
    /// Playback was paused.
    PlaybackPaused,
    /// Paused playback was resumed.
    PlaybackResumed,
    /// Playback stopped (or switched to another item, which then starts).
    PlaybackStopped,
    /// The position moved while the item and the pause state stayed.
    PlaybackProgressed,
}

impl SessionChangeKind {
    /// The snake_case name (`"playback_paused"`), as in the JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionChangeKind::SessionStarted => "session_started",
            SessionChangeKind::SessionEnded => "session_ended",
            SessionChangeKind::PlaybackStarted => "playback_started",
            SessionChangeKind::PlaybackPaused => "playback_paused",
            SessionChangeKind::PlaybackResumed => "playback_resumed",
            SessionChangeKind::PlaybackStopped => "playback_stopped",
            SessionChangeKind::PlaybackProgressed => "playback_progressed",
        }
    }
}

/// One change of one session, with what a watcher shows about it. Serialises to the flat
/// JSON object `sessionlink watch --json` prints (snake_case keys, `null` for unknown).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionChange {
    /// What happened.
    pub event: SessionChangeKind,
    /// The session's id.
    pub session_id: String,
    /// The device's name (`Living Room TV`).
    pub device: Option<String>,
    /// The client application (`Jellyfin Web`).
    pub client: Option<String>,
    /// The user's name; `None` for API-key and anonymous sessions.
    pub user: Option<String>,
    /// The item's id (for playback events; for a stop, the item that stopped).
    pub item_id: Option<String>,
    /// The item's name, with its series for an episode (`Game of Thrones – The Long Night`).
    pub item: Option<String>,
    /// The playback position in .NET ticks (10,000,000 per second), when known.
    pub position_ticks: Option<i64>,
    /// Whether playback is paused after this change.
    pub is_paused: bool,
    /// Reported from the first list seen (the state when watching began), not a change
    /// observed while watching.
    pub initial: bool,
}

/// What is remembered of a session between two lists.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Seen {
    device: Option<String>,
    client: Option<String>,
    user: Option<String>,
    item_id: Option<String>,
    item: Option<String>,
    position_ticks: Option<i64>,
    is_paused: bool,
}

impl Seen {
    fn of(session: &SessionInfoDto) -> Seen {
        let item = session.now_playing_item.as_deref();
        let state = session.play_state.as_deref();
        let playing = item.is_some();
        Seen {
            device: session.device_name.clone(),
            client: session.client.clone(),
            user: session.user_name.clone().filter(|u| !u.is_empty()),
            item_id: item.map(|i| i.id.clone()),
            item: item.map(|i| match (&i.series_name, &i.name) {
                (Some(series), Some(name)) => format!("{series} – {name}"),
                (_, name) => name.clone().unwrap_or_default(),
            }),
            position_ticks: if playing { state.and_then(|s| s.position_ticks) } else { None },
            is_paused: playing && state.is_some_and(|s| s.is_paused),
        }
    }
}

/// Turns successive session lists into [`SessionChange`]s. The first list reports every
/// session as started (and its playback, if any) with `initial` set.
#[derive(Debug, Default, Clone)]
pub struct SessionChanges {
    seen: Option<HashMap<String, Seen>>,
    /// Session ids in the order first seen, so events come out in a stable order.
    order: Vec<String>,
}

impl SessionChanges {
    /// A watcher that has seen no list yet.
    pub fn new() -> SessionChanges {
        SessionChanges::default()
    }

    /// The changes from the previous list to `sessions` (sessions without an id are
    /// ignored). Per session, in the order they happened: a switch to another item is the
    /// old item's stop, then the new one's start.
    pub fn update(&mut self, sessions: &[SessionInfoDto]) -> Vec<SessionChange> {
        let initial = self.seen.is_none();
        let before = self.seen.take().unwrap_or_default();
        let mut now: HashMap<String, Seen> = HashMap::new();
        let mut changes = Vec::new();
        for session in sessions {
            let Some(id) = session.id.clone() else { continue };
            let seen = Seen::of(session);
            match before.get(&id) {
                None => {
                    self.order.retain(|o| o != &id);
                    self.order.push(id.clone());
                    changes.push(change(SessionChangeKind::SessionStarted, &id, &seen, initial));
                    if seen.item_id.is_some() {
                        changes.push(change(SessionChangeKind::PlaybackStarted, &id, &seen, initial));
                        if seen.is_paused {
                            changes.push(change(SessionChangeKind::PlaybackPaused, &id, &seen, initial));
                        }
                    }
                }
                Some(old) => compare(&mut changes, &id, old, &seen),
            }
            now.insert(id, seen);
        }
        for id in &self.order {
            if let (Some(old), false) = (before.get(id), now.contains_key(id)) {
                if old.item_id.is_some() {
                    changes.push(change(SessionChangeKind::PlaybackStopped, id, old, false));
                }
                changes.push(change(SessionChangeKind::SessionEnded, id, old, false));
            }
        }
        self.order.retain(|id| now.contains_key(id));
        self.seen = Some(now);
        changes
    }
}

fn compare(changes: &mut Vec<SessionChange>, id: &str, old: &Seen, new: &Seen) {
    use SessionChangeKind::*;
    if old.item_id != new.item_id {
        if old.item_id.is_some() {
            changes.push(change(PlaybackStopped, id, &Seen { is_paused: false, ..old.clone() }, false));
        }
        if new.item_id.is_some() {
            changes.push(change(PlaybackStarted, id, new, false));
            if new.is_paused {
                changes.push(change(PlaybackPaused, id, new, false));
            }
        }
        return;
    }
    if new.item_id.is_none() {
        return;
    }
    if old.is_paused != new.is_paused {
        changes.push(change(if new.is_paused { PlaybackPaused } else { PlaybackResumed }, id, new, false));
    } else if old.position_ticks != new.position_ticks {
        changes.push(change(PlaybackProgressed, id, new, false));
    }
}

fn change(event: SessionChangeKind, id: &str, seen: &Seen, initial: bool) -> SessionChange {
    SessionChange {
        event,
        session_id: id.to_owned(),
        device: seen.device.clone(),
        client: seen.client.clone(),
        user: seen.user.clone(),
        item_id: seen.item_id.clone(),
        item: seen.item.clone(),
        position_ticks: seen.position_ticks,
        is_paused: seen.is_paused,
        initial,
    }
}
