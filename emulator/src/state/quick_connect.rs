//! Quick Connect requests as `QuickConnectManager` keeps them (Jellyfin 10.11): pending
//! requests keyed by their code, and the login each approved secret turns into. Both expire
//! 10 minutes after they were made; approving a request moves its date one minute ahead, so
//! that a device polling every few seconds still sees it approved.

use std::time::{Duration, SystemTime};

use serde_json::Value;

/// `QuickConnectManager.Timeout`.
pub(crate) const LIFETIME: Duration = Duration::from_secs(600);

/// The grace an approved request gets (`DateAdded = UtcNow + 1 min`).
pub(crate) const APPROVED_GRACE: Duration = Duration::from_secs(60);

pub(crate) struct QuickConnect {
    /// `ServerConfiguration.QuickConnectAvailable`, on by default.
    pub enabled: bool,
    pub requests: Vec<Request>,
    pub approved: Vec<Approved>,
}

/// A request a device made (`QuickConnectResult`).
#[derive(Clone)]
pub(crate) struct Request {
    pub secret: String,
    pub code: String,
    pub device_id: String,
    pub device_name: String,
    pub app_name: String,
    pub app_version: String,
    pub date_added: SystemTime,
    pub authenticated: bool,
}

/// What an approved secret is exchanged for: the `AuthenticationResult` made when a user
/// approved it. The server hands out the same result for as long as the secret lives.
pub(crate) struct Approved {
    pub secret: String,
    pub at: SystemTime,
    pub result: Value,
}

impl Default for QuickConnect {
    fn default() -> Self {
        QuickConnect { enabled: true, requests: Vec::new(), approved: Vec::new() }
    }
}

impl QuickConnect {
    /// `ExpireRequests`: forgets what is older than [`LIFETIME`] at `now`.
    pub fn expire(&mut self, now: SystemTime) {
        let Some(oldest) = now.checked_sub(LIFETIME) else { return };
        self.requests.retain(|r| r.date_added >= oldest);
        self.approved.retain(|a| a.at >= oldest);
    }

    /// Makes every request and approved secret expire now (`ExpireRequests(expireAll)`);
    /// how many there were.
    pub fn expire_all(&mut self) -> usize {
        let n = self.requests.len() + self.approved.len();
        self.requests.clear();
        self.approved.clear();
        n
    }

    pub fn by_secret(&self, secret: &str) -> Option<&Request> {
        self.requests.iter().find(|r| r.secret == secret)
    }

    pub fn by_code_mut(&mut self, code: &str) -> Option<&mut Request> {
        self.requests.iter_mut().find(|r| r.code == code)
    }

    pub fn approved(&self, secret: &str) -> Option<&Value> {
        self.approved.iter().find(|a| a.secret == secret).map(|a| &a.result)
    }
}
