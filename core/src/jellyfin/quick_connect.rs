//! Quick Connect as one flow, in two steps so that the caller can show the code between them:
//! [`JellyfinClient::start_quick_connect`] asks the server for a code, and
//! [`QuickConnectPending::wait`] polls until a user approved it, then logs in and keeps the
//! token.
//!
//! Why two steps rather than a stream or a callback: the code is the one value the caller
//! needs in between, exactly once. A stream would make every caller write a loop for one
//! event, and a callback would run the caller's code on the runtime. Each step is an ordinary
//! [`Call`], so every binding runs it with the runner it already has (Ctrl-C and asyncio
//! cancellation in Python, `sl_op_cancel` in C drop it), and the C callback form is two calls
//! with the callback in between.

use std::fmt;
use std::time::Duration;

use tokio::time::Instant;

use crate::call::Call;
use crate::error::{Error, ErrorKind, Result};
use crate::jellyfin::client::JellyfinClient;
use crate::jellyfin::models::{AuthenticationResult, QuickConnectResult};
use crate::transport::{seconds, Route};

const WAIT: Route = Route::new("GET /QuickConnect/Connect");

/// How long the server keeps a request: 10 minutes (`QuickConnectManager.Timeout`).
pub const QUICK_CONNECT_LIFETIME: Duration = Duration::from_secs(600);

/// How often [`QuickConnectPending::wait`] asks by default: every 5 s, as the official
/// clients do (the Kotlin SDK's guide, jellyfin-web).
pub const QUICK_CONNECT_POLL_INTERVAL: Duration = Duration::from_secs(5);

/// How [`QuickConnectPending::wait`] waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuickConnectWait {
    /// How long to wait for an approval; by default the request's lifetime (10 minutes).
    pub timeout: Duration,
    /// How often to ask the server; by default every 5 s.
    pub poll_interval: Duration,
}

impl Default for QuickConnectWait {
    fn default() -> Self {
        QuickConnectWait { timeout: QUICK_CONNECT_LIFETIME, poll_interval: QUICK_CONNECT_POLL_INTERVAL }
    }
}

impl QuickConnectWait {
    /// From seconds as the bindings take them (`None` = the default): each must be a
    /// positive, finite number.
    pub fn from_seconds(timeout: Option<f64>, poll_interval: Option<f64>) -> Result<Self> {
        let default = QuickConnectWait::default();
        Ok(QuickConnectWait {
            timeout: timeout.map(|t| seconds("timeout", t)).transpose()?.unwrap_or(default.timeout),
            poll_interval: poll_interval
                .map(|p| seconds("poll_interval", p))
                .transpose()?
                .unwrap_or(default.poll_interval),
        })
    }
}

/// A Quick Connect request waiting for a user's approval: show [`Self::code`], then
/// [`Self::wait`]. `Debug` shows the code, never the secret.
#[derive(Clone)]
pub struct QuickConnectPending {
    client: JellyfinClient,
    result: QuickConnectResult,
}

impl JellyfinClient {
    /// Quick Connect, step one: `POST /QuickConnect/Initiate`. Returns the pending request,
    /// whose code the caller shows; step two is [`QuickConnectPending::wait`]. A server with
    /// Quick Connect turned off is an `Unauthorized` error that says so.
    ///
    /// Python: `qc = client.start_quick_connect()`, show `qc.code`, then `qc.wait(timeout=...)`.
    ///
    /// C: `sl_jellyfin_quick_connect` does both steps and hands the code to a callback.
    pub fn start_quick_connect(&self) -> Call<QuickConnectPending> {
        let client = self.clone();
        let prepared = match self.initiate_quick_connect().prepare() {
            Ok(p) => p,
            Err(e) => return e.into(),
        };
        Call::task(WAIT, Ok(()), async move {
            let result = prepared.send().await.map_err(explain)?;
            if result.code.is_empty() || result.secret.is_empty() {
                return Err(Error::decode("POST /QuickConnect/Initiate: the response has no Code or Secret"));
            }
            Ok(QuickConnectPending { client, result })
        })
    }
}

impl QuickConnectPending {
    /// The code to show: a user approves it from a signed-in device (the dashboard's Quick
    /// Connect page, or `authorize_quick_connect`).
    pub fn code(&self) -> &str {
        &self.result.code
    }

    /// The request as the server created it (its secret included, which `Debug` hides).
    pub fn result(&self) -> &QuickConnectResult {
        &self.result
    }

    /// Quick Connect, step two: asks `GET /QuickConnect/Connect` every `poll_interval` until
    /// a user approved the code, then `POST /Users/AuthenticateWithQuickConnect`, keeping the
    /// token and user id on the client. Errors: `Timeout` when `timeout` passes first,
    /// `NotFound` when the code expired (or the server forgot it), `Unauthorized` when Quick
    /// Connect was turned off meanwhile; each says so. Dropping the call stops the polling.
    pub fn wait(&self, options: &QuickConnectWait) -> Call<AuthenticationResult> {
        let (client, options) = (self.client.clone(), *options);
        let secret = self.result.secret.clone();
        let code = self.result.code.clone();
        Call::task(WAIT, Ok(()), async move {
            // No deadline when the timeout is beyond what the clock can add (hours of years).
            let deadline = Instant::now().checked_add(options.timeout);
            loop {
                let state =
                    client.get_quick_connect_state(secret.expose()).await.map_err(|e| explain_wait(e, &code))?;
                if state.authenticated {
                    break;
                }
                let now = Instant::now();
                if deadline.is_some_and(|d| now >= d) {
                    return Err(Error::new(
                        ErrorKind::Timeout,
                        format!(
                            "no one approved the Quick Connect code {code} within {:?}; start again for a new code",
                            options.timeout
                        ),
                    )
                    .with_request_sent(true));
                }
                // The last check happens at the deadline, so an approval just before it counts.
                let next = now + options.poll_interval.min(Duration::from_secs(3600));
                tokio::time::sleep_until(deadline.map_or(next, |d| next.min(d))).await;
            }
            client.authenticate_with_quick_connect(secret.expose()).await.map_err(|e| explain_wait(e, &code))
        })
    }
}

/// Quick Connect in one call, for callers that take the code through a callback (the C
/// API): [`JellyfinClient::start_quick_connect`], then `on_code` once with the pending
/// request, then [`QuickConnectPending::wait`]. `on_code` runs on the runtime, so it must
/// not block. Dropping the call stops the flow wherever it is.
pub fn quick_connect(
    client: &JellyfinClient,
    options: QuickConnectWait,
    on_code: impl FnOnce(&QuickConnectPending) + Send + 'static,
) -> Call<AuthenticationResult> {
    let start = match client.start_quick_connect().prepare() {
        Ok(p) => p,
        Err(e) => return e.into(),
    };
    Call::task(WAIT, Ok(()), async move {
        let pending = start.send().await?;
        on_code(&pending);
        pending.wait(&options).await
    })
}

/// The server's answers that mean something particular here, said in words.
fn explain(e: Error) -> Error {
    if e.kind() == ErrorKind::Unauthorized {
        let m = format!(
            "Quick Connect is turned off on this server (an administrator turns it on in the dashboard's general settings): {}",
            e.message()
        );
        return e.with_message(m);
    }
    e
}

fn explain_wait(e: Error, code: &str) -> Error {
    if e.kind() == ErrorKind::NotFound {
        let m = format!(
            "the Quick Connect code {code} expired or the server no longer knows it (a code lasts {} minutes); start again for a new code: {}",
            QUICK_CONNECT_LIFETIME.as_secs() / 60,
            e.message()
        );
        return e.with_message(m);
    }
    explain(e)
}

impl fmt::Debug for QuickConnectPending {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("QuickConnectPending").field("code", &self.result.code).finish_non_exhaustive()
    }
}
