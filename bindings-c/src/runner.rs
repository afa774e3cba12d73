//! The two runners every operation goes through: [`run`] (blocking, on the caller's thread)
//! and [`submit`] (async, with a callback), and `sl_op`, the handle that cancels a submitted
//! operation.
//!
//! Both take a [`Prepared`] call: its arguments were checked and its request built, without
//! I/O, before the runner starts. So an argument error is always the return value of the
//! export, for the `_async` exports by construction, and the callback then never runs.

use std::future::Future;
use std::os::raw::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::pin::Pin;
use std::ptr;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};

use sessionlink_core::runtime::block_on;
use sessionlink_core::Prepared;

use crate::error::{sl_error, ErrorDetails};
use crate::failure::Failure;
use crate::ffi::{free_box, to_box_ptr, to_c_ptr, try_ref, CallbackFn, Castable, Out, Owned, UserData};
use crate::status::sl_status;

/// What every operation's conversion from C arguments returns.
pub(crate) type Prep<T> = Result<Prepared<T>, Failure>;

/// Where a blocking call puts its result.
pub(crate) trait OutParam<T> {
    fn put(self, value: T);
}

/// Operations without a result.
impl OutParam<()> for () {
    fn put(self, (): ()) {}
}

/// A new object the caller owns, converted from the core's result.
impl<T, C> OutParam<T> for Out<*mut C>
where
    C: Castable<Ownership = Owned>,
    C::RustType: From<T>,
{
    fn put(self, value: T) {
        self.write_box(value.into());
    }
}

/// An out parameter the caller may leave NULL.
impl<T, P: OutParam<T>> OutParam<T> for Option<P> {
    fn put(self, value: T) {
        if let Some(out) = self {
            out.put(value);
        }
    }
}

/// Sends a prepared call and waits for it on this thread (`SL_STATUS_WOULD_DEADLOCK` on a
/// library thread), then writes the result to `out`.
pub(crate) fn run<T: Send + 'static>(prepared: Prep<T>, out: impl OutParam<T>) -> Result<(), Failure> {
    out.put(wait(prepared)?);
    Ok(())
}

/// Sends a prepared call and waits for its value on this thread.
pub(crate) fn wait<T: Send + 'static>(prepared: Prep<T>) -> Result<T, Failure> {
    Ok(block_on(prepared?.send())?)
}

/// The callback of an operation without a result object (`sl_done_callback`), and of a
/// socket's end.
pub(crate) type DoneFn = unsafe extern "C" fn(*mut c_void, sl_status, *const sl_error);

/// The callback of an operation with a result object `C`.
pub(crate) type ResultFn<C> = unsafe extern "C" fn(*mut c_void, sl_status, *mut C, *const sl_error);

/// A C callback that receives an operation's outcome, exactly once.
pub(crate) trait Callback<T>: Send + 'static {
    fn deliver(self, user_data: UserData, result: Result<T, Failure>);
}

/// `sl_done_callback`: no result object.
impl Callback<()> for DoneFn {
    fn deliver(self, user_data: UserData, result: Result<(), Failure>) {
        match result {
            Ok(()) => self.invoke(user_data, (sl_status::SL_STATUS_OK, ptr::null())),
            Err(failure) => {
                let error = ErrorDetails::from(failure);
                self.invoke(user_data, (error.status, to_c_ptr::<sl_error>(&error)));
            }
        }
    }
}

/// The typed callbacks (`sl_session_list_callback`...): the callback owns the new object.
impl<T, C> Callback<T> for ResultFn<C>
where
    C: Castable<Ownership = Owned> + 'static,
    C::RustType: From<T>,
{
    fn deliver(self, user_data: UserData, result: Result<T, Failure>) {
        match result {
            Ok(value) => {
                let object = to_box_ptr::<C>(value.into());
                self.invoke(user_data, (sl_status::SL_STATUS_OK, object, ptr::null()));
            }
            Err(failure) => {
                let error = ErrorDetails::from(failure);
                self.invoke(user_data, (error.status, ptr::null_mut(), to_c_ptr::<sl_error>(&error)));
            }
        }
    }
}

/// Starts a prepared call on the SDK runtime; `callback` runs exactly once on a runtime
/// thread, never inside this function: with the outcome, or with `SL_STATUS_CANCELLED`
/// after `sl_op_cancel`. The request holds its own clone of the client's state, so freeing
/// the client does not stop it.
pub(crate) fn submit<T, F>(
    prepared: Prep<T>,
    callback: Option<F>,
    user_data: *mut c_void,
    op_out: *mut *mut sl_op,
) -> Result<(), Failure>
where
    T: Send + 'static,
    F: Callback<T>,
{
    let callback = callback.ok_or_else(|| Failure::null("callback"))?;
    let prepared = prepared?;
    let op_out = Out::optional(op_out);
    let handle = sessionlink_core::runtime::handle()?;
    let user_data = UserData::new(user_data);
    // Whoever takes the delivery out of the slot (the request finishing, or a cancel) is the
    // one that runs it: that is what makes the callback run exactly once.
    let slot = Arc::new(Mutex::new(Some(move |result: Result<T, Failure>| callback.deliver(user_data, result))));
    let task_slot = Arc::clone(&slot);
    let task = handle.spawn(async move {
        let result = CatchUnwind(Box::pin(prepared.send())).await;
        if let Some(deliver) = take(&task_slot) {
            deliver(result);
        }
    });
    if let Some(out) = op_out {
        let abort = task.abort_handle();
        let cancel = move || {
            if let Some(deliver) = take(&slot) {
                abort.abort();
                // Never inside `sl_op_cancel`: the caller may hold a lock its callback takes.
                handle.spawn(async move { deliver(Err(Failure::cancelled_in_flight())) });
            }
        };
        out.write_box(Op { cancel: Box::new(cancel) });
    }
    Ok(())
}

fn take<D>(slot: &Mutex<Option<D>>) -> Option<D> {
    slot.lock().unwrap_or_else(|poisoned| poisoned.into_inner()).take()
}

/// Turns a panic inside the request into a failure, so that the callback still runs once.
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

/// Receives the outcome of an `_async` operation without a result object: `error` is NULL on
/// `SL_STATUS_OK`, otherwise borrowed for the duration of the callback.
pub type sl_done_callback =
    Option<unsafe extern "C" fn(user_data: *mut c_void, status: sl_status, error: *const sl_error)>;

/// An async operation in flight. Thread-safe. Freeing it does not cancel the operation.
///
/// Functions:
/// - `sl_op_cancel`: cancels the operation; its callback gets `SL_STATUS_CANCELLED`.
/// - `sl_op_free`.
pub struct sl_op {
    _private: [u8; 0],
}

impl Castable for sl_op {
    type Ownership = Owned;
    type RustType = Op;
}

pub(crate) struct Op {
    cancel: Box<dyn Fn() + Send + Sync>,
}

/// Cancels an operation: if its callback has not started yet, the request is dropped (its
/// connection closed) and the callback runs once with `SL_STATUS_CANCELLED`, on a library
/// thread, soon after this call returns. If the operation already completed, nothing
/// happens. Either way the result is `SL_STATUS_OK`; the callback tells which happened.
/// May be called from inside a callback.
///
/// Ownership: borrows `op`.
#[no_mangle]
pub extern "C" fn sl_op_cancel(op: *const sl_op, err: *mut *mut sl_error) -> sl_status {
    ffi_boundary!(err, {
        (try_ref(op, "op")?.cancel)();
        Ok(())
    })
}

/// Frees an operation handle. It does not cancel the operation: the callback still runs.
/// NULL is a no-op.
///
/// Ownership: takes `op`.
#[no_mangle]
pub extern "C" fn sl_op_free(op: *mut sl_op) {
    ffi_boundary!({ free_box(op) })
}
