//! `sl_set_log_callback`: the core's `log` records, handed to a C callback.
//!
//! The records are the ones Rust and Python users get (the core writes them, with the
//! credentials already scrubbed); this module only filters them as the Python binding does
//! (sessionlink's own targets up to the chosen level, dependencies' only from `WARN`) and
//! converts them to C strings.

use std::cell::Cell;
use std::ffi::CString;
use std::os::raw::{c_char, c_int, c_void};
use std::sync::{OnceLock, RwLock};

use sessionlink_core::logging::is_sessionlink_target;

use crate::error::sl_error;
use crate::failure::Failure;
use crate::ffi::{CallbackFn, UserData};
use crate::status::sl_status;

/// The level of a log record, and the most detailed level `sl_set_log_callback` delivers.
/// The numbers are stable.
///
/// Functions:
/// - `sl_set_log_callback`: sends the library's log records to a callback, or stops.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum sl_log_level {
    /// No records (as a `max_level`).
    SL_LOG_OFF = 0,
    SL_LOG_ERROR = 1,
    SL_LOG_WARN = 2,
    SL_LOG_INFO = 3,
    /// Each request's route, status and time; retries; socket drops.
    SL_LOG_DEBUG = 4,
    SL_LOG_TRACE = 5,
}

/// Receives one log record: its level, its target (`sessionlink::transport`,
/// `sessionlink::socket`, `sessionlink::g4`, or a dependency's, such as `rustls::...`) and its
/// message. Both strings are borrowed for the duration of the callback.
pub type sl_log_callback = Option<
    unsafe extern "C" fn(user_data: *mut c_void, level: sl_log_level, target: *const c_char, message: *const c_char),
>;

/// The function of an `sl_log_callback`.
type LogFn = unsafe extern "C" fn(*mut c_void, sl_log_level, *const c_char, *const c_char);

struct Sink {
    callback: LogFn,
    user_data: UserData,
    max: log::LevelFilter,
}

/// The installed callback. Records are delivered under the read lock, so that replacing the
/// callback (the write lock) waits for the calls in progress: after `sl_set_log_callback`
/// returns, the previous callback is neither running nor called again.
static SINK: RwLock<Option<Sink>> = RwLock::new(None);

thread_local! {
    /// Set while this thread runs the callback: records it causes are dropped (no recursion,
    /// and no second read lock on a thread that already holds one).
    static IN_CALLBACK: Cell<bool> = const { Cell::new(false) };
}

/// Dependencies' records below this level are left out, as in the Python binding.
const DEPENDENCY_MAX: log::LevelFilter = log::LevelFilter::Warn;

fn level_filter(level: c_int) -> Option<log::LevelFilter> {
    Some(match level {
        0 => log::LevelFilter::Off,
        1 => log::LevelFilter::Error,
        2 => log::LevelFilter::Warn,
        3 => log::LevelFilter::Info,
        4 => log::LevelFilter::Debug,
        5 => log::LevelFilter::Trace,
        _ => return None,
    })
}

fn c_level(level: log::Level) -> sl_log_level {
    match level {
        log::Level::Error => sl_log_level::SL_LOG_ERROR,
        log::Level::Warn => sl_log_level::SL_LOG_WARN,
        log::Level::Info => sl_log_level::SL_LOG_INFO,
        log::Level::Debug => sl_log_level::SL_LOG_DEBUG,
        log::Level::Trace => sl_log_level::SL_LOG_TRACE,
    }
}

fn wanted(max: log::LevelFilter, metadata: &log::Metadata<'_>) -> bool {
    let max = if is_sessionlink_target(metadata.target()) { max } else { max.min(DEPENDENCY_MAX) };
    metadata.level() <= max
}

/// A C string of a message, with an embedded NUL (server text may hold one) written as `\0`
/// rather than ending the message there.
fn c_text(text: &str) -> CString {
    CString::new(text.replace('\0', "\\0")).unwrap_or_default()
}

struct CLogger;

impl log::Log for CLogger {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        wanted(log::max_level(), metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if IN_CALLBACK.with(Cell::get) {
            return;
        }
        let sink = SINK.read().unwrap_or_else(|poisoned| poisoned.into_inner());
        let Some(sink) = sink.as_ref().filter(|sink| wanted(sink.max, record.metadata())) else { return };
        let target = c_text(record.target());
        let message = c_text(&record.args().to_string());
        IN_CALLBACK.with(|c| c.set(true));
        sink.callback.invoke(sink.user_data, (c_level(record.level()), target.as_ptr(), message.as_ptr()));
        IN_CALLBACK.with(|c| c.set(false));
    }

    fn flush(&self) {}
}

static LOGGER: CLogger = CLogger;

fn set(callback: sl_log_callback, user_data: *mut c_void, max_level: c_int) -> Result<(), Failure> {
    let max = level_filter(max_level)
        .ok_or_else(|| Failure::invalid(format!("max_level must be an sl_log_level (0 to 5), not {max_level}")))?;
    if IN_CALLBACK.with(Cell::get) {
        return Err(Failure::new(
            sl_status::SL_STATUS_WOULD_DEADLOCK,
            "sl_set_log_callback was called inside the log callback, which it would wait for",
        ));
    }
    // Installed once per process; fails only if something else in this process installed a
    // `log` logger first (a Rust program linking this crate), which then keeps the records.
    static INSTALLED: OnceLock<bool> = OnceLock::new();
    if !*INSTALLED.get_or_init(|| log::set_logger(&LOGGER).is_ok()) {
        return Err(Failure::new(
            sl_status::SL_STATUS_INTERNAL,
            "another log implementation is installed in this process; it receives sessionlink's records",
        ));
    }
    let mut sink = SINK.write().unwrap_or_else(|poisoned| poisoned.into_inner());
    *sink = match callback {
        Some(callback) if max != log::LevelFilter::Off => {
            Some(Sink { callback, user_data: UserData::new(user_data), max })
        }
        _ => None,
    };
    log::set_max_level(sink.as_ref().map_or(log::LevelFilter::Off, |s| s.max));
    Ok(())
}

/// Sends the library's log records to `callback`, replacing the previous callback, or stops
/// them when `callback` is NULL or `max_level` is `SL_LOG_OFF`.
///
/// `max_level` (an `sl_log_level`) is the most detailed level delivered for sessionlink's own
/// records; other libraries' records (TLS, WebSocket) are delivered from `SL_LOG_WARN` up. The
/// records, and their targets, are those of the Rust crate's `log` records (see the guide's
/// Rust page); none contains a credential: tokens, passwords, API keys and G4 session ids
/// are replaced by `***`, also where a server echoes them.
///
/// Threads: the callback runs on the thread that logs the record (a library thread, or the
/// thread of a blocking call), possibly on several threads at once: it must be thread-safe,
/// and quick, since the operation that logs waits for it. It must
/// not call sessionlink functions: records it would cause on its own thread are dropped, and
/// `sl_set_log_callback` from inside it returns `SL_STATUS_WOULD_DEADLOCK`. When this
/// function returns, no call of the previous callback is running or will start, so its
/// `user_data` may be freed.
///
/// Errors: `SL_STATUS_INVALID_ARGUMENT` for a `max_level` outside `sl_log_level`;
/// `SL_STATUS_INTERNAL` when another Rust `log` implementation was installed in this process
/// first (only possible when the library is linked into a Rust program).
///
/// Ownership: borrows `user_data` until the callback is replaced or stopped (it is only
/// passed back to the callback, never dereferenced).
#[no_mangle]
pub extern "C" fn sl_set_log_callback(
    callback: sl_log_callback,
    user_data: *mut c_void,
    max_level: c_int,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, { set(callback, user_data, max_level) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metadata(target: &str, level: log::Level) -> log::Metadata<'_> {
        log::Metadata::builder().target(target).level(level).build()
    }

    #[test]
    fn own_records_up_to_the_level_dependencies_from_warn() {
        let debug = log::LevelFilter::Debug;
        assert!(wanted(debug, &metadata("sessionlink::transport", log::Level::Debug)));
        assert!(!wanted(debug, &metadata("sessionlink::transport", log::Level::Trace)));
        assert!(!wanted(debug, &metadata("rustls::client", log::Level::Debug)));
        assert!(wanted(debug, &metadata("rustls::client", log::Level::Warn)));
        assert!(!wanted(log::LevelFilter::Error, &metadata("rustls::client", log::Level::Warn)));
        assert!(!wanted(log::LevelFilter::Off, &metadata("sessionlink::g4", log::Level::Error)));
    }

    #[test]
    fn levels_are_the_log_crates_numbers() {
        for level in log::Level::iter() {
            assert_eq!(c_level(level) as usize, level as usize);
            assert_eq!(level_filter(level as c_int), Some(level.to_level_filter()));
        }
        assert_eq!(level_filter(0), Some(log::LevelFilter::Off));
        assert_eq!(level_filter(6), None);
        assert_eq!(level_filter(-1), None);
    }

    #[test]
    fn a_nul_in_a_message_does_not_end_it() {
        assert_eq!(c_text("a\0b").to_str().unwrap(), "a\\0b");
    }
}
