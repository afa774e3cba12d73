//! Seeding and inspecting the Jellyfin side.

use super::Emulator;
use crate::render::session::session_dto;
use crate::types::command::ReceivedCommand;
use crate::types::device::DeviceSession;

impl Emulator {
    /// Adds a Jellyfin user; returns its id (32 lowercase hex).
    pub fn add_user(&self, name: &str, password: &str, admin: bool) -> String {
        let mut state = self.shared.lock();
        let id = state.new_guid();
        state.add_user(&id, name, password, admin);
        id
    }

    /// Adds an API key (admin rights, no user); returns the key (32 lowercase hex).
    pub fn add_api_key(&self, name: &str) -> String {
        let mut state = self.shared.lock();
        let key = state.new_guid();
        state.add_api_key(&key, name);
        key
    }

    /// Adds another player's session; returns its id, md5(client + device_id) in hex.
    pub fn add_device_session(&self, session: DeviceSession) -> String {
        self.shared.lock().add_device_session(&session)
    }

    /// The commands sent to the session, oldest first, each with its [`Delivery`]: pushed to
    /// a socket, recorded for a seeded player, or dropped (no socket open, as the server
    /// drops it). They are kept after the session ends.
    ///
    /// [`Delivery`]: crate::Delivery
    pub fn commands(&self, session_id: &str) -> Vec<ReceivedCommand> {
        self.shared.lock().commands.get(session_id).cloned().unwrap_or_default()
    }

    /// Moves the session's last activity `by` into the past, as if it had been quiet that
    /// long: for `activeWithinSeconds` filters, without a test waiting for time to pass.
    /// `false` if there is no such session.
    pub fn backdate_session_activity(&self, session_id: &str, by: std::time::Duration) -> bool {
        let mut state = self.shared.lock();
        match state.session_mut(session_id) {
            Some(session) => {
                session.last_activity = session.last_activity.checked_sub(by).unwrap_or(std::time::UNIX_EPOCH);
                true
            }
            None => false,
        }
    }

    /// The `SessionInfoDto` an administrator would get for the session now (what it plays,
    /// its `PlayState`, its capabilities...), or `None` if there is no such session.
    pub fn session_json(&self, session_id: &str) -> Option<serde_json::Value> {
        let state = self.shared.lock();
        state.session(session_id).map(|s| session_dto(&state, s))
    }
}
