//! Gives the shared library its ABI name, as docs/versioning.md states the C ABI: `0.<minor>`
//! while the major version is 0 (a minor release may change the ABI), `<major>` from 1.0 on.
//!
//! - Linux (glibc and musl): the soname `libsessionlink.so.0.<minor>`; scripts/install-c.sh
//!   installs the file as `libsessionlink.so.<version>` with the soname and
//!   `libsessionlink.so` as symlinks.
//! - macOS: the install name `@rpath/libsessionlink.0.<minor>.dylib`, installed the same way
//!   (`libsessionlink.<version>.dylib` and two symlinks).
//! - Windows: a DLL has no such name; `sessionlink.dll` is the file programs load.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
    let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
    let abi = if major == "0" { format!("0.{minor}") } else { major };
    match os.as_str() {
        "linux" => println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libsessionlink.so.{abi}"),
        "macos" => println!("cargo:rustc-cdylib-link-arg=-Wl,-install_name,@rpath/libsessionlink.{abi}.dylib"),
        _ => {}
    }
}
