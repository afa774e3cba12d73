//! `ReportPlaybackStart`, `ReportPlaybackProgress`, `ReportPlaybackStopped` and
//! `PingPlaybackSession`: a player telling the server what it plays, which controllers then
//! see in the session's `NowPlayingItem` and `PlayState`. The bodies are JSON text,
//! PascalCase as on the wire, like `sl_jellyfin_post_full_capabilities`; fields the JSON
//! leaves out take the model's defaults, as `..Default::default()` gives a Rust caller, so
//! the same values send the same body from every language.

use std::os::raw::{c_char, c_void};

use serde::de::DeserializeOwned;
use sessionlink_core::jellyfin::models::{PlaybackProgressInfo, PlaybackStartInfo, PlaybackStopInfo};
use sessionlink_core::jellyfin::JellyfinClient;
use sessionlink_core::Call;

use super::sl_jellyfin_client;
use crate::error::sl_error;
use crate::ffi::{req_str, try_ref};
use crate::runner::{run, sl_done_callback, sl_op, submit, Prep};
use crate::status::sl_status;
use crate::strings::parse_body;

/// The three reports take a body of their own model; `send` is the core method.
fn report<M: DeserializeOwned + Default>(
    client: *const sl_jellyfin_client,
    info_json: *const c_char,
    with_defaults_from: fn(M, &M) -> M,
    send: fn(&JellyfinClient, &M) -> Call<()>,
) -> Prep<()> {
    let client = try_ref(client, "client")?;
    let info = parse_body(info_json, "info_json", with_defaults_from, &M::default())?;
    Ok(send(client, &info).prepare()?)
}

fn report_playback_start(client: *const sl_jellyfin_client, info_json: *const c_char) -> Prep<()> {
    report(client, info_json, PlaybackStartInfo::with_defaults_from, JellyfinClient::report_playback_start)
}

/// `POST /Sessions/Playing`: the caller's session started playing an item. `info_json` is a
/// `PlaybackStartInfo` object; `ItemId` (a GUID) is required, for example
/// `{"ItemId":"...","PositionTicks":0,"CanSeek":true}`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_playback_start(
    client: *const sl_jellyfin_client,
    info_json: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(report_playback_start(client, info_json), ()) })
}

/// Async `sl_jellyfin_report_playback_start`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_playback_start_async(
    client: *const sl_jellyfin_client,
    info_json: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(report_playback_start(client, info_json), callback, user_data, op_out) })
}

fn report_playback_progress(client: *const sl_jellyfin_client, info_json: *const c_char) -> Prep<()> {
    report(client, info_json, PlaybackProgressInfo::with_defaults_from, JellyfinClient::report_playback_progress)
}

/// `POST /Sessions/Playing/Progress`: position, pause, volume... of the playing item; players
/// report every few seconds and on every change. `info_json` is a `PlaybackProgressInfo`
/// object (the fields of `PlaybackStartInfo`); `ItemId` is required.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_playback_progress(
    client: *const sl_jellyfin_client,
    info_json: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(report_playback_progress(client, info_json), ()) })
}

/// Async `sl_jellyfin_report_playback_progress`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_playback_progress_async(
    client: *const sl_jellyfin_client,
    info_json: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(report_playback_progress(client, info_json), callback, user_data, op_out) })
}

fn report_playback_stopped(client: *const sl_jellyfin_client, info_json: *const c_char) -> Prep<()> {
    report(client, info_json, PlaybackStopInfo::with_defaults_from, JellyfinClient::report_playback_stopped)
}

/// `POST /Sessions/Playing/Stopped`: playback of an item ended. `info_json` is a
/// `PlaybackStopInfo` object; `ItemId` is required.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_playback_stopped(
    client: *const sl_jellyfin_client,
    info_json: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(report_playback_stopped(client, info_json), ()) })
}

/// Async `sl_jellyfin_report_playback_stopped`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_report_playback_stopped_async(
    client: *const sl_jellyfin_client,
    info_json: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(report_playback_stopped(client, info_json), callback, user_data, op_out) })
}

fn ping_playback_session(client: *const sl_jellyfin_client, play_session_id: *const c_char) -> Prep<()> {
    let client = try_ref(client, "client")?;
    Ok(client.ping_playback_session(req_str(play_session_id, "play_session_id")?).prepare()?)
}

/// `POST /Sessions/Playing/Ping`: keeps a transcoding play session alive. `play_session_id`
/// is required (the server answers 400 without it).
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_ping_playback_session(
    client: *const sl_jellyfin_client,
    play_session_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { run(ping_playback_session(client, play_session_id), ()) })
}

/// Async `sl_jellyfin_ping_playback_session`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_ping_playback_session_async(
    client: *const sl_jellyfin_client,
    play_session_id: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { submit(ping_playback_session(client, play_session_id), callback, user_data, op_out) })
}
