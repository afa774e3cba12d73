//! The five G4 session operations.

use crate::call::Call;
use crate::error::Result;
use crate::error::{Error, ErrorKind};
use crate::g4::client::{G4Client, REFRESHED_BEARER};
use crate::g4::config::G4Auth;
use crate::g4::models::{AuthenticatedSessionResponse, CreateSessionRequest, GetSessionResponse};
use crate::transport::{decode, RequestBuilder, Route};

const CREATE_SESSION: Route = Route::new("POST /session");
const GET_SESSION: Route = Route::new("GET /session/{id}");
const GET_STATIC_SESSION: Route = Route::new("GET /static-session/{id}");
const UPDATE_SESSION: Route = Route::new("PUT /session/{id}");
const DELETE_SESSION: Route = Route::new("DELETE /session/{id}");

impl G4Client {
    /// `POST /session`: logs in and creates a session. On success the client uses the new
    /// session id (or the bearer the service returns) as its bearer token from then on.
    /// Wrong credentials (`validCredentials: false`) are an `Unauthorized` error; a valid user
    /// without access to the tenant (`accessAllowed: false`) a `Forbidden` one; both with HTTP
    /// status 200. `data` is any JSON value, `timeout` a sliding time-to-live in seconds (> 0),
    /// `detail` a JSON object.
    pub fn create_session(&self, request: &CreateSessionRequest) -> Call<AuthenticatedSessionResponse> {
        let client = self.clone();
        self.call(CREATE_SESSION, |r| {
            if request.username.is_empty() {
                return Err(Error::invalid_argument("username must not be empty"));
            }
            if request.timeout.is_some_and(|t| t <= 0) {
                return Err(Error::invalid_argument("timeout must be a positive number of seconds"));
            }
            r.secret(request.password.expose()).json(request)?;
            Ok(())
        })
        .map_reply(move |route, reply| {
            let session: AuthenticatedSessionResponse = decode(route, &reply.body.contiguous())?;
            let status = reply.status.as_u16();
            if !session.valid_credentials {
                return Err(Error::new(ErrorKind::Unauthorized, format!("{route}: invalid username or password"))
                    .with_status(status));
            }
            if !session.access_allowed {
                return Err(Error::new(
                    ErrorKind::Forbidden,
                    format!("{route}: the user has no access to this tenant"),
                )
                .with_status(status));
            }
            let Some(session_id) = session.session_id.clone().filter(|s| !s.is_empty()) else {
                return Err(Error::decode(format!("{route}: a successful login returned no sessionId")));
            };
            // A refreshed bearer from the header was adopted already; otherwise the body's
            // bearer, otherwise the session id itself.
            if reply.headers.get(REFRESHED_BEARER).is_none() {
                let bearer = session.bearer.clone().filter(|b| !b.is_empty()).unwrap_or(session_id);
                client.set_auth(Some(G4Auth::Bearer(bearer)))?;
            }
            Ok(session)
        })
    }

    /// `GET /session/{id}`: reads a session and restarts its time-to-live. A session that does
    /// not exist or has expired is a `NotFound` error (HTTP status 204).
    pub fn get_session(&self, id: &str) -> Call<GetSessionResponse> {
        self.call(GET_SESSION, |r| session_path(r, id)).json()
    }

    /// `GET /static-session/{id}`: reads a session without touching its time-to-live.
    pub fn get_static_session(&self, id: &str) -> Call<GetSessionResponse> {
        self.call(GET_STATIC_SESSION, |r| session_path(r, id)).json()
    }

    /// `PUT /session/{id}`: replaces the session's data document. `data` is any JSON value.
    pub fn update_session(&self, id: &str, data: &serde_json::Value) -> Call<()> {
        self.call(UPDATE_SESSION, |r| {
            session_path(r, id)?;
            r.json(data)?;
            Ok(())
        })
        .unit()
    }

    /// `DELETE /session/{id}`: ends the session. If it was this client's bearer, the client
    /// forgets it.
    pub fn delete_session(&self, id: &str) -> Call<()> {
        let client = self.clone();
        let id = id.to_owned();
        self.call(DELETE_SESSION, |r| session_path(r, &id)).map(move |_| {
            client.forget_bearer(&id);
            Ok(())
        })
    }
}

/// A session id in a path is also that session's bearer token: it is a credential.
fn session_path(r: &mut RequestBuilder, id: &str) -> Result<()> {
    r.path("session id", id)?.secret(id);
    Ok(())
}
