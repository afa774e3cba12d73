//! The Jellyfin operations, grouped by what they act on: one file per group, one method per
//! operation, each declaring its route once.

// In the order the bindings list them (tools/gen follows it); a `//` line between
// declarations keeps rustfmt from sorting them.
// GetSessions, the caller's own session, AuthenticateByName, ReportSessionEnded.
mod sessions;
// Play, SendPlaystateCommand.
mod playback;
// General, system, full general and message commands; DisplayContent.
mod commands;
// PostCapabilities, PostFullCapabilities, ReportViewing.
mod capabilities;
// ReportPlaybackStart/Progress/Stopped, PingPlaybackSession.
mod reporting;
// AddUserToSession, RemoveUserFromSession, the auth provider lists.
mod users;
// What a server says about itself: GetPingSystem, GetPublicSystemInfo, GetSystemInfo.
mod system;
// Quick Connect: GetQuickConnectEnabled, InitiateQuickConnect, GetQuickConnectState,
// AuthorizeQuickConnect, AuthenticateWithQuickConnect.
mod quick_connect;

pub use capabilities::CapabilitiesQuery;
pub use playback::PlayOptions;
pub use sessions::{select_session, GetSessionsQuery};
