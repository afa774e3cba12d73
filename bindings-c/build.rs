//! Gives the shared library its soname on Linux, as docs/versioning.md states the C ABI:
//! `libsessionlink.so.0.<minor>` while the major version is 0 (a minor release may change the
//! ABI), `libsessionlink.so.<major>` from 1.0 on. scripts/install-c.sh installs the file as
//! `libsessionlink.so.<version>` with the soname and `libsessionlink.so` as symlinks.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_default();
        let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_default();
        let soname =
            if major == "0" { format!("libsessionlink.so.0.{minor}") } else { format!("libsessionlink.so.{major}") };
        println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,{soname}");
    }
}
