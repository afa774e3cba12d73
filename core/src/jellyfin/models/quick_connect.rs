//! Quick Connect: the state of a request that a signed-in user approves from another device.

use crate::secret::Secret;
use crate::wire::DateTime;
use crate::wire_struct;

wire_struct! {
    /// A Quick Connect request, as `InitiateQuickConnect` creates it and
    /// `GetQuickConnectState` reports it. The device shows `code`; it keeps `secret`, which
    /// turns into an access token once a user approved the code. `Debug` never shows the
    /// secret. A request lasts 10 minutes on the server (11 once approved).
    pub struct QuickConnectResult {
        /// Whether a user approved the code.
        authenticated: bool = "Authenticated",
        /// What the device exchanges for a token (64 hex digits on Jellyfin): a credential.
        secret: Secret = "Secret",
        /// The six digits a user types on another device to approve this one.
        code: String = "Code",
        device_id: String = "DeviceId",
        device_name: String = "DeviceName",
        app_name: String = "AppName",
        app_version: String = "AppVersion",
        /// When the request was made (pushed one minute ahead when it is approved).
        date_added: DateTime = "DateAdded",
    }
}
