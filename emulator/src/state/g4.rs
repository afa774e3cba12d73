//! The G4 side's state: tenant-scoped sessions with a data document and a sliding
//! time-to-live, checked lazily against `Instant` deadlines that the control API can move
//! (so tests never sleep).
//!
//! Bearer tokens are credentials in their own right: once issued (a session id, or a rotated
//! token) a token keeps authenticating in its tenant even after its session expired. That is
//! what lets a client see G4's "204 = no such session" for an expired session rather than a
//! 401, which is how the public clients of the API observe expiry.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::text::ids::md5_hex;

#[derive(Default)]
pub(crate) struct G4State {
    pub tenants: HashMap<String, Tenant>,
    pub rotation: bool,
    counter: u64,
}

#[derive(Default)]
pub(crate) struct Tenant {
    pub users: Vec<G4User>,
    pub api_keys: Vec<String>,
    pub sessions: HashMap<String, G4Session>,
    /// Every bearer ever issued, to the session it names.
    pub bearers: HashMap<String, String>,
}

pub(crate) struct G4User {
    pub username: String,
    pub password: String,
    pub user_id: i32,
    pub access_allowed: bool,
}

pub(crate) struct G4Session {
    pub user_id: i32,
    pub data: Value,
    pub ttl: Duration,
    pub deadline: Instant,
    /// The latest bearer issued for this session.
    pub bearer: String,
}

impl Tenant {
    /// The live session, dropping it if its deadline has passed.
    pub fn live(&mut self, id: &str) -> Option<&mut G4Session> {
        if self.sessions.get(id).is_some_and(|s| s.deadline <= Instant::now()) {
            self.sessions.remove(id);
        }
        self.sessions.get_mut(id)
    }
}

impl G4State {
    pub fn add_tenant(&mut self, tenant: &str) {
        self.tenants.entry(tenant.to_owned()).or_default();
    }

    pub fn add_user(&mut self, tenant: &str, username: &str, password: &str, user_id: i32, access_allowed: bool) {
        self.tenants.entry(tenant.to_owned()).or_default().users.push(G4User {
            username: username.to_owned(),
            password: password.to_owned(),
            user_id,
            access_allowed,
        });
    }

    pub fn add_api_key(&mut self, tenant: &str, key: &str) {
        self.tenants.entry(tenant.to_owned()).or_default().api_keys.push(key.to_owned());
    }

    pub fn ttl_remaining(&mut self, tenant: &str, id: &str) -> Option<Duration> {
        let session = self.tenants.get_mut(tenant)?.live(id)?;
        Some(session.deadline.saturating_duration_since(Instant::now()))
    }

    pub fn set_ttl_remaining(&mut self, tenant: &str, id: &str, remaining: Duration) -> bool {
        match self.tenants.get_mut(tenant).and_then(|t| t.live(id)) {
            Some(session) => {
                session.deadline = deadline_after(remaining);
                true
            }
            None => false,
        }
    }

    pub fn expire(&mut self, tenant: &str, id: &str) -> bool {
        match self.tenants.get_mut(tenant) {
            Some(t) => t.live(id).is_some() && t.sessions.remove(id).is_some(),
            None => false,
        }
    }

    /// Session ids and bearers: unique, opaque, 32 hex characters.
    pub fn new_token(&mut self, rng: u64) -> String {
        self.counter += 1;
        md5_hex(&format!("g4/{rng}/{}", self.counter))
    }
}

/// `now + ttl`, saturating: a test may ask for `Duration::MAX`.
pub(crate) fn deadline_after(ttl: Duration) -> Instant {
    let now = Instant::now();
    now.checked_add(ttl).or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400))).unwrap_or(now)
}
