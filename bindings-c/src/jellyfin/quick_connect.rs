//! `sl_jellyfin_quick_connect` and its `_async` twin: Quick Connect in one call, the code
//! handed to a callback. Written by hand (tools/gen `HAND_WRITTEN`): the flow is core's
//! `quick_connect`; this file converts the arguments and the code.

use std::ffi::CString;
use std::os::raw::{c_char, c_void};
use std::time::Duration;

use sessionlink_core::jellyfin::{quick_connect, QuickConnectPending, QuickConnectWait};

use super::{sl_auth_result, sl_auth_result_callback, sl_jellyfin_client};
use crate::error::{sl_error, Failure};
use crate::ffi::{try_ref, CallbackFn, Out, UserData};
use crate::runner::{run, sl_op, submit, Prep};
use crate::status::sl_status;

/// Receives the Quick Connect code to show (six digits), once, before the polling starts.
/// `code` is borrowed for the duration of the callback. It runs on a library thread: it must
/// not call blocking sessionlink functions (they fail with `SL_STATUS_WOULD_DEADLOCK`); it
/// may call `sl_op_cancel`.
pub type sl_quick_connect_code_callback = Option<unsafe extern "C" fn(user_data: *mut c_void, code: *const c_char)>;

type CodeFn = unsafe extern "C" fn(*mut c_void, *const c_char);

fn flow(
    client: *const sl_jellyfin_client,
    timeout_ms: u32,
    poll_interval_ms: u32,
    on_code: sl_quick_connect_code_callback,
    user_data: *mut c_void,
) -> Prep<sessionlink_core::jellyfin::models::AuthenticationResult> {
    let client = try_ref(client, "client")?;
    let on_code: CodeFn = on_code.ok_or_else(|| Failure::null("on_code"))?;
    let mut options = QuickConnectWait::default();
    if timeout_ms > 0 {
        options.timeout = Duration::from_millis(timeout_ms.into());
    }
    if poll_interval_ms > 0 {
        options.poll_interval = Duration::from_millis(poll_interval_ms.into());
    }
    let user_data = UserData::new(user_data);
    let deliver = move |pending: &QuickConnectPending| {
        // Six digits from the server; a NUL inside would be a hostile server's, shown cut.
        let code = CString::new(pending.code().replace('\0', "")).unwrap_or_default();
        on_code.invoke(user_data, (code.as_ptr(),));
    };
    Ok(quick_connect(client, options, deliver).prepare()?)
}

/// Logs in with Quick Connect in one call: `POST /QuickConnect/Initiate`, then `on_code` with the code to
/// show, then `GET /QuickConnect/Connect` every `poll_interval_ms` (0: every 5 s) until a
/// signed-in user approved the code, then `POST /Users/AuthenticateWithQuickConnect`; the
/// client keeps the token and user id. Blocks until then. Errors:
/// `SL_STATUS_UNAUTHORIZED` (Quick Connect is turned off on the server),
/// `SL_STATUS_NOT_FOUND` (the code expired), `SL_STATUS_TIMEOUT` (no approval within
/// `timeout_ms`; 0: 10 minutes, the code's lifetime). To cancel, use the `_async` form and
/// `sl_op_cancel`.
///
/// Arguments:
/// - `timeout_ms`, `poll_interval_ms`: milliseconds; 0 takes the default.
/// - `on_code`: receives the code once, on a library thread (see
///   `sl_quick_connect_code_callback`); `user_data` is passed to it.
///
/// Ownership: borrows all arguments; `*result_out` (`result_out` may be NULL) is owned by the
/// caller (`sl_auth_result_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_quick_connect(
    client: *const sl_jellyfin_client,
    timeout_ms: u32,
    poll_interval_ms: u32,
    on_code: sl_quick_connect_code_callback,
    user_data: *mut c_void,
    result_out: *mut *mut sl_auth_result,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        run(flow(client, timeout_ms, poll_interval_ms, on_code, user_data), Out::optional(result_out))
    })
}

/// Async `sl_jellyfin_quick_connect`: returns at once; `on_code` and then `callback` run on
/// library threads, both with `user_data`. `sl_op_cancel` stops the flow wherever it is (the
/// polling included); `callback` then gets `SL_STATUS_CANCELLED`.
///
/// Ownership: borrows all arguments; the callback owns the result (`sl_auth_result_free`).
#[no_mangle]
pub extern "C" fn sl_jellyfin_quick_connect_async(
    client: *const sl_jellyfin_client,
    timeout_ms: u32,
    poll_interval_ms: u32,
    on_code: sl_quick_connect_code_callback,
    callback: sl_auth_result_callback,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        submit(flow(client, timeout_ms, poll_interval_ms, on_code, user_data), callback, user_data, op_out)
    })
}
