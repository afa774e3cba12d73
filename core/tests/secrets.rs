//! Tokens and passwords never appear in log records, errors or `Debug` output. This test
//! binary installs a capturing logger, so it holds only this test.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::json;
use sessionlink::g4::models::CreateSessionRequest;
use sessionlink::jellyfin::models::PlaystateCommand;
use sessionlink::jellyfin::GetSessionsQuery;
use sessionlink::Secret;
use sessionlink_emulator::Emulator;

#[tokio::test]
async fn no_secret_in_logs_errors_or_debug() {
    common::log_capture::install();
    let emulator = Emulator::start().await.unwrap();

    let jf = jellyfin(&emulator, "secret-test");
    let login = jf.authenticate_by_name("alice", "wonderland").await.unwrap();
    let token = login.access_token.clone().unwrap().expose().to_owned();
    let tv = session_id(&jf, "Living Room TV").await;
    jf.send_playstate_command(&tv, PlaystateCommand::Pause, None, None).await.unwrap();
    let wrong = jellyfin(&emulator, "secret-test-2");
    let e1 = wrong.authenticate_by_name("alice", "hunter2-wrong").await.unwrap_err();

    let g4 = g4(&emulator);
    let created = g4
        .create_session(&CreateSessionRequest {
            username: G4_USER.0.into(),
            password: G4_USER.1.into(),
            data: Some(json!({})),
            ..Default::default()
        })
        .await
        .unwrap();
    let sid = created.session_id.clone().unwrap().expose().to_owned();
    g4.get_session(&sid).await.unwrap();
    // A call shows its route (a template: the G4 session id in the path is a bearer), as
    // prepared and not yet prepared, and an argument error as the error.
    let call = g4.get_session(&sid);
    let call_debug = format!("{call:?}");
    assert_eq!(call_debug, "Prepared { route: \"GET /session/{id}\", .. }");
    assert_eq!(format!("{:?}", call.prepare().unwrap()), call_debug);
    let refused = format!("{:?}", jf.send_playstate_command("", PlaystateCommand::Pause, None, None));
    assert!(refused.starts_with("Call(") && refused.contains("InvalidArgument"), "{refused}");

    g4.delete_session(&sid).await.unwrap();
    let e2 = g4_service(&emulator).get_session(&sid).await.unwrap_err();

    // A credential prints as a mask, in both formats.
    let access = login.access_token.clone().unwrap();
    assert_eq!((format!("{access}"), format!("{access:?}")), ("***".to_owned(), "Secret(***)".to_owned()));
    for made in [Secret::from("k3y"), Secret::from(String::from("k3y")), Secret::new("k3y")] {
        assert_eq!((made.expose(), made.is_empty()), ("k3y", false));
    }
    assert!(Secret::from(String::new()).is_empty());

    // An error's Debug shows what a log of it needs (the credentials scrubbed below).
    let e1_debug = format!("{e1:?}");
    for part in
        ["kind: Unauthorized", "request_sent: true", "status: Some(401)", "message: \"POST /Users/AuthenticateByName"]
    {
        assert!(e1_debug.contains(part), "{part} in {e1_debug}");
    }

    let debug = format!("{jf:?} {login:?} {g4:?} {created:?} {e1:?} {e2:?} {e1} {e2} {call_debug}");
    let logs = common::log_capture::records().join("\n");
    assert!(logs.contains("GET /Sessions"), "the requests were logged: {logs}");
    // Each one this test sent: the Jellyfin token and passwords, the G4 password, session id
    // (a bearer) and the service's API key (`g4_service`, which made `e2`).
    for secret in [token.as_str(), "wonderland", "hunter2-wrong", G4_USER.1, sid.as_str(), G4_API_KEY] {
        assert!(!debug.contains(secret), "{secret:?} in debug output: {debug}");
        assert!(!logs.contains(secret), "{secret:?} in logs: {logs}");
    }
    let _ = GetSessionsQuery::default();
}
