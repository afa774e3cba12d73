//! Who is calling: the token resolved to a user or an API key, the client fields
//! back-filled, and the caller's own session created or refreshed (`AuthorizationContext`,
//! jellyfin-notes.md §4).

use std::collections::HashMap;

use super::authorization::parse_authorization;
use crate::state::{State, SERVER_NAME, SERVER_VERSION};
use crate::text::ids::ZERO_GUID;
use crate::wire::reply::Reply;
use crate::wire::request::Req;

/// Legacy authorization (`Emby` scheme, `X-Emby-Token`, `api_key`) is on by default in 10.11.
const LEGACY_AUTH: bool = true;

/// Who is calling, after the token was resolved and back-filled (`AuthorizationInfo`).
#[derive(Debug)]
pub(crate) struct Caller {
    pub user_id: Option<String>,
    pub is_api_key: bool,
    pub admin: bool,
    pub token: String,
    /// The caller's own session, created or refreshed by this call.
    pub session_id: String,
}

impl Caller {
    /// The id the server writes as `ControllingUserId` (the empty GUID for API keys).
    pub fn user_or_zero(&self) -> String {
        self.user_id.clone().unwrap_or_else(|| ZERO_GUID.to_owned())
    }
}

/// The `Authorization` parameters, from `X-Emby-Authorization` only when `Authorization` is
/// absent or empty.
pub(crate) fn auth_params(req: &Req) -> HashMap<String, String> {
    let header = match req.header("authorization").filter(|h| !h.trim().is_empty()) {
        Some(h) => Some(h),
        None if LEGACY_AUTH => req.header("x-emby-authorization"),
        None => None,
    };
    header.and_then(|h| parse_authorization(h, LEGACY_AUTH)).unwrap_or_default()
}

pub(crate) fn non_empty(s: Option<&str>) -> Option<String> {
    s.filter(|v| !v.trim().is_empty()).map(str::to_owned)
}

/// Resolves the token (device tokens first, then API keys), back-fills the client fields,
/// and creates or refreshes the caller's session.
pub(crate) fn authenticate(state: &mut State, req: &Req) -> Result<Caller, Reply> {
    let params = auth_params(req);
    let field = |k: &str| non_empty(params.get(k).map(String::as_str));
    let mut token = field("Token");
    if LEGACY_AUTH {
        token = token
            .or_else(|| non_empty(req.header("x-emby-token")))
            .or_else(|| non_empty(req.header("x-mediabrowser-token")));
    }
    token = token.or_else(|| non_empty(req.query.get("ApiKey")));
    if LEGACY_AUTH {
        token = token.or_else(|| non_empty(req.query.get("api_key")));
    }
    let Some(token) = token else { return Err(Reply::empty(401)) };
    let (mut client, mut device, mut device_id, mut version) =
        (field("Client"), field("Device"), field("DeviceId"), field("Version"));

    let user_id;
    let is_api_key;
    if let Some(record) = state.tokens.iter_mut().find(|t| t.token == token) {
        let updates_allowed = !client.as_deref().unwrap_or("").to_lowercase().contains("chromecast");
        if let Some(d) = device.as_deref().filter(|d| updates_allowed && !d.eq_ignore_ascii_case(&record.device_name)) {
            record.device_name = d.to_owned();
        }
        if let Some(v) = version.as_deref().filter(|v| updates_allowed && !v.eq_ignore_ascii_case(&record.version)) {
            record.version = v.to_owned();
        }
        client = client.or_else(|| Some(record.client.clone()));
        device = device.or_else(|| Some(record.device_name.clone()));
        device_id = device_id.or_else(|| Some(record.device_id.clone()));
        version = version.or_else(|| Some(record.version.clone()));
        user_id = Some(record.user_id.clone());
        is_api_key = false;
    } else if let Some(key) = state.api_keys.iter().find(|k| k.key == token) {
        client = Some(key.name.clone());
        device = device.or_else(|| Some(SERVER_NAME.to_owned()));
        device_id = device_id.or_else(|| Some(state.server_id.clone()));
        version = version.or_else(|| Some(SERVER_VERSION.to_owned()));
        user_id = None;
        is_api_key = true;
    } else {
        return Err(Reply::empty(401));
    }

    let admin = match &user_id {
        None => true,
        // A token whose user is gone authenticates but never passes the default policy.
        Some(id) => match state.user(id) {
            Some(user) => user.admin,
            None => return Err(Reply::empty(403)),
        },
    };
    let session_id = state.log_activity(
        client.as_deref().unwrap_or(""),
        device_id.as_deref().unwrap_or(""),
        device.as_deref().unwrap_or(""),
        version.as_deref().unwrap_or(""),
        user_id.as_deref(),
    );
    Ok(Caller { user_id, is_api_key, admin, token, session_id })
}
