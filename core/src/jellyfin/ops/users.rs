//! `AddUserToSession` / `RemoveUserFromSession`, and the admin-only auth provider lists.

use reqwest::Method;

use crate::error::Result;
use crate::jellyfin::client::{check_guid, JellyfinClient};
use crate::jellyfin::models::NameIdPair;
use crate::transport::{decode, Query, Seg};

impl JellyfinClient {
    /// `POST /Sessions/{sessionId}/User/{userId}`: adds a user to a session.
    pub async fn add_user_to_session(&self, session_id: &str, user_id: &str) -> Result<()> {
        check_guid("user_id", user_id)?;
        let segs =
            [Seg::Lit("Sessions"), Seg::Val(session_id, "session_id"), Seg::Lit("User"), Seg::Val(user_id, "user_id")];
        self.call("POST /Sessions/{sessionId}/User/{userId}", Method::POST, &segs, &Query::new(), None).await?;
        Ok(())
    }

    /// `DELETE /Sessions/{sessionId}/User/{userId}`: removes an additional user.
    pub async fn remove_user_from_session(&self, session_id: &str, user_id: &str) -> Result<()> {
        check_guid("user_id", user_id)?;
        let segs =
            [Seg::Lit("Sessions"), Seg::Val(session_id, "session_id"), Seg::Lit("User"), Seg::Val(user_id, "user_id")];
        self.call("DELETE /Sessions/{sessionId}/User/{userId}", Method::DELETE, &segs, &Query::new(), None).await?;
        Ok(())
    }

    /// `GET /Auth/Providers` (administrators only): ids are .NET type names, not GUIDs.
    pub async fn get_auth_providers(&self) -> Result<Vec<NameIdPair>> {
        const ROUTE: &str = "GET /Auth/Providers";
        let reply =
            self.call(ROUTE, Method::GET, &[Seg::Lit("Auth"), Seg::Lit("Providers")], &Query::new(), None).await?;
        decode(ROUTE, &reply.body)
    }

    /// `GET /Auth/PasswordResetProviders` (administrators only).
    pub async fn get_password_reset_providers(&self) -> Result<Vec<NameIdPair>> {
        const ROUTE: &str = "GET /Auth/PasswordResetProviders";
        let segs = [Seg::Lit("Auth"), Seg::Lit("PasswordResetProviders")];
        let reply = self.call(ROUTE, Method::GET, &segs, &Query::new(), None).await?;
        decode(ROUTE, &reply.body)
    }
}
