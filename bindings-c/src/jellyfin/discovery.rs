//! `sl_discover_servers`: UDP server discovery (core's `jellyfin::discovery`), and its
//! result, `sl_discovered_servers`. Hand-written: discovery is not an operation of a client
//! (no `Call`), so the generator does not bind it.

use std::os::raw::c_char;
use std::ptr;
use std::time::Duration;

use sessionlink_core::jellyfin::discovery::{discover_servers, DiscoveredServer, DiscoveryOptions, DISCOVERY_PORT};
use sessionlink_core::runtime::block_on;

use crate::error::{sl_error, Failure};
use crate::ffi::{free_box, opt_ref, str_array, try_ref, Borrowed, Castable, Out, Owned};
use crate::status::sl_status;
use crate::strings::{write_json, StrCache};

/// Whether discovery also broadcasts (to `255.255.255.255` on the options' port).
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum sl_discovery_broadcast {
    /// Broadcast only when no target is given (the default).
    SL_DISCOVERY_BROADCAST_AUTO = 0,
    /// Never broadcast: ask the targets only.
    SL_DISCOVERY_BROADCAST_NEVER = 1,
    /// Broadcast and ask the targets.
    SL_DISCOVERY_BROADCAST_ALSO = 2,
}

/// How `sl_discover_servers` asks; fill it with `sl_discovery_options_init` first.
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub struct sl_discovery_options {
    /// Addresses to ask directly, `"host"` or `"host:port"` (IPv4); `targets_len` of them.
    /// Borrowed for the duration of the call. NULL with `targets_len` 0: none.
    pub targets: *const *const c_char,
    /// How many strings `targets` holds.
    pub targets_len: usize,
    /// How long to listen for replies, in milliseconds (> 0, at most one hour). Default 1000.
    pub timeout_ms: u32,
    /// Whether to broadcast: an `sl_discovery_broadcast` value (a plain integer, so that a
    /// wrong one is an error, not undefined behaviour). Default `SL_DISCOVERY_BROADCAST_AUTO`.
    pub broadcast: u32,
    /// The port of the broadcast and of targets without one. Default 7359.
    pub port: u16,
    /// Return as soon as this many distinct servers answered; 0 (the default) listens until
    /// the timeout.
    pub limit: usize,
}

impl Castable for sl_discovery_options {
    type Ownership = Borrowed;
    type RustType = sl_discovery_options;
}

/// The servers that answered discovery, in the order they first answered.
///
/// Functions:
/// - `sl_discovery_options_init`: fills the options with the defaults.
/// - `sl_discover_servers`: asks and waits for the replies.
/// - `sl_discovered_servers_len`: the number of servers.
/// - `sl_discovered_servers_address`, `sl_discovered_servers_id`,
///   `sl_discovered_servers_name`, `sl_discovered_servers_endpoint_address`,
///   `sl_discovered_servers_responder`: the fields of a server.
/// - `sl_discovered_servers_json`: a server's reply as it sent it.
/// - `sl_discovered_servers_free`.
pub struct sl_discovered_servers {
    _private: [u8; 0],
}

impl Castable for sl_discovered_servers {
    type Ownership = Owned;
    type RustType = Servers;
}

pub(crate) struct Servers {
    items: Vec<DiscoveredServer>,
    strings: Vec<StrCache<5>>,
}

/// Fills `options` with the defaults: no targets, 1000 ms, broadcast when no target is
/// given, port 7359, no limit. NULL is a no-op.
///
/// Ownership: borrows `options`.
#[no_mangle]
pub extern "C" fn sl_discovery_options_init(options: *mut sl_discovery_options) {
    ffi_boundary!({
        if let Some(out) = Out::optional(options) {
            let d = DiscoveryOptions::default();
            out.write(sl_discovery_options {
                targets: ptr::null(),
                targets_len: 0,
                timeout_ms: u32::try_from(d.timeout.as_millis()).unwrap_or(u32::MAX),
                broadcast: sl_discovery_broadcast::SL_DISCOVERY_BROADCAST_AUTO as u32,
                port: DISCOVERY_PORT,
                limit: 0,
            });
        }
    })
}

/// Asks for Jellyfin servers over UDP and blocks until `timeout_ms` passed (or `limit`
/// servers answered); `*servers_out` then holds those that answered (possibly none).
/// Replies that are not a server's answer are skipped. Never blocks past the timeout.
/// Broadcast reaches the networks of this host's interfaces only: give a server on another
/// network (or in a container) as a target.
///
/// Errors: `SL_STATUS_INVALID_ARGUMENT` (a bad target, timeout, port, or no targets with
/// `SL_DISCOVERY_BROADCAST_NEVER`), `SL_STATUS_CONNECT` (a target that does not resolve, no
/// socket), `SL_STATUS_TIMEOUT` (resolving the targets took the whole timeout).
///
/// Ownership: borrows `options` (NULL: the defaults, which broadcast) and its strings;
/// `*servers_out` is owned by the caller (`sl_discovered_servers_free`).
#[no_mangle]
pub extern "C" fn sl_discover_servers(
    options: *const sl_discovery_options,
    servers_out: *mut *mut sl_discovered_servers,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let out = Out::required(servers_out, "servers_out")?;
        let mut defaults = sl_discovery_options {
            targets: ptr::null(),
            targets_len: 0,
            timeout_ms: 0,
            broadcast: sl_discovery_broadcast::SL_DISCOVERY_BROADCAST_AUTO as u32,
            port: 0,
            limit: 0,
        };
        sl_discovery_options_init(&mut defaults);
        let o = opt_ref(options).copied().unwrap_or(defaults);
        let targets = str_array(o.targets, o.targets_len, "targets")?.unwrap_or_default();
        let options = DiscoveryOptions {
            timeout: Duration::from_millis(u64::from(o.timeout_ms)),
            targets,
            broadcast: match o.broadcast {
                0 => None,
                1 => Some(false),
                2 => Some(true),
                other => return Err(Failure::invalid(format!("broadcast: not an sl_discovery_broadcast ({other})"))),
            },
            port: o.port,
            limit: (o.limit > 0).then_some(o.limit),
        };
        let items = block_on(async move { discover_servers(&options).await })?;
        let strings = items.iter().map(|_| StrCache::default()).collect();
        out.write_box(Servers { items, strings });
        Ok(())
    })
}

/// The number of servers; 0 when `servers` is NULL.
///
/// Ownership: borrows `servers`.
#[no_mangle]
pub extern "C" fn sl_discovered_servers_len(servers: *const sl_discovered_servers) -> usize {
    ffi_boundary!({ opt_ref(servers).map_or(0, |s| s.items.len()) })
}

fn field(
    servers: *const sl_discovered_servers,
    index: usize,
    slot: usize,
    value: impl FnOnce(&DiscoveredServer) -> Option<String>,
) -> *const c_char {
    match opt_ref(servers).and_then(|s| Some((s.items.get(index)?, s.strings.get(index)?))) {
        Some((item, cache)) => cache.get_owned(slot, || value(item)),
        None => ptr::null(),
    }
}

/// The base URL of server `index` (`http://192.168.1.20:8096`): what to give
/// `sl_jellyfin_options.base_url`. NULL out of range.
///
/// Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
#[no_mangle]
pub extern "C" fn sl_discovered_servers_address(servers: *const sl_discovered_servers, index: usize) -> *const c_char {
    ffi_boundary!({ field(servers, index, 0, |s| Some(s.address().to_owned())) })
}

/// The id of server `index` (32 hex digits). NULL out of range.
///
/// Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
#[no_mangle]
pub extern "C" fn sl_discovered_servers_id(servers: *const sl_discovered_servers, index: usize) -> *const c_char {
    ffi_boundary!({ field(servers, index, 1, |s| Some(s.id().to_owned())) })
}

/// The friendly name of server `index`. NULL out of range.
///
/// Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
#[no_mangle]
pub extern "C" fn sl_discovered_servers_name(servers: *const sl_discovered_servers, index: usize) -> *const c_char {
    ffi_boundary!({ field(servers, index, 2, |s| Some(s.name().to_owned())) })
}

/// The endpoint address of server `index`; NULL when it sent none (current servers send
/// `null`) or out of range.
///
/// Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
#[no_mangle]
pub extern "C" fn sl_discovered_servers_endpoint_address(
    servers: *const sl_discovered_servers,
    index: usize,
) -> *const c_char {
    ffi_boundary!({ field(servers, index, 3, |s| s.endpoint_address().map(str::to_owned)) })
}

/// `host:port` the reply of server `index` came from. NULL out of range.
///
/// Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
#[no_mangle]
pub extern "C" fn sl_discovered_servers_responder(
    servers: *const sl_discovered_servers,
    index: usize,
) -> *const c_char {
    ffi_boundary!({ field(servers, index, 4, |s| Some(s.responder.to_string())) })
}

/// The reply of server `index` as its JSON (`ServerDiscoveryInfo`, unknown fields kept).
/// `SL_STATUS_INVALID_ARGUMENT` out of range.
///
/// Ownership: borrows `servers`; `*json_out` is owned by the caller (`sl_string_free`).
#[no_mangle]
pub extern "C" fn sl_discovered_servers_json(
    servers: *const sl_discovered_servers,
    index: usize,
    json_out: *mut *mut c_char,
    err: *mut *mut sl_error,
) -> sl_status {
    ffi_boundary!(err, {
        let list = try_ref(servers, "servers")?;
        let item = list
            .items
            .get(index)
            .ok_or_else(|| Failure::invalid(format!("index {index} is out of range ({} servers)", list.items.len())))?;
        write_json(&item.info, Out::required(json_out, "json_out")?)
    })
}

/// Frees the servers and every string borrowed from them. NULL is a no-op.
///
/// Ownership: takes `servers`.
#[no_mangle]
pub extern "C" fn sl_discovered_servers_free(servers: *mut sl_discovered_servers) {
    ffi_boundary!({ free_box(servers) })
}
