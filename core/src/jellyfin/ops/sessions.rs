//! `GetSessions`, `ReportSessionEnded` and `AuthenticateByName`: the operations about the
//! caller's own login and the list of sessions.

use reqwest::Method;

use crate::error::{Error, Result};
use crate::jellyfin::client::{check_guid, json_body, JellyfinClient};
use crate::jellyfin::models::{AuthenticationResult, SessionInfoDto};
use crate::secret::Secret;
use crate::transport::{decode, Query, Seg};

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
    pub async fn get_sessions(&self, query: &GetSessionsQuery) -> Result<Vec<SessionInfoDto>> {
        const ROUTE: &str = "GET /Sessions";
        let mut q = Query::new();
        if let Some(id) = &query.controllable_by_user_id {
            check_guid("controllable_by_user_id", id)?;
            q.push("controllableByUserId", id);
        }
        q.push_opt("deviceId", query.device_id.as_deref());
        q.push_opt("activeWithinSeconds", query.active_within_seconds);
        let reply = self.call(ROUTE, Method::GET, &[Seg::Lit("Sessions")], &q, None).await?;
        decode(ROUTE, &reply.body)
    }

    /// `POST /Sessions/Logout`: ends the caller's session and **revokes its token** on the
    /// server; the client forgets the token too.
    pub async fn report_session_ended(&self) -> Result<()> {
        self.call(
            "POST /Sessions/Logout",
            Method::POST,
            &[Seg::Lit("Sessions"), Seg::Lit("Logout")],
            &Query::new(),
            None,
        )
        .await?;
        self.store_login(None, None)
    }

    /// `POST /Users/AuthenticateByName`: logs in and keeps the returned access token and
    /// user id on the client. Logging in again from the same device id revokes the previous
    /// token of that user.
    pub async fn authenticate_by_name(&self, username: &str, password: &str) -> Result<AuthenticationResult> {
        const ROUTE: &str = "POST /Users/AuthenticateByName";
        if username.is_empty() {
            return Err(Error::invalid_argument("username must not be empty"));
        }
        let body = json_body(&serde_json::json!({ "Username": username, "Pw": password }))?;
        let reply = self
            .call(ROUTE, Method::POST, &[Seg::Lit("Users"), Seg::Lit("AuthenticateByName")], &Query::new(), Some(body))
            .await?;
        let result: AuthenticationResult = decode(ROUTE, &reply.body)?;
        let token = match &result.access_token {
            Some(t) if !t.is_empty() => t.clone(),
            _ => return Err(Error::decode(format!("{ROUTE}: the response has no AccessToken"))),
        };
        let user_id = result.user.as_ref().map(|u| u.id.clone()).filter(|id| !id.is_empty());
        self.store_login(Some(Secret::new(token.expose())), user_id)?;
        Ok(result)
    }
}
