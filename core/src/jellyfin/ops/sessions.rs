//! `GetSessions`, `ReportSessionEnded` and `AuthenticateByName`: the operations about the
//! caller's own login and the list of sessions.

use crate::call::Call;
use crate::error::Error;
use crate::jellyfin::client::{check_guid, JellyfinClient};
use crate::jellyfin::models::{AuthenticationResult, SessionInfoDto};
use crate::secret::Secret;
use crate::transport::{decode, Route};

const GET_SESSIONS: Route = Route::new("GET /Sessions");
const REPORT_SESSION_ENDED: Route = Route::new("POST /Sessions/Logout");
const AUTHENTICATE_BY_NAME: Route = Route::new("POST /Users/AuthenticateByName");

/// Filters of `GetSessions`; all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GetSessionsQuery {
    /// Only sessions this user may remote-control (a GUID). Non-admins may only name themselves.
    pub controllable_by_user_id: Option<String>,
    /// Only sessions of this device id (matched case-insensitively by the server).
    pub device_id: Option<String>,
    /// Only sessions active within this many seconds.
    pub active_within_seconds: Option<i32>,
}

impl JellyfinClient {
    /// `GET /Sessions`: the sessions the caller may see.
    pub fn get_sessions(&self, query: &GetSessionsQuery) -> Call<Vec<SessionInfoDto>> {
        self.call(GET_SESSIONS, |r| {
            if let Some(id) = &query.controllable_by_user_id {
                check_guid("controllable_by_user_id", id)?;
                r.query("controllableByUserId", id);
            }
            r.query_opt("deviceId", query.device_id.as_deref());
            r.query_opt("activeWithinSeconds", query.active_within_seconds);
            Ok(())
        })
        .json()
    }

    /// `POST /Sessions/Logout`: ends the caller's session and **revokes its token** on the
    /// server; the client forgets the token too.
    pub fn report_session_ended(&self) -> Call<()> {
        let client = self.clone();
        self.call(REPORT_SESSION_ENDED, |_| Ok(())).map(move |_| client.store_login(None, None))
    }

    /// `POST /Users/AuthenticateByName`: logs in and keeps the returned access token and
    /// user id on the client. Logging in again from the same device id revokes the previous
    /// token of that user.
    pub fn authenticate_by_name(&self, username: &str, password: &str) -> Call<AuthenticationResult> {
        let client = self.clone();
        self.call(AUTHENTICATE_BY_NAME, |r| {
            if username.is_empty() {
                return Err(Error::invalid_argument("username must not be empty"));
            }
            r.json(&serde_json::json!({ "Username": username, "Pw": password }))?;
            Ok(())
        })
        .map_reply(move |route, reply| {
            let result: AuthenticationResult = decode(route, &reply.body)?;
            let token = match &result.access_token {
                Some(t) if !t.is_empty() => t.clone(),
                _ => return Err(Error::decode(format!("{route}: the response has no AccessToken"))),
            };
            let user_id = result.user.as_ref().map(|u| u.id.clone()).filter(|id| !id.is_empty());
            client.store_login(Some(Secret::new(token.expose())), user_id)?;
            Ok(result)
        })
    }
}
