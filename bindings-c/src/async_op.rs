//! Callback-based async operations and `sl_op`, the handle that cancels one.
//!
//! Contract (every `*_async` export): argument errors are the return value and the callback
//! then never runs; otherwise the callback runs exactly once, never inside the submitting
//! call, on a library thread: with the result, with the error, with `SL_STATUS_CANCELLED`
//! after `sl_op_cancel`, and also when the client is freed while the request is in flight.
//!
//! To make the core's own argument checks (empty ids, malformed GUIDs, control characters)
//! synchronous errors too, the request is polled once on the submitting thread before it is
//! handed to the runtime: the core validates before its first await on I/O.

use std::future::Future;
use std::os::raw::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::ptr;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

use crate::error::{sl_error, Failure};
use crate::status::sl_status;

/// An async operation in flight. Owned by the caller once written to an `sl_op **` out
/// parameter; freed with `sl_op_free` (freeing does not cancel). Thread-safe.
pub struct sl_op {
    cancel: Box<dyn Fn() + Send + Sync>,
}

/// Called when an operation without a result value completes. `error` is NULL on
/// `SL_STATUS_OK`, otherwise borrowed for the duration of the callback only.
pub type sl_done_callback =
    Option<unsafe extern "C" fn(user_data: *mut c_void, status: sl_status, error: *const sl_error)>;

/// The user data pointer, passed back untouched to the callback on another thread; the
/// caller is responsible for its thread-safety (documented on every `_async` export).
struct UserData(*mut c_void);
// SAFETY: sessionlink never dereferences it; it only hands it back to the caller's callback.
unsafe impl Send for UserData {}

impl UserData {
    fn get(&self) -> *mut c_void {
        self.0
    }
}

/// The delivery of an operation that produces a result object: ownership of the object
/// passes to the callback on success.
pub(crate) fn deliver_result<T: Send + 'static, R: 'static>(
    callback: unsafe extern "C" fn(*mut c_void, sl_status, *mut R, *const sl_error),
    user_data: *mut c_void,
    wrap: fn(T) -> *mut R,
) -> impl FnOnce(Result<T, Failure>) + Send + 'static {
    let user_data = UserData(user_data);
    move |result| match result {
        // SAFETY: the callback's contract is the caller's; the result is a fresh object.
        Ok(value) => unsafe { callback(user_data.get(), sl_status::SL_STATUS_OK, wrap(value), ptr::null()) },
        Err(failure) => {
            let error = failure.into_error();
            let status = error_status(&error);
            // SAFETY: `error` lives until the callback returns, as documented.
            unsafe { callback(user_data.get(), status, ptr::null_mut(), &error) }
        }
    }
}

/// The delivery of an operation without a result object.
pub(crate) fn deliver_done(
    callback: unsafe extern "C" fn(*mut c_void, sl_status, *const sl_error),
    user_data: *mut c_void,
) -> impl FnOnce(Result<(), Failure>) + Send + 'static {
    let user_data = UserData(user_data);
    move |result| match result {
        // SAFETY: the callback's contract is the caller's.
        Ok(()) => unsafe { callback(user_data.get(), sl_status::SL_STATUS_OK, ptr::null()) },
        Err(failure) => {
            let error = failure.into_error();
            let status = error_status(&error);
            // SAFETY: `error` lives until the callback returns, as documented.
            unsafe { callback(user_data.get(), status, &error) }
        }
    }
}

fn error_status(error: &sl_error) -> sl_status {
    crate::error::sl_error_status(error)
}

/// A required callback argument.
pub(crate) fn required<C>(callback: Option<C>) -> Result<C, Failure> {
    callback.ok_or_else(|| Failure::null("callback"))
}

/// Turns a panic inside the request into a result, so that the callback still runs once.
struct CatchUnwind<F>(Pin<Box<F>>);

impl<T, F: Future<Output = sessionlink_core::Result<T>>> Future for CatchUnwind<F> {
    type Output = Result<T, Failure>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = &mut self.0;
        match catch_unwind(AssertUnwindSafe(|| inner.as_mut().poll(cx))) {
            Ok(Poll::Ready(result)) => Poll::Ready(result.map_err(Failure::from)),
            Ok(Poll::Pending) => Poll::Pending,
            Err(payload) => Poll::Ready(Err(Failure::panic(&*payload))),
        }
    }
}

/// Starts `request` and arranges for `deliver` to run exactly once on a runtime thread.
/// Returns an argument error instead (and drops `deliver` unrun) when the request fails
/// its checks before any I/O.
pub(crate) fn submit<T, F, D>(request: F, deliver: D, op_out: *mut *mut sl_op) -> Result<(), Failure>
where
    T: Send + 'static,
    F: Future<Output = sessionlink_core::Result<T>> + Send + 'static,
    D: FnOnce(Result<T, Failure>) + Send + 'static,
{
    let handle = sessionlink_core::runtime::handle()?;
    let mut request = CatchUnwind(Box::pin(request));
    let first = {
        let _runtime = handle.enter();
        match Pin::new(&mut request).poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(Err(f))
                if matches!(
                    f.status,
                    sl_status::SL_STATUS_INVALID_ARGUMENT | sl_status::SL_STATUS_FORKED | sl_status::SL_STATUS_PANIC
                ) =>
            {
                return Err(f)
            }
            Poll::Ready(result) => Some(result),
            Poll::Pending => None,
        }
    };
    // Whoever takes `deliver` out of the slot (the request finishing, or a cancel) is the one
    // that runs it: that is what makes the callback run exactly once.
    let slot = Arc::new(Mutex::new(Some(deliver)));
    let task_slot = Arc::clone(&slot);
    let task = handle.spawn(async move {
        let result = match first {
            Some(result) => result,
            None => request.await,
        };
        let deliver = task_slot.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(deliver) = deliver {
            deliver(result);
        }
    });
    if !op_out.is_null() {
        let abort = task.abort_handle();
        let cancel = move || {
            let deliver = slot.lock().unwrap_or_else(|p| p.into_inner()).take();
            if let Some(deliver) = deliver {
                abort.abort();
                // Never inside `sl_op_cancel`: the caller may hold a lock its callback takes.
                handle.spawn(async move { deliver(Err(sessionlink_core::Error::cancelled().into())) });
            }
        };
        // SAFETY: `op_out` is a writable `sl_op **` per the export's documentation.
        unsafe { *op_out = Box::into_raw(Box::new(sl_op { cancel: Box::new(cancel) })) };
    }
    Ok(())
}

/// Cancels an operation: if its callback has not started yet, the request is dropped (its
/// connection closed) and the callback runs once with `SL_STATUS_CANCELLED`, on a library
/// thread, soon after this call returns. If the operation already completed, nothing
/// happens. Either way the result is `SL_STATUS_OK`; the callback tells which happened.
///
/// Ownership: borrows `op`. Thread-safe; may be called from inside a callback.
#[no_mangle]
pub extern "C" fn sl_op_cancel(op: *const sl_op, err: *mut *mut sl_error) -> sl_status {
    ffi_boundary!(err, {
        // SAFETY: NULL or a live operation handle.
        let op = unsafe { crate::strings::handle(op, "op") }?;
        (op.cancel)();
        Ok(())
    })
}

/// Frees an operation handle. It does not cancel the operation: the callback still runs.
/// NULL is a no-op.
///
/// Ownership: takes `op`; it must not be used again.
#[no_mangle]
pub extern "C" fn sl_op_free(op: *mut sl_op) {
    ffi_boundary!({
        if !op.is_null() {
            // SAFETY: made by `Box::into_raw` in `submit`, freed once.
            drop(unsafe { Box::from_raw(op) });
        }
    })
}
