//! The one panic boundary every export goes through: a panic must never unwind into C (that
//! is undefined behaviour), so it becomes `SL_STATUS_PANIC`, or a neutral value for the few
//! exports that do not return a status.

use crate::status::sl_status;

/// What an export returns when its body panicked.
pub(crate) trait PanicValue {
    fn panic_value() -> Self;
}

impl PanicValue for sl_status {
    fn panic_value() -> Self {
        sl_status::SL_STATUS_PANIC
    }
}

impl PanicValue for () {
    fn panic_value() -> Self {}
}

impl PanicValue for bool {
    fn panic_value() -> Self {
        false
    }
}

impl PanicValue for usize {
    fn panic_value() -> Self {
        0
    }
}

impl PanicValue for i32 {
    fn panic_value() -> Self {
        0
    }
}

/// The only `i64` export, `sl_error_retry_after_ms`, says -1 for "no value".
impl PanicValue for i64 {
    fn panic_value() -> Self {
        -1
    }
}

impl PanicValue for u16 {
    fn panic_value() -> Self {
        0
    }
}

impl<T> PanicValue for *const T {
    fn panic_value() -> Self {
        std::ptr::null()
    }
}

impl<T> PanicValue for *mut T {
    fn panic_value() -> Self {
        std::ptr::null_mut()
    }
}

/// Text of a caught panic, for the `sl_error` message.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let what = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_owned());
    format!("sessionlink panicked (this is a bug in sessionlink): {what}")
}

/// Runs an export's body behind the panic boundary.
///
/// - `ffi_boundary!({ expr })`: the body's value is returned; a panic returns the type's
///   [`PanicValue`].
/// - `ffi_boundary!(err, { ... })`: the body returns `Result<(), Failure>`; the result
///   becomes an `sl_status`, and a failure (including a panic) is written to `*err` when
///   `err` is not NULL.
macro_rules! ffi_boundary {
    ($body:block) => {
        match ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(|| $body)) {
            Ok(value) => value,
            Err(_) => $crate::boundary::PanicValue::panic_value(),
        }
    };
    ($err:expr, $body:block) => {{
        let err: *mut *mut $crate::error::sl_error = $err;
        let result = ::std::panic::catch_unwind(::std::panic::AssertUnwindSafe(
            || -> ::std::result::Result<(), $crate::error::Failure> { $body },
        ));
        let result = result.unwrap_or_else(|payload| Err($crate::error::Failure::panic(&*payload)));
        $crate::error::report(result, err)
    }};
}
