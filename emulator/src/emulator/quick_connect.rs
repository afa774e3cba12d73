//! Quick Connect controls for tests: turn the feature off, approve a pending code at the
//! moment a test chooses, let every code expire, and see what is pending.

use super::Emulator;
use crate::api::{quick_connect, socket};

impl Emulator {
    /// Turns Quick Connect on or off, as the dashboard's setting does (it starts on, the
    /// server's default). While off, the server answers 401 to every Quick Connect call but
    /// `GET /QuickConnect/Enabled`.
    pub fn set_quick_connect_enabled(&self, enabled: bool) {
        self.shared.lock().quick_connect.enabled = enabled;
    }

    /// Approves the pending request with this code as the user `user_id`, as that user's
    /// `POST /QuickConnect/Authorize` would: the device's login is made now, and its next
    /// `AuthenticateWithQuickConnect` gets it. False (and nothing changes) if Quick Connect
    /// is off, no live request has the code, it was approved before, or there is no such
    /// user.
    pub fn approve_quick_connect(&self, code: &str, user_id: &str) -> bool {
        let mut state = self.shared.lock();
        let approved = quick_connect::approve(&mut state, code, user_id).is_ok();
        socket::flush(&mut state);
        approved
    }

    /// Makes every Quick Connect request and approved secret expire now, as ten minutes
    /// passing would: the next `Connect` or `AuthenticateWithQuickConnect` with them is 404.
    /// Returns how many there were.
    pub fn expire_quick_connect(&self) -> usize {
        self.shared.lock().quick_connect.expire_all()
    }

    /// The codes of the live requests no one approved yet, oldest first.
    pub fn pending_quick_connect_codes(&self) -> Vec<String> {
        let mut state = self.shared.lock();
        state.quick_connect.expire(std::time::SystemTime::now());
        state.quick_connect.requests.iter().filter(|r| !r.authenticated).map(|r| r.code.clone()).collect()
    }

    /// Forgets every Quick Connect request and puts back the fixtures' pending one
    /// (`quick_connect_code` / `quick_connect_secret`), as new: for a script that runs the
    /// same calls more than once against one emulator.
    pub fn reset_quick_connect(&self) {
        let mut state = self.shared.lock();
        state.quick_connect.expire_all();
        crate::fixtures::seed_quick_connect(&mut state);
    }
}
