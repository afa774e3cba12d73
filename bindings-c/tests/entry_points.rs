//! Property tests of the C entry points (issue 9): every export of `include/sessionlink.h`,
//! called as C calls it, with arbitrary bytes (invalid UTF-8, embedded NULs that end the
//! string early, strings of a few hundred kilobytes) and NULL for every pointer argument,
//! against a live in-process emulator. None may crash or panic, and each gives the status
//! its documentation promises:
//!
//! - a NULL where the function requires a pointer: `SL_STATUS_NULL_ARGUMENT`;
//! - a string that is not UTF-8 (up to its first NUL): `SL_STATUS_INVALID_UTF8`;
//! - both at once: one of the two; neither: never one of the two;
//! - never `SL_STATUS_PANIC` or `SL_STATUS_INTERNAL`; an error object exactly when the
//!   status is not OK, carrying that status and a UTF-8 message;
//! - an `_async` form returns argument errors and then never calls back, or returns OK and
//!   calls back exactly once;
//! - accessors and `_free` functions given NULL return their neutral value.
//!
//! Bounded: `PROPTEST_CASES` cases per export group (default 48), so it runs in the test
//! command. `every_export_is_exercised` checks this file calls every function the header
//! declares.

#![allow(clippy::unwrap_used, missing_debug_implementations)]

use std::ffi::{CStr, CString};
use std::os::raw::{c_char, c_void};
use std::ptr;
use std::sync::{Condvar, Mutex, OnceLock};
use std::time::Duration;

use proptest::prelude::*;
use sessionlink::*;
use sessionlink_emulator::Emulator;

#[path = "entry_points/operations.rs"]
mod operations;

// ---------------------------------------------------------------------------------------
// Inputs

/// One pointer argument as C would pass it: NULL, or a NUL-terminated buffer of these bytes
/// (an embedded NUL ends the string there, as in C).
#[derive(Debug, Clone)]
enum Arg {
    Null,
    Bytes(Vec<u8>),
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Null,
    BadUtf8,
    Good,
}

impl Arg {
    fn kind(&self) -> Kind {
        match self {
            Arg::Null => Kind::Null,
            Arg::Bytes(b) => {
                let end = b.iter().position(|&c| c == 0).unwrap_or(b.len());
                if std::str::from_utf8(&b[..end]).is_ok() {
                    Kind::Good
                } else {
                    Kind::BadUtf8
                }
            }
        }
    }
}

/// Realistic values, so that many calls get past validation and reach the server.
fn pool() -> Vec<String> {
    let fx = &env().fixtures;
    let mut v: Vec<String> = [
        "Pause",
        "Seek",
        "Stop",
        "PlayNow",
        "PlayNext",
        "GoHome",
        "ToggleMute",
        "SetVolume",
        "DisplayMessage",
        "Movie",
        "Audio",
        "Video",
        "Volume",
        "13",
        "{}",
        "[]",
        "null",
        "{\"a\":1}",
        "..",
        "a/../b",
        "a b/c?d#e%",
        "é",
        "",
        " ",
        "x",
        "http://127.0.0.1:9",
        "acme",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.extend([
        fx.jellyfin.kitchen_session_id.clone(),
        fx.jellyfin.living_room_session_id.clone(),
        fx.jellyfin.movie_id.clone(),
        fx.jellyfin.user_id.clone(),
        fx.jellyfin.user.clone(),
        fx.jellyfin.user_password.clone(),
        env().url.clone(),
        format!("{{\"ItemId\":\"{}\",\"PositionTicks\":5}}", fx.jellyfin.movie_id),
        format!("{{\"ItemId\":\"{}\"", fx.jellyfin.movie_id),
    ]);
    v
}

fn arg() -> impl Strategy<Value = Arg> {
    prop_oneof![
        1 => Just(Arg::Null),
        3 => prop::collection::vec(any::<u8>(), 0..24).prop_map(Arg::Bytes),
        2 => "\\PC{0,12}".prop_map(|s| Arg::Bytes(s.into_bytes())),
        4 => prop::sample::select(pool()).prop_map(|s| Arg::Bytes(s.into_bytes())),
        1 => (1usize..300_000, prop::sample::select(vec![b'a', b'%', 0xc3, 0xff]))
            .prop_map(|(n, b)| Arg::Bytes(vec![b; n])),
    ]
}

/// A string array argument: NULL with a length, or the strings.
#[derive(Debug, Clone)]
enum Array {
    Null(usize),
    Items(Vec<Arg>),
}

fn array() -> impl Strategy<Value = Array> {
    prop_oneof![
        1 => (0usize..3).prop_map(Array::Null),
        4 => prop::collection::vec(arg(), 0..4).prop_map(Array::Items),
    ]
}

#[derive(Debug, Clone)]
struct Case {
    strings: Vec<Arg>,
    arrays: Vec<Array>,
    /// One bit per handle or out parameter: set means NULL.
    nulls: u32,
    numbers: Vec<Option<i64>>,
}

fn case() -> impl Strategy<Value = Case> {
    (
        prop::collection::vec(arg(), 8),
        prop::collection::vec(array(), 3),
        // Each pointer NULL with probability 1/8.
        prop::collection::vec(prop::bool::weighted(0.125), 16),
        prop::collection::vec(prop::option::of(any::<i64>()), 6),
    )
        .prop_map(|(strings, arrays, nulls, numbers)| Case {
            strings,
            arrays,
            nulls: nulls.iter().enumerate().fold(0, |m, (i, &n)| m | (u32::from(n) << i)),
            numbers,
        })
}

// ---------------------------------------------------------------------------------------
// The live emulator and the objects handles can point to

struct Env {
    _emulator: Emulator,
    url: String,
    g4_url: String,
    fixtures: sessionlink_emulator::Fixtures,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| {
        let emulator = Emulator::start_blocking().unwrap();
        Env { url: emulator.url(), g4_url: emulator.g4_url(), fixtures: emulator.fixtures(), _emulator: emulator }
    })
}

fn cstring(s: &str) -> CString {
    CString::new(s).unwrap()
}

/// A Jellyfin client with the admin API key (a new one per call: some operations change
/// the client's token).
fn jellyfin_client() -> *mut sl_jellyfin_client {
    let url = cstring(&env().url);
    let token = cstring(&env().fixtures.jellyfin.api_key);
    let device = cstring("entry-points");
    let mut o = std::mem::MaybeUninit::<sl_jellyfin_options>::uninit();
    sl_jellyfin_options_init(o.as_mut_ptr());
    // SAFETY: initialised by sl_jellyfin_options_init.
    let mut o = unsafe { o.assume_init() };
    o.base_url = url.as_ptr();
    o.token = token.as_ptr();
    o.device_id = device.as_ptr();
    let mut c = ptr::null_mut();
    assert_eq!(sl_jellyfin_client_new(&o, &mut c, ptr::null_mut()), sl_status::SL_STATUS_OK);
    c
}

fn g4_client() -> *mut sl_g4_client {
    let url = cstring(&env().g4_url);
    let tenant = cstring(&env().fixtures.g4.tenant);
    let key = cstring(&env().fixtures.g4.api_key);
    let mut o = std::mem::MaybeUninit::<sl_g4_options>::uninit();
    sl_g4_options_init(o.as_mut_ptr());
    // SAFETY: initialised by sl_g4_options_init.
    let mut o = unsafe { o.assume_init() };
    o.base_url = url.as_ptr();
    o.tenant = tenant.as_ptr();
    o.api_key = key.as_ptr();
    let mut c = ptr::null_mut();
    assert_eq!(sl_g4_client_new(&o, &mut c, ptr::null_mut()), sl_status::SL_STATUS_OK);
    c
}

// ---------------------------------------------------------------------------------------
// One call: builds the C arguments from a case and remembers what they should cause

struct Call<'a> {
    case: &'a Case,
    buffers: Vec<Vec<u8>>,
    arrays: Vec<Vec<*const c_char>>,
    keep: Vec<Box<dyn std::any::Any>>,
    strings_used: usize,
    arrays_used: usize,
    nulls_used: usize,
    numbers_used: usize,
    required_null: bool,
    bad_utf8: bool,
}

impl<'a> Call<'a> {
    fn new(case: &'a Case) -> Self {
        Call {
            case,
            buffers: Vec::new(),
            arrays: Vec::new(),
            keep: Vec::new(),
            strings_used: 0,
            arrays_used: 0,
            nulls_used: 0,
            numbers_used: 0,
            required_null: false,
            bad_utf8: false,
        }
    }

    fn pointer_of(&mut self, arg: &Arg) -> *const c_char {
        match arg {
            Arg::Null => ptr::null(),
            Arg::Bytes(b) => {
                let mut buffer = b.clone();
                buffer.push(0);
                let p = buffer.as_ptr().cast();
                self.buffers.push(buffer);
                p
            }
        }
    }

    fn string(&mut self, required: bool) -> *const c_char {
        let arg = self.case.strings[self.strings_used % self.case.strings.len()].clone();
        self.strings_used += 1;
        match arg.kind() {
            Kind::Null => self.required_null |= required,
            Kind::BadUtf8 => self.bad_utf8 = true,
            Kind::Good => {}
        }
        self.pointer_of(&arg)
    }

    /// A required string argument.
    fn req(&mut self) -> *const c_char {
        self.string(true)
    }

    /// An optional string argument (NULL leaves it out).
    fn opt(&mut self) -> *const c_char {
        self.string(false)
    }

    /// A string array and its length; `items` NULL with a length > 0 is refused, and so is a
    /// NULL element.
    fn array(&mut self) -> (*const *const c_char, usize) {
        self.array_of(false)
    }

    /// A string array the operation requires (`play`'s items): NULL is refused whatever the
    /// length.
    fn required_array(&mut self) -> (*const *const c_char, usize) {
        self.array_of(true)
    }

    fn array_of(&mut self, required: bool) -> (*const *const c_char, usize) {
        let array = self.case.arrays[self.arrays_used % self.case.arrays.len()].clone();
        self.arrays_used += 1;
        match array {
            Array::Null(len) => {
                self.required_null |= required || len > 0;
                (ptr::null(), len)
            }
            Array::Items(items) => {
                let mut pointers = Vec::new();
                for item in &items {
                    match item.kind() {
                        Kind::Null => self.required_null = true,
                        Kind::BadUtf8 => self.bad_utf8 = true,
                        Kind::Good => {}
                    }
                    pointers.push(self.pointer_of(item));
                }
                let p = pointers.as_ptr();
                self.arrays.push(pointers);
                (p, items.len())
            }
        }
    }

    /// Whether the next handle or out parameter is NULL.
    fn null(&mut self, required: bool) -> bool {
        let null = self.case.nulls & (1 << (self.nulls_used % 16)) != 0;
        self.nulls_used += 1;
        self.required_null |= null && required;
        null
    }

    /// A required handle: NULL when the case says so (or when `value` itself is NULL, as a
    /// session past the end of its list is).
    fn handle<T>(&mut self, value: *const T) -> *const T {
        if self.null(true) {
            ptr::null()
        } else {
            self.required_null |= value.is_null();
            value
        }
    }

    /// A required out parameter: NULL or `slot`.
    fn out<T>(&mut self, slot: &mut *mut T) -> *mut *mut T {
        if self.null(true) {
            ptr::null_mut()
        } else {
            slot
        }
    }

    /// An out parameter the caller may leave NULL.
    fn opt_out<T>(&mut self, slot: &mut *mut T) -> *mut *mut T {
        if self.null(false) {
            ptr::null_mut()
        } else {
            slot
        }
    }

    /// A required out parameter of any type (a flag, a string): NULL or `slot`.
    fn out_of<T>(&mut self, slot: &mut T) -> *mut T {
        if self.null(true) {
            ptr::null_mut()
        } else {
            slot
        }
    }

    /// An out parameter of any type the caller may leave NULL.
    fn opt_out_of<T>(&mut self, slot: &mut T) -> *mut T {
        if self.null(false) {
            ptr::null_mut()
        } else {
            slot
        }
    }

    /// An optional number passed by pointer; `T::from` of an arbitrary value.
    fn number<T: Copy + 'static>(&mut self, convert: fn(i64) -> T) -> *const T {
        let n = self.case.numbers[self.numbers_used % self.case.numbers.len()];
        self.numbers_used += 1;
        match n {
            None => ptr::null(),
            Some(n) => {
                // Boxed and kept with the call, so the pointer stays valid while it runs.
                let value: Box<T> = Box::new(convert(n));
                let p: *const T = &*value;
                self.keep.push(value);
                p
            }
        }
    }

    /// `n` required strings in an array (a NULL element is refused).
    fn items(&mut self, n: usize) -> *const *const c_char {
        let pointers: Vec<*const c_char> = (0..n).map(|_| self.req()).collect();
        let p = pointers.as_ptr();
        self.arrays.push(pointers);
        p
    }

    fn int(&mut self) -> i64 {
        self.case.numbers[0].unwrap_or(0)
    }
}

/// Checks the documented outcome of one call.
fn check(name: &str, call: &Call<'_>, status: sl_status, err: *mut sl_error) -> Result<(), TestCaseError> {
    let code = status as i32;
    prop_assert!((0..=19).contains(&code), "{name}: status {code} out of range");
    prop_assert!(
        status != sl_status::SL_STATUS_PANIC && status != sl_status::SL_STATUS_INTERNAL,
        "{name}: {status:?}: {}",
        message(err)
    );
    // A NULL or non-UTF-8 argument stops the call before any I/O, with its own status (or,
    // when another argument is invalid too, that one's: arguments are read in order).
    use sl_status::{SL_STATUS_INVALID_ARGUMENT, SL_STATUS_INVALID_UTF8, SL_STATUS_NULL_ARGUMENT};
    let allowed: &[sl_status] = match (call.required_null, call.bad_utf8) {
        (true, false) => &[SL_STATUS_NULL_ARGUMENT, SL_STATUS_INVALID_ARGUMENT],
        (false, true) => &[SL_STATUS_INVALID_UTF8, SL_STATUS_INVALID_ARGUMENT],
        (true, true) => &[SL_STATUS_NULL_ARGUMENT, SL_STATUS_INVALID_UTF8, SL_STATUS_INVALID_ARGUMENT],
        (false, false) => &[],
    };
    if allowed.is_empty() {
        prop_assert!(
            status != SL_STATUS_NULL_ARGUMENT && status != SL_STATUS_INVALID_UTF8,
            "{name}: {status:?} with valid arguments: {}",
            message(err)
        );
    } else {
        prop_assert!(allowed.contains(&status), "{name}: {status:?}, want one of {allowed:?}: {}", message(err));
    }
    prop_assert_eq!(status == sl_status::SL_STATUS_OK, err.is_null(), "{}: an error object exactly on failure", name);
    if !err.is_null() {
        prop_assert_eq!(sl_error_status(err), status);
        let m = sl_error_message(err);
        prop_assert!(!m.is_null());
        // SAFETY: a NUL-terminated string owned by `err`.
        let text = unsafe { CStr::from_ptr(m) };
        prop_assert!(text.to_str().is_ok(), "{name}: the message is UTF-8");
        prop_assert!(!text.to_bytes().is_empty());
        sl_error_free(err);
    }
    Ok(())
}

fn message(err: *mut sl_error) -> String {
    let m = sl_error_message(err);
    if m.is_null() {
        return String::new();
    }
    // SAFETY: a NUL-terminated string owned by `err`.
    unsafe { CStr::from_ptr(m) }.to_string_lossy().into_owned()
}

// ---------------------------------------------------------------------------------------
// Async: one counter per call, handed to the callback as user data

#[derive(Default)]
struct Calls {
    count: Mutex<usize>,
    changed: Condvar,
}

impl Calls {
    fn bump(&self) {
        *self.count.lock().unwrap() += 1;
        self.changed.notify_all();
    }

    fn wait(&self, n: usize) -> usize {
        let guard = self.count.lock().unwrap();
        let (guard, _) = self.changed.wait_timeout_while(guard, Duration::from_secs(20), |c| *c < n).unwrap();
        *guard
    }
}

fn calls(user_data: *mut c_void) -> &'static Calls {
    // SAFETY: every async call below passes a `Calls` that outlives its callback.
    unsafe { &*user_data.cast::<Calls>() }
}

unsafe extern "C" fn done_cb(user_data: *mut c_void, _: sl_status, _: *const sl_error) {
    calls(user_data).bump();
}

type DoneFn = unsafe extern "C" fn(*mut c_void, sl_status, *const sl_error);
type ResultFn<T> = unsafe extern "C" fn(*mut c_void, sl_status, *mut T, *const sl_error);
const DONE: DoneFn = done_cb;
const END: DoneFn = done_cb;
const MESSAGE: unsafe extern "C" fn(*mut c_void, *const sl_socket_message) = message_cb;
const CODE: unsafe extern "C" fn(*mut c_void, *const c_char) = code_cb;
const AUTH_DONE: ResultFn<sl_auth_result> = auth_done_cb;

/// Reads the Quick Connect code (the user data is the `_async` form's counter: left alone).
unsafe extern "C" fn code_cb(_: *mut c_void, code: *const c_char) {
    // SAFETY: a NUL-terminated string borrowed for the callback.
    let _ = unsafe { CStr::from_ptr(code) }.to_str().map(str::len);
}

unsafe extern "C" fn auth_done_cb(user_data: *mut c_void, _: sl_status, r: *mut sl_auth_result, _: *const sl_error) {
    sl_auth_result_free(r);
    calls(user_data).bump();
}

unsafe extern "C" fn message_cb(_: *mut c_void, message: *const sl_socket_message) {
    let _ = (sl_socket_message_type(message), sl_socket_message_json(message));
}

/// The callback argument: NULL (refused) or `f`.
fn callback<F>(call: &mut Call<'_>, f: F) -> Option<F> {
    if call.null(true) {
        None
    } else {
        Some(f)
    }
}

/// Runs an `_async` export and checks the async contract on top of `check`.
fn check_async(
    name: &str,
    case: &Case,
    submit: impl FnOnce(&mut Call<'_>, *mut c_void, *mut *mut sl_op, *mut *mut sl_error) -> sl_status,
) -> Result<(), TestCaseError> {
    let counter = Box::new(Calls::default());
    let user_data = (&*counter as *const Calls).cast_mut().cast::<c_void>();
    let mut call = Call::new(case);
    let mut op = ptr::null_mut();
    let want_op = !call.null(false);
    let mut err = ptr::null_mut();
    let status = submit(&mut call, user_data, if want_op { &mut op } else { ptr::null_mut() }, &mut err);
    let ok = status == sl_status::SL_STATUS_OK;
    check(name, &call, status, err)?;
    if ok {
        prop_assert_eq!(counter.wait(1), 1, "{}: called back once", name);
    } else {
        prop_assert!(op.is_null(), "{name}: no op handle for a refused call");
        prop_assert_eq!(*counter.count.lock().unwrap(), 0, "{}: a refused call never calls back", name);
    }
    sl_op_free(op);
    Ok(())
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(48);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

fn i32_of(n: i64) -> i32 {
    n as i32
}
fn i64_of(n: i64) -> i64 {
    n
}
fn bool_of(n: i64) -> bool {
    n & 1 == 1
}

// ---------------------------------------------------------------------------------------
// The exports, group by group

proptest! {
    #![proptest_config(config())]

    #[test]
    fn client_construction(case in case()) {
        // sl_jellyfin_client_new / sl_g4_client_new with arbitrary option strings.
        let mut call = Call::new(&case);
        let mut o = std::mem::MaybeUninit::<sl_jellyfin_options>::uninit();
        sl_jellyfin_options_init(o.as_mut_ptr());
        // SAFETY: initialised by sl_jellyfin_options_init.
        let mut o = unsafe { o.assume_init() };
        o.base_url = call.req();
        o.device_name = call.opt();
        o.device_id = call.opt();
        o.client_name = call.opt();
        o.client_version = call.opt();
        o.token = call.opt();
        o.transport.extra_ca_pem = call.opt();
        let options: *const sl_jellyfin_options = call.handle(&o);
        let mut client = ptr::null_mut();
        let out = call.out(&mut client);
        let mut err = ptr::null_mut();
        let status = sl_jellyfin_client_new(options, out, &mut err);
        check("sl_jellyfin_client_new", &call, status, err)?;
        sl_jellyfin_client_free(client);

        let mut call = Call::new(&case);
        let mut o = std::mem::MaybeUninit::<sl_g4_options>::uninit();
        sl_g4_options_init(o.as_mut_ptr());
        // SAFETY: initialised by sl_g4_options_init.
        let mut o = unsafe { o.assume_init() };
        o.base_url = call.req();
        o.tenant = call.req();
        o.application = call.opt();
        o.bearer = call.opt();
        o.api_key = call.opt();
        o.transport.extra_ca_pem = call.opt();
        let options: *const sl_g4_options = call.handle(&o);
        let mut client = ptr::null_mut();
        let out = call.out(&mut client);
        let mut err = ptr::null_mut();
        let status = sl_g4_client_new(options, out, &mut err);
        check("sl_g4_client_new", &call, status, err)?;
        sl_g4_client_free(client);
        sl_jellyfin_options_init(ptr::null_mut());
        sl_g4_options_init(ptr::null_mut());
    }

    /// Every generated operation (`entry_points/operations.rs`, written by tools/gen from core).
    #[test]
    fn jellyfin_operations(case in case()) {
        operations::jellyfin(&case)?;
    }

    #[test]
    fn g4_operations(case in case()) {
        operations::g4(&case)?;
    }

    /// The client's hand-written accessors.
    #[test]
    fn jellyfin_accessors(case in case()) {
        let c = jellyfin_client();
        {
            let mut call = Call::new(&case);
            let client = call.handle(c);
            let t = call.opt();
            let mut err = ptr::null_mut();
            let status = sl_jellyfin_client_set_token(client, t, &mut err);
            check("sl_jellyfin_client_set_token", &call, status, err)?;
            let mut call = Call::new(&case);
            let client = call.handle(c);
            let mut id = ptr::null_mut();
            let out = call.out(&mut id);
            let mut err = ptr::null_mut();
            let status = sl_jellyfin_client_user_id(client, out, &mut err);
            check("sl_jellyfin_client_user_id", &call, status, err)?;
            sl_string_free(id);
            let _ = sl_jellyfin_client_has_token(c);
        }
        for (name, f) in [
            ("sl_jellyfin_client_device_id", sl_jellyfin_client_device_id as IdentityFn),
            ("sl_jellyfin_client_device_name", sl_jellyfin_client_device_name),
            ("sl_jellyfin_client_name", sl_jellyfin_client_name),
        ] {
            let mut call = Call::new(&case);
            let client = call.handle(c);
            let mut value = ptr::null_mut();
            let out = call.out(&mut value);
            let mut err = ptr::null_mut();
            let status = f(client, out, &mut err);
            check(name, &call, status, err)?;
            utf8_or_null(value)?;
            sl_string_free(value);
        }
        sl_jellyfin_client_free(c);
    }

    #[test]
    fn g4_accessors(case in case()) {
        let g = g4_client();
        {
            let mut call = Call::new(&case);
            let client = call.handle(g);
            let b = call.opt();
            let mut err = ptr::null_mut();
            let status = sl_g4_client_set_bearer(client, b, &mut err);
            check("sl_g4_client_set_bearer", &call, status, err)?;
        }
        sl_g4_client_free(g);
    }

    /// Sockets: options with arbitrary capabilities JSON, NULL callbacks and handles, media
    /// types and commands of any bytes; an opened socket is freed at once (its `on_end` then
    /// runs once, before `sl_socket_free` returns). The message accessors given NULL.
    #[test]
    fn sockets(case in case()) {
        let c = jellyfin_client();
        for controllable in [false, true] {
            let counter = Box::new(Calls::default());
            let ud = (&*counter as *const Calls).cast_mut().cast::<c_void>();
            let mut call = Call::new(&case);
            let client = call.handle(c);
            let mut o = std::mem::MaybeUninit::<sl_socket_options>::uninit();
            sl_socket_options_init(o.as_mut_ptr());
            // SAFETY: initialised by sl_socket_options_init.
            let mut o = unsafe { o.assume_init() };
            // The options' strings count only when the options are passed.
            let options_null = call.null(false);
            if !options_null {
                o.capabilities_json = call.opt();
            }
            o.buffer = usize::from(call.int() % 3 != 0);
            let invalid_options = o.buffer == 0;
            let options: *const sl_socket_options = if options_null { ptr::null() } else { &o };
            let on_message = callback(&mut call, MESSAGE);
            let mut socket = ptr::null_mut();
            let out = call.out(&mut socket);
            let mut err = ptr::null_mut();
            let status = if controllable {
                let (types, n1) = call.array();
                let (commands, n2) = call.array();
                sl_jellyfin_become_controllable(client, types, n1, commands, n2, options, on_message, None,
                                                Some(END), ud, out, &mut err)
            } else {
                sl_jellyfin_open_socket(client, options, on_message, None, Some(END), ud, out, &mut err)
            };
            let name = if controllable { "sl_jellyfin_become_controllable" } else { "sl_jellyfin_open_socket" };
            if !options.is_null() && invalid_options && !call.required_null && !call.bad_utf8 {
                prop_assert_eq!(status, sl_status::SL_STATUS_INVALID_ARGUMENT);
            }
            let ok = status == sl_status::SL_STATUS_OK;
            check(name, &call, status, err)?;
            if ok {
                let mut err = ptr::null_mut();
                prop_assert_eq!(sl_socket_subscribe_sessions(socket, 0, 1000, &mut err), sl_status::SL_STATUS_OK);
                prop_assert_eq!(sl_socket_unsubscribe_sessions(socket, &mut err), sl_status::SL_STATUS_OK);
                prop_assert_eq!(sl_socket_close(socket, &mut err), sl_status::SL_STATUS_OK);
                sl_socket_free(socket);
                prop_assert_eq!(*counter.count.lock().unwrap(), 1, "{}: on_end ran once before free returned", name);
            } else {
                prop_assert!(socket.is_null());
                prop_assert_eq!(*counter.count.lock().unwrap(), 0, "{}: no callback after a refused open", name);
            }
        }
        sl_jellyfin_client_free(c);
        let mut err = ptr::null_mut();
        for f in [sl_socket_unsubscribe_sessions, sl_socket_close] {
            prop_assert_eq!(f(ptr::null(), &mut err), sl_status::SL_STATUS_NULL_ARGUMENT);
            sl_error_free(err);
            err = ptr::null_mut();
        }
        prop_assert_eq!(sl_socket_subscribe_sessions(ptr::null(), 0, 0, &mut err), sl_status::SL_STATUS_NULL_ARGUMENT);
        sl_error_free(err);
        sl_socket_free(ptr::null_mut());
        sl_socket_options_init(ptr::null_mut());
        let m: *const sl_socket_message = ptr::null();
        for accessor in [sl_socket_message_type, sl_socket_message_id, sl_socket_message_json, sl_socket_message_data_json,
                         sl_socket_message_playstate_command, sl_socket_message_play_command,
                         sl_socket_message_command_name] {
            prop_assert!(accessor(m).is_null());
        }
        let mut call = Call::new(&case);
        let name = call.opt();
        prop_assert!(sl_socket_message_argument(m, name).is_null());
        prop_assert!(sl_socket_message_item_id(m, 0).is_null());
        let mut ticks = 0i64;
        prop_assert!(!sl_socket_message_seek_position_ticks(m, &mut ticks));
        prop_assert!(!sl_socket_message_start_position_ticks(m, &mut ticks));
        prop_assert!(!sl_socket_message_is_known(m) && sl_socket_message_item_ids_len(m) == 0);
        let mut list = ptr::null_mut();
        let mut err = ptr::null_mut();
        prop_assert_eq!(sl_socket_message_sessions(m, &mut list, &mut err), sl_status::SL_STATUS_NULL_ARGUMENT);
        sl_error_free(err);
    }

    /// Quick Connect in one call, blocking and `_async`: a NULL client or callback is refused
    /// before anything is sent; otherwise the flow runs against the emulator with a deadline
    /// of a few milliseconds and no one approving, so it ends with a status (a timeout),
    /// after the code callback ran once.
    #[test]
    fn quick_connect(case in case()) {
        let c = jellyfin_client();
        let mut call = Call::new(&case);
        let client = call.handle(c);
        let on_code = callback(&mut call, CODE);
        let timeout_ms = 1 + u32::try_from(call.int().unsigned_abs() % 20).unwrap_or(0);
        let mut result = ptr::null_mut();
        let out = call.opt_out(&mut result);
        let mut err = ptr::null_mut();
        let status = sl_jellyfin_quick_connect(client, timeout_ms, 1, on_code, ptr::null_mut(), out, &mut err);
        check("sl_jellyfin_quick_connect", &call, status, err)?;
        sl_auth_result_free(result);
        check_async("sl_jellyfin_quick_connect_async", &case, |call, ud, op, err| {
            let client = call.handle(c);
            let on_code = callback(call, CODE);
            let done = callback(call, AUTH_DONE);
            sl_jellyfin_quick_connect_async(client, timeout_ms, 1, on_code, done, ud, op, err)
        })?;
        sl_jellyfin_client_free(c);
    }

    /// Result accessors on real objects and on NULL, with arbitrary indexes; `_json` with a
    /// NULL out parameter; `sl_status_str` with any int; `sl_op_cancel` on NULL.
    #[test]
    fn results_and_accessors(case in case()) {
        let results = results();
        let mut call = Call::new(&case);
        let index = usize::try_from(call.int().rem_euclid(4)).unwrap();
        let list = call.handle(results.sessions.cast_const());
        let _ = sl_session_list_len(list);
        let session = sl_session_list_get(list, index);
        for accessor in [sl_session_id, sl_session_user_id, sl_session_user_name, sl_session_client,
                         sl_session_device_name, sl_session_device_id, sl_session_application_version,
                         sl_session_last_activity_date, sl_session_now_playing_item_id,
                         sl_session_now_playing_item_name, sl_session_now_playing_item_type] {
            utf8_or_null(accessor(session))?;
        }
        let (mut ticks, mut volume) = (0i64, 0i32);
        let ticks_out: *mut i64 = if call.null(false) { ptr::null_mut() } else { &mut ticks };
        let volume_out: *mut i32 = if call.null(false) { ptr::null_mut() } else { &mut volume };
        let _ = (sl_session_now_playing_item_run_time_ticks(session, ticks_out), sl_session_position_ticks(session, ticks_out),
                 sl_session_volume_level(session, volume_out), sl_session_is_paused(session), sl_session_is_muted(session),
                 sl_session_supports_remote_control(session), sl_session_supports_media_control(session));
        json_out("sl_session_list_json", &case, |call, out, err| { let l = call.handle(list); sl_session_list_json(l, out, err) })?;
        json_out("sl_session_json", &case, |call, out, err| { let s = call.handle(session); sl_session_json(s, out, err) })?;

        let auth = call.handle(results.auth.cast_const());
        for accessor in [sl_auth_result_access_token, sl_auth_result_user_id, sl_auth_result_user_name, sl_auth_result_server_id] {
            utf8_or_null(accessor(auth))?;
        }
        let _ = (sl_auth_result_is_administrator(auth), sl_session_id(sl_auth_result_session(auth)));
        json_out("sl_auth_result_json", &case, |call, out, err| { let a = call.handle(auth); sl_auth_result_json(a, out, err) })?;

        let pairs = call.handle(results.pairs.cast_const());
        let _ = sl_name_id_list_len(pairs);
        utf8_or_null(sl_name_id_list_name(pairs, index))?;
        utf8_or_null(sl_name_id_list_id(pairs, index))?;
        json_out("sl_name_id_list_json", &case, |call, out, err| { let p = call.handle(pairs); sl_name_id_list_json(p, out, err) })?;

        let login = call.handle(results.login.cast_const());
        for accessor in [sl_g4_login_session_id, sl_g4_login_bearer, sl_g4_login_username, sl_g4_login_fullname, sl_g4_login_email] {
            utf8_or_null(accessor(login))?;
        }
        let mut user_id = 0i32;
        let user_id_out: *mut i32 = if call.null(false) { ptr::null_mut() } else { &mut user_id };
        let _ = (sl_g4_login_user_id(login, user_id_out), sl_g4_login_valid_credentials(login), sl_g4_login_access_allowed(login));
        json_out("sl_g4_login_json", &case, |call, out, err| { let l = call.handle(login); sl_g4_login_json(l, out, err) })?;

        let g4_session = call.handle(results.g4_session.cast_const());
        utf8_or_null(sl_g4_session_bearer(g4_session))?;
        let _ = sl_g4_session_user_id(g4_session);
        json_out("sl_g4_session_json", &case, |call, out, err| { let s = call.handle(g4_session); sl_g4_session_json(s, out, err) })?;
        json_out("sl_g4_session_data_json", &case, |call, out, err| { let s = call.handle(g4_session); sl_g4_session_data_json(s, out, err) })?;

        // Errors: a real one (an invalid argument) and NULL.
        let mut err = ptr::null_mut();
        let bad = cstring("Dance");
        let c = jellyfin_client();
        let _ = sl_jellyfin_send_general_command(c, bad.as_ptr(), bad.as_ptr(), &mut err);
        sl_jellyfin_client_free(c);
        let e = call.handle(err.cast_const());
        utf8_or_null(sl_error_message(e))?;
        utf8_or_null(sl_error_location(e))?;
        utf8_or_null(sl_error_body_json(e))?;
        utf8_or_null(sl_error_problem_json(e))?;
        let _ = (sl_error_status(e), sl_error_request_sent(e), sl_error_http_status(e), sl_error_retry_after_ms(e));
        sl_error_free(err);

        utf8_or_null(sl_status_str(call.int() as i32))?;
        utf8_or_null(sl_version())?;
        let mut err = ptr::null_mut();
        prop_assert_eq!(sl_op_cancel(ptr::null(), &mut err), sl_status::SL_STATUS_NULL_ARGUMENT);
        sl_error_free(err);
        // Every _free accepts NULL.
        sl_op_free(ptr::null_mut());
        sl_string_free(ptr::null_mut());
        sl_error_free(ptr::null_mut());
        sl_session_list_free(ptr::null_mut());
        sl_auth_result_free(ptr::null_mut());
        sl_name_id_list_free(ptr::null_mut());
        sl_g4_login_free(ptr::null_mut());
        sl_g4_session_free(ptr::null_mut());
        sl_jellyfin_client_free(ptr::null_mut());
        sl_g4_client_free(ptr::null_mut());
    }
}

/// Records delivered to `count_record`, whatever its user data.
static LOG_RECORDS: Mutex<usize> = Mutex::new(0);

extern "C" fn count_record(
    _user_data: *mut c_void,
    level: sl_log_level,
    target: *const c_char,
    message: *const c_char,
) {
    // SAFETY: the header's promise: both are NUL-terminated strings for the call.
    let (target, message) = unsafe { (CStr::from_ptr(target), CStr::from_ptr(message)) };
    assert!(target.to_str().is_ok() && message.to_str().is_ok(), "log strings are UTF-8");
    assert!((1..=5).contains(&(level as i32)), "a record's level is a real level");
    *LOG_RECORDS.lock().unwrap() += 1;
}

proptest! {
    #![proptest_config(config())]

    /// `sl_set_log_callback` with any level number, a callback or NULL, and any user data
    /// (which it never reads): levels outside `sl_log_level` are refused; a request made
    /// afterwards reaches the callback exactly when it is set with `SL_LOG_DEBUG` or more.
    #[test]
    fn log_callback(case in case()) {
        let mut call = Call::new(&case);
        let level = i32::try_from(call.int().rem_euclid(9) - 2).unwrap();
        let callback: sl_log_callback = if call.null(false) { None } else { Some(count_record) };
        let user_data = usize::try_from(call.int().unsigned_abs() % 4096).unwrap() as *mut c_void;
        let mut err = ptr::null_mut();
        let status = sl_set_log_callback(callback, user_data, level, &mut err);
        if (0..=5).contains(&level) {
            prop_assert_eq!(status, sl_status::SL_STATUS_OK);
            prop_assert!(err.is_null());
        } else {
            prop_assert_eq!(status, sl_status::SL_STATUS_INVALID_ARGUMENT);
            prop_assert_eq!(sl_error_status(err), sl_status::SL_STATUS_INVALID_ARGUMENT);
            sl_error_free(err);
            prop_assert_eq!(sl_set_log_callback(callback, user_data, 4, ptr::null_mut()), sl_status::SL_STATUS_OK);
        }
        let delivering = callback.is_some() && !(0..4).contains(&level);
        let before = *LOG_RECORDS.lock().unwrap();
        let c = jellyfin_client();
        let mut list = ptr::null_mut();
        prop_assert_eq!(sl_jellyfin_get_sessions(c, ptr::null(), ptr::null(), ptr::null(), &mut list, ptr::null_mut()), sl_status::SL_STATUS_OK);
        sl_session_list_free(list);
        sl_jellyfin_client_free(c);
        prop_assert_eq!(sl_set_log_callback(None, ptr::null_mut(), 0, ptr::null_mut()), sl_status::SL_STATUS_OK);
        let after = *LOG_RECORDS.lock().unwrap();
        prop_assert_eq!(after > before, delivering, "level {}, callback set: {}", level, callback.is_some());
    }
}

type IdentityFn = extern "C" fn(*const sl_jellyfin_client, *mut *mut c_char, *mut *mut sl_error) -> sl_status;

fn utf8_or_null(p: *const c_char) -> Result<(), TestCaseError> {
    if !p.is_null() {
        // SAFETY: a NUL-terminated string from the library.
        let text = unsafe { CStr::from_ptr(p) };
        prop_assert!(text.to_str().is_ok(), "not UTF-8: {:?}", text);
    }
    Ok(())
}

/// A `_json` accessor: NULL object or out parameter refused, otherwise UTF-8 JSON the caller
/// frees.
fn json_out(
    name: &str,
    case: &Case,
    f: impl FnOnce(&mut Call<'_>, *mut *mut c_char, *mut *mut sl_error) -> sl_status,
) -> Result<(), TestCaseError> {
    let mut call = Call::new(case);
    call.nulls_used = 3; // another bit than the accessors' handles
    let mut json = ptr::null_mut();
    let mut err = ptr::null_mut();
    let out = call.out(&mut json);
    let status = f(&mut call, out, &mut err);
    check(name, &call, status, err)?;
    if status == sl_status::SL_STATUS_OK {
        // SAFETY: a NUL-terminated string the caller owns.
        let text = unsafe { CStr::from_ptr(json) }.to_str().unwrap().to_owned();
        prop_assert!(serde_json::from_str::<serde_json::Value>(&text).is_ok(), "{name}: {text}");
    }
    sl_string_free(json);
    Ok(())
}

/// Real result objects of every type, made once.
struct Results {
    sessions: *mut sl_session_list,
    auth: *mut sl_auth_result,
    pairs: *mut sl_name_id_list,
    login: *mut sl_g4_login,
    g4_session: *mut sl_g4_session,
}

// SAFETY: the result objects are read-only and documented as safe to read from many threads.
unsafe impl Send for Results {}
unsafe impl Sync for Results {}

fn results() -> &'static Results {
    static RESULTS: OnceLock<Results> = OnceLock::new();
    RESULTS.get_or_init(|| {
        let fx = &env().fixtures;
        let c = jellyfin_client();
        let mut r = Results {
            sessions: ptr::null_mut(),
            auth: ptr::null_mut(),
            pairs: ptr::null_mut(),
            login: ptr::null_mut(),
            g4_session: ptr::null_mut(),
        };
        let ok = sl_status::SL_STATUS_OK;
        assert_eq!(
            sl_jellyfin_get_sessions(c, ptr::null(), ptr::null(), ptr::null(), &mut r.sessions, ptr::null_mut()),
            ok
        );
        assert_eq!(sl_jellyfin_get_auth_providers(c, &mut r.pairs, ptr::null_mut()), ok);
        let (user, password) = (cstring(&fx.jellyfin.user), cstring(&fx.jellyfin.user_password));
        assert_eq!(
            sl_jellyfin_authenticate_by_name(c, user.as_ptr(), password.as_ptr(), &mut r.auth, ptr::null_mut()),
            ok
        );
        sl_jellyfin_client_free(c);
        let g = g4_client();
        let (user, password, data) =
            (cstring(&fx.g4.user), cstring(&fx.g4.password), cstring("{\"k\":[1,\"\\u0000\"]}"));
        let status = sl_g4_create_session(
            g,
            user.as_ptr(),
            password.as_ptr(),
            data.as_ptr(),
            ptr::null(),
            ptr::null(),
            &mut r.login,
            ptr::null_mut(),
        );
        assert_eq!(status, ok);
        let sid = sl_g4_login_session_id(r.login);
        assert_eq!(sl_g4_get_session(g, sid, &mut r.g4_session, ptr::null_mut()), ok);
        sl_g4_client_free(g);
        r
    })
}

/// Every function the header declares is called in this file, so a new export cannot skip
/// these properties.
#[test]
fn every_export_is_exercised() {
    let header = include_str!("../../include/sessionlink.h");
    let source = concat!(include_str!("entry_points.rs"), include_str!("entry_points/operations.rs"));
    let mut missing = Vec::new();
    for line in header.lines() {
        if line.starts_with(' ') || line.starts_with("typedef") || !line.ends_with(");") {
            continue;
        }
        let Some(name) = line.split('(').next().and_then(|head| head.rsplit([' ', '*']).next()) else { continue };
        let used = source.match_indices(name).any(|(i, _)| {
            let next = source[i + name.len()..].chars().next().unwrap_or(' ');
            !(next.is_ascii_alphanumeric() || next == '_')
        });
        if name.starts_with("sl_") && !used {
            missing.push(name.to_owned());
        }
    }
    assert!(missing.is_empty(), "exports without property tests: {missing:?}");
}

proptest! {
    #![proptest_config(config())]

    /// Discovery with arbitrary targets and options, and its result's accessors. Nothing may
    /// leave the host whatever the case: every target string is made a loopback one
    /// (`127.0.0.1:` and the string: a bad port unless it is a number), the options are never
    /// NULL (the defaults broadcast) and `broadcast` is `NEVER` or an invalid value.
    #[test]
    fn discovery(case in case()) {
        let mut call = Call::new(&case);
        let mut pointers: Vec<*const c_char> = Vec::new();
        let (targets, len) = match case.arrays[0].clone() {
            Array::Null(len) => {
                call.required_null |= len > 0;
                (ptr::null(), len)
            }
            Array::Items(items) => {
                for item in &items {
                    let loopback = match item {
                        Arg::Null => {
                            call.required_null = true;
                            Arg::Null
                        }
                        Arg::Bytes(bytes) => {
                            call.bad_utf8 |= item.kind() == Kind::BadUtf8;
                            Arg::Bytes([b"127.0.0.1:".as_slice(), bytes].concat())
                        }
                    };
                    pointers.push(call.pointer_of(&loopback));
                }
                (pointers.as_ptr(), items.len())
            }
        };
        let n = call.int();
        let mut o = std::mem::MaybeUninit::<sl_discovery_options>::uninit();
        sl_discovery_options_init(o.as_mut_ptr());
        // SAFETY: initialised by sl_discovery_options_init.
        let mut o = unsafe { o.assume_init() };
        prop_assert_eq!(o.broadcast, sl_discovery_broadcast::SL_DISCOVERY_BROADCAST_AUTO as u32);
        o.targets = targets;
        o.targets_len = len;
        o.timeout_ms = u32::try_from(n.rem_euclid(60)).unwrap();
        o.broadcast = if n % 5 == 0 { u32::try_from(n.rem_euclid(1000)).unwrap() | 4 } else { 1 };
        o.port = u16::try_from(n.rem_euclid(65536)).unwrap();
        o.limit = usize::try_from(n.rem_euclid(3)).unwrap();
        let mut servers = ptr::null_mut();
        let out = call.out(&mut servers);
        let mut err = ptr::null_mut();
        let status = sl_discover_servers(&o, out, &mut err);
        check("sl_discover_servers", &call, status, err)?;
        if status == sl_status::SL_STATUS_OK {
            let list = servers.cast_const();
            let index = usize::try_from(n.rem_euclid(3)).unwrap();
            let _ = sl_discovered_servers_len(list);
            for accessor in [sl_discovered_servers_address, sl_discovered_servers_id, sl_discovered_servers_name,
                             sl_discovered_servers_endpoint_address, sl_discovered_servers_responder] {
                utf8_or_null(accessor(list, index))?;
            }
            json_out("sl_discovered_servers_json", &case, |call, out, err| {
                let l = call.handle(list);
                sl_discovered_servers_json(l, index, out, err)
            })?;
        } else {
            prop_assert!(servers.is_null());
        }
        sl_discovered_servers_free(servers);
        sl_discovered_servers_free(ptr::null_mut());
        sl_discovery_options_init(ptr::null_mut());
        prop_assert_eq!(sl_discovered_servers_len(ptr::null()), 0);
        prop_assert!(sl_discovered_servers_address(ptr::null(), 0).is_null());
    }
}
