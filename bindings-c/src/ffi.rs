//! Every use of a raw pointer that C hands us, in one place: handles (through [`Castable`]),
//! strings, arrays, optional values, out parameters, and calls of C callbacks. This is where
//! the crate's `unsafe` lives; exports and conversions only call these functions.
//!
//! As in rustls-ffi, these are safe functions over raw pointers. Each pointer comes straight
//! from a C caller, and what it points to is the header's contract with that caller: NULL or
//! a live object of the named type, a NUL-terminated string, an array of the given length, a
//! writable location. NULL is always checked here; the rest cannot be checked, only stated
//! once (the header preamble) and relied on here.

use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_void};
use std::ptr::NonNull;

use crate::failure::Failure;
use crate::status::sl_status;

/// C owns the handle and frees it with its `_free` function: a `Box` of the Rust type.
pub(crate) struct Owned;

/// C only borrows the pointer, from another object or from its own memory.
pub(crate) struct Borrowed;

/// Ties a C type to the Rust type behind its pointers and to how C holds them, so that every
/// cast between the two goes through the functions below (never an `as` in an export) and an
/// `Owned` type cannot be confused with a `Borrowed` one.
pub(crate) trait Castable {
    /// [`Owned`] or [`Borrowed`].
    type Ownership;
    type RustType;
}

/// Borrows a required handle argument; NULL is `SL_STATUS_NULL_ARGUMENT` naming `name`.
pub(crate) fn try_ref<'a, C: Castable>(ptr: *const C, name: &str) -> Result<&'a C::RustType, Failure> {
    opt_ref(ptr).ok_or_else(|| Failure::null(name))
}

/// Borrows a handle, for the accessors that answer NULL with a neutral value.
pub(crate) fn opt_ref<'a, C: Castable>(ptr: *const C) -> Option<&'a C::RustType> {
    // SAFETY: NULL or a live `C`, whose pointers always point to a `C::RustType`.
    unsafe { ptr.cast::<C::RustType>().as_ref() }
}

/// A pointer C may borrow to a value that stays owned elsewhere (a session in its list, an
/// error during a callback).
pub(crate) fn to_c_ptr<C: Castable>(value: &C::RustType) -> *const C {
    (value as *const C::RustType).cast()
}

/// Hands a new object to C, which frees it with the type's `_free` function.
pub(crate) fn to_box_ptr<C: Castable<Ownership = Owned>>(value: C::RustType) -> *mut C {
    Box::into_raw(Box::new(value)).cast()
}

/// The body of every `_free` function of an owned handle. NULL is a no-op.
pub(crate) fn free_box<C: Castable<Ownership = Owned>>(ptr: *mut C) {
    if !ptr.is_null() {
        // SAFETY: made by `to_box_ptr::<C>` and not freed before (the caller's contract).
        drop(unsafe { Box::from_raw(ptr.cast::<C::RustType>()) });
    }
}

/// An optional string argument: NULL is `None`. The name goes into the error message, the
/// value never does (it may be a password).
pub(crate) fn opt_str<'a>(ptr: *const c_char, name: &str) -> Result<Option<&'a str>, Failure> {
    if ptr.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL, so a NUL-terminated string valid for the call.
    let bytes = unsafe { CStr::from_ptr(ptr) }.to_bytes();
    std::str::from_utf8(bytes).map(Some).map_err(|e| {
        Failure::new(
            sl_status::SL_STATUS_INVALID_UTF8,
            format!("{name} is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
    })
}

/// A required string argument.
pub(crate) fn req_str<'a>(ptr: *const c_char, name: &str) -> Result<&'a str, Failure> {
    opt_str(ptr, name)?.ok_or_else(|| Failure::null(name))
}

/// An optional string argument, copied.
pub(crate) fn opt_string(ptr: *const c_char, name: &str) -> Result<Option<String>, Failure> {
    Ok(opt_str(ptr, name)?.map(str::to_owned))
}

/// An array of `len` strings. `items == NULL` with `len == 0` is absent (`None`); a non-NULL
/// array of length 0 is an empty list; NULL elements are refused by index.
pub(crate) fn str_array(items: *const *const c_char, len: usize, name: &str) -> Result<Option<Vec<String>>, Failure> {
    if items.is_null() {
        return if len == 0 { Ok(None) } else { Err(Failure::null(name)) };
    }
    // SAFETY: non-NULL, so `len` string pointers valid for the call.
    let raw = unsafe { std::slice::from_raw_parts(items, len) };
    let strings = raw.iter().enumerate().map(|(i, &p)| req_str(p, &format!("{name}[{i}]")).map(str::to_owned));
    strings.collect::<Result<Vec<_>, _>>().map(Some)
}

/// An optional number or flag, passed by pointer: NULL is `None`.
pub(crate) fn opt_value<T: Copy>(ptr: *const T) -> Option<T> {
    // SAFETY: NULL or a readable `T` for the call.
    unsafe { ptr.as_ref() }.copied()
}

/// Frees a string made by [`CString::into_raw`] in this crate. NULL is a no-op.
pub(crate) fn free_c_string(ptr: *mut c_char) {
    if !ptr.is_null() {
        // SAFETY: made by `CString::into_raw` here and not freed before (the caller's contract).
        drop(unsafe { CString::from_raw(ptr) });
    }
}

/// An out parameter: checked for NULL before anything is done, written once, only on success.
pub(crate) struct Out<T>(NonNull<T>);

impl<T> Out<T> {
    pub(crate) fn required(ptr: *mut T, name: &str) -> Result<Self, Failure> {
        NonNull::new(ptr).map(Out).ok_or_else(|| Failure::null(name))
    }

    /// An out parameter the caller may leave NULL when it does not want the value.
    pub(crate) fn optional(ptr: *mut T) -> Option<Self> {
        NonNull::new(ptr).map(Out)
    }

    pub(crate) fn write(self, value: T) {
        // SAFETY: non-NULL and writable for a `T`; `write` because it may be uninitialised.
        unsafe { self.0.as_ptr().write(value) }
    }
}

impl<C: Castable<Ownership = Owned>> Out<*mut C> {
    /// Writes a new object the caller owns.
    pub(crate) fn write_box(self, value: C::RustType) {
        self.write(to_box_ptr(value));
    }
}

/// The accessors with an optional value: writes it to `out` and returns true, or returns
/// false and writes nothing when the value is absent or `out` is NULL.
pub(crate) fn write_opt<T>(value: Option<T>, out: *mut T) -> bool {
    match (value, Out::optional(out)) {
        (Some(value), Some(out)) => {
            out.write(value);
            true
        }
        _ => false,
    }
}

/// The user data pointer of an async call, handed back untouched to its callback on another
/// thread; the caller is responsible for what it points to (the header preamble says so).
#[derive(Clone, Copy)]
pub(crate) struct UserData(*mut c_void);

// SAFETY: sessionlink never dereferences it; it only passes it to the caller's callback.
unsafe impl Send for UserData {}

impl UserData {
    pub(crate) fn new(ptr: *mut c_void) -> Self {
        UserData(ptr)
    }
}

/// A C callback, `unsafe extern "C" fn(user_data, args...)`, whatever its argument types:
/// the modules that define the callback types (`runner.rs`, `jellyfin/socket.rs`) name them,
/// so this module, at the bottom, names nothing above it. Implemented for one to three
/// arguments after the user data.
pub(crate) trait CallbackFn<Args>: Copy {
    /// Calls the C function with the caller's user data and `args`.
    fn invoke(self, user_data: UserData, args: Args);
}

macro_rules! callback_fn {
    ($($arg:ident: $ty:ident),+) => {
        impl<$($ty),+> CallbackFn<($($ty,)+)> for unsafe extern "C" fn(*mut c_void, $($ty),+) {
            fn invoke(self, user_data: UserData, ($($arg,)+): ($($ty,)+)) {
                // SAFETY: a C function of this signature (the caller's contract). The pointers
                // among the arguments are NULL, borrowed until the call returns, or a new
                // object the callback owns, as the header states for each callback type.
                unsafe { self(user_data.0, $($arg),+) }
            }
        }
    };
}

callback_fn!(a: A);
callback_fn!(a: A, b: B);
callback_fn!(a: A, b: B, c: C);
