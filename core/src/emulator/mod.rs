//! An in-process HTTP server that implements the Jellyfin Session API and the G4 Sessions API
//! with real state, for demos and tests (DESIGN.md, "The embedded emulator").
//!
//! It deliberately shares no code with the clients in [`crate::jellyfin`] and [`crate::g4`]:
//! it writes its own wire JSON from the contracts, so a misunderstanding in a client model
//! cannot hide behind the same misunderstanding in the server it is tested against.
//!
//! ```no_run
//! # fn demo() -> sessionlink::Result<()> {
//! let emu = sessionlink::emulator::Emulator::start_blocking()?;
//! let fx = emu.fixtures();
//! println!("Jellyfin at {}, log in as {}", emu.url(), fx.jellyfin.admin_user);
//! # Ok(()) }
//! ```
//!
//! The server has no WebSockets. Every session behaves as if its socket were connected:
//! commands sent to it are recorded ([`Emulator::commands`]) instead of dropped, and its
//! `SupportsRemoteControl` follows its `SupportsMediaControl` capability.

mod auth;
mod commands;
mod enums;
pub mod fixtures;
mod g4;
mod http;
mod jellyfin;
mod json;
mod state;

use std::fmt;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use serde::{Serialize, Serializer};
use tokio::runtime::Handle;
use tokio::sync::oneshot;

pub use fixtures::{Fixtures, G4Fixtures, JellyfinFixtures};

use state::State;

/// A running emulator. Dropping it stops the server (connections still open finish their
/// current request and are then closed).
pub struct Emulator {
    shared: Arc<Shared>,
    addr: SocketAddr,
    fixtures: Fixtures,
    shutdown: Mutex<Option<oneshot::Sender<()>>>,
}

// Bindings keep the emulator behind `Arc`s and use it from any thread.
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Emulator>();
};

/// What the server task and the [`Emulator`] handle share.
pub(crate) struct Shared {
    state: Mutex<State>,
}

impl Shared {
    /// The state lock. A panic while holding it cannot leave the state half-updated in a way
    /// that matters to a test server, so a poisoned lock is simply taken over.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Another player on the Jellyfin server, as [`Emulator::add_device_session`] seeds it.
#[derive(Debug, Clone, Default)]
pub struct DeviceSession {
    pub client: String,
    pub device_name: String,
    pub device_id: String,
    pub app_version: String,
    /// The user id (32 hex, dashed also accepted); `None` for a session without a user.
    pub user_id: Option<String>,
    pub supports_media_control: bool,
    pub now_playing_item_id: Option<String>,
}

/// One WebSocket message the server would have sent to a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReceivedCommand {
    /// `"GeneralCommand"`, `"Play"` or `"Playstate"`.
    pub message_type: String,
    /// The message's `Data`, exactly as the real server would write it (PascalCase, nulls
    /// omitted, N-format GUIDs).
    pub data: serde_json::Value,
}

/// Which of the two APIs an exchange was addressed to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Api {
    Jellyfin,
    G4,
}

/// One recorded request and its response, raw.
#[derive(Debug, Clone, Serialize)]
pub struct Exchange {
    pub method: String,
    /// As received: still percent-encoded, without the query.
    pub raw_path: String,
    pub raw_query: Option<String>,
    /// Names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    #[serde(serialize_with = "lossy_utf8")]
    pub body: Vec<u8>,
    pub status: u16,
    /// As the emulator set them; the `content-length`, `date` and `connection` headers that
    /// the HTTP layer adds are not included.
    pub response_headers: Vec<(String, String)>,
    #[serde(serialize_with = "lossy_utf8")]
    pub response_body: Vec<u8>,
    pub api: Api,
    /// The response was a fault injected with `inject_status`, not the emulator's own answer
    /// (so contract validation leaves it out).
    pub injected: bool,
}

fn lossy_utf8<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&String::from_utf8_lossy(bytes))
}

impl Emulator {
    /// Starts the emulator on 127.0.0.1 (random port) on the current tokio runtime.
    pub async fn start() -> crate::Result<Emulator> {
        Self::start_on(&Handle::current())
    }

    /// Starts the emulator on the SDK runtime, for callers without one (Python, C, `#[test]`).
    /// Never blocks, so it is also safe to call from inside a runtime.
    pub fn start_blocking() -> crate::Result<Emulator> {
        Self::start_on(&crate::runtime::handle()?)
    }

    fn start_on(handle: &Handle) -> crate::Result<Emulator> {
        let mut state = State::new();
        let fixtures = fixtures::seed(&mut state);
        let shared = Arc::new(Shared { state: Mutex::new(state) });
        let (tx, rx) = oneshot::channel();
        let addr = http::spawn_server(handle, shared.clone(), rx)?;
        Ok(Emulator { shared, addr, fixtures, shutdown: Mutex::new(Some(tx)) })
    }

    /// `http://127.0.0.1:PORT`: the Jellyfin API, which also answers under `/jellyfin`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// `http://127.0.0.1:PORT/g4`: the base of the G4 Sessions API.
    pub fn g4_url(&self) -> String {
        format!("http://{}/g4", self.addr)
    }

    /// Names, passwords and ids of the seeded data.
    pub fn fixtures(&self) -> Fixtures {
        self.fixtures.clone()
    }

    // ---- Jellyfin seeding and inspection ----

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

    /// The messages the session's WebSocket would have received, oldest first. They are kept
    /// after the session ends.
    pub fn commands(&self, session_id: &str) -> Vec<ReceivedCommand> {
        self.shared.lock().commands.get(session_id).cloned().unwrap_or_default()
    }

    /// The `SessionInfoDto` an administrator would get for the session now.
    pub fn session_json(&self, session_id: &str) -> Option<serde_json::Value> {
        let state = self.shared.lock();
        state.session(session_id).map(|s| json::session_dto(&state, s))
    }

    // ---- G4 seeding and TTL control ----

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

    // ---- Faults (each for the next request only, whichever API) ----

    /// Delays the next response by `delay` (the request is handled after the delay).
    pub fn inject_latency(&self, delay: Duration) {
        self.shared.lock().faults.latency = Some(delay);
    }

    /// Answers the next request with this status, content type and body instead of
    /// handling it.
    pub fn inject_status(&self, status: u16, content_type: Option<&str>, body: &str) {
        self.shared.lock().faults.status = Some(state::InjectedStatus {
            status,
            content_type: content_type.map(str::to_owned),
            body: body.to_owned(),
        });
    }

    // ---- Recording ----

    /// Every exchange so far, oldest first.
    pub fn requests(&self) -> Vec<Exchange> {
        self.shared.lock().exchanges.clone()
    }

    pub fn clear_requests(&self) {
        self.shared.lock().exchanges.clear();
    }

    /// How many exchanges are recorded (cheaper than `requests().len()`).
    pub fn request_count(&self) -> usize {
        self.shared.lock().exchanges.len()
    }
}

/// When set to a directory, every emulator writes its recorded exchanges there as it stops,
/// so the conformance suite can hold every response the test suites saw to the contracts.
pub const EXCHANGE_LOG_ENV: &str = "SESSIONLINK_EXCHANGE_LOG";

impl Emulator {
    fn write_exchange_log(&self) {
        let Some(dir) = std::env::var_os(EXCHANGE_LOG_ENV) else { return };
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::path::Path::new(&dir).join(format!("exchanges-{}-{n}.json", std::process::id()));
        let written = std::fs::create_dir_all(&dir)
            .and_then(|()| serde_json::to_vec(&self.requests()).map_err(std::io::Error::other))
            .and_then(|json| std::fs::write(&path, json));
        if let Err(e) = written {
            eprintln!("sessionlink emulator: cannot write the exchange log {}: {e}", path.display());
        }
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        self.write_exchange_log();
        let sender = self.shutdown.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take();
        if let Some(sender) = sender {
            // The server task may already be gone (its runtime shut down); nothing to stop then.
            let _ = sender.send(());
        }
    }
}

impl fmt::Debug for Emulator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Emulator").field("url", &self.url()).finish_non_exhaustive()
    }
}
