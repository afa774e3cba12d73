//! `sl_socket`: the session's WebSocket, with callbacks on a thread of its own. The core keeps
//! the socket alive, reconnects and re-posts the capabilities; this file opens it, delivers
//! its events to the C callbacks in order, and ends it with one `on_end`.

use std::os::raw::{c_char, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use sessionlink_core::jellyfin::models::{ClientCapabilitiesDto, GeneralCommandType, MediaType};
use sessionlink_core::jellyfin::socket::{Reconnect, Socket, SocketEvent, SocketOptions};
use sessionlink_core::jellyfin::JellyfinClient;

use super::capabilities::parse_all;
use super::sl_jellyfin_client;
use super::socket_message::MessageView;
use crate::error::{sl_error, Failure};
use crate::ffi::{
    free_box, opt_ref, opt_str, str_array, to_c_ptr, try_ref, Borrowed, CallbackFn, Castable, Out, Owned, UserData,
};
use crate::runner::{wait, Callback, DoneFn};
use crate::status::sl_status;
use crate::strings::{parse_body, to_cstring};

/// An open session socket (`/socket`): the way a session receives remote-control commands
/// and live session lists. Its events go to the callbacks given when it was opened, on a
/// thread of the socket's own (see "Session sockets" in the preamble).
///
/// Functions:
/// - `sl_socket_options_init`: fills the options with the defaults.
/// - `sl_jellyfin_open_socket`: opens a socket (a dashboard subscribes to `Sessions`).
/// - `sl_jellyfin_become_controllable`: posts capabilities that make the session
///   controllable and opens its socket, in one call.
/// - `sl_socket_subscribe_sessions`, `sl_socket_unsubscribe_sessions`: `SessionsStart` /
///   `SessionsStop`.
/// - `sl_socket_close`: closes it cleanly; `on_end` then runs with `SL_STATUS_OK`.
/// - `sl_socket_free`: closes it if needed and waits for `on_end`.
pub struct sl_socket {
    _private: [u8; 0],
}

impl Castable for sl_socket {
    type Ownership = Owned;
    type RustType = SocketHandle;
}

/// The connection events of a socket, given to its `sl_socket_state_callback`.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum sl_socket_state {
    /// The first connection is up (capabilities posted, subscription sent).
    SL_SOCKET_CONNECTED = 0,
    /// The socket is up again after a drop: capabilities re-posted, subscription renewed.
    SL_SOCKET_RECONNECTED = 1,
    /// The connection dropped; the socket reconnects after the given delay.
    SL_SOCKET_DISCONNECTED = 2,
}

/// Receives one message (every kind the server sends, in order, keep-alives and unknown
/// kinds included). `message` is borrowed for the duration of the callback.
pub type sl_socket_message_callback =
    Option<unsafe extern "C" fn(user_data: *mut c_void, message: *const sl_socket_message)>;

/// Receives a connection event: `reason` (why the connection dropped, borrowed for the
/// callback) and `retry_in_ms` (when the socket reconnects) are set for
/// `SL_SOCKET_DISCONNECTED`, NULL and 0 otherwise.
pub type sl_socket_state_callback = Option<
    unsafe extern "C" fn(user_data: *mut c_void, state: sl_socket_state, reason: *const c_char, retry_in_ms: u64),
>;

/// Runs exactly once, last, when the socket has ended: `SL_STATUS_OK` after `sl_socket_close`
/// (closed), `SL_STATUS_CANCELLED` when `sl_socket_free` closed it, `SL_STATUS_UNAUTHORIZED`
/// or `SL_STATUS_FORBIDDEN` when the server refused to reconnect it (the token was revoked).
/// `error` is NULL on `SL_STATUS_OK`, otherwise borrowed for the duration of the callback.
pub type sl_socket_end_callback =
    Option<unsafe extern "C" fn(user_data: *mut c_void, status: sl_status, error: *const sl_error)>;

use super::socket_message::sl_socket_message;

/// How a socket behaves; fill it with `sl_socket_options_init` first.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct sl_socket_options {
    /// Capabilities posted (`POST /Sessions/Capabilities/Full`) after the socket opens and
    /// after every reconnect, as `ClientCapabilitiesDto` JSON (fields left out take the same
    /// defaults as in `sl_jellyfin_post_full_capabilities`); NULL posts none. Copied.
    pub capabilities_json: *const c_char,
    /// Subscribe to `Sessions` pushes as soon as the socket opens (renewed after reconnects).
    /// The server sends the whole list after each session event (a session starts or ends,
    /// playback starts, stops or progresses, capabilities change: at once), and nothing
    /// before the first one.
    pub subscribe_sessions: bool,
    /// With `subscribe_sessions`: sent as the subscription's initial delay, in milliseconds;
    /// the server keeps it without using it. Default 0.
    pub sessions_initial_delay_ms: u32,
    /// With `subscribe_sessions`: for other activity, at most one push per this many
    /// milliseconds. Default 1000.
    pub sessions_interval_ms: u32,
    /// How many events may wait for the callbacks (at least 1). When full, the socket stops
    /// reading the connection until the callbacks catch up (no command is ever dropped); a
    /// newer `Sessions` list replaces a waiting one. Default 256.
    pub buffer: usize,
    /// The wait before the first reconnect attempt, in milliseconds (> 0). Default 1000.
    pub reconnect_initial_ms: u32,
    /// The longest wait between reconnect attempts, in milliseconds (>= the initial one).
    /// Default 60000.
    pub reconnect_max_ms: u32,
    /// How much the wait grows after each failed attempt (>= 1; each wait is jittered between
    /// half and all of it). Default 2.
    pub reconnect_factor: f64,
}

impl Castable for sl_socket_options {
    type Ownership = Borrowed;
    type RustType = sl_socket_options;
}

/// Fills `options` with the defaults: no capabilities, no subscription, a buffer of 256,
/// reconnects after 1 s doubling up to 60 s. NULL is a no-op.
///
/// Ownership: borrows `options`.
#[no_mangle]
pub extern "C" fn sl_socket_options_init(options: *mut sl_socket_options) {
    ffi_boundary!({
        if let Some(out) = Out::optional(options) {
            let d = SocketOptions::default();
            let millis = |d: Duration| u32::try_from(d.as_millis()).unwrap_or(u32::MAX);
            out.write(sl_socket_options {
                capabilities_json: ptr::null(),
                subscribe_sessions: false,
                sessions_initial_delay_ms: 0,
                sessions_interval_ms: 1000,
                buffer: d.buffer,
                reconnect_initial_ms: millis(d.reconnect.initial),
                reconnect_max_ms: millis(d.reconnect.max),
                reconnect_factor: d.reconnect.factor,
            });
        }
    })
}

impl sl_socket_options {
    fn to_core(self) -> Result<SocketOptions, Failure> {
        if self.buffer == 0 {
            return Err(Failure::invalid("options.buffer must be at least 1"));
        }
        if self.reconnect_initial_ms == 0 || self.reconnect_max_ms < self.reconnect_initial_ms {
            return Err(Failure::invalid(
                "options.reconnect_initial_ms must be > 0 and options.reconnect_max_ms at least as long",
            ));
        }
        if !(self.reconnect_factor.is_finite() && self.reconnect_factor >= 1.0) {
            return Err(Failure::invalid("options.reconnect_factor must be a finite number >= 1"));
        }
        let capabilities = match opt_str(self.capabilities_json, "options.capabilities_json")? {
            Some(_) => Some(parse_body(
                self.capabilities_json,
                "options.capabilities_json",
                ClientCapabilitiesDto::with_defaults_from,
                &ClientCapabilitiesDto::new(),
            )?),
            None => None,
        };
        let ms = |ms: u32| Duration::from_millis(ms.into());
        Ok(SocketOptions {
            capabilities,
            sessions: self
                .subscribe_sessions
                .then(|| (ms(self.sessions_initial_delay_ms), ms(self.sessions_interval_ms))),
            buffer: self.buffer,
            reconnect: Reconnect {
                initial: ms(self.reconnect_initial_ms),
                max: ms(self.reconnect_max_ms),
                factor: self.reconnect_factor,
            },
        })
    }
}

/// `sl_socket_message_callback` and `sl_socket_state_callback` once checked for NULL (the
/// end callback is an `sl_done_callback`).
type MessageFn = unsafe extern "C" fn(*mut c_void, *const sl_socket_message);
type StateFn = unsafe extern "C" fn(*mut c_void, sl_socket_state, *const c_char, u64);

/// The C callbacks of one socket and their user data.
#[derive(Clone, Copy)]
struct Callbacks {
    on_message: MessageFn,
    on_state: Option<StateFn>,
    on_end: Option<DoneFn>,
    user_data: UserData,
}

/// What the socket's thread and its handle share.
struct Shared {
    socket: Socket,
    /// `sl_socket_close` was called: a clean end is `SL_STATUS_OK`.
    closed: AtomicBool,
    /// `sl_socket_free` was called: events still waiting are dropped, and a clean end is
    /// `SL_STATUS_CANCELLED` unless the socket was closed first.
    freed: AtomicBool,
    /// The socket has ended (set before `on_end` runs): from then on subscribing fails.
    ended: AtomicBool,
}

impl Shared {
    /// The core socket, for a request that needs it open.
    fn open_socket(&self) -> Result<&Socket, Failure> {
        if self.ended.load(Ordering::Acquire) {
            return Err(Failure::invalid("the socket has ended (its on_end has run)"));
        }
        Ok(&self.socket)
    }
}

/// What an `sl_socket` points to.
pub(crate) struct SocketHandle {
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for SocketHandle {
    /// `sl_socket_free`: closes the socket and waits until `on_end` has returned, except on
    /// the socket's own thread (inside one of its callbacks), where `on_end` runs after the
    /// current callback returns.
    fn drop(&mut self) {
        self.shared.freed.store(true, Ordering::Release);
        self.shared.socket.close();
        if let Some(thread) = self.thread.take() {
            if thread.thread().id() != std::thread::current().id() {
                let _ = thread.join();
            }
        }
    }
}

/// The socket's thread: delivers every event in order, then `on_end` exactly once.
fn deliver(shared: Arc<Shared>, callbacks: Callbacks, runtime: tokio::runtime::Handle) {
    let end = catch_unwind(AssertUnwindSafe(|| loop {
        // Waits on this thread, outside any runtime context: the callbacks below may make
        // blocking sessionlink calls.
        let event = runtime.block_on(shared.socket.next());
        let freed = shared.freed.load(Ordering::Acquire);
        match event {
            None => return Ok(()),
            Some(Err(e)) => return Err(Failure::from(e)),
            Some(Ok(_)) if freed => {}
            Some(Ok(event)) => dispatch(event, callbacks),
        }
    }));
    let end = end.unwrap_or_else(|payload| Err(Failure::panic(&*payload)));
    let end = match end {
        Ok(()) if shared.freed.load(Ordering::Acquire) && !shared.closed.load(Ordering::Acquire) => {
            Err(Failure::new(sl_status::SL_STATUS_CANCELLED, "the socket was freed (sl_socket_free)"))
        }
        other => other,
    };
    shared.ended.store(true, Ordering::Release);
    if let Some(on_end) = callbacks.on_end {
        on_end.deliver(callbacks.user_data, end);
    }
}

fn dispatch(event: SocketEvent, callbacks: Callbacks) {
    let state = |state, reason: *const c_char, retry_in_ms| {
        if let Some(on_state) = callbacks.on_state {
            on_state.invoke(callbacks.user_data, (state, reason, retry_in_ms));
        }
    };
    match event {
        SocketEvent::Message(message) => {
            let view = MessageView::new(message);
            callbacks.on_message.invoke(callbacks.user_data, (to_c_ptr::<sl_socket_message>(&view),));
        }
        SocketEvent::Connected { reconnected: false } => state(sl_socket_state::SL_SOCKET_CONNECTED, ptr::null(), 0),
        SocketEvent::Connected { reconnected: true } => state(sl_socket_state::SL_SOCKET_RECONNECTED, ptr::null(), 0),
        SocketEvent::Disconnected { reason, retry_in } => {
            let reason = to_cstring(&reason);
            let retry_in_ms = u64::try_from(retry_in.as_millis()).unwrap_or(u64::MAX);
            state(sl_socket_state::SL_SOCKET_DISCONNECTED, reason.as_ptr(), retry_in_ms);
        }
        // A kind of event added to the core later: nothing to tell C yet.
        _ => {}
    }
}

/// Opens the socket with `options` and starts its thread.
#[allow(clippy::too_many_arguments)]
fn open(
    client: &JellyfinClient,
    options: SocketOptions,
    on_message: sl_socket_message_callback,
    on_state: sl_socket_state_callback,
    on_end: sl_socket_end_callback,
    user_data: *mut c_void,
    socket_out: Out<*mut sl_socket>,
) -> Result<(), Failure> {
    let on_message = on_message.ok_or_else(|| Failure::null("on_message"))?;
    let callbacks = Callbacks { on_message, on_state, on_end, user_data: UserData::new(user_data) };
    let socket = wait(client.open_socket(options).prepare().map_err(Failure::from))?;
    let runtime = sessionlink_core::runtime::handle()?;
    let shared = Arc::new(Shared {
        socket,
        closed: AtomicBool::new(false),
        freed: AtomicBool::new(false),
        ended: AtomicBool::new(false),
    });
    let for_thread = Arc::clone(&shared);
    let thread = std::thread::Builder::new()
        .name("sessionlink-socket".to_owned())
        .spawn(move || deliver(for_thread, callbacks, runtime))
        .map_err(|e| Failure::new(sl_status::SL_STATUS_INTERNAL, format!("cannot start the socket's thread: {e}")))?;
    socket_out.write_box(SocketHandle { shared, thread: Some(thread) });
    Ok(())
}

fn socket_options(options: *const sl_socket_options) -> Result<SocketOptions, Failure> {
    match opt_ref(options) {
        Some(o) => o.to_core(),
        None => Ok(SocketOptions::default()),
    }
}

/// Opens the session's WebSocket (`ws(s)://<base URL>/socket`, authenticated as the HTTP
/// calls are; the client needs a token) and posts `options->capabilities_json` if set.
/// Blocks until the first connection is up: its failure is the return value, and then no
/// callback ever runs. From then on the callbacks run on the socket's own thread, as the
/// preamble's "Session sockets" says; later drops reconnect by themselves. `options` NULL
/// means the defaults; `on_message` is required, `on_state` and `on_end` may be NULL.
///
/// Ownership: borrows all arguments (`user_data` is passed to the callbacks until `on_end`
/// has returned); `*socket_out` is owned by the caller (`sl_socket_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_open_socket(
    client: *const sl_jellyfin_client,
    options: *const sl_socket_options,
    on_message: sl_socket_message_callback,
    on_state: sl_socket_state_callback,
    on_end: sl_socket_end_callback,
    user_data: *mut c_void,
    socket_out: *mut *mut sl_socket,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let client = try_ref(client, "client")?;
        let out = Out::required(socket_out, "socket_out")?;
        open(client, socket_options(options)?, on_message, on_state, on_end, user_data, out)
    })
}

/// Makes the client a remote-controllable session in one call: opens its socket as
/// `sl_jellyfin_open_socket` does, posting capabilities with `SupportsMediaControl` true and
/// the given playable media types (`MediaType` names) and supported commands
/// (`GeneralCommandType` names) after every (re)connect. `options->capabilities_json`, when
/// set, is the base those three fields are set on (for a `DeviceProfile`, say). The
/// `Play`, `Playstate` and `GeneralCommand` messages sent to the session then arrive at
/// `on_message`; report what plays with `sl_jellyfin_report_playback_start` and the others.
/// Arrays may be NULL when their length is 0.
///
/// Ownership: borrows all arguments (`user_data` as in `sl_jellyfin_open_socket`);
/// `*socket_out` is owned by the caller (`sl_socket_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_become_controllable(
    client: *const sl_jellyfin_client,
    playable_media_types: *const *const c_char,
    playable_media_types_len: usize,
    supported_commands: *const *const c_char,
    supported_commands_len: usize,
    options: *const sl_socket_options,
    on_message: sl_socket_message_callback,
    on_state: sl_socket_state_callback,
    on_end: sl_socket_end_callback,
    user_data: *mut c_void,
    socket_out: *mut *mut sl_socket,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let client = try_ref(client, "client")?;
        let out = Out::required(socket_out, "socket_out")?;
        let types = str_array(playable_media_types, playable_media_types_len, "playable_media_types")?;
        let commands = str_array(supported_commands, supported_commands_len, "supported_commands")?;
        let types = parse_all(types, MediaType::parse)?.unwrap_or_default();
        let commands = parse_all(commands, GeneralCommandType::parse)?.unwrap_or_default();
        let mut options = socket_options(options)?;
        // As the core's become_controllable builds them, on the caller's base if any.
        let base = options.capabilities.take().unwrap_or_else(ClientCapabilitiesDto::new);
        options.capabilities = Some(ClientCapabilitiesDto {
            playable_media_types: types,
            supported_commands: commands,
            supports_media_control: true,
            ..base
        });
        open(client, options, on_message, on_state, on_end, user_data, out)
    })
}

/// Starts `Sessions` pushes (`SessionsStart`): the server pushes the list on session events,
/// at most one per `interval_ms` (it ignores `initial_delay_ms`, and sends nothing on
/// subscribing); renewed after reconnects, and subscribing again replaces the subscription.
/// `SL_STATUS_INVALID_ARGUMENT` once the socket has ended (its `on_end` has run, or is
/// running).
///
/// Ownership: borrows `socket`.
#[no_mangle]
pub extern "C" fn sl_socket_subscribe_sessions(
    socket: *const sl_socket,
    initial_delay_ms: u32,
    interval_ms: u32,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let socket = try_ref(socket, "socket")?.shared.open_socket()?;
        let ms = |ms: u32| Duration::from_millis(ms.into());
        Ok(socket.subscribe_sessions(ms(initial_delay_ms), ms(interval_ms))?)
    })
}

/// Stops `Sessions` pushes (`SessionsStop`). `SL_STATUS_INVALID_ARGUMENT` once the socket has
/// ended (its `on_end` has run, or is running).
///
/// Ownership: borrows `socket`.
#[no_mangle]
pub extern "C" fn sl_socket_unsubscribe_sessions(socket: *const sl_socket, err: *mut *mut sl_error) -> sl_status {
    ffi_boundary!(err, { Ok(try_ref(socket, "socket")?.shared.open_socket()?.unsubscribe_sessions()?) })
}

/// Closes the socket cleanly (a WebSocket close); returns at once. Events already received
/// are still delivered, then `on_end` runs with `SL_STATUS_OK`, on the socket's thread.
/// Closing again, or after the socket ended, does nothing. May be called from any thread,
/// inside the socket's callbacks too.
///
/// Ownership: borrows `socket`.
#[no_mangle]
pub extern "C" fn sl_socket_close(socket: *const sl_socket, err: *mut *mut sl_error) -> sl_status {
    ffi_boundary!(err, {
        let shared = &try_ref(socket, "socket")?.shared;
        shared.closed.store(true, Ordering::Release);
        shared.socket.close();
        Ok(())
    })
}

/// Frees a socket, closing it first if it is open (`on_end` then gets `SL_STATUS_CANCELLED`,
/// or `SL_STATUS_OK` after `sl_socket_close`); events not delivered yet are dropped. Waits
/// until `on_end` has returned, so that no callback runs after this returns and `user_data`
/// may be freed (a reconnect attempt in progress is let finish first, within the transport's
/// timeouts). Inside one of the socket's own callbacks it cannot wait: `on_end` then runs
/// right after that callback returns. NULL is a no-op.
///
/// Ownership: takes `socket`; no other thread may use it during or after this call.
#[no_mangle]
pub extern "C" fn sl_socket_free(socket: *mut sl_socket) {
    ffi_boundary!({ free_box(socket) })
}
