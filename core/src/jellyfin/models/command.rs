//! Command bodies (`GeneralCommand`, `MessageCommand`) and `NameIdPair`.

use std::collections::BTreeMap;

use crate::jellyfin::models::GeneralCommandType;
use crate::wire_struct;

wire_struct! {
    /// A remote-control command with string arguments (for example `SetVolume` with
    /// `{"Volume": "50"}`). The server overwrites `ControllingUserId` with the caller's user.
    pub struct GeneralCommand {
        name: GeneralCommandType = "Name",
        /// The user who sent the command (the server sets it to the caller's user).
        controlling_user_id: String = "ControllingUserId",
        /// The command's arguments by name, as strings (`{"Volume": "50"}` for `SetVolume`;
        /// `Header`, `Text` and `TimeoutMs` for `DisplayMessage`; `ItemId`, `ItemName` and
        /// `ItemType` for `DisplayContent`).
        arguments: BTreeMap<String, Option<String>> = "Arguments",
    }
}

wire_struct! {
    /// A message to show on a session. `text` is required and must not be empty.
    pub struct MessageCommand {
        header: Option<String> = "Header",
        text: String = "Text",
        timeout_ms: Option<i64> = "TimeoutMs",
    }
}

wire_struct! {
    /// A name and an id; for the auth provider lists the id is a .NET type name, not a GUID.
    pub struct NameIdPair {
        name: Option<String> = "Name",
        id: Option<String> = "Id",
    }
}
