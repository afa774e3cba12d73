//! Logging in and out, who the caller is, and the server's public facts.

use std::time::SystemTime;

use serde_json::{json, Value};

use super::binding::{bad_request, body_object, error_text, json_error, prop, Outcome};
use super::caller::{auth_params, non_empty};
use super::handler::Ctx;
use crate::render::session::session_dto;
use crate::render::user::user_dto;
use crate::state::user::DeviceToken;
use crate::state::{State, SERVER_NAME, SERVER_VERSION};
use crate::wire::reply::Reply;

pub(crate) fn login(c: Ctx<'_>) -> Outcome {
    let (state, req) = (c.state, c.req);
    let body = body_object(state, req, "request")?;
    let text = |name: &str| match prop(&body, name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(name.to_owned()),
    };
    let (username, pw) = match (text("Username"), text("Pw")) {
        (Ok(u), Ok(p)) => (u, p),
        (Err(name), _) | (_, Err(name)) => return Err(json_error(state, &name, "request")),
    };
    let params = auth_params(req);
    let field = |k: &str| non_empty(params.get(k).map(String::as_str));
    let (Some(client), Some(device), Some(device_id), Some(version)) =
        (field("Client"), field("Device"), field("DeviceId"), field("Version"))
    else {
        return Err(error_text(400));
    };
    let Some(username) = username.filter(|u| !u.trim().is_empty()) else { return Err(error_text(400)) };
    let user_id = match state.user_by_name(&username) {
        Some(user) if user.password == pw.unwrap_or_default() => user.id.clone(),
        _ => return Err(error_text(401)),
    };

    let result = authenticate_direct(state, &user_id, &client, &device, &device_id, &version)?;
    Ok(Reply::json(200, &result))
}

/// `SessionManager.AuthenticateDirect`: the login of a user on a device, after its
/// credentials were checked (a password, or a Quick Connect approval). Logging in again on
/// the same device revokes that user's earlier tokens there and ends the device's sessions.
/// Returns the `AuthenticationResult`.
pub(crate) fn authenticate_direct(
    state: &mut State,
    user_id: &str,
    client: &str,
    device: &str,
    device_id: &str,
    version: &str,
) -> Result<Value, Reply> {
    let revoked = state.tokens.iter().any(|t| t.user_id == user_id && t.device_id == device_id);
    state.tokens.retain(|t| !(t.user_id == user_id && t.device_id == device_id));
    if revoked {
        end_device_sessions(state, device_id);
    }
    let token = state.new_guid();
    state.tokens.push(DeviceToken {
        token: token.clone(),
        user_id: user_id.to_owned(),
        client: client.to_owned(),
        device_name: device.to_owned(),
        device_id: device_id.to_owned(),
        version: version.to_owned(),
    });
    let now = SystemTime::now();
    if let Some(user) = state.users.iter_mut().find(|u| u.id == user_id) {
        user.last_login = Some(now);
    }
    let session_id = state.log_activity(client, device_id, device, version, Some(user_id));
    let (Some(user), Some(session)) = (state.user(user_id), state.session(&session_id)) else {
        return Err(error_text(500));
    };
    Ok(json!({
        "User": user_dto(state, user),
        "SessionInfo": session_dto(state, session),
        "AccessToken": token,
        "ServerId": state.server_id,
    }))
}

fn end_device_sessions(state: &mut State, device_id: &str) {
    let lower = device_id.to_lowercase();
    let ended: Vec<String> =
        state.sessions.iter().filter(|s| s.device_id.to_lowercase() == lower).map(|s| s.id.clone()).collect();
    for id in ended {
        state.end_session(&id);
    }
}

pub(crate) fn public_info(c: Ctx<'_>) -> Outcome {
    let host = c.req.header("host").unwrap_or("127.0.0.1");
    Ok(Reply::json(
        200,
        &json!({
            "LocalAddress": format!("http://{host}"),
            "ServerName": SERVER_NAME,
            "Version": SERVER_VERSION,
            "ProductName": "Jellyfin Server",
            "OperatingSystem": "",
            "Id": c.state.server_id,
            "StartupWizardCompleted": true,
        }),
    ))
}

/// `GET /System/Info`: the public facts and the state of this server (10.11 writes the
/// deprecated paths too; a client that reads them gets empty ones).
pub(crate) fn system_info(c: Ctx<'_>) -> Outcome {
    c.caller()?;
    let host = c.req.header("host").unwrap_or("127.0.0.1");
    let port = host.rsplit_once(':').and_then(|(_, p)| p.parse::<u16>().ok()).unwrap_or(80);
    Ok(Reply::json(
        200,
        &json!({
            "LocalAddress": format!("http://{host}"),
            "ServerName": SERVER_NAME,
            "Version": SERVER_VERSION,
            "ProductName": "Jellyfin Server",
            "OperatingSystem": "",
            "Id": c.state.server_id,
            "StartupWizardCompleted": true,
            "OperatingSystemDisplayName": "",
            "PackageName": "sessionlink-emulator",
            "HasPendingRestart": false,
            "IsShuttingDown": false,
            "SupportsLibraryMonitor": true,
            "WebSocketPortNumber": port,
            "CompletedInstallations": [],
            "CanSelfRestart": true,
            "CanLaunchWebBrowser": false,
            "ProgramDataPath": "",
            "WebPath": "",
            "ItemsByNamePath": "",
            "CachePath": "",
            "LogPath": "",
            "InternalMetadataPath": "",
            "TranscodingTempPath": "",
            "CastReceiverApplications": [],
            "HasUpdateAvailable": false,
            "EncoderLocation": "System",
            "SystemArchitecture": "X64",
        }),
    ))
}

/// `GET|POST /System/Ping`.
pub(crate) fn ping(_: Ctx<'_>) -> Outcome {
    Ok(Reply::json(200, &json!("Jellyfin Server")))
}

/// `GET /Users/Me`: the token's user; an API key has none (`BadRequest()`).
pub(crate) fn me(c: Ctx<'_>) -> Outcome {
    match c.caller()?.user_id.as_deref().and_then(|id| c.state.user(id)) {
        Some(user) => Ok(Reply::json(200, &user_dto(c.state, user))),
        None => Err(bad_request(c.state)),
    }
}

/// `ReportSessionEnded`: deletes the token's device record and ends that device's sessions.
/// An API key has no device record, so nothing happens.
pub(crate) fn logout(c: Ctx<'_>) -> Outcome {
    let (caller, state) = (c.caller()?, c.state);
    if caller.is_api_key {
        return Ok(Reply::empty(204));
    }
    if let Some(pos) = state.tokens.iter().position(|t| t.token == caller.token) {
        let record = state.tokens.remove(pos);
        end_device_sessions(state, &record.device_id);
    }
    Ok(Reply::empty(204))
}

/// `GET /Auth/Providers` (administrators only).
pub(crate) fn auth_providers(c: Ctx<'_>) -> Outcome {
    admin_list(
        &c,
        json!([{"Name": "Default", "Id": "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider"}]),
    )
}

/// `GET /Auth/PasswordResetProviders` (administrators only).
pub(crate) fn password_reset_providers(c: Ctx<'_>) -> Outcome {
    admin_list(
        &c,
        json!([{
            "Name": "Default Password Reset Provider",
            "Id": "Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider",
        }]),
    )
}

fn admin_list(c: &Ctx<'_>, list: Value) -> Outcome {
    if !c.caller()?.admin {
        return Err(Reply::empty(403));
    }
    Ok(Reply::json(200, &list))
}
