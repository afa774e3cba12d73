//! After `fork()`, a client inherited from the parent fails with a clear error instead of
//! hanging on a pool whose threads do not exist in the child, and new clients work (on a
//! fresh runtime). Alone in its own test binary: forking a process with other test threads
//! holding locks is not something to mix with other tests.
// fork() exists only on Unix; elsewhere there is nothing to guard against.
#![cfg(unix)]
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

use std::time::{Duration, Instant};

use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{runtime, ErrorKind};
use sessionlink_emulator::Emulator;

const API_KEY: &str = "c0ffee00c0ffee00c0ffee00c0ffee00";

fn client(url: &str) -> JellyfinClient {
    JellyfinClient::new(JellyfinConfig::new(url, "fork test", "fork-dev").with_token(API_KEY)).unwrap()
}

fn list(c: &JellyfinClient) -> sessionlink::Result<usize> {
    let c = c.clone();
    runtime::block_on(async move { Ok(c.get_sessions(&GetSessionsQuery::default()).await?.len()) })
}

/// Runs in the child: exit code 0 means both expectations held.
fn child(url: &str, inherited: &JellyfinClient) -> i32 {
    // Refused before anything is queued: the bindings report it at the call, as they do an
    // argument error, rather than from the awaited future.
    match inherited.get_sessions(&GetSessionsQuery::default()).prepare() {
        Err(e) if e.kind() == ErrorKind::Forked => {}
        Err(e) => {
            eprintln!("inherited client, prepared: expected a Forked error, got {e}");
            return 3;
        }
        Ok(_) => {
            eprintln!("inherited client, prepared: expected a Forked error, got a prepared request");
            return 3;
        }
    }
    match list(inherited) {
        Err(e) if e.kind() == ErrorKind::Forked && e.message().contains("fork") => {}
        other => {
            eprintln!("inherited client: expected a Forked error, got {other:?}");
            return 1;
        }
    }
    match list(&client(url)) {
        Ok(n) if n > 0 => 0,
        other => {
            eprintln!("new client in the child: {other:?}");
            2
        }
    }
}

#[test]
fn inherited_clients_fail_clearly_and_new_ones_work() {
    let emulator = Emulator::start_blocking().unwrap();
    let url = emulator.url();
    let inherited = client(&url);
    assert!(list(&inherited).unwrap() > 0, "the parent's client works before the fork");

    // SAFETY: the child only runs Rust code of this test and leaves with _exit, never
    // returning into the test harness.
    let pid = unsafe { libc::fork() };
    assert!(pid >= 0, "fork failed");
    if pid == 0 {
        let code = child(&url, &inherited);
        unsafe { libc::_exit(code) };
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut status = 0;
    loop {
        let done = unsafe { libc::waitpid(pid, &mut status, libc::WNOHANG) };
        if done == pid {
            break;
        }
        if Instant::now() > deadline {
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("the child hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(libc::WIFEXITED(status), "child died: status {status}");
    assert_eq!(libc::WEXITSTATUS(status), 0, "see the child's stderr above");
    // The parent's client is unaffected.
    assert!(list(&inherited).unwrap() > 0);
}
