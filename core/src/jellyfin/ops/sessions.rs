//! `GetSessions`, `ReportSessionEnded` and `AuthenticateByName`: the operations about the
//! caller's own login and the list of sessions.

use crate::call::Call;
use crate::error::{Error, ErrorKind, Result};
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
    ///
    /// Python: They come as a `SessionList` (a list that Jupyter shows as a table).
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
        // An idle session is ~300 bytes on the wire; a playing one several KB.
        .json_list(256)
    }

    /// The caller's own session: `GET /Sessions` for this client's device id, then the
    /// session the server keys on this client's name and device id (so not another
    /// application's session on the same device). None when the server has none: before
    /// logging in, with an API key (which has no session of its own), or after
    /// `report_session_ended`.
    pub fn current_session(&self) -> Call<Option<SessionInfoDto>> {
        let query = GetSessionsQuery { device_id: Some(self.device_id().to_owned()), ..Default::default() };
        let (client, device_id) = (self.client_name().to_owned(), self.device_id().to_owned());
        self.get_sessions(&query).map(move |sessions| {
            Ok(sessions
                .into_iter()
                .find(|s| s.client.as_deref() == Some(&*client) && s.device_id.as_deref() == Some(&*device_id)))
        })
    }

    /// `GET /Sessions`, then the one session that `target` names: its id, or else its device
    /// name ignoring case, for tools that let a user say "the living room TV" rather than a
    /// session id. No match is a `NotFound` error (listing the device names there are); a
    /// device name several sessions share is an `InvalidArgument` error, listing them with
    /// their ids (see [`select_session`]).
    pub fn find_session(&self, target: &str) -> Call<SessionInfoDto> {
        if target.trim().is_empty() {
            return Error::invalid_argument("the session must be named by its id or device name, got an empty text")
                .into();
        }
        let target = target.to_owned();
        self.get_sessions(&GetSessionsQuery::default()).map(move |sessions| select_session(sessions, &target))
    }

    /// `POST /Sessions/Logout`: ends the caller's session and **revokes its token** on the
    /// server; the client forgets the token too.
    pub fn report_session_ended(&self) -> Call<()> {
        let client = self.clone();
        self.call(REPORT_SESSION_ENDED, |_| Ok(())).map(move |_| client.store_login(None, None))
    }

    /// `POST /Users/AuthenticateByName`: logs in and keeps the returned access token and
    /// user id on the client. Logging in again from the same device id revokes the previous
    /// token of that user. `password` may be empty; wrong credentials are an `Unauthorized`
    /// error.
    pub fn authenticate_by_name(&self, username: &str, password: &str) -> Call<AuthenticationResult> {
        let client = self.clone();
        self.call(AUTHENTICATE_BY_NAME, |r| {
            if username.is_empty() {
                return Err(Error::invalid_argument("username must not be empty"));
            }
            r.secret(password).json(&serde_json::json!({ "Username": username, "Pw": password }))?;
            Ok(())
        })
        .map_reply(move |route, reply| {
            let result: AuthenticationResult = decode(route, &reply.body.contiguous())?;
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

/// The one session of `sessions` that `target` names: the session whose id is `target`, or
/// else the session whose device name equals `target` ignoring case. No match is
/// [`ErrorKind::NotFound`] (listing the device names there are); a device name several
/// sessions share is [`ErrorKind::InvalidArgument`], listing them with their ids, clients and
/// users so the caller can pick one by id.
pub fn select_session(sessions: Vec<SessionInfoDto>, target: &str) -> Result<SessionInfoDto> {
    let describe = |s: &SessionInfoDto| {
        format!(
            "{} ({:?}, {}, user {})",
            s.id.as_deref().unwrap_or("?"),
            s.device_name.as_deref().unwrap_or(""),
            s.client.as_deref().unwrap_or("?"),
            s.user_name.as_deref().unwrap_or("-"),
        )
    };
    if let Some(i) = sessions.iter().position(|s| s.id.as_deref() == Some(target)) {
        return Ok(sessions.into_iter().nth(i).unwrap_or_default());
    }
    let wanted = target.to_lowercase();
    let named = |s: &SessionInfoDto| s.device_name.as_deref().is_some_and(|n| n.to_lowercase() == wanted);
    let count = sessions.iter().filter(|s| named(s)).count();
    match count {
        1 => Ok(sessions.into_iter().find(named).unwrap_or_default()),
        0 => {
            let mut names: Vec<&str> = sessions.iter().filter_map(|s| s.device_name.as_deref()).collect();
            names.sort_unstable();
            names.dedup();
            let known = if names.is_empty() { "none".to_owned() } else { format!("{names:?}") };
            Err(Error::new(
                ErrorKind::NotFound,
                format!("no session has the id or device name {target:?} (device names: {known})"),
            ))
        }
        n => {
            let matches: Vec<String> = sessions.iter().filter(|s| named(s)).map(describe).collect();
            Err(Error::invalid_argument(format!(
                "{n} sessions have the device name {target:?}; name one by its id: {}",
                matches.join("; ")
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(id: &str, device: &str) -> SessionInfoDto {
        SessionInfoDto { id: Some(id.into()), device_name: Some(device.into()), ..Default::default() }
    }

    #[test]
    fn sessions_are_selected_by_id_then_by_device_name() {
        let all = || vec![session("a1", "Living Room TV"), session("b2", "Phone"), session("c3", "phone")];
        assert_eq!(select_session(all(), "b2").unwrap().id.as_deref(), Some("b2"));
        assert_eq!(select_session(all(), "living room tv").unwrap().id.as_deref(), Some("a1"));
        let e = select_session(all(), "PHONE").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument);
        assert!(e.message().contains("b2") && e.message().contains("c3"), "{e}");
        let e = select_session(all(), "Kitchen").unwrap_err();
        assert_eq!(e.kind(), ErrorKind::NotFound);
        assert!(e.message().contains("Living Room TV"), "{e}");
        // An id wins over a device name that happens to equal it.
        let tricky = vec![session("x", "a1"), session("a1", "TV")];
        assert_eq!(select_session(tricky, "a1").unwrap().device_name.as_deref(), Some("TV"));
    }
}
