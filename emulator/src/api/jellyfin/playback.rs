//! Playback reporting, the contract's Playstate tag: a player tells the server what it plays
//! on its own session, and controllers see it in that session's `NowPlayingItem`,
//! `PlayState`, `NowPlayingQueue` and dates (`PlaystateController` and
//! `SessionManager.OnPlaybackStart/Progress/Stopped` in 10.11).
//!
//! As on the server, an `ItemId` that names no library item is no error: the session then
//! shows the report's own `Item`, or nothing.

use std::time::SystemTime;

use serde_json::{json, Map, Value};

use super::binding::{body_object, error_text, required, target, Outcome};
use super::caller::Caller;
use super::enums::{PLAYBACK_ORDER, PLAY_METHOD, REPEAT_MODE};
use super::handler::Ctx;
use super::json_body::JsonBody;
use crate::render::case::compact;
use crate::state::session::{idle_play_state, NowPlaying};
use crate::state::State;
use crate::text::ids::{parse_guid, ZERO_GUID};
use crate::wire::reply::Reply;
use crate::wire::request::Req;

/// What `PlaybackStartInfo`, `PlaybackProgressInfo` and `PlaybackStopInfo` share.
struct Report {
    /// `None` for `Guid.Empty`.
    item_id: Option<String>,
    item: Option<Value>,
    media_source_id: Option<String>,
    live_stream_id: Option<String>,
    position_ticks: Option<i64>,
    queue: Option<Vec<Value>>,
    playlist_item_id: Option<String>,
}

/// `POST /Sessions/Playing`.
pub(crate) fn start(c: Ctx<'_>) -> Outcome {
    let caller = c.caller()?;
    report(c.state, c.req, caller, "playbackStartInfo")
}

/// `POST /Sessions/Playing/Progress`: the same update as a start.
pub(crate) fn progress(c: Ctx<'_>) -> Outcome {
    let caller = c.caller()?;
    report(c.state, c.req, caller, "playbackProgressInfo")
}

/// `POST /Sessions/Playing/Ping`: the server pings the transcoding job of that play session,
/// and the emulator transcodes nothing, so only the required parameter is checked.
pub(crate) fn ping(c: Ctx<'_>) -> Outcome {
    match c.req.query.get("playSessionId") {
        None => Err(required(c.state, "playSessionId")),
        Some(_) => Ok(Reply::empty(204)),
    }
}

/// `POST /Sessions/Playing/Stopped`: `RemoveNowPlayingItem` (the item goes, the player state
/// is reset), after taking the report's queue and playlist entry.
pub(crate) fn stopped(c: Ctx<'_>) -> Outcome {
    let (caller, state, req) = (c.caller()?, c.state, c.req);
    let map = body_object(state, req, "playbackStopInfo")?;
    let body = JsonBody::new(&map, "playbackStopInfo");
    let report = read_report(state, &body)?;
    body.bool(state, "Failed")?;
    body.string(state, "NextMediaType")?;
    // ArgumentOutOfRangeException, which the exception middleware answers with 400.
    if report.position_ticks.is_some_and(|t| t < 0) {
        return Err(error_text(400));
    }
    let id = target(state, &caller.session_id)?;
    let session = state.session_mut(&id).ok_or_else(|| error_text(404))?;
    if let Some(queue) = report.queue {
        session.now_playing_queue = Some(queue);
    }
    session.playlist_item_id = report.playlist_item_id;
    session.now_playing = None;
    session.play_state = idle_play_state();
    state.session_event(true);
    Ok(Reply::empty(204))
}

/// Start and progress: `UpdateNowPlayingItem`.
fn report(state: &mut State, req: &Req, caller: &Caller, param: &'static str) -> Outcome {
    let map = body_object(state, req, param)?;
    let body = JsonBody::new(&map, param);
    let report = read_report(state, &body)?;
    let is_paused = body.bool(state, "IsPaused")?;
    let play_state = read_player_state(state, &body, &report, is_paused)?;
    // The server dereferences each queue entry of a non-empty queue (a null one fails).
    if report.queue.as_ref().is_some_and(|q| q.iter().any(Value::is_null)) {
        return Err(error_text(500));
    }
    let id = target(state, &caller.session_id)?;
    let known_item = report.item_id.clone().filter(|i| state.item(i).is_some());
    let now = SystemTime::now();
    let session = state.session_mut(&id).ok_or_else(|| error_text(404))?;
    session.now_playing = next_now_playing(session.now_playing.take(), known_item, report.item);
    session.last_activity = now;
    session.last_playback_check_in = Some(now);
    if !is_paused {
        session.last_paused = None;
    } else if session.last_paused.is_none() {
        session.last_paused = Some(now);
    }
    session.play_state = play_state;
    session.playlist_item_id = report.playlist_item_id;
    if let Some(queue) = report.queue.filter(|q| !q.is_empty()) {
        session.now_playing_queue = Some(queue);
    }
    // PlaybackStart, and PlaybackProgress reported by a client (not automated): both forced.
    state.session_event(true);
    Ok(Reply::empty(204))
}

/// The library item's own DTO when the id resolves and the report brings no `Item` (the
/// current one is kept when it is that item already); otherwise the report's `Item`, if any.
fn next_now_playing(
    current: Option<NowPlaying>,
    known_item: Option<String>,
    reported: Option<Value>,
) -> Option<NowPlaying> {
    match (known_item, reported) {
        (Some(id), None) => match current {
            Some(c) if c.id().and_then(parse_guid).as_deref() == Some(id.as_str()) => Some(c),
            _ => Some(NowPlaying::Library(id)),
        },
        (_, reported) => reported.map(NowPlaying::Reported),
    }
}

fn read_report(state: &mut State, body: &JsonBody<'_>) -> Result<Report, Reply> {
    // Read for their types only: the server overwrites SessionId with the caller's session.
    body.string(state, "SessionId")?;
    body.string(state, "PlaySessionId")?;
    Ok(Report {
        item_id: body.guid(state, "ItemId")?,
        item: body.object(state, "Item")?.map(|m| compact(Value::Object(m.clone()))),
        media_source_id: body.string(state, "MediaSourceId")?,
        live_stream_id: body.string(state, "LiveStreamId")?,
        position_ticks: body.int(state, "PositionTicks")?,
        queue: read_queue(state, body)?,
        playlist_item_id: body.string(state, "PlaylistItemId")?,
    })
}

/// `NowPlayingQueue`: `QueueItem`s (`Id`, `PlaylistItemId`), written back in the server's form.
fn read_queue(state: &mut State, body: &JsonBody<'_>) -> Result<Option<Vec<Value>>, Reply> {
    let Some(items) = body.array(state, "NowPlayingQueue")? else { return Ok(None) };
    let mut queue = Vec::with_capacity(items.len());
    for (i, entry) in items.iter().enumerate() {
        let map: &Map<String, Value> = match entry {
            Value::Null => {
                queue.push(Value::Null);
                continue;
            }
            Value::Object(map) => map,
            _ => return Err(body.error(state, &format!("NowPlayingQueue[{i}]"))),
        };
        let fields = body.nested(map, &format!("NowPlayingQueue[{i}]"));
        let id = fields.guid(state, "Id")?.unwrap_or_else(|| ZERO_GUID.to_owned());
        let playlist_item_id = fields.string(state, "PlaylistItemId")?;
        queue.push(compact(json!({"Id": id, "PlaylistItemId": playlist_item_id})));
    }
    Ok(Some(queue))
}

/// The `PlayerStateInfo` a start or progress report leaves on the session.
fn read_player_state(state: &mut State, body: &JsonBody<'_>, report: &Report, is_paused: bool) -> Result<Value, Reply> {
    // Read for their types only: nothing the session shows comes from them.
    body.int::<i32>(state, "Brightness")?;
    body.string(state, "AspectRatio")?;
    body.int::<i64>(state, "PlaybackStartTimeTicks")?;
    // ValidatePlayMethod: Transcode without a transcoding job (the emulator has none) is
    // DirectPlay. The enum's zero value, for a report without one, is Transcode.
    let play_method = match body.enumeration(state, "PlayMethod", PLAY_METHOD)? {
        "Transcode" => "DirectPlay",
        other => other,
    };
    // An empty MediaSourceId becomes the item id, Guid.Empty included.
    let media_source_id = report
        .media_source_id
        .clone()
        .filter(|m| !m.is_empty())
        .or_else(|| report.item_id.clone())
        .unwrap_or_else(|| ZERO_GUID.to_owned());
    Ok(compact(json!({
        "PositionTicks": report.position_ticks,
        "CanSeek": body.bool(state, "CanSeek")?,
        "IsPaused": is_paused,
        "IsMuted": body.bool(state, "IsMuted")?,
        "VolumeLevel": body.int::<i32>(state, "VolumeLevel")?,
        "AudioStreamIndex": body.int::<i32>(state, "AudioStreamIndex")?,
        "SubtitleStreamIndex": body.int::<i32>(state, "SubtitleStreamIndex")?,
        "MediaSourceId": media_source_id,
        "PlayMethod": play_method,
        "RepeatMode": body.enumeration(state, "RepeatMode", REPEAT_MODE)?,
        "PlaybackOrder": body.enumeration(state, "PlaybackOrder", PLAYBACK_ORDER)?,
        "LiveStreamId": report.live_stream_id,
    })))
}
