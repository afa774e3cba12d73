//! # sessionlink C API
//!
//! A thin C layer over the `sessionlink` core in the style of rustls-ffi: opaque handles with
//! `_new`/`_free` pairs, a stable `sl_status` on every fallible call plus an optional
//! `sl_error` object, one panic boundary on every export, and ownership written on every
//! function. All behaviour (validation, defaults, parsing, error mapping) lives in the core;
//! this crate only converts C types and delegates.
//!
//! Each operation is one conversion function from its C arguments to the core's prepared
//! call (`Prepared`, built without I/O), used by its two exports: the blocking one hands it
//! to [`runner::run`], the `_async` one to [`runner::submit`]. Raw pointers are only touched
//! in `ffi.rs`.
//!
//! The header `include/sessionlink.h` is generated from this crate by a pinned cbindgen
//! (see `bindings-c/gen-header.sh`).

#![allow(non_camel_case_types)]
// As in rustls-ffi, exports and the casts in `ffi.rs` are safe functions over raw pointers:
// the header states once what C must pass, and `unsafe fn` would not change what a C caller
// can do.
#![allow(clippy::not_unsafe_ptr_arg_deref)]
// The handles are opaque to C and hold secrets (tokens, session ids); they get no Debug.
#![allow(missing_debug_implementations)]

// The order of the modules is the order of the functions in the header (cbindgen reads a
// file's items, then its modules in declaration order); a `//` line between declarations
// keeps rustfmt from sorting them.
#[macro_use]
mod boundary;
// Pointer casts and conversions: all the unsafe code.
mod ffi;
// sl_status, sl_status_str.
mod status;
// The errors of every export on their way to C.
mod failure;
// sl_error.
mod error;
// sl_string_free.
mod strings;
// The blocking and async runners, sl_op.
mod runner;
// sl_transport_options.
mod transport;
// sl_jellyfin_client, its operations and results.
mod jellyfin;
// sl_g4_client, its operations and results.
mod g4;

pub use error::*;
pub use g4::*;
pub use jellyfin::*;
pub use runner::*;
pub use status::*;
pub use strings::*;
pub use transport::*;

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
    const HEADER: &str = include_str!("../../include/sessionlink.h");

    /// The functions the header declares, in order.
    fn declared_functions() -> Vec<&'static str> {
        HEADER
            .lines()
            .filter(|l| !l.starts_with(' ') && !l.starts_with("typedef") && l.contains("sl_") && l.ends_with(");"))
            .filter_map(|l| l.split('(').next()?.rsplit([' ', '*']).next())
            .collect()
    }

    /// As in hyper's capi, each type's comment lists its functions (the `_async` twins are
    /// named once, in the preamble), so a new export must be listed where C users look.
    #[test]
    fn every_function_is_listed_in_a_type_comment() {
        let functions = declared_functions();
        assert!(functions.len() > 100, "{functions:?}");
        let listed: String = HEADER.lines().filter(|l| l.starts_with(" * - ") || l.starts_with(" *   ")).collect();
        for name in functions {
            let base = name.strip_suffix("_async").unwrap_or(name);
            assert!(listed.contains(&format!("`{base}`")), "{name} is not listed in a type comment");
        }
    }

    /// Ownership is stated on every function, not only in the preamble.
    #[test]
    fn every_function_states_ownership() {
        let mut comment = String::new();
        for line in HEADER.lines() {
            if line.starts_with("/**") {
                comment.clear();
            }
            comment.push_str(line);
            if !line.starts_with(' ') && !line.starts_with("typedef") && line.contains("sl_") && line.ends_with(");") {
                assert!(comment.contains("Ownership:"), "no ownership stated for {line}");
            }
        }
    }

    /// The version macros are written into the header by gen-header.sh; this catches a header
    /// that was not regenerated after a version bump even before the C tests run.
    #[test]
    fn header_version_macros_match_cargo() {
        for (name, value) in [
            ("SESSIONLINK_VERSION_MAJOR", env!("CARGO_PKG_VERSION_MAJOR")),
            ("SESSIONLINK_VERSION_MINOR", env!("CARGO_PKG_VERSION_MINOR")),
            ("SESSIONLINK_VERSION_PATCH", env!("CARGO_PKG_VERSION_PATCH")),
        ] {
            let line = format!("#define {name} {value}\n");
            assert!(HEADER.contains(&line), "include/sessionlink.h lacks {line:?}");
        }
        let line = format!("#define SESSIONLINK_VERSION \"{}\"\n", env!("CARGO_PKG_VERSION"));
        assert!(HEADER.contains(&line), "include/sessionlink.h lacks {line:?}");
    }
}
