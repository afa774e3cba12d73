//! Jellyfin users and the credentials that stand for them.

use std::time::SystemTime;

pub(crate) struct User {
    pub id: String,
    pub name: String,
    pub password: String,
    pub admin: bool,
    pub last_login: Option<SystemTime>,
    pub last_activity: Option<SystemTime>,
}

/// A device record: the server stores one per login and its access token is the user's token.
pub(crate) struct DeviceToken {
    pub token: String,
    pub user_id: String,
    pub client: String,
    pub device_name: String,
    pub device_id: String,
    pub version: String,
}

pub(crate) struct ApiKey {
    pub key: String,
    pub name: String,
}

/// A revoked credential, kept for [`crate::Emulator::restore_token`].
pub(crate) enum Revoked {
    Token(DeviceToken),
    ApiKey(ApiKey),
}

impl Revoked {
    pub fn secret(&self) -> &str {
        match self {
            Revoked::Token(t) => &t.token,
            Revoked::ApiKey(k) => &k.key,
        }
    }
}
