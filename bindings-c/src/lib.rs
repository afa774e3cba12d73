//! # sessionlink C API
//!
//! A thin C layer over the `sessionlink` core in the style of rustls-ffi: opaque handles with
//! `_new`/`_free` pairs, a stable `sl_status` on every fallible call plus an optional
//! `sl_error` object, one panic boundary on every export, and ownership written on every
//! function. All behaviour (validation, parsing, error mapping) lives in the core; this crate
//! only converts C types and delegates.
//!
//! The header `include/sessionlink.h` is generated from this crate by a pinned cbindgen
//! (see `bindings-c/gen-header.sh`).

#![allow(non_camel_case_types)]
// Every export checks its pointers itself and documents what it requires of them; marking
// them `unsafe fn` would not change what a C caller can do.
#![allow(clippy::not_unsafe_ptr_arg_deref)]
#![allow(clippy::missing_safety_doc)]
// The handles are opaque to C and hold secrets (tokens, session ids); they get no Debug.
#![allow(missing_debug_implementations)]

#[macro_use]
mod boundary;
mod async_op;
mod error;
mod g4_client;
mod g4_ops;
mod g4_results;
mod jellyfin_client;
mod jellyfin_ops;
mod jellyfin_results;
mod options;
mod status;
mod strings;

pub use async_op::*;
pub use error::*;
pub use g4_client::*;
pub use g4_ops::*;
pub use g4_results::*;
pub use jellyfin_client::*;
pub use jellyfin_ops::*;
pub use jellyfin_results::*;
pub use options::*;
pub use status::*;
pub use strings::*;

/// The library version, for example `"0.1.0"`, equal to the `SESSIONLINK_VERSION` macro of
/// the header the library was built with.
///
/// Ownership: returns a static string; never free it. Thread-safe.
#[no_mangle]
pub extern "C" fn sl_version() -> *const std::os::raw::c_char {
    ffi_boundary!({ concat!(env!("CARGO_PKG_VERSION"), "\0").as_ptr().cast() })
}

#[cfg(test)]
mod tests {
    /// The version macros are written into the header by gen-header.sh; this catches a header
    /// that was not regenerated after a version bump even before the C tests run.
    #[test]
    fn header_version_macros_match_cargo() {
        let header = include_str!("../../include/sessionlink.h");
        for (name, value) in [
            ("SESSIONLINK_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
            ("SESSIONLINK_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
            ("SESSIONLINK_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
        ] {
            let line = format!("#define {name} {value}\n");
            assert!(header.contains(&line), "include/sessionlink.h lacks {line:?}");
        }
        let line = format!("#define SESSIONLINK_VERSION \"{}\"\n", env!("CARGO_PKG_VERSION"));
        assert!(header.contains(&line), "include/sessionlink.h lacks {line:?}");
    }
}
