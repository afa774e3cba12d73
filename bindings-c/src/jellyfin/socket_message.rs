//! `sl_socket_message`: one message a session socket received, borrowed by its callback. The
//! envelope as received is always there (`sl_socket_message_json`); the typed accessors cover
//! the common kinds and answer NULL / false / 0 for the others.

use std::ffi::CString;
use std::os::raw::c_char;
use std::ptr;

use sessionlink_core::jellyfin::socket::{MessageData, SocketMessage};

use super::session_list::SessionList;
use super::sl_session_list;
use crate::error::{sl_error, Failure};
use crate::ffi::{opt_ref, opt_str, try_ref, write_opt, Borrowed, Castable, Out};
use crate::status::sl_status;
use crate::strings::{to_cstring, StrCache};

/// One message from the server (`MessageType`, `MessageId`, `Data`), borrowed for the
/// duration of the `sl_socket_message_callback` that received it: copy what you need to keep.
///
/// Functions:
/// - `sl_socket_message_type`, `sl_socket_message_id`: the envelope's kind and id.
/// - `sl_socket_message_is_known`: whether this version types the kind.
/// - `sl_socket_message_json`, `sl_socket_message_data_json`: the whole envelope and its
///   `Data`, as JSON (unknown kinds and fields included).
/// - `sl_socket_message_playstate_command`, `sl_socket_message_seek_position_ticks`: a
///   `Playstate` message.
/// - `sl_socket_message_play_command`, `sl_socket_message_item_ids_len`,
///   `sl_socket_message_item_id`, `sl_socket_message_start_position_ticks`: a `Play` message.
/// - `sl_socket_message_command_name`, `sl_socket_message_argument`: a `GeneralCommand`
///   message (also `DisplayMessage`, `SetVolume`, ... and `DisplayContent`).
/// - `sl_socket_message_sessions`: a `Sessions` message, as an owned `sl_session_list`.
pub struct sl_socket_message {
    _private: [u8; 0],
}

impl Castable for sl_socket_message {
    type Ownership = Borrowed;
    type RustType = MessageView;
}

const TYPE: usize = 0;
const ID: usize = 1;
const JSON: usize = 2;
const DATA_JSON: usize = 3;
const PLAYSTATE_COMMAND: usize = 4;
const PLAY_COMMAND: usize = 5;
const COMMAND_NAME: usize = 6;

/// What an `sl_socket_message` points to: the message and its strings, made on first read.
pub(crate) struct MessageView {
    message: SocketMessage,
    strings: StrCache<7>,
    /// `Play`: the item ids; `GeneralCommand`: the arguments. Small, so made at once.
    item_ids: Vec<CString>,
    arguments: Vec<(String, Option<CString>)>,
}

impl MessageView {
    pub(crate) fn new(message: SocketMessage) -> Self {
        let item_ids = match message.data() {
            MessageData::Play(p) => p.item_ids.iter().flatten().map(|id| to_cstring(id)).collect(),
            _ => Vec::new(),
        };
        let arguments = match message.data() {
            MessageData::GeneralCommand(c) => {
                c.arguments.iter().map(|(name, value)| (name.clone(), value.as_deref().map(to_cstring))).collect()
            }
            _ => Vec::new(),
        };
        MessageView { message, strings: StrCache::default(), item_ids, arguments }
    }
}

fn string(
    message: *const sl_socket_message,
    slot: usize,
    field: impl FnOnce(&SocketMessage) -> Option<&str>,
) -> *const c_char {
    opt_ref(message).map_or(ptr::null(), |m| m.strings.get(slot, || field(&m.message)))
}

/// The kind (`MessageType`, for example `"Playstate"`, `"KeepAlive"` or a kind this version
/// does not know); NULL when `message` is NULL.
///
/// Ownership: borrows `message`; the string lives as long as the message.
#[no_mangle]
pub extern "C" fn sl_socket_message_type(message: *const sl_socket_message) -> *const c_char {
    ffi_boundary!({ string(message, TYPE, |m| Some(m.message_type())) })
}

/// The message id (`MessageId`, shared by every recipient of a broadcast); NULL when absent.
///
/// Ownership: borrows `message`; the string lives as long as the message.
#[no_mangle]
pub extern "C" fn sl_socket_message_id(message: *const sl_socket_message) -> *const c_char {
    ffi_boundary!({ string(message, ID, SocketMessage::message_id) })
}

/// Whether this version types the kind (`ForceKeepAlive`, `KeepAlive`, `GeneralCommand`,
/// `Play`, `Playstate`, `Sessions`, `UserDataChanged`, `RestartRequired`,
/// `ServerRestarting`, `ServerShuttingDown`). Other kinds are delivered all the same, with
/// their data as sent. False when `message` is NULL.
///
/// Ownership: borrows `message`.
#[no_mangle]
pub extern "C" fn sl_socket_message_is_known(message: *const sl_socket_message) -> bool {
    ffi_boundary!({ opt_ref(message).is_some_and(|m| m.message.is_known()) })
}

/// The whole envelope as received (`{"MessageType":..,"MessageId":..,"Data":..}`, unknown
/// fields included) as JSON text; NULL when `message` is NULL.
///
/// Ownership: borrows `message`; the string lives as long as the message.
#[no_mangle]
pub extern "C" fn sl_socket_message_json(message: *const sl_socket_message) -> *const c_char {
    ffi_boundary!({
        opt_ref(message).map_or(ptr::null(), |m| m.strings.get_owned(JSON, || Some(m.message.to_json().to_string())))
    })
}

/// The message's `Data` as JSON text, as sent; NULL when it has none.
///
/// Ownership: borrows `message`; the string lives as long as the message.
#[no_mangle]
pub extern "C" fn sl_socket_message_data_json(message: *const sl_socket_message) -> *const c_char {
    ffi_boundary!({
        opt_ref(message).map_or(ptr::null(), |m| {
            m.strings.get_owned(DATA_JSON, || {
                let envelope = m.message.to_json();
                envelope.get("Data").filter(|d| !d.is_null()).map(|d| d.to_string())
            })
        })
    })
}

/// The command of a `Playstate` message (a `PlaystateCommand` name: `"Pause"`, `"Seek"`,
/// ...); NULL for other kinds.
///
/// Ownership: borrows `message`; the string lives as long as the message.
#[no_mangle]
pub extern "C" fn sl_socket_message_playstate_command(message: *const sl_socket_message) -> *const c_char {
    ffi_boundary!({
        string(message, PLAYSTATE_COMMAND, |m| match m.data() {
            MessageData::Playstate(p) => Some(p.command.as_str()),
            _ => None,
        })
    })
}

/// Writes a `Playstate` message's `SeekPositionTicks` (10,000 per millisecond) to
/// `*ticks_out` and returns true; false, writing nothing, for other kinds, when it is absent
/// or an argument is NULL.
///
/// Ownership: borrows `message`.
#[no_mangle]
pub extern "C" fn sl_socket_message_seek_position_ticks(
    message: *const sl_socket_message,
    ticks_out: *mut i64,
) -> bool {
    ffi_boundary!({
        let ticks = opt_ref(message).and_then(|m| match m.message.data() {
            MessageData::Playstate(p) => p.seek_position_ticks,
            _ => None,
        });
        write_opt(ticks, ticks_out)
    })
}

/// The command of a `Play` message (a `PlayCommand` name: `"PlayNow"`, `"PlayNext"`, ...);
/// NULL for other kinds.
///
/// Ownership: borrows `message`; the string lives as long as the message.
#[no_mangle]
pub extern "C" fn sl_socket_message_play_command(message: *const sl_socket_message) -> *const c_char {
    ffi_boundary!({
        string(message, PLAY_COMMAND, |m| match m.data() {
            MessageData::Play(p) => Some(p.play_command.as_str()),
            _ => None,
        })
    })
}

/// The number of item ids of a `Play` message; 0 for other kinds.
///
/// Ownership: borrows `message`.
#[no_mangle]
pub extern "C" fn sl_socket_message_item_ids_len(message: *const sl_socket_message) -> usize {
    ffi_boundary!({ opt_ref(message).map_or(0, |m| m.item_ids.len()) })
}

/// The item id at `index` of a `Play` message; NULL out of range or for other kinds.
///
/// Ownership: borrows `message`; the string lives as long as the message.
#[no_mangle]
pub extern "C" fn sl_socket_message_item_id(message: *const sl_socket_message, index: usize) -> *const c_char {
    ffi_boundary!({ opt_ref(message).and_then(|m| m.item_ids.get(index)).map_or(ptr::null(), |id| id.as_ptr()) })
}

/// Writes a `Play` message's `StartPositionTicks` to `*ticks_out` and returns true; false,
/// writing nothing, for other kinds, when it is absent or an argument is NULL.
///
/// Ownership: borrows `message`.
#[no_mangle]
pub extern "C" fn sl_socket_message_start_position_ticks(
    message: *const sl_socket_message,
    ticks_out: *mut i64,
) -> bool {
    ffi_boundary!({
        let ticks = opt_ref(message).and_then(|m| match m.message.data() {
            MessageData::Play(p) => p.start_position_ticks,
            _ => None,
        });
        write_opt(ticks, ticks_out)
    })
}

/// The command of a `GeneralCommand` message (a `GeneralCommandType` name:
/// `"DisplayMessage"`, `"SetVolume"`, `"DisplayContent"`, ...); NULL for other kinds.
///
/// Ownership: borrows `message`; the string lives as long as the message.
#[no_mangle]
pub extern "C" fn sl_socket_message_command_name(message: *const sl_socket_message) -> *const c_char {
    ffi_boundary!({
        string(message, COMMAND_NAME, |m| match m.data() {
            MessageData::GeneralCommand(c) => Some(c.name.as_str()),
            _ => None,
        })
    })
}

/// The value of the argument `name` (exact, for example `"Header"`, `"Text"`,
/// `"TimeoutMs"`, `"Volume"`, `"ItemId"`) of a `GeneralCommand` message; NULL when it has no
/// such argument (or a null value), for other kinds, or when `name` is NULL or not UTF-8.
///
/// Ownership: borrows all arguments; the string lives as long as the message.
#[no_mangle]
pub extern "C" fn sl_socket_message_argument(message: *const sl_socket_message, name: *const c_char) -> *const c_char {
    ffi_boundary!({
        let Some(m) = opt_ref(message) else { return ptr::null() };
        let Ok(Some(name)) = opt_str(name, "name") else { return ptr::null() };
        m.arguments
            .iter()
            .find(|(n, _)| n == name)
            .and_then(|(_, value)| value.as_ref())
            .map_or(ptr::null(), |v| v.as_ptr())
    })
}

/// The sessions of a `Sessions` message, as a new list (a copy the caller owns, which may
/// outlive the message). `SL_STATUS_INVALID_ARGUMENT` for other kinds.
///
/// Ownership: borrows `message`; `*sessions_out` is owned by the caller (`sl_session_list_free`).
#[no_mangle]
pub extern "C" fn sl_socket_message_sessions(
    message: *const sl_socket_message,
    sessions_out: *mut *mut sl_session_list,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(sessions_out, "sessions_out")?;
        let m = try_ref(message, "message")?;
        match m.message.data() {
            MessageData::Sessions(sessions) => {
                out.write_box(SessionList::from(sessions.clone()));
                Ok(())
            }
            _ => Err(Failure::invalid(format!("a {} message has no session list", m.message.message_type()))),
        }
    })
}
