//! Remote-control commands: general, full general, system, message and display content.
//! On the server all of them reach the target session as a `GeneralCommand`.

use reqwest::Method;

use crate::error::{Error, Result};
use crate::jellyfin::client::{json_body, JellyfinClient};
use crate::jellyfin::models::{BaseItemKind, GeneralCommand, GeneralCommandType, MessageCommand};
use crate::transport::{Query, Seg};

const EMPTY_GUID: &str = "00000000000000000000000000000000";

impl JellyfinClient {
    /// `POST /Sessions/{sessionId}/Command/{command}`: a command without arguments.
    pub async fn send_general_command(&self, session_id: &str, command: GeneralCommandType) -> Result<()> {
        let segs = [
            Seg::Lit("Sessions"),
            Seg::Val(session_id, "session_id"),
            Seg::Lit("Command"),
            Seg::Val(command.as_str(), "command"),
        ];
        self.call("POST /Sessions/{sessionId}/Command/{command}", Method::POST, &segs, &Query::new(), None).await?;
        Ok(())
    }

    /// `POST /Sessions/{sessionId}/Command`: a command with string arguments (for example
    /// `SetVolume` with `Volume`).
    pub async fn send_full_general_command(&self, session_id: &str, command: &GeneralCommand) -> Result<()> {
        // `ControllingUserId` is a non-nullable GUID on the server, which rejects "" with a
        // 400 and overwrites any value with the caller's user; an unset one goes as the empty GUID.
        let body = if command.controlling_user_id.is_empty() {
            json_body(&GeneralCommand { controlling_user_id: EMPTY_GUID.to_owned(), ..command.clone() })?
        } else {
            json_body(command)?
        };
        let segs = [Seg::Lit("Sessions"), Seg::Val(session_id, "session_id"), Seg::Lit("Command")];
        self.call("POST /Sessions/{sessionId}/Command", Method::POST, &segs, &Query::new(), Some(body)).await?;
        Ok(())
    }

    /// `POST /Sessions/{sessionId}/System/{command}`: the server treats it exactly as
    /// `send_general_command`.
    pub async fn send_system_command(&self, session_id: &str, command: GeneralCommandType) -> Result<()> {
        let segs = [
            Seg::Lit("Sessions"),
            Seg::Val(session_id, "session_id"),
            Seg::Lit("System"),
            Seg::Val(command.as_str(), "command"),
        ];
        self.call("POST /Sessions/{sessionId}/System/{command}", Method::POST, &segs, &Query::new(), None).await?;
        Ok(())
    }

    /// `POST /Sessions/{sessionId}/Message`: shows a message on the session. The text must
    /// not be empty (the server answers 400 otherwise, so it is refused here first).
    pub async fn send_message_command(&self, session_id: &str, message: &MessageCommand) -> Result<()> {
        if message.text.is_empty() {
            return Err(Error::invalid_argument("message text must not be empty"));
        }
        if message.timeout_ms.is_some_and(|t| t < 0) {
            return Err(Error::invalid_argument("message timeout_ms must not be negative"));
        }
        let body = json_body(message)?;
        let segs = [Seg::Lit("Sessions"), Seg::Val(session_id, "session_id"), Seg::Lit("Message")];
        self.call("POST /Sessions/{sessionId}/Message", Method::POST, &segs, &Query::new(), Some(body)).await?;
        Ok(())
    }

    /// `POST /Sessions/{sessionId}/Viewing`: tells the session's UI to browse to an item.
    pub async fn display_content(
        &self,
        session_id: &str,
        item_type: BaseItemKind,
        item_id: &str,
        item_name: &str,
    ) -> Result<()> {
        if item_id.is_empty() {
            return Err(Error::invalid_argument("item_id must not be empty"));
        }
        if item_name.is_empty() {
            return Err(Error::invalid_argument("item_name must not be empty"));
        }
        let mut q = Query::new();
        q.push("itemType", item_type.as_str());
        q.push("itemId", item_id);
        q.push("itemName", item_name);
        let segs = [Seg::Lit("Sessions"), Seg::Val(session_id, "session_id"), Seg::Lit("Viewing")];
        self.call("POST /Sessions/{sessionId}/Viewing", Method::POST, &segs, &q, None).await?;
        Ok(())
    }
}
