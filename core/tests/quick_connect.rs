//! Quick Connect against the emulator: the five operations (the exact requests and what the
//! user gets, errors included) and the flow in two steps (`start_quick_connect`, `wait`),
//! approved, expired, turned off, past its deadline and cancelled. Approvals are made at the
//! moment a test chooses (an emulator control, or a signed-in user's `Authorize`), after the
//! emulator recorded the requests the test waits for: no sleeps.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::*;
use sessionlink::jellyfin::{quick_connect, JellyfinClient, JellyfinConfig, QuickConnectWait};
use sessionlink::ErrorKind;
use sessionlink_emulator::Emulator;

/// A kiosk: a client with a name and device of its own, not logged in.
fn kiosk(emulator: &Emulator) -> JellyfinClient {
    JellyfinClient::new(JellyfinConfig::new(emulator.url(), "Lobby Kiosk", "kiosk-1")).unwrap()
}

/// Polls fast, so that a test waits for events, not for the default 5 s.
fn fast() -> QuickConnectWait {
    QuickConnectWait { poll_interval: Duration::from_millis(20), ..QuickConnectWait::default() }
}

fn count(emulator: &Emulator, suffix: &str) -> usize {
    emulator.requests().iter().filter(|e| e.raw_path.ends_with(suffix)).count()
}

/// Waits until the emulator recorded `n` requests to `suffix`.
async fn wait_for(emulator: &Emulator, suffix: &str, n: usize) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        if count(emulator, suffix) >= n {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "no {n} requests to {suffix}");
        emulator.wait_for_requests(emulator.request_count() + 1, Duration::from_secs(20)).await.unwrap();
    }
}

#[tokio::test]
async fn enabled_follows_the_servers_switch() {
    let emulator = Emulator::start().await.unwrap();
    let client = kiosk(&emulator);
    assert!(client.get_quick_connect_enabled().await.unwrap());
    emulator.set_quick_connect_enabled(false);
    assert!(!client.get_quick_connect_enabled().await.unwrap());
    let ex = last_exchange(&emulator, "/QuickConnect/Enabled");
    assert_eq!((ex.method.as_str(), ex.raw_query.as_deref(), ex.body.is_empty()), ("GET", None, true));
}

#[tokio::test]
async fn initiate_gives_a_code_for_this_device_and_hides_the_secret() {
    let emulator = Emulator::start().await.unwrap();
    let client = kiosk(&emulator);
    let r = client.initiate_quick_connect().await.unwrap();
    assert!(r.code.len() == 6 && r.code.bytes().all(|b| b.is_ascii_digit()), "{}", r.code);
    assert_eq!(r.secret.expose().len(), 64);
    assert!(!r.authenticated);
    assert_eq!((r.device_id.as_str(), r.device_name.as_str()), ("kiosk-1", "Lobby Kiosk"));
    assert_eq!(r.app_name, "sessionlink");
    assert!(!format!("{r:?}").contains(r.secret.expose()), "{r:?}");
    let ex = last_exchange(&emulator, "/QuickConnect/Initiate");
    assert_eq!((ex.method.as_str(), ex.raw_query.as_deref(), ex.body.is_empty()), ("POST", None, true));
    assert!(emulator.pending_quick_connect_codes().contains(&r.code));
    // Turned off: 401, which the flow explains.
    emulator.set_quick_connect_enabled(false);
    assert_kind(client.initiate_quick_connect().await, ErrorKind::Unauthorized, Some(401));
}

#[tokio::test]
async fn state_approval_and_login_step_by_step() {
    let emulator = Emulator::start().await.unwrap();
    let client = kiosk(&emulator);
    let alice = logged_in(&emulator, ALICE).await;
    let r = client.initiate_quick_connect().await.unwrap();
    let secret = r.secret.expose().to_owned();

    let state = client.get_quick_connect_state(&secret).await.unwrap();
    assert!(!state.authenticated && state.code == r.code);
    let ex = last_exchange(&emulator, "/QuickConnect/Connect");
    assert_eq!((ex.method.as_str(), ex.raw_query.clone()), ("GET", Some(format!("secret={secret}"))));
    // Not approved yet: nothing to exchange.
    assert_kind(client.authenticate_with_quick_connect(&secret).await, ErrorKind::NotFound, Some(404));

    assert!(alice.authorize_quick_connect(&r.code, None).await.unwrap());
    let ex = last_exchange(&emulator, "/QuickConnect/Authorize");
    assert_eq!((ex.method.as_str(), ex.raw_query.clone()), ("POST", Some(format!("code={}", r.code))));
    // A code is approved once: the server answers 500 to a second approval.
    assert_kind(alice.authorize_quick_connect(&r.code, None).await, ErrorKind::Server, Some(500));
    assert!(client.get_quick_connect_state(&secret).await.unwrap().authenticated);

    let login = client.authenticate_with_quick_connect(&secret).await.unwrap();
    let ex = last_exchange(&emulator, "/Users/AuthenticateWithQuickConnect");
    let body: serde_json::Value = serde_json::from_slice(&ex.body).unwrap();
    assert_eq!(body, serde_json::json!({ "Secret": secret }));
    assert_eq!(login.user.as_ref().map(|u| u.name.as_deref()), Some(Some("alice")));
    // The client keeps the token: it is now alice on this kiosk.
    assert_eq!(client.user_id(), alice.user_id());
    assert_eq!(client.get_current_user().await.unwrap().name.as_deref(), Some("alice"));
    // The server hands out the login made at approval for as long as the secret lives.
    let again = client.authenticate_with_quick_connect(&secret).await.unwrap();
    assert_eq!(
        again.access_token.as_ref().map(|t| t.expose().to_owned()),
        login.access_token.map(|t| t.expose().to_owned())
    );
}

#[tokio::test]
async fn authorize_checks_the_user_and_the_code() {
    let emulator = Emulator::start().await.unwrap();
    let fx = emulator.fixtures().jellyfin;
    let bob = logged_in(&emulator, BOB).await;
    let code = kiosk(&emulator).initiate_quick_connect().await.unwrap().code;
    // Only an administrator may approve in another user's name.
    assert_kind(bob.authorize_quick_connect(&code, Some(&fx.admin_id)).await, ErrorKind::Forbidden, Some(403));
    assert_kind(bob.authorize_quick_connect("000000", None).await, ErrorKind::NotFound, Some(404));
    let e = bob.authorize_quick_connect(&code, Some("not-a-guid")).await.unwrap_err();
    assert_eq!((e.kind(), e.request_sent()), (ErrorKind::InvalidArgument, false));
    let e = bob.authorize_quick_connect(" ", None).await.unwrap_err();
    assert_eq!((e.kind(), e.request_sent()), (ErrorKind::InvalidArgument, false));
    // Approving needs a login.
    assert_kind(kiosk(&emulator).authorize_quick_connect(&code, None).await, ErrorKind::Unauthorized, Some(401));
    assert!(bob.authorize_quick_connect(&code, Some(&fx.user_id)).await.unwrap());
}

#[tokio::test]
async fn bad_secrets_are_refused_before_sending_and_never_shown() {
    let emulator = Emulator::start().await.unwrap();
    let client = kiosk(&emulator);
    for bad in ["", "  "] {
        let e = client.get_quick_connect_state(bad).await.unwrap_err();
        assert_eq!((e.kind(), e.request_sent()), (ErrorKind::InvalidArgument, false));
        let e = client.authenticate_with_quick_connect(bad).await.unwrap_err();
        assert_eq!((e.kind(), e.request_sent()), (ErrorKind::InvalidArgument, false));
    }
    assert_eq!(emulator.request_count(), 0);
    let secret = "ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789";
    assert_kind(client.get_quick_connect_state(secret).await, ErrorKind::NotFound, Some(404));
    // A server that echoes the secret: the error shows `***`.
    emulator.inject_status(404, Some("text/plain"), &format!("no request with secret {secret}"));
    let e = client.get_quick_connect_state(secret).await.unwrap_err();
    assert!(!format!("{e} {e:?}").contains(secret) && e.message().contains("***"), "{e:?}");
}

#[tokio::test]
async fn the_flow_polls_until_approved_then_logs_in() {
    let emulator = Emulator::start().await.unwrap();
    let fx = emulator.fixtures().jellyfin;
    let client = kiosk(&emulator);
    let pending = client.start_quick_connect().await.unwrap();
    let code = pending.code().to_owned();
    assert!(!format!("{pending:?}").contains(pending.result().secret.expose()));
    let before = count(&emulator, "/QuickConnect/Connect");
    let waiting = tokio::spawn({
        let pending = pending.clone();
        async move { pending.wait(&fast()).await }
    });
    // Approved once the kiosk has asked twice (and heard "not yet").
    wait_for(&emulator, "/QuickConnect/Connect", before + 2).await;
    assert!(emulator.approve_quick_connect(&code, &fx.user_id));
    let login = waiting.await.unwrap().unwrap();
    assert_eq!(login.user.map(|u| u.id), Some(fx.user_id.clone()));
    assert_eq!(client.user_id(), Some(fx.user_id));
    assert!(client.has_token());
    assert_eq!(client.get_current_user().await.unwrap().name.as_deref(), Some("bob"));
}

#[tokio::test]
async fn the_one_call_form_hands_the_code_over_first() {
    let emulator = std::sync::Arc::new(Emulator::start().await.unwrap());
    let fx = emulator.fixtures().jellyfin;
    let client = kiosk(&emulator);
    let (tx, rx) = std::sync::mpsc::channel();
    let approver = emulator.clone();
    let login = quick_connect(&client, fast(), move |p| {
        tx.send(p.code().to_owned()).unwrap();
        // Approved from the callback: the code reached the caller before the polling began.
        assert!(approver.approve_quick_connect(p.code(), &fx.admin_id));
    })
    .await
    .unwrap();
    assert_eq!(rx.try_recv().unwrap().len(), 6);
    assert_eq!(login.user.map(|u| u.name), Some(Some("alice".to_owned())));
}

#[tokio::test]
async fn an_expired_code_ends_the_wait_with_not_found() {
    let emulator = Emulator::start().await.unwrap();
    let client = kiosk(&emulator);
    let pending = client.start_quick_connect().await.unwrap();
    assert!(emulator.expire_quick_connect() >= 1);
    let e = assert_kind(pending.wait(&fast()).await, ErrorKind::NotFound, Some(404));
    assert!(e.message().contains("expired") && e.message().contains(pending.code()), "{e}");
    assert!(!client.has_token());
}

#[tokio::test]
async fn quick_connect_turned_off_is_said_so() {
    let emulator = Emulator::start().await.unwrap();
    let client = kiosk(&emulator);
    emulator.set_quick_connect_enabled(false);
    let e = assert_kind(client.start_quick_connect().await, ErrorKind::Unauthorized, Some(401));
    assert!(e.message().contains("turned off"), "{e}");
    // Turned off while a device waits: the wait ends the same way.
    emulator.set_quick_connect_enabled(true);
    let pending = client.start_quick_connect().await.unwrap();
    emulator.set_quick_connect_enabled(false);
    let e = assert_kind(pending.wait(&fast()).await, ErrorKind::Unauthorized, Some(401));
    assert!(e.message().contains("turned off"), "{e}");
}

#[tokio::test]
async fn the_deadline_ends_the_wait_with_a_timeout() {
    let emulator = Emulator::start().await.unwrap();
    let client = kiosk(&emulator);
    let pending = client.start_quick_connect().await.unwrap();
    let options = QuickConnectWait { timeout: Duration::from_millis(100), poll_interval: Duration::from_millis(20) };
    let e = assert_kind(pending.wait(&options).await, ErrorKind::Timeout, None);
    assert!(e.message().contains(pending.code()) && e.message().contains("approved"), "{e}");
    // It asked until the deadline, and the code is still pending: nothing was approved.
    assert!(count(&emulator, "/QuickConnect/Connect") >= 2);
    assert!(emulator.pending_quick_connect_codes().contains(&pending.code().to_owned()));
    assert!(!client.has_token());
}

#[tokio::test]
async fn dropping_the_wait_stops_the_polling_and_the_client_still_works() {
    let emulator = Emulator::start().await.unwrap();
    let client = kiosk(&emulator);
    let pending = client.start_quick_connect().await.unwrap();
    let before = count(&emulator, "/QuickConnect/Connect");
    let waiting = tokio::spawn({
        let pending = pending.clone();
        async move { pending.wait(&fast()).await }
    });
    wait_for(&emulator, "/QuickConnect/Connect", before + 1).await;
    waiting.abort();
    assert!(waiting.await.unwrap_err().is_cancelled());
    // The pending request is still there; a new wait picks it up.
    let fx = emulator.fixtures().jellyfin;
    assert!(emulator.approve_quick_connect(pending.code(), &fx.user_id));
    assert!(pending.wait(&fast()).await.is_ok());
}

#[tokio::test]
async fn wait_options_from_seconds_are_checked() {
    let d = QuickConnectWait::default();
    assert_eq!((d.timeout, d.poll_interval), (Duration::from_secs(600), Duration::from_secs(5)));
    assert_eq!(QuickConnectWait::from_seconds(None, None).unwrap(), d);
    let w = QuickConnectWait::from_seconds(Some(1.5), Some(0.25)).unwrap();
    assert_eq!((w.timeout, w.poll_interval), (Duration::from_millis(1500), Duration::from_millis(250)));
    for (t, p) in [(Some(0.0), None), (Some(-1.0), None), (None, Some(f64::NAN)), (None, Some(f64::INFINITY))] {
        let e = QuickConnectWait::from_seconds(t, p).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::InvalidArgument, "{t:?} {p:?}");
    }
}
