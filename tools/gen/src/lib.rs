//! The generator's parts, used by its binary (`main.rs`) and its tests: [`read`] reads core's
//! operations into [`api`]; [`types`] is the type table; [`args`] spreads an operation's
//! parameters into each language's arguments; [`emit`] has one emitter per output.

pub mod api;
pub mod args;
pub mod emit;
pub mod examples;
pub mod read;
pub mod types;

use std::path::{Path, PathBuf};

/// The repository's root (this crate is `tools/gen`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().unwrap_or_else(|_| PathBuf::from("."))
}
