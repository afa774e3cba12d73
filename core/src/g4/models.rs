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
        /// Whether the username and password were right.
        valid_credentials: bool = "validCredentials",
        /// Whether the user may use this tenant (valid credentials are not enough).
        access_allowed: bool = "accessAllowed",
        /// Also usable as the bearer token of later calls: `Debug` never shows it.
        session_id: Option<Secret> = "sessionId",
        /// The user's numeric id.
        user_id: Option<i32> = "userId",
        /// The user's login name.
        username: Option<String> = "username",
        /// The user's full name.
        fullname: Option<String> = "fullname",
        /// The user's e-mail address.
        email: Option<String> = "email",
        /// A bearer token for later calls, when the service issues one besides the session id:
        /// `Debug` never shows it.
        bearer: Option<Secret> = "bearer",
        /// The claims the service grants the user.
        claims: Option<Vec<String>> = "claims",
        /// The user's roles.
        roles: Option<Vec<String>> = "roles",
        /// The user's profiles.
        profiles: Option<Vec<String>> = "profiles",
        /// The version of the service that answered.
        version: String = "version",
    }
}

wire_struct! {
    /// A session as `GET /session/{id}` and `GET /static-session/{id}` return it.
    pub struct GetSessionResponse {
        /// The bearer token to use for the next call (it may have been refreshed): `Debug` never
        /// shows it.
        bearer: Secret = "bearer",
        /// The numeric id of the session's user.
        user_id: i32 = "userId",
        /// The session's data document (any JSON value, may be null).
        data: serde_json::Value = "data",
    }
}
