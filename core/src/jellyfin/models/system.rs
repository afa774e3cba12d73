//! What a server says about itself: `PublicSystemInfo` (before logging in).

use crate::wire_struct;

wire_struct! {
    /// What a server tells anyone before logging in: its name, version and id. Clients check
    /// it before they show a login (it is the server's identity, and the version says which
    /// API it speaks).
    pub struct PublicSystemInfo {
        /// The address the server believes it is reachable at on the local network.
        local_address: Option<String> = "LocalAddress",
        server_name: Option<String> = "ServerName",
        /// The server's version (`10.11.11`).
        version: Option<String> = "Version",
        /// `Jellyfin Server` for Jellyfin.
        product_name: Option<String> = "ProductName",
        /// Deprecated by the server; usually empty.
        operating_system: Option<String> = "OperatingSystem",
        /// The server's id, stable across restarts (32 hex digits).
        id: Option<String> = "Id",
        /// Whether the server has been set up (a new server answers `false` until then).
        startup_wizard_completed: Option<bool> = "StartupWizardCompleted",
    }
}
