//! Remote-control commands: general, full general, system, message and display content.
//! On the server all of them reach the target session as a `GeneralCommand`.

use crate::call::Call;
use crate::error::Error;
use crate::jellyfin::client::JellyfinClient;
use crate::jellyfin::models::{BaseItemKind, GeneralCommand, GeneralCommandType, MessageCommand};
use crate::transport::Route;

const SEND_GENERAL_COMMAND: Route = Route::new("POST /Sessions/{sessionId}/Command/{command}");
const SEND_FULL_GENERAL_COMMAND: Route = Route::new("POST /Sessions/{sessionId}/Command");
const SEND_SYSTEM_COMMAND: Route = Route::new("POST /Sessions/{sessionId}/System/{command}");
const SEND_MESSAGE_COMMAND: Route = Route::new("POST /Sessions/{sessionId}/Message");
const DISPLAY_CONTENT: Route = Route::new("POST /Sessions/{sessionId}/Viewing");

const EMPTY_GUID: &str = "00000000000000000000000000000000";

impl JellyfinClient {
    /// `POST /Sessions/{sessionId}/Command/{command}`: a command without arguments.
    pub fn send_general_command(&self, session_id: &str, command: GeneralCommandType) -> Call<()> {
        self.session_command(SEND_GENERAL_COMMAND, session_id, command)
    }

    /// `POST /Sessions/{sessionId}/System/{command}`: the server treats it exactly as
    /// `send_general_command` (a command without arguments).
    pub fn send_system_command(&self, session_id: &str, command: GeneralCommandType) -> Call<()> {
        self.session_command(SEND_SYSTEM_COMMAND, session_id, command)
    }

    fn session_command(&self, route: Route, session_id: &str, command: GeneralCommandType) -> Call<()> {
        self.call(route, |r| {
            r.path("session_id", session_id)?.path("command", command.as_str())?;
            Ok(())
        })
        .unit()
    }

    /// `POST /Sessions/{sessionId}/Command`: a command with string arguments (for example
    /// `SetVolume` with `Volume`).
    ///
    /// Python: `send_full_general_command(session_id, "SetVolume", {"Volume": "50"})`.
    ///
    /// C: for example `"SetVolume"` with names `{"Volume"}` and values `{"50"}`.
    pub fn send_full_general_command(&self, session_id: &str, command: &GeneralCommand) -> Call<()> {
        self.call(SEND_FULL_GENERAL_COMMAND, |r| {
            r.path("session_id", session_id)?;
            // `ControllingUserId` is a non-nullable GUID on the server, which rejects "" with
            // a 400 and overwrites any value with the caller's user; an unset one goes as the
            // empty GUID.
            if command.controlling_user_id.is_empty() {
                r.json(&GeneralCommand { controlling_user_id: EMPTY_GUID.to_owned(), ..command.clone() })?;
            } else {
                r.json(command)?;
            }
            Ok(())
        })
        .unit()
    }

    /// `POST /Sessions/{sessionId}/Message`: shows a message on the session. The text must
    /// not be empty (the server answers 400 otherwise, so it is refused here first).
    pub fn send_message_command(&self, session_id: &str, message: &MessageCommand) -> Call<()> {
        self.call(SEND_MESSAGE_COMMAND, |r| {
            if message.text.is_empty() {
                return Err(Error::invalid_argument("message text must not be empty"));
            }
            if message.timeout_ms.is_some_and(|t| t < 0) {
                return Err(Error::invalid_argument("message timeout_ms must not be negative"));
            }
            r.path("session_id", session_id)?.json(message)?;
            Ok(())
        })
        .unit()
    }

    /// `POST /Sessions/{sessionId}/Viewing`: tells the session's UI to browse to an item.
    pub fn display_content(
        &self,
        session_id: &str,
        item_type: BaseItemKind,
        item_id: &str,
        item_name: &str,
    ) -> Call<()> {
        self.call(DISPLAY_CONTENT, |r| {
            if item_id.is_empty() {
                return Err(Error::invalid_argument("item_id must not be empty"));
            }
            if item_name.is_empty() {
                return Err(Error::invalid_argument("item_name must not be empty"));
            }
            r.path("session_id", session_id)?;
            r.query("itemType", item_type.as_str());
            r.query("itemId", item_id);
            r.query("itemName", item_name);
            Ok(())
        })
        .unit()
    }
}
