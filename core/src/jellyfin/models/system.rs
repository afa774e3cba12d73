//! What a server says about itself: `PublicSystemInfo` (before logging in) and `SystemInfo`
//! (to a signed-in user).

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

wire_struct! {
    /// What a server tells a signed-in user about itself (`GET /System/Info`): the public
    /// facts and its state (a pending restart, shutting down). The deprecated paths and
    /// flags of the contract are kept as unknown fields and re-sent unchanged.
    pub struct SystemInfo {
        local_address: Option<String> = "LocalAddress",
        server_name: Option<String> = "ServerName",
        /// The server's version (`10.11.11`).
        version: Option<String> = "Version",
        product_name: Option<String> = "ProductName",
        /// Deprecated by the server; usually empty.
        operating_system: Option<String> = "OperatingSystem",
        /// The server's id, stable across restarts (32 hex digits).
        id: Option<String> = "Id",
        startup_wizard_completed: Option<bool> = "StartupWizardCompleted",
        /// How the server was packaged (`jellyfin-server`, a container image...).
        package_name: Option<String> = "PackageName",
        /// Whether the server waits for a restart to apply a change.
        has_pending_restart: bool = "HasPendingRestart",
        /// Whether the server is shutting down (it answers 503 then, and sessions end).
        is_shutting_down: bool = "IsShuttingDown",
        supports_library_monitor: bool = "SupportsLibraryMonitor",
        web_socket_port_number: i32 = "WebSocketPortNumber",
        /// `InstallationInfo` entries, kept as JSON.
        completed_installations: Option<serde_json::Value> = "CompletedInstallations",
        /// `CastReceiverApplication` entries, kept as JSON.
        cast_receiver_applications: Option<serde_json::Value> = "CastReceiverApplications",
    }
}
