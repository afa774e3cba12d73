//! `sessionlink.testing.Emulator`: the `sessionlink-emulator` crate's in-process server for
//! tests and demos, served on the SDK runtime.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use pyo3::exceptions::PyTimeoutError;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use sessionlink_emulator::{DeviceSession, Direction, Emulator as Core, Fault};

use crate::errors::{guard, invalid, IntoPyResult};
use crate::models::json_opt;
use crate::to_py::json_to_py;

/// An in-process Jellyfin + G4 server on 127.0.0.1 (random port) with seeded users,
/// sessions and a tenant. Use as a context manager; `close()` stops it.
#[derive(Debug)]
#[pyclass(frozen, module = "sessionlink.testing")]
pub struct Emulator {
    inner: RwLock<Option<Arc<Core>>>,
}

fn json<T: serde::Serialize>(py: Python<'_>, value: &T) -> PyResult<Py<PyAny>> {
    let value = serde_json::to_value(value)
        .map_err(|e| crate::errors::to_py_err(py, &sessionlink::Error::internal(e.to_string())))?;
    json_to_py(py, &value)
}

/// How often a wait looks for Ctrl-C.
const SIGNAL_POLL: Duration = Duration::from_millis(50);

/// Waits with the GIL released, in slices so that Ctrl-C interrupts it; `TimeoutError` when
/// `timeout` passes first.
fn wait<T: Send>(
    py: Python<'_>,
    timeout: Duration,
    mut attempt: impl FnMut(Duration) -> sessionlink_emulator::Result<T> + Send,
) -> PyResult<T> {
    let deadline = Instant::now().checked_add(timeout);
    loop {
        let left = deadline.map_or(Duration::MAX, |d| d.saturating_duration_since(Instant::now()));
        let outcome = py.detach(|| attempt(left.min(SIGNAL_POLL)));
        match outcome {
            Ok(found) => return Ok(found),
            Err(e) if left <= SIGNAL_POLL => return Err(PyTimeoutError::new_err(e.to_string())),
            Err(_) => py.check_signals()?,
        }
    }
}

fn seconds(py: Python<'_>, what: &str, value: f64) -> PyResult<Duration> {
    Duration::try_from_secs_f64(value)
        .map_err(|e| invalid(py, format!("{what} must be a non-negative number of seconds: {e}")))
}

impl Emulator {
    fn get(&self, py: Python<'_>) -> PyResult<Arc<Core>> {
        self.inner
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
            .ok_or_else(|| invalid(py, "the emulator is closed"))
    }
}

#[pymethods]
impl Emulator {
    #[new]
    fn new(py: Python<'_>) -> PyResult<Self> {
        crate::logging::refresh(py, true);
        guard(py, || {
            let runtime = sessionlink::runtime::handle().py(py)?;
            let core = Core::start_on(&runtime)
                .map_err(|e| crate::errors::to_py_err(py, &sessionlink::Error::internal(e.to_string())))?;
            Ok(Emulator { inner: RwLock::new(Some(Arc::new(core))) })
        })
    }

    /// Base URL of the Jellyfin API, `http://127.0.0.1:PORT`.
    #[getter]
    fn url(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.get(py)?.url())
    }

    /// Base URL of the G4 Sessions API, `http://127.0.0.1:PORT/g4`.
    #[getter]
    fn g4_url(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.get(py)?.g4_url())
    }

    /// `127.0.0.1:PORT`, where the emulator answers UDP discovery as a Jellyfin server does
    /// on port 7359: give it to `discover_servers` as a target.
    #[getter]
    fn discovery_address(&self, py: Python<'_>) -> PyResult<String> {
        Ok(self.get(py)?.discovery_address())
    }

    /// How many discovery questions the emulator has answered.
    #[getter]
    fn discovery_queries(&self, py: Python<'_>) -> PyResult<u64> {
        Ok(self.get(py)?.discovery_queries())
    }

    /// Names, passwords and ids of the seeded data, as a dict.
    #[getter]
    fn fixtures(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json(py, &self.get(py)?.fixtures())
    }

    /// Adds a Jellyfin user; returns its id.
    #[pyo3(signature = (name, password, *, admin=false))]
    fn add_user(&self, py: Python<'_>, name: &str, password: &str, admin: bool) -> PyResult<String> {
        Ok(self.get(py)?.add_user(name, password, admin))
    }

    /// Adds an API key (admin rights, no user); returns the key.
    fn add_api_key(&self, py: Python<'_>, name: &str) -> PyResult<String> {
        Ok(self.get(py)?.add_api_key(name))
    }

    /// Adds another player's session; returns its id.
    #[pyo3(signature = (client, device_name, device_id, *, app_version=None, user_id=None,
        supports_media_control=true, now_playing_item_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn add_device_session(
        &self,
        py: Python<'_>,
        client: String,
        device_name: String,
        device_id: String,
        app_version: Option<String>,
        user_id: Option<String>,
        supports_media_control: bool,
        now_playing_item_id: Option<String>,
    ) -> PyResult<String> {
        let session = DeviceSession {
            client,
            device_name,
            device_id,
            app_version: app_version.unwrap_or_else(|| "1.0.0".to_owned()),
            user_id,
            supports_media_control,
            now_playing_item_id,
        };
        Ok(self.get(py)?.add_device_session(session))
    }

    /// What the session was sent, oldest first: dicts with `message_type`
    /// (`"GeneralCommand"`, `"Play"`, `"Playstate"`), `data` (the wire JSON), `delivery`
    /// (`"socket"`, `"virtual"` for a seeded player, `"dropped"` when no socket was open, as
    /// the server drops it) and `socket` (the socket id, for `"socket"`).
    fn commands(&self, py: Python<'_>, session_id: &str) -> PyResult<Py<PyAny>> {
        json(py, &self.get(py)?.commands(session_id))
    }

    /// The `SessionInfoDto` JSON an administrator would get for the session now.
    fn session_json(&self, py: Python<'_>, session_id: &str) -> PyResult<Py<PyAny>> {
        json(py, &self.get(py)?.session_json(session_id))
    }

    fn add_tenant(&self, py: Python<'_>, tenant: &str) -> PyResult<()> {
        self.get(py)?.add_tenant(tenant);
        Ok(())
    }

    #[pyo3(signature = (tenant, username, password, user_id, *, access_allowed=true))]
    fn add_g4_user(
        &self,
        py: Python<'_>,
        tenant: &str,
        username: &str,
        password: &str,
        user_id: i32,
        access_allowed: bool,
    ) -> PyResult<()> {
        self.get(py)?.add_g4_user(tenant, username, password, user_id, access_allowed);
        Ok(())
    }

    fn add_g4_api_key(&self, py: Python<'_>, tenant: &str, key: &str) -> PyResult<()> {
        self.get(py)?.add_g4_api_key(tenant, key);
        Ok(())
    }

    /// Seconds until the G4 session expires; `None` if it does not exist or has expired.
    fn g4_ttl_remaining(&self, py: Python<'_>, tenant: &str, session_id: &str) -> PyResult<Option<f64>> {
        Ok(self.get(py)?.g4_ttl_remaining(tenant, session_id).map(|d| d.as_secs_f64()))
    }

    /// Moves a live session's expiry; false if it does not exist or has expired.
    fn set_g4_ttl_remaining(&self, py: Python<'_>, tenant: &str, session_id: &str, seconds: f64) -> PyResult<bool> {
        let remaining = self::seconds(py, "seconds", seconds)?;
        Ok(self.get(py)?.set_g4_ttl_remaining(tenant, session_id, remaining))
    }

    /// Expires a live session now; false if it does not exist or had already expired.
    fn expire_g4_session(&self, py: Python<'_>, tenant: &str, session_id: &str) -> PyResult<bool> {
        Ok(self.get(py)?.expire_g4_session(tenant, session_id))
    }

    /// When on, every bearer-authenticated G4 response carries a new `x-g4-bearer`.
    fn set_g4_bearer_rotation(&self, py: Python<'_>, on: bool) -> PyResult<()> {
        self.get(py)?.set_g4_bearer_rotation(on);
        Ok(())
    }

    /// Holds the next request (whichever API) for `seconds` before applying it. A client that
    /// gives up meanwhile leaves it unapplied, recorded as aborted (see `wait_for_abort`).
    ///
    /// Faults act on the next request that has none yet: armed faults wait in a queue and
    /// each request takes the oldest one.
    fn inject_latency(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        let delay = self::seconds(py, "seconds", seconds)?;
        self.get(py)?.inject_latency(delay);
        Ok(())
    }

    /// Answers the next request (whichever API) with this status and body instead of
    /// handling it, with extra response `headers` if given (`{"Retry-After": "3"}` for a 429,
    /// `{"Location": url}` for a redirect).
    #[pyo3(signature = (status, body="", *, content_type=None, headers=None))]
    fn inject_status(
        &self,
        py: Python<'_>,
        status: u16,
        body: &str,
        content_type: Option<&str>,
        headers: Option<HashMap<String, String>>,
    ) -> PyResult<()> {
        if !(100..=599).contains(&status) {
            return Err(invalid(py, format!("status must be an HTTP status (100-599), got {status}")));
        }
        let headers = headers.unwrap_or_default().into_iter().collect();
        let content_type = content_type.map(str::to_owned);
        self.get(py)?.inject(Fault::Status { status, content_type, body: body.to_owned(), headers });
        Ok(())
    }

    /// Answers the next request `503 text/html` with `Retry-After: retry_after` (seconds), as
    /// Jellyfin does while it starts up.
    #[pyo3(signature = (retry_after=1))]
    fn inject_service_unavailable(&self, py: Python<'_>, retry_after: u32) -> PyResult<()> {
        self.get(py)?.inject_service_unavailable(retry_after);
        Ok(())
    }

    /// Reads the next request, then resets its connection (RST) without sending a byte.
    fn inject_reset_before_headers(&self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?.inject_reset_before_headers();
        Ok(())
    }

    /// Sends the next request a 200 whose headers announce a 4 KiB JSON body, 1 KiB of it,
    /// then resets the connection (RST).
    fn inject_reset_mid_body(&self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?.inject_reset_mid_body();
        Ok(())
    }

    /// Like `inject_reset_mid_body`, but closes the connection cleanly (FIN).
    fn inject_truncated_body(&self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?.inject_truncated_body();
        Ok(())
    }

    /// Applies the next request and sends its headers and half its body, then nothing for
    /// `seconds` (the connection stays open), then the rest: for read-timeout tests. A
    /// response without a body waits whole.
    fn inject_stall(&self, py: Python<'_>, seconds: f64) -> PyResult<()> {
        let pause = self::seconds(py, "seconds", seconds)?;
        self.get(py)?.inject_stall(pause);
        Ok(())
    }

    /// Answers the next request `200 application/json` with a body of exactly `size` bytes
    /// (an empty JSON array padded with spaces), generated while it is sent; with `chunked`,
    /// without `Content-Length`. For response-size limits.
    #[pyo3(signature = (size, *, chunked=false))]
    fn inject_oversized_body(&self, py: Python<'_>, size: u64, chunked: bool) -> PyResult<()> {
        self.get(py)?.inject_oversized_body(size, chunked);
        Ok(())
    }

    /// The codings (`"br"`, `"gzip"`) responses are compressed with when the request's
    /// `Accept-Encoding` allows, preferred first. Default `["br", "gzip"]`, as Jellyfin;
    /// `["gzip"]` is a server behind a reverse proxy that only gzips; `[]` never compresses.
    fn set_response_compression(&self, py: Python<'_>, codings: Vec<String>) -> PyResult<()> {
        let mut parsed = Vec::new();
        for coding in &codings {
            match sessionlink_emulator::ContentCoding::parse(coding) {
                Some(c) => parsed.push(c),
                None => return Err(invalid(py, format!("codings must be \"br\" or \"gzip\", got {coding:?}"))),
            }
        }
        self.get(py)?.set_response_compression(&parsed);
        Ok(())
    }

    /// Answers the next request `200 application/json` with a body compressed with `coding`
    /// (`"gzip"` or `"br"`) that decodes to `size` bytes (an empty JSON array padded with
    /// spaces): a compression bomb, for the decoded-size limit.
    fn inject_compression_bomb(&self, py: Python<'_>, coding: &str, size: u64) -> PyResult<()> {
        let Some(coding) = sessionlink_emulator::ContentCoding::parse(coding) else {
            return Err(invalid(py, format!("coding must be \"gzip\" or \"br\", got {coding:?}")));
        };
        self.get(py)?.inject_compression_bomb(coding, size);
        Ok(())
    }

    /// Answers the next request normally and keeps its connection alive, then closes that
    /// connection without a response when the following request arrives on it (what a proxy
    /// does after its idle timeout). Requests on other connections are unaffected.
    fn inject_stale_connection(&self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?.inject_stale_connection();
        Ok(())
    }

    /// Forgets the armed faults that no request has taken yet.
    fn clear_faults(&self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?.clear_faults();
        Ok(())
    }

    /// How many armed faults wait for a request.
    #[getter]
    fn pending_faults(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.get(py)?.pending_faults())
    }

    /// Waits until at least `count` exchanges are recorded (aborted ones included) and returns
    /// them all, as `requests()` does; `TimeoutError` after `timeout` seconds. An exchange is
    /// recorded before its response is sent.
    #[pyo3(signature = (count, timeout=10.0))]
    fn wait_for_requests(&self, py: Python<'_>, count: usize, timeout: f64) -> PyResult<Py<PyAny>> {
        let timeout = self::seconds(py, "timeout", timeout)?;
        let core = self.get(py)?;
        let all = wait(py, timeout, |slice| core.wait_for_requests_blocking(count, slice))?;
        json(py, &all)
    }

    /// Waits until at least `count` requests are in flight — arrived, not answered yet (held
    /// by `inject_latency` or `inject_stall`, or being answered) — and returns how many are;
    /// `TimeoutError` after `timeout` seconds. For interrupting a client exactly while the
    /// server holds its request.
    #[pyo3(signature = (count=1, timeout=10.0))]
    fn wait_for_in_flight(&self, py: Python<'_>, count: usize, timeout: f64) -> PyResult<usize> {
        let timeout = self::seconds(py, "timeout", timeout)?;
        let core = self.get(py)?;
        wait(py, timeout, |slice| core.wait_for_in_flight_blocking(count, slice))
    }

    /// Waits for the next aborted exchange — a request whose client closed the connection
    /// before the response was written, so it was not applied (no state changed, no command
    /// delivered) — and returns it as a dict with `aborted: True`. Each call returns another
    /// one, oldest first; `TimeoutError` after `timeout` seconds.
    #[pyo3(signature = (timeout=10.0))]
    fn wait_for_abort(&self, py: Python<'_>, timeout: f64) -> PyResult<Py<PyAny>> {
        let timeout = self::seconds(py, "timeout", timeout)?;
        let core = self.get(py)?;
        let exchange = wait(py, timeout, |slice| core.wait_for_abort_blocking(slice))?;
        json(py, &exchange)
    }

    /// Every recorded exchange so far, oldest first, as dicts: the request as received
    /// (`method`, `raw_path`, `raw_query`, `headers`, `body`), the response (`status`, 0 when
    /// none was sent; `response_headers`, `response_body`), and `api`, `connection`,
    /// `fault` (the name of the fault that acted on it), `injected` and `aborted`.
    fn requests(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json(py, &self.get(py)?.requests())
    }

    /// Makes this emulator write nothing to the exchange log (`SESSIONLINK_EXCHANGE_LOG`)
    /// when it stops: for tests of the emulator itself that speak raw HTTP or WebSocket,
    /// whose exchanges are not the SDK's and are not meant to be held to the contracts.
    fn exclude_from_exchange_log(&self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?.exclude_from_exchange_log();
        Ok(())
    }

    fn clear_requests(&self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?.clear_requests();
        Ok(())
    }

    /// How many exchanges are recorded.
    #[getter]
    fn request_count(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.get(py)?.request_count())
    }

    /// The keep-alive period in seconds that new sockets are told (`ForceKeepAlive`); the
    /// server's is 60.
    #[getter]
    fn keepalive_seconds(&self, py: Python<'_>) -> PyResult<u32> {
        Ok(self.get(py)?.keepalive_seconds())
    }

    /// Sets the keep-alive period (seconds, at least 1): the `Data` of each new socket's
    /// `ForceKeepAlive`, and the pace of the watcher that reminds quiet sockets (after three
    /// quarters of it) and stops watching lost ones (after all of it, without closing them).
    fn set_keepalive_seconds(&self, py: Python<'_>, seconds: u32) -> PyResult<()> {
        self.get(py)?.set_keepalive_seconds(seconds);
        Ok(())
    }

    /// Whether a client's `KeepAlive` is echoed (`True`, as Jellyfin does).
    #[getter]
    fn keepalive_echo(&self, py: Python<'_>) -> PyResult<bool> {
        Ok(self.get(py)?.keepalive_echo())
    }

    /// `False`: never echo a client's `KeepAlive`, as Jellyfin-compatible servers that only
    /// answer WebSocket pings do (a client must not take that silence for a dead
    /// connection). `KeepAlive`s and pings are still counted.
    fn set_keepalive_echo(&self, py: Python<'_>, echo: bool) -> PyResult<()> {
        self.get(py)?.set_keepalive_echo(echo);
        Ok(())
    }

    /// How many WebSocket pings the session's clients sent (each answered with a pong).
    fn pings(&self, py: Python<'_>, session_id: &str) -> PyResult<usize> {
        Ok(self.get(py)?.pings(session_id))
    }

    /// Waits until the session's clients sent at least `count` WebSocket pings and returns
    /// how many; `TimeoutError` after `timeout` seconds.
    #[pyo3(signature = (session_id, count, timeout=10.0))]
    fn wait_for_pings(&self, py: Python<'_>, session_id: &str, count: usize, timeout: f64) -> PyResult<usize> {
        let timeout = self::seconds(py, "timeout", timeout)?;
        let core = self.get(py)?;
        wait(py, timeout, |slice| core.wait_for_pings_blocking(session_id, count, slice))
    }

    /// Drops every open session socket abruptly (no close frame), as a network failure
    /// would; returns how many. Seeded players stay virtually connected.
    fn drop_sockets(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.get(py)?.drop_sockets())
    }

    /// Drops the session's open sockets abruptly and ends a seeded player's virtual
    /// connection; the session then ends, as on the server when its last socket closes.
    /// Returns how many real sockets were dropped.
    fn drop_session_sockets(&self, py: Python<'_>, session_id: &str) -> PyResult<usize> {
        Ok(self.get(py)?.drop_session_sockets(session_id))
    }

    /// Simulates a server restart: each open socket gets `ServerRestarting` and is dropped;
    /// for `down_for` seconds upgrades and Jellyfin requests (but `/System/Ping`) get 503
    /// with `Retry-After`; then all is accepted again. Returns how many sockets were open.
    fn simulate_restart(&self, py: Python<'_>, down_for: f64) -> PyResult<usize> {
        let down_for = self::seconds(py, "down_for", down_for)?;
        Ok(self.get(py)?.simulate_restart(down_for))
    }

    /// Revokes a device token or an API key: the next request with it gets 401, the next
    /// socket upgrade 403. Open sockets stay open, as on the server. False if unknown.
    fn revoke_token(&self, py: Python<'_>, token: &str) -> PyResult<bool> {
        Ok(self.get(py)?.revoke_token(token))
    }

    /// Makes a token revoked by `revoke_token` valid again. False if it was not revoked.
    fn restore_token(&self, py: Python<'_>, token: &str) -> PyResult<bool> {
        Ok(self.get(py)?.restore_token(token))
    }

    /// Turns Quick Connect on or off, as the dashboard's setting does (it starts on). While
    /// off, every Quick Connect call but `GET /QuickConnect/Enabled` gets 401.
    fn set_quick_connect_enabled(&self, py: Python<'_>, enabled: bool) -> PyResult<()> {
        self.get(py)?.set_quick_connect_enabled(enabled);
        Ok(())
    }

    /// Approves the pending Quick Connect request with this code as the user `user_id`, as
    /// that user's `authorize_quick_connect` would. False (nothing changes) if Quick Connect
    /// is off, no live request has the code, it was approved before, or there is no such user.
    fn approve_quick_connect(&self, py: Python<'_>, code: &str, user_id: &str) -> PyResult<bool> {
        Ok(self.get(py)?.approve_quick_connect(code, user_id))
    }

    /// Makes every Quick Connect request and approved secret expire now, as ten minutes
    /// passing would. Returns how many there were.
    fn expire_quick_connect(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.get(py)?.expire_quick_connect())
    }

    /// The codes of the live Quick Connect requests no one approved yet, oldest first.
    fn pending_quick_connect_codes(&self, py: Python<'_>) -> PyResult<Vec<String>> {
        Ok(self.get(py)?.pending_quick_connect_codes())
    }

    /// Forgets every Quick Connect request and makes the fixtures' pending one again.
    fn reset_quick_connect(&self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?.reset_quick_connect();
        Ok(())
    }

    /// Stalls the session's open sockets for `pause` seconds: the server neither reads nor
    /// writes there (no keep-alive answer, no command); the connections stay open. Returns
    /// how many sockets it stalled.
    fn stall_sockets(&self, py: Python<'_>, session_id: &str, pause: f64) -> PyResult<usize> {
        let pause = self::seconds(py, "pause", pause)?;
        Ok(self.get(py)?.stall_sockets(session_id, pause))
    }

    /// Refuses the next WebSocket upgrade with `status` and a text `body` (any text: a hostile
    /// server's) instead of answering it.
    #[pyo3(signature = (status, body=""))]
    fn refuse_next_upgrade(&self, py: Python<'_>, status: u16, body: &str) -> PyResult<()> {
        self.get(py)?.refuse_next_upgrade(status, body);
        Ok(())
    }

    /// Closes the session's open sockets with a WebSocket close frame carrying `code` and
    /// `reason` (any text: a hostile server's); returns how many. The client reconnects.
    #[pyo3(signature = (session_id, code, reason=""))]
    fn close_sockets(&self, py: Python<'_>, session_id: &str, code: u16, reason: &str) -> PyResult<usize> {
        Ok(self.get(py)?.close_sockets(session_id, code, reason))
    }

    /// Sends a message of any kind to the session's open sockets, in the server's envelope
    /// (`MessageType`, a fresh `MessageId`, `Data` when given): for unknown kinds. Recorded
    /// as injected (left out of contract validation). Returns how many sockets got it.
    #[pyo3(signature = (session_id, message_type, data=None))]
    fn send_socket_message(
        &self,
        py: Python<'_>,
        session_id: &str,
        message_type: &str,
        data: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<usize> {
        let data = json_opt("data", data)?;
        Ok(self.get(py)?.send_socket_message(session_id, message_type, data))
    }

    /// Sends any text frame (JSON or not) to the session's open sockets; recorded as
    /// injected. Returns how many sockets got it.
    fn send_socket_text(&self, py: Python<'_>, session_id: &str, text: &str) -> PyResult<usize> {
        Ok(self.get(py)?.send_socket_text(session_id, text))
    }

    /// Every session socket so far, open and closed, as dicts: `id`, `session_id`, `path`,
    /// `connection`, `opened_at` and `closed_at` (seconds since the epoch, `None` while
    /// open), `close_reason`, `keepalives_received`, `pings_received`,
    /// `sessions_subscriptions`.
    fn sockets(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json(py, &self.get(py)?.sockets())
    }

    /// The session's open sockets, as `sockets()` describes them.
    fn open_sockets(&self, py: Python<'_>, session_id: &str) -> PyResult<Py<PyAny>> {
        json(py, &self.get(py)?.open_sockets(session_id))
    }

    /// The WebSocket messages so far (the session's, or every socket's), oldest first, as
    /// dicts: `socket`, `session_id`, `direction` (`"sent"` or `"received"`), `at` (seconds
    /// since the epoch), `message_type`, `text` (the frame) and `injected`.
    #[pyo3(signature = (session_id=None))]
    fn socket_messages(&self, py: Python<'_>, session_id: Option<&str>) -> PyResult<Py<PyAny>> {
        json(py, &self.get(py)?.socket_messages(session_id))
    }

    /// When each `KeepAlive` from the session's clients arrived (seconds since the epoch).
    fn keepalives(&self, py: Python<'_>, session_id: &str) -> PyResult<Vec<f64>> {
        let times = self.get(py)?.keepalives(session_id);
        Ok(times.iter().map(|t| t.duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_secs_f64())).collect())
    }

    /// How many of the session's `KeepAlive` messages were sent unprompted: with no
    /// `ForceKeepAlive` sent to the session since the previous one. A client with a keep-alive
    /// timer sends nearly all of its KeepAlives this way; one that only answers the server's
    /// reminders, none.
    fn unprompted_keepalives(&self, py: Python<'_>, session_id: &str) -> PyResult<usize> {
        Ok(self.get(py)?.unprompted_keepalives(session_id))
    }

    /// Every socket upgrade request so far, accepted (101) or refused (403, 503), as dicts:
    /// `raw_path`, `raw_query`, `headers`, `status`, `socket`, `at`, `connection`, `injected`
    /// (refused by `refuse_next_upgrade`).
    fn socket_upgrades(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json(py, &self.get(py)?.socket_upgrades())
    }

    /// Forgets the recorded socket messages and upgrades, for a test that sends frames
    /// outside the contract on purpose (the exchange log is validated against it).
    fn clear_socket_log(&self, py: Python<'_>) -> PyResult<()> {
        self.get(py)?.clear_socket_log();
        Ok(())
    }

    /// Waits until the session has exactly `count` open sockets and returns them;
    /// `TimeoutError` after `timeout` seconds.
    #[pyo3(signature = (session_id, count, timeout=10.0))]
    fn wait_for_open_sockets(
        &self,
        py: Python<'_>,
        session_id: &str,
        count: usize,
        timeout: f64,
    ) -> PyResult<Py<PyAny>> {
        let timeout = self::seconds(py, "timeout", timeout)?;
        let core = self.get(py)?;
        let open = wait(py, timeout, |slice| core.wait_for_open_sockets_blocking(session_id, count, slice))?;
        json(py, &open)
    }

    /// Waits until at least `count` messages of the session's sockets went in `direction`
    /// (`"sent"` or `"received"`), of kind `message_type` if given, and returns them all;
    /// `TimeoutError` after `timeout` seconds.
    #[pyo3(signature = (session_id, direction, message_type=None, count=1, timeout=10.0))]
    fn wait_for_socket_messages(
        &self,
        py: Python<'_>,
        session_id: &str,
        direction: &str,
        message_type: Option<&str>,
        count: usize,
        timeout: f64,
    ) -> PyResult<Py<PyAny>> {
        let direction = match direction {
            "sent" => Direction::Sent,
            "received" => Direction::Received,
            other => return Err(invalid(py, format!("direction must be \"sent\" or \"received\", got {other:?}"))),
        };
        let timeout = self::seconds(py, "timeout", timeout)?;
        let core = self.get(py)?;
        let found = wait(py, timeout, |slice| {
            core.wait_for_socket_messages_blocking(session_id, direction, message_type, count, slice)
        })?;
        json(py, &found)
    }

    /// Stops the server.
    fn close(&self) {
        self.inner.write().unwrap_or_else(|p| p.into_inner()).take();
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, _exc: &Bound<'_, PyTuple>) -> bool {
        self.close();
        false
    }

    fn __repr__(&self, py: Python<'_>) -> String {
        match self.get(py) {
            Ok(e) => format!("Emulator(url={:?})", e.url()),
            Err(_) => "Emulator(closed)".to_owned(),
        }
    }
}
