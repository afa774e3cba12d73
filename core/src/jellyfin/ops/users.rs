//! `AddUserToSession` / `RemoveUserFromSession`, the admin-only auth provider lists, and
//! `GetCurrentUser` (who the token belongs to).

use crate::call::Call;
use crate::jellyfin::client::{check_guid, JellyfinClient};
use crate::jellyfin::models::{NameIdPair, UserDto};
use crate::transport::Route;

const ADD_USER_TO_SESSION: Route = Route::new("POST /Sessions/{sessionId}/User/{userId}");
const REMOVE_USER_FROM_SESSION: Route = Route::new("DELETE /Sessions/{sessionId}/User/{userId}");
const GET_AUTH_PROVIDERS: Route = Route::new("GET /Auth/Providers");
const GET_PASSWORD_RESET_PROVIDERS: Route = Route::new("GET /Auth/PasswordResetProviders");
const GET_CURRENT_USER: Route = Route::new("GET /Users/Me");

impl JellyfinClient {
    /// `POST /Sessions/{sessionId}/User/{userId}`: adds a user to a session.
    pub fn add_user_to_session(&self, session_id: &str, user_id: &str) -> Call<()> {
        self.session_user(ADD_USER_TO_SESSION, session_id, user_id)
    }

    /// `DELETE /Sessions/{sessionId}/User/{userId}`: removes an additional user.
    pub fn remove_user_from_session(&self, session_id: &str, user_id: &str) -> Call<()> {
        self.session_user(REMOVE_USER_FROM_SESSION, session_id, user_id)
    }

    fn session_user(&self, route: Route, session_id: &str, user_id: &str) -> Call<()> {
        self.call(route, |r| {
            check_guid("user_id", user_id)?;
            r.path("session_id", session_id)?.path("user_id", user_id)?;
            Ok(())
        })
        .unit()
    }

    /// `GET /Auth/Providers` (administrators only): ids are .NET type names, not GUIDs.
    pub fn get_auth_providers(&self) -> Call<Vec<NameIdPair>> {
        self.call(GET_AUTH_PROVIDERS, |_| Ok(())).json()
    }

    /// `GET /Auth/PasswordResetProviders` (administrators only).
    pub fn get_password_reset_providers(&self) -> Call<Vec<NameIdPair>> {
        self.call(GET_PASSWORD_RESET_PROVIDERS, |_| Ok(())).json()
    }

    /// `GET /Users/Me`: the user this client's token belongs to. An API key belongs to no
    /// user: the server answers 400, a `BadRequest` error.
    pub fn get_current_user(&self) -> Call<UserDto> {
        self.call(GET_CURRENT_USER, |_| Ok(())).json()
    }
}
