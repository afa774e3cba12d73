//! `Play` and `SendPlaystateCommand`: starting and steering playback on another session.

use std::os::raw::{c_char, c_void};

use sessionlink_core::jellyfin::models::{PlayCommand, PlaystateCommand};
use sessionlink_core::jellyfin::PlayOptions;

use super::sl_jellyfin_client;
use crate::error::{sl_error, Failure};
use crate::ffi::{opt_str, opt_string, opt_value, req_str, str_array, try_ref};
use crate::runner::{run, sl_done_callback, sl_op, submit, Prep};
use crate::status::sl_status;

#[allow(clippy::too_many_arguments)]
fn play(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    play_command: *const c_char,
    item_ids: *const *const c_char,
    item_ids_len: usize,
    start_position_ticks: *const i64,
    media_source_id: *const c_char,
    audio_stream_index: *const i32,
    subtitle_stream_index: *const i32,
    start_index: *const i32,
) -> Prep<()> {
    let client = try_ref(client, "client")?;
    let session_id = req_str(session_id, "session_id")?;
    let play_command = PlayCommand::parse(req_str(play_command, "play_command")?)?;
    let item_ids = str_array(item_ids, item_ids_len, "item_ids")?.ok_or_else(|| Failure::null("item_ids"))?;
    let options = PlayOptions {
        start_position_ticks: opt_value(start_position_ticks),
        media_source_id: opt_string(media_source_id, "media_source_id")?,
        audio_stream_index: opt_value(audio_stream_index),
        subtitle_stream_index: opt_value(subtitle_stream_index),
        start_index: opt_value(start_index),
    };
    Ok(client.play(session_id, play_command, &item_ids, &options).prepare()?)
}

/// `POST /Sessions/{sessionId}/Playing`: tells a session to play items. `play_command` is a
/// `PlayCommand` name (`"PlayNow"`, `"PlayNext"`, `"PlayLast"`, `"PlayInstantMix"`,
/// `"PlayShuffle"`); `item_ids` is an array of `item_ids_len` (at least 1) item id GUIDs.
/// The other parameters are optional.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_play(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    play_command: *const c_char,
    item_ids: *const *const c_char,
    item_ids_len: usize,
    start_position_ticks: *const i64,
    media_source_id: *const c_char,
    audio_stream_index: *const i32,
    subtitle_stream_index: *const i32,
    start_index: *const i32,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared = play(
            client,
            session_id,
            play_command,
            item_ids,
            item_ids_len,
            start_position_ticks,
            media_source_id,
            audio_stream_index,
            subtitle_stream_index,
            start_index,
        );
        run(prepared, ())
    })
}

/// Async `sl_jellyfin_play`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_play_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    play_command: *const c_char,
    item_ids: *const *const c_char,
    item_ids_len: usize,
    start_position_ticks: *const i64,
    media_source_id: *const c_char,
    audio_stream_index: *const i32,
    subtitle_stream_index: *const i32,
    start_index: *const i32,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared = play(
            client,
            session_id,
            play_command,
            item_ids,
            item_ids_len,
            start_position_ticks,
            media_source_id,
            audio_stream_index,
            subtitle_stream_index,
            start_index,
        );
        submit(prepared, callback, user_data, op_out)
    })
}

fn send_playstate_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    seek_position_ticks: *const i64,
    controlling_user_id: *const c_char,
) -> Prep<()> {
    let client = try_ref(client, "client")?;
    let session_id = req_str(session_id, "session_id")?;
    let command = PlaystateCommand::parse(req_str(command, "command")?)?;
    let controlling_user_id = opt_str(controlling_user_id, "controlling_user_id")?;
    Ok(client
        .send_playstate_command(session_id, command, opt_value(seek_position_ticks), controlling_user_id)
        .prepare()?)
}

/// `POST /Sessions/{sessionId}/Playing/{command}`: pause, seek, stop... a session. `command`
/// is a `PlaystateCommand` name (`"Stop"`, `"Pause"`, `"Unpause"`, `"NextTrack"`,
/// `"PreviousTrack"`, `"Seek"`, `"Rewind"`, `"FastForward"`, `"PlayPause"`).
/// `seek_position_ticks` (optional) matters for `"Seek"`; `controlling_user_id` is optional.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_playstate_command(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    seek_position_ticks: *const i64,
    controlling_user_id: *const c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        run(send_playstate_command(client, session_id, command, seek_position_ticks, controlling_user_id), ())
    })
}

/// Async `sl_jellyfin_send_playstate_command`.
///
/// Ownership: borrows all arguments.
#[no_mangle]
pub extern "C" fn sl_jellyfin_send_playstate_command_async(
    client: *const sl_jellyfin_client,
    session_id: *const c_char,
    command: *const c_char,
    seek_position_ticks: *const i64,
    controlling_user_id: *const c_char,
    callback: sl_done_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let prepared = send_playstate_command(client, session_id, command, seek_position_ticks, controlling_user_id);
        submit(prepared, callback, user_data, op_out)
    })
}
