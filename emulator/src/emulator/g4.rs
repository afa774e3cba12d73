//! Seeding the G4 side and controlling its sessions' time-to-live.

use std::time::Duration;

use super::Emulator;

impl Emulator {
    pub fn add_tenant(&self, tenant: &str) {
        self.shared.lock().g4.add_tenant(tenant);
    }

    /// Adds a user to a tenant (creating the tenant if needed).
    pub fn add_g4_user(&self, tenant: &str, username: &str, password: &str, user_id: i32, access_allowed: bool) {
        self.shared.lock().g4.add_user(tenant, username, password, user_id, access_allowed);
    }

    /// Adds an API key to a tenant (creating the tenant if needed).
    pub fn add_g4_api_key(&self, tenant: &str, key: &str) {
        self.shared.lock().g4.add_api_key(tenant, key);
    }

    /// Time until the session expires; `None` if it does not exist or has expired.
    pub fn g4_ttl_remaining(&self, tenant: &str, session_id: &str) -> Option<Duration> {
        self.shared.lock().g4.ttl_remaining(tenant, session_id)
    }

    /// Moves a live session's expiry; false if it does not exist or has expired.
    pub fn set_g4_ttl_remaining(&self, tenant: &str, session_id: &str, remaining: Duration) -> bool {
        self.shared.lock().g4.set_ttl_remaining(tenant, session_id, remaining)
    }

    /// Expires a live session now; false if it does not exist or had already expired.
    pub fn expire_g4_session(&self, tenant: &str, session_id: &str) -> bool {
        self.shared.lock().g4.expire(tenant, session_id)
    }

    /// When on, every successful bearer-authenticated G4 response carries a new
    /// `x-g4-bearer`. Earlier tokens keep working.
    pub fn set_g4_bearer_rotation(&self, on: bool) {
        self.shared.lock().g4.rotation = on;
    }
}
