//! `PostCapabilities`, `PostFullCapabilities` and `ReportViewing`: what the caller's own
//! session reports about itself.

use reqwest::Method;

use crate::error::Result;
use crate::jellyfin::client::{check_guid, json_body, JellyfinClient};
use crate::jellyfin::models::{ClientCapabilitiesDto, GeneralCommandType, MediaType};
use crate::transport::{Query, Seg};

/// Parameters of `PostCapabilities`; absent ones are left out of the query (the server then
/// uses its defaults: `supportsMediaControl=false`, `supportsPersistentIdentifier=true`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CapabilitiesQuery {
    /// The session id; absent means the caller's own session.
    pub id: Option<String>,
    pub playable_media_types: Option<Vec<MediaType>>,
    pub supported_commands: Option<Vec<GeneralCommandType>>,
    pub supports_media_control: Option<bool>,
    pub supports_persistent_identifier: Option<bool>,
}

impl JellyfinClient {
    /// `POST /Sessions/Capabilities`: replaces (does not merge) the session's capabilities.
    pub async fn post_capabilities(&self, query: &CapabilitiesQuery) -> Result<()> {
        let mut q = Query::new();
        q.push_opt("id", query.id.as_deref());
        if let Some(types) = &query.playable_media_types {
            q.push_list("playableMediaTypes", &types.iter().map(MediaType::as_str).collect::<Vec<_>>());
        }
        if let Some(commands) = &query.supported_commands {
            q.push_list("supportedCommands", &commands.iter().map(GeneralCommandType::as_str).collect::<Vec<_>>());
        }
        q.push_opt("supportsMediaControl", query.supports_media_control);
        q.push_opt("supportsPersistentIdentifier", query.supports_persistent_identifier);
        let segs = [Seg::Lit("Sessions"), Seg::Lit("Capabilities")];
        self.call("POST /Sessions/Capabilities", Method::POST, &segs, &q, None).await?;
        Ok(())
    }

    /// `POST /Sessions/Capabilities/Full`: replaces the capabilities with a full body.
    pub async fn post_full_capabilities(&self, id: Option<&str>, capabilities: &ClientCapabilitiesDto) -> Result<()> {
        let mut q = Query::new();
        q.push_opt("id", id);
        let body = json_body(capabilities)?;
        let segs = [Seg::Lit("Sessions"), Seg::Lit("Capabilities"), Seg::Lit("Full")];
        self.call("POST /Sessions/Capabilities/Full", Method::POST, &segs, &q, Some(body)).await?;
        Ok(())
    }

    /// `POST /Sessions/Viewing`: reports that a session is viewing an item. `item_id` must be
    /// a GUID: the server parses it as one and answers 500 otherwise.
    pub async fn report_viewing(&self, session_id: Option<&str>, item_id: &str) -> Result<()> {
        check_guid("item_id", item_id)?;
        let mut q = Query::new();
        q.push_opt("sessionId", session_id);
        q.push("itemId", item_id);
        let segs = [Seg::Lit("Sessions"), Seg::Lit("Viewing")];
        self.call("POST /Sessions/Viewing", Method::POST, &segs, &q, None).await?;
        Ok(())
    }
}
