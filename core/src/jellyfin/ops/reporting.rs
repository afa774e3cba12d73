//! `ReportPlaybackStart`, `ReportPlaybackProgress`, `ReportPlaybackStopped` and
//! `PingPlaybackSession`: a player telling the server what it plays, so that controllers
//! see it in `NowPlayingItem` and `PlayState`. Tag `Playstate` in Jellyfin 10.11.
//!
//! A report is sent with every typed field, unset ones at their default, however the model
//! was made (a struct literal, JSON from C, keywords from Python): the same report is the
//! same bytes from every language.

use crate::call::Call;
use crate::jellyfin::client::{check_guid, JellyfinClient};
use crate::jellyfin::models::{PlaybackProgressInfo, PlaybackStartInfo, PlaybackStopInfo};
use crate::transport::Route;

const REPORT_PLAYBACK_START: Route = Route::new("POST /Sessions/Playing");
const REPORT_PLAYBACK_PROGRESS: Route = Route::new("POST /Sessions/Playing/Progress");
const REPORT_PLAYBACK_STOPPED: Route = Route::new("POST /Sessions/Playing/Stopped");
const PING_PLAYBACK_SESSION: Route = Route::new("POST /Sessions/Playing/Ping");

impl JellyfinClient {
    /// `POST /Sessions/Playing`: the caller's session started playing `info.item_id` (a GUID,
    /// required), for example `{"ItemId": "...", "PositionTicks": 0, "CanSeek": true}`.
    pub fn report_playback_start(&self, info: &PlaybackStartInfo) -> Call<()> {
        self.call(REPORT_PLAYBACK_START, |r| {
            check_guid("item_id", &info.item_id)?;
            r.json(&info.clone().with_defaults_from(&PlaybackStartInfo::default()))?;
            Ok(())
        })
        .unit()
    }

    /// `POST /Sessions/Playing/Progress`: position, pause, volume... of the playing item.
    /// Players report every few seconds and on every change.
    pub fn report_playback_progress(&self, info: &PlaybackProgressInfo) -> Call<()> {
        self.call(REPORT_PLAYBACK_PROGRESS, |r| {
            check_guid("item_id", &info.item_id)?;
            r.json(&info.clone().with_defaults_from(&PlaybackProgressInfo::default()))?;
            Ok(())
        })
        .unit()
    }

    /// `POST /Sessions/Playing/Stopped`: playback of `info.item_id` ended.
    pub fn report_playback_stopped(&self, info: &PlaybackStopInfo) -> Call<()> {
        self.call(REPORT_PLAYBACK_STOPPED, |r| {
            check_guid("item_id", &info.item_id)?;
            r.json(&info.clone().with_defaults_from(&PlaybackStopInfo::default()))?;
            Ok(())
        })
        .unit()
    }

    /// `POST /Sessions/Playing/Ping`: keeps a transcoding play session alive. The server
    /// requires `play_session_id` (400 without it), though the contract does not say so.
    pub fn ping_playback_session(&self, play_session_id: &str) -> Call<()> {
        self.call(PING_PLAYBACK_SESSION, |r| {
            if play_session_id.is_empty() {
                return Err(crate::Error::invalid_argument("play_session_id must not be empty"));
            }
            r.query("playSessionId", play_session_id);
            Ok(())
        })
        .unit()
    }
}
