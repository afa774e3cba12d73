//! Strings across the boundary: borrowing C input as UTF-8 (NULL and invalid UTF-8 are
//! distinct errors), NUL-terminated copies for output, and `sl_string_free`.

use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::ptr;
use std::sync::OnceLock;

use crate::error::Failure;
use crate::status::sl_status;

/// A required C string argument, borrowed. The name is used in the error message; the value
/// never is (it may be a password).
///
/// # Safety
/// `p` is NULL or a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn req_str<'a>(p: *const c_char, name: &str) -> Result<&'a str, Failure> {
    // SAFETY: forwarded from the caller.
    unsafe { opt_str(p, name) }?.ok_or_else(|| Failure::null(name))
}

/// An optional C string argument: NULL means absent.
///
/// # Safety
/// `p` is NULL or a NUL-terminated string that outlives `'a`.
pub(crate) unsafe fn opt_str<'a>(p: *const c_char, name: &str) -> Result<Option<&'a str>, Failure> {
    if p.is_null() {
        return Ok(None);
    }
    // SAFETY: non-NULL and NUL-terminated per the caller.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    std::str::from_utf8(bytes).map(Some).map_err(|e| {
        Failure::new(
            sl_status::SL_STATUS_INVALID_UTF8,
            format!("{name} is not valid UTF-8 (invalid byte at offset {})", e.valid_up_to()),
        )
    })
}

/// An array of C strings with its length. `items == NULL` with `len == 0` means absent
/// (`None`); a non-NULL array of length 0 is an empty list.
///
/// # Safety
/// `items` is NULL or points to `len` string pointers valid for the call.
pub(crate) unsafe fn str_array(
    items: *const *const c_char,
    len: usize,
    name: &str,
) -> Result<Option<Vec<String>>, Failure> {
    if items.is_null() {
        return if len == 0 { Ok(None) } else { Err(Failure::null(name)) };
    }
    // SAFETY: `items` points to `len` pointers per the caller.
    let raw = unsafe { std::slice::from_raw_parts(items, len) };
    raw.iter()
        .enumerate()
        .map(|(i, &p)| {
            // SAFETY: each element is NULL or a NUL-terminated string per the caller.
            unsafe { req_str(p, &format!("{name}[{i}]")) }.map(str::to_owned)
        })
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

/// A NUL-terminated copy of `s`. C strings cannot hold NUL, so a value with an embedded NUL
/// (legal in JSON) is cut there; the `*_json` accessors carry it in full.
pub(crate) fn to_cstring(s: &str) -> CString {
    let bytes = s.as_bytes();
    let end = bytes.iter().position(|&b| b == 0).unwrap_or(bytes.len());
    CString::new(&bytes[..end]).unwrap_or_default()
}

/// A string handed to the caller, who frees it with `sl_string_free`.
pub(crate) fn owned_c_string(s: &str) -> *mut c_char {
    to_cstring(s).into_raw()
}

/// Lazily built NUL-terminated copies of a result's string fields, so that reading one field
/// costs one small allocation the first time and nothing after, and the pointer stays valid
/// as long as the result object.
pub(crate) struct StrCache<const N: usize> {
    slots: [OnceLock<Option<CString>>; N],
}

impl<const N: usize> Default for StrCache<N> {
    fn default() -> Self {
        StrCache { slots: std::array::from_fn(|_| OnceLock::new()) }
    }
}

impl<const N: usize> StrCache<N> {
    pub(crate) fn get<'s>(&self, slot: usize, value: impl FnOnce() -> Option<&'s str>) -> *const c_char {
        self.slots[slot].get_or_init(|| value().map(to_cstring)).as_ref().map_or(ptr::null(), |c| c.as_ptr())
    }
}

/// Checks an out parameter and returns it, so that nothing is done when it is NULL.
pub(crate) fn out_ptr<T>(p: *mut T, name: &str) -> Result<*mut T, Failure> {
    if p.is_null() {
        Err(Failure::null(name))
    } else {
        Ok(p)
    }
}

/// Borrows a handle argument.
///
/// # Safety
/// `p` is NULL or a live handle of type `T` for the duration of the call.
pub(crate) unsafe fn handle<'a, T>(p: *const T, name: &str) -> Result<&'a T, Failure> {
    // SAFETY: forwarded from the caller.
    unsafe { p.as_ref() }.ok_or_else(|| Failure::null(name))
}

/// Serialises a wire model to a string the caller owns.
pub(crate) fn write_json<T: serde::Serialize>(value: &T, out: *mut *mut c_char) -> Result<(), Failure> {
    let json = serde_json::to_string(value)
        .map_err(|e| Failure::new(sl_status::SL_STATUS_INTERNAL, format!("cannot encode JSON: {e}")))?;
    // SAFETY: `out` was checked non-NULL by the export.
    unsafe { *out = CString::new(json).unwrap_or_default().into_raw() };
    Ok(())
}

/// Parses a caller-supplied JSON argument.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(json: &str, name: &str) -> Result<T, Failure> {
    serde_json::from_str(json)
        .map_err(|e| Failure::invalid(format!("{name} is not valid JSON of the expected shape: {e}")))
}

/// Frees a string returned by sessionlink through a `char **` out parameter (the `*_json`
/// accessors, `sl_jellyfin_client_user_id`). NULL is a no-op.
///
/// Ownership: takes `s`, which must have come from sessionlink and not been freed yet. Do not
/// pass the `const char *` accessors' strings: those belong to their result object.
#[no_mangle]
pub extern "C" fn sl_string_free(s: *mut c_char) {
    ffi_boundary!({
        if !s.is_null() {
            // SAFETY: made by `CString::into_raw` in this crate, freed once.
            drop(unsafe { CString::from_raw(s) });
        }
    })
}
