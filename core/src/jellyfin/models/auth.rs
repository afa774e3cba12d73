//! The `AuthenticateByName` result and the user it describes.

use crate::jellyfin::models::SessionInfoDto;
use crate::secret::Secret;
use crate::wire::DateTime;
use crate::wire_struct;

wire_struct! {
    /// What `AuthenticateByName` returns. `Debug` never shows the access token.
    pub struct AuthenticationResult {
        user: Option<UserDto> = "User",
        session_info: Option<SessionInfoDto> = "SessionInfo",
        access_token: Option<Secret> = "AccessToken",
        server_id: Option<String> = "ServerId",
    }
}

wire_struct! {
    /// A user account.
    pub struct UserDto {
        name: Option<String> = "Name",
        server_id: Option<String> = "ServerId",
        server_name: Option<String> = "ServerName",
        id: String = "Id",
        primary_image_tag: Option<String> = "PrimaryImageTag",
        has_password: bool = "HasPassword",
        has_configured_password: bool = "HasConfiguredPassword",
        enable_auto_login: Option<bool> = "EnableAutoLogin",
        last_login_date: Option<DateTime> = "LastLoginDate",
        last_activity_date: Option<DateTime> = "LastActivityDate",
        /// A `UserConfiguration`, kept as JSON.
        configuration: Option<serde_json::Value> = "Configuration",
        policy: Option<UserPolicy> = "Policy",
    }
}

wire_struct! {
    /// The parts of `UserPolicy` a session controller needs; the other 40 fields are kept.
    pub struct UserPolicy {
        is_administrator: bool = "IsAdministrator",
        is_disabled: bool = "IsDisabled",
        /// Whether the user may remote-control other users' sessions.
        enable_remote_control_of_other_users: bool = "EnableRemoteControlOfOtherUsers",
        /// Whether the user may control sessions of shared devices.
        enable_shared_device_control: bool = "EnableSharedDeviceControl",
        /// The .NET type name of the provider that authenticates the user.
        authentication_provider_id: String = "AuthenticationProviderId",
        /// The .NET type name of the provider that resets the user's password.
        password_reset_provider_id: String = "PasswordResetProviderId",
    }
}
