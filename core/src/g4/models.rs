//! G4 wire models: camelCase JSON, lossless (see [`crate::wire`]).

use crate::secret::Secret;
use crate::wire_struct;

wire_struct! {
    /// The body of `POST /session`.
    pub struct CreateSessionRequest {
        username: String = "username",
        password: Secret = "password",
        /// Any JSON value; becomes the session's initial data.
        data: Option<serde_json::Value> = "data",
        /// Sliding time-to-live in seconds; absent means the service's default.
        timeout: Option<i32> = "timeout",
        /// Free-form details about the login (for example the remote address), for audit.
        detail: Option<serde_json::Map<String, serde_json::Value>> = "detail",
    }
}

crate::wire_value_field!(Secret);

wire_struct! {
    /// The outcome of `POST /session`. A 200 is not success by itself: the client turns
    /// `valid_credentials == false` or `access_allowed == false` into an error.
    pub struct AuthenticatedSessionResponse {
        valid_credentials: bool = "validCredentials",
        access_allowed: bool = "accessAllowed",
        /// Also usable as the bearer token of later calls: `Debug` never shows it.
        session_id: Option<Secret> = "sessionId",
        user_id: Option<i32> = "userId",
        username: Option<String> = "username",
        fullname: Option<String> = "fullname",
        email: Option<String> = "email",
        bearer: Option<Secret> = "bearer",
        claims: Option<Vec<String>> = "claims",
        roles: Option<Vec<String>> = "roles",
        profiles: Option<Vec<String>> = "profiles",
        version: String = "version",
    }
}

wire_struct! {
    /// A session as `GET /session/{id}` and `GET /static-session/{id}` return it.
    pub struct GetSessionResponse {
        bearer: Secret = "bearer",
        user_id: i32 = "userId",
        /// The session's data document (any JSON value, may be null).
        data: serde_json::Value = "data",
    }
}
