//! `PostCapabilities`, `PostFullCapabilities` and `ReportViewing`: what the caller's own
//! session reports about itself.

use crate::call::Call;
use crate::jellyfin::client::{check_guid, JellyfinClient};
use crate::jellyfin::models::{ClientCapabilitiesDto, GeneralCommandType, MediaType};
use crate::transport::Route;

const POST_CAPABILITIES: Route = Route::new("POST /Sessions/Capabilities");
const POST_FULL_CAPABILITIES: Route = Route::new("POST /Sessions/Capabilities/Full");
const REPORT_VIEWING: Route = Route::new("POST /Sessions/Viewing");

/// Parameters of `PostCapabilities`; absent ones are left out of the query (the server then
/// uses its defaults: `supportsMediaControl=false`, `supportsPersistentIdentifier=true`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CapabilitiesQuery {
    /// The session id; absent means the caller's own session.
    pub id: Option<String>,
    /// `playableMediaTypes`: what the session can play.
    pub playable_media_types: Option<Vec<MediaType>>,
    /// `supportedCommands`: the general commands the session accepts.
    pub supported_commands: Option<Vec<GeneralCommandType>>,
    /// `supportsMediaControl`: whether others may control its playback.
    pub supports_media_control: Option<bool>,
    /// `supportsPersistentIdentifier`: whether its device id is stable.
    pub supports_persistent_identifier: Option<bool>,
}

impl JellyfinClient {
    /// `POST /Sessions/Capabilities`: replaces (does not merge) the session's capabilities.
    /// Arguments left out are left out of the request (the server then uses its defaults).
    pub fn post_capabilities(&self, query: &CapabilitiesQuery) -> Call<()> {
        self.call(POST_CAPABILITIES, |r| {
            r.query_opt("id", query.id.as_deref());
            if let Some(types) = &query.playable_media_types {
                r.query_list("playableMediaTypes", &types.iter().map(MediaType::as_str).collect::<Vec<_>>());
            }
            if let Some(commands) = &query.supported_commands {
                r.query_list("supportedCommands", &commands.iter().map(GeneralCommandType::as_str).collect::<Vec<_>>());
            }
            r.query_opt("supportsMediaControl", query.supports_media_control);
            r.query_opt("supportsPersistentIdentifier", query.supports_persistent_identifier);
            Ok(())
        })
        .unit()
    }

    /// `POST /Sessions/Capabilities/Full`: replaces the capabilities with a full body. Typed
    /// fields left out take the values of [`ClientCapabilitiesDto::new`] (the server's
    /// defaults), in every language; unknown fields are sent as given.
    pub fn post_full_capabilities(&self, id: Option<&str>, capabilities: &ClientCapabilitiesDto) -> Call<()> {
        self.call(POST_FULL_CAPABILITIES, |r| {
            r.query_opt("id", id);
            // Fields a partial object (JSON from C, keywords from Python) left out take the
            // request defaults, so the same capabilities are the same bytes from every language.
            r.json(&capabilities.clone().with_defaults_from(&ClientCapabilitiesDto::new()))?;
            Ok(())
        })
        .unit()
    }

    /// `POST /Sessions/Viewing`: reports that a session is viewing an item. `item_id` must be
    /// a GUID: the server parses it as one and answers 500 otherwise.
    pub fn report_viewing(&self, session_id: Option<&str>, item_id: &str) -> Call<()> {
        self.call(REPORT_VIEWING, |r| {
            check_guid("item_id", item_id)?;
            r.query_opt("sessionId", session_id);
            r.query("itemId", item_id);
            Ok(())
        })
        .unit()
    }
}
