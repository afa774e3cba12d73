//! Quick Connect, the five operations: a device without a keyboard asks for a code, a
//! signed-in user approves the code from another device, and the device exchanges its secret
//! for an access token. The whole flow is `start_quick_connect` and the `wait` of its result.

use crate::call::Call;
use crate::error::{Error, Result};
use crate::jellyfin::client::{check_guid, JellyfinClient};
use crate::jellyfin::models::{AuthenticationResult, QuickConnectResult};
use crate::secret::Secret;
use crate::transport::{decode, Reply, Route};

const GET_QUICK_CONNECT_ENABLED: Route = Route::new("GET /QuickConnect/Enabled");
const INITIATE_QUICK_CONNECT: Route = Route::new("POST /QuickConnect/Initiate");
const GET_QUICK_CONNECT_STATE: Route = Route::new("GET /QuickConnect/Connect");
const AUTHORIZE_QUICK_CONNECT: Route = Route::new("POST /QuickConnect/Authorize");
const AUTHENTICATE_WITH_QUICK_CONNECT: Route = Route::new("POST /Users/AuthenticateWithQuickConnect");

impl JellyfinClient {
    /// `GET /QuickConnect/Enabled`: whether the server's administrator turned Quick Connect
    /// on. Needs no login.
    pub fn get_quick_connect_enabled(&self) -> Call<bool> {
        self.call(GET_QUICK_CONNECT_ENABLED, |_| Ok(())).json()
    }

    /// `POST /QuickConnect/Initiate`: starts a Quick Connect request for this client's device
    /// and returns its code (to show) and secret (to keep). Needs no login. A server with
    /// Quick Connect turned off answers `Unauthorized`. The request expires after 10 minutes.
    pub fn initiate_quick_connect(&self) -> Call<QuickConnectResult> {
        self.call(INITIATE_QUICK_CONNECT, |_| Ok(())).json()
    }

    /// `GET /QuickConnect/Connect`: the state of the request with this secret; its
    /// `authenticated` turns true once a user approved the code. An unknown or expired secret
    /// is a `NotFound` error; Quick Connect turned off is `Unauthorized`.
    pub fn get_quick_connect_state(&self, secret: &str) -> Call<QuickConnectResult> {
        self.call(GET_QUICK_CONNECT_STATE, |r| {
            check_secret(secret)?;
            r.secret(secret).query("secret", secret);
            Ok(())
        })
        .json()
    }

    /// `POST /QuickConnect/Authorize`: approves the pending request with this code, logging
    /// its device in as the caller, or as `user_id` (administrators only for another user).
    /// Needs a login. An unknown or expired code is a `NotFound` error; a code approved
    /// before is a `Server` error (the server answers 500).
    pub fn authorize_quick_connect(&self, code: &str, user_id: Option<&str>) -> Call<bool> {
        self.call(AUTHORIZE_QUICK_CONNECT, |r| {
            if code.trim().is_empty() {
                return Err(Error::invalid_argument("code must not be empty"));
            }
            r.query("code", code);
            if let Some(id) = user_id {
                check_guid("user_id", id)?;
                r.query("userId", id);
            }
            Ok(())
        })
        .json()
    }

    /// `POST /Users/AuthenticateWithQuickConnect`: exchanges the secret of an approved
    /// request for the access token, and keeps the token and user id on the client (as
    /// `authenticate_by_name` does). The server hands out the same token for the secret until
    /// the request expires. A secret not (or no longer) approved is a `NotFound` error.
    pub fn authenticate_with_quick_connect(&self, secret: &str) -> Call<AuthenticationResult> {
        let client = self.clone();
        self.call(AUTHENTICATE_WITH_QUICK_CONNECT, |r| {
            check_secret(secret)?;
            r.secret(secret).json(&serde_json::json!({ "Secret": secret }))?;
            Ok(())
        })
        .map_reply(move |route, reply| {
            let (result, token, user_id) = login_reply(route, &reply)?;
            client.store_login(Some(token), user_id)?;
            Ok(result)
        })
    }
}

fn check_secret(secret: &str) -> Result<()> {
    if secret.trim().is_empty() {
        return Err(Error::invalid_argument("secret must not be empty"));
    }
    Ok(())
}

/// The result of a login, its token (which must be there) and its user id.
pub(crate) fn login_reply(
    route: &'static str,
    reply: &Reply,
) -> Result<(AuthenticationResult, Secret, Option<String>)> {
    let result: AuthenticationResult = decode(route, &reply.body.contiguous())?;
    let token = match &result.access_token {
        Some(t) if !t.is_empty() => Secret::new(t.expose()),
        _ => return Err(Error::decode(format!("{route}: the response has no AccessToken"))),
    };
    let user_id = result.user.as_ref().map(|u| u.id.clone()).filter(|id| !id.is_empty());
    Ok((result, token, user_id))
}
