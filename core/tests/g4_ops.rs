//! Every G4 operation against the emulator over real HTTP: headers, token handling, TTL
//! semantics and each documented error.
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use common::*;
use serde_json::json;
use sessionlink::g4::models::CreateSessionRequest;
use sessionlink::g4::{G4Auth, G4Client, G4Config};
use sessionlink::ErrorKind;
use sessionlink_emulator::Emulator;

fn login(data: Option<serde_json::Value>, timeout: Option<i32>) -> CreateSessionRequest {
    CreateSessionRequest { username: G4_USER.0.into(), password: G4_USER.1.into(), data, timeout, ..Default::default() }
}

async fn created(emulator: &Emulator) -> (G4Client, String) {
    let client = g4(emulator);
    let session = client.create_session(&login(Some(json!({"n": 1})), Some(60))).await.unwrap();
    let id = session.session_id.unwrap().expose().to_owned();
    (client, id)
}

#[tokio::test]
async fn create_session_sends_tenant_application_and_camel_case_body() {
    let emulator = Emulator::start().await.unwrap();
    let client = g4(&emulator);
    let mut req = login(Some(json!({"cart": [1, 2]})), Some(90));
    req.detail = Some(serde_json::from_value(json!({"remoteAddress": "127.0.0.1"})).unwrap());
    let session = client.create_session(&req).await.unwrap();
    assert!(session.valid_credentials && session.access_allowed);
    assert_eq!(session.user_id, Some(42));
    let id = session.session_id.clone().unwrap();
    // From now on the session id (or the bearer the service hands out) authorises calls.
    assert!(matches!(client.auth(), Some(G4Auth::Bearer(_))));
    let ex = last_exchange(&emulator, "/g4/session");
    assert_eq!(ex.method, "POST");
    assert_eq!(header(&ex, "x-g4-tenant"), Some("acme"));
    assert_eq!(header(&ex, "x-g4-application"), Some("tests"));
    assert_eq!(header(&ex, "authorization"), None, "login needs no credentials");
    let body: serde_json::Value = serde_json::from_slice(&ex.body).unwrap();
    assert_eq!(
        body,
        json!({"username": "user@example.com", "password": "correct horse", "data": {"cart": [1, 2]}, "timeout": 90, "detail": {"remoteAddress": "127.0.0.1"}})
    );
    let read = client.get_session(id.expose()).await.unwrap();
    assert_eq!(read.data, json!({"cart": [1, 2]}));
    assert_eq!(read.user_id, 42);
    let ex = last_exchange(&emulator, id.expose());
    assert!(header(&ex, "authorization").unwrap().starts_with("bearer "));
}

#[tokio::test]
async fn create_session_refusals_are_errors_not_null_successes() {
    let emulator = Emulator::start().await.unwrap();
    let client = g4(&emulator);
    let bad = CreateSessionRequest { username: G4_USER.0.into(), password: "wrong".into(), ..Default::default() };
    let err = assert_kind(client.create_session(&bad).await, ErrorKind::Unauthorized, Some(200));
    assert!(!err.to_string().contains("wrong"));
    let no_access =
        CreateSessionRequest { username: "noaccess@example.com".into(), password: "pw2".into(), ..Default::default() };
    assert_kind(client.create_session(&no_access).await, ErrorKind::Forbidden, Some(200));
    assert!(client.auth().is_none(), "a refused login must not install credentials");
    let empty = CreateSessionRequest { username: String::new(), password: "x".into(), ..Default::default() };
    assert_kind(client.create_session(&empty).await, ErrorKind::InvalidArgument, None);
    assert_kind(client.create_session(&login(None, Some(0))).await, ErrorKind::InvalidArgument, None);
}

#[tokio::test]
async fn an_unknown_tenant_is_a_bad_request_with_problem_details() {
    let emulator = Emulator::start().await.unwrap();
    let client = G4Client::new(G4Config::new(emulator.g4_url(), "no-such-tenant")).unwrap();
    let err = assert_kind(client.create_session(&login(None, None)).await, ErrorKind::BadRequest, Some(400));
    let problem = err.problem().expect("ProblemDetails");
    assert!(problem.get("title").is_some() || problem.get("detail").is_some(), "{problem}");
    let ex = last_exchange(&emulator, "/g4/session");
    assert!(ex.response_headers.iter().any(|(k, _)| k == "x-g4-error"));
}

#[tokio::test]
async fn get_session_restarts_the_ttl_and_static_get_does_not() {
    let emulator = Emulator::start().await.unwrap();
    let (client, id) = created(&emulator).await;
    assert!(emulator.set_g4_ttl_remaining(TENANT, &id, Duration::from_secs(10)));
    let peek = client.get_static_session(&id).await.unwrap();
    assert_eq!(peek.data, json!({"n": 1}));
    let left = emulator.g4_ttl_remaining(TENANT, &id).unwrap();
    assert!(left <= Duration::from_secs(10), "static get must not extend the TTL: {left:?}");
    client.get_session(&id).await.unwrap();
    let left = emulator.g4_ttl_remaining(TENANT, &id).unwrap();
    assert!(left > Duration::from_secs(50), "get restarts the 60 s TTL: {left:?}");
    assert_eq!(last_exchange(&emulator, &id).raw_path, format!("/g4/session/{id}"));
    client.get_static_session(&id).await.unwrap();
    assert_eq!(last_exchange(&emulator, &id).raw_path, format!("/g4/static-session/{id}"));
}

#[tokio::test]
async fn default_ttl_is_twenty_minutes() {
    let emulator = Emulator::start().await.unwrap();
    let client = g4(&emulator);
    let s = client.create_session(&login(None, None)).await.unwrap();
    let left = emulator.g4_ttl_remaining(TENANT, s.session_id.unwrap().expose()).unwrap();
    assert!(left > Duration::from_secs(1190) && left <= Duration::from_secs(1200), "{left:?}");
}

#[tokio::test]
async fn unknown_and_expired_sessions_are_not_found() {
    let emulator = Emulator::start().await.unwrap();
    let (_client, id) = created(&emulator).await;
    let service = g4_service(&emulator);
    let err = assert_kind(service.get_session("no-such-session").await, ErrorKind::NotFound, Some(204));
    assert!(err.message().contains("GET /session/{id}"), "{err}");
    assert_kind(service.get_static_session("no-such-session").await, ErrorKind::NotFound, Some(204));
    assert_kind(service.update_session("no-such-session", &json!(1)).await, ErrorKind::NotFound, Some(204));
    assert_kind(service.delete_session("no-such-session").await, ErrorKind::NotFound, Some(204));
    assert!(emulator.expire_g4_session(TENANT, &id));
    assert_kind(service.get_session(&id).await, ErrorKind::NotFound, Some(204));
    assert_kind(service.get_static_session(&id).await, ErrorKind::NotFound, Some(204));
}

#[tokio::test]
async fn update_session_replaces_the_data() {
    let emulator = Emulator::start().await.unwrap();
    let (client, id) = created(&emulator).await;
    client.update_session(&id, &json!({"m": [true, null]})).await.unwrap();
    let ex = last_exchange(&emulator, &id);
    assert_eq!(ex.method, "PUT");
    assert_eq!(serde_json::from_slice::<serde_json::Value>(&ex.body).unwrap(), json!({"m": [true, null]}));
    assert_eq!(client.get_static_session(&id).await.unwrap().data, json!({"m": [true, null]}));
    client.update_session(&id, &serde_json::Value::Null).await.unwrap();
    assert_eq!(client.get_static_session(&id).await.unwrap().data, serde_json::Value::Null);
}

#[tokio::test]
async fn delete_session_removes_it_and_forgets_the_bearer() {
    let emulator = Emulator::start().await.unwrap();
    let (client, id) = created(&emulator).await;
    client.delete_session(&id).await.unwrap();
    assert_eq!(last_exchange(&emulator, &id).method, "DELETE");
    assert!(client.auth().is_none());
    assert_kind(g4_service(&emulator).get_session(&id).await, ErrorKind::NotFound, Some(204));
}

#[tokio::test]
async fn apikey_authorization_and_refused_credentials() {
    let emulator = Emulator::start().await.unwrap();
    let (_client, id) = created(&emulator).await;
    let service = g4_service(&emulator);
    service.get_static_session(&id).await.unwrap();
    assert_eq!(header(&last_exchange(&emulator, &id), "authorization"), Some("apikey acme-api-key-1"));
    let stranger = G4Client::new(G4Config {
        auth: Some(G4Auth::Bearer("forged-token".into())),
        ..G4Config::new(emulator.g4_url(), TENANT)
    })
    .unwrap();
    let err = assert_kind(stranger.get_session(&id).await, ErrorKind::Unauthorized, Some(401));
    assert!(!err.to_string().contains("forged-token"));
    let nobody = G4Client::new(G4Config::new(emulator.g4_url(), TENANT)).unwrap();
    assert_kind(nobody.get_session(&id).await, ErrorKind::Unauthorized, Some(401));
}

#[tokio::test]
async fn a_refreshed_bearer_is_adopted() {
    let emulator = Emulator::start().await.unwrap();
    let (client, id) = created(&emulator).await;
    let before = client.auth();
    emulator.set_g4_bearer_rotation(true);
    client.get_session(&id).await.unwrap();
    let ex = last_exchange(&emulator, &id);
    let refreshed =
        ex.response_headers.iter().find(|(k, _)| k == "x-g4-bearer").map(|(_, v)| v.clone()).expect("x-g4-bearer");
    assert_eq!(client.auth(), Some(G4Auth::Bearer(refreshed.as_str().into())));
    assert_ne!(client.auth(), before);
    client.get_static_session(&id).await.unwrap();
    let ex = last_exchange(&emulator, &id);
    assert_eq!(header(&ex, "authorization"), Some(format!("bearer {refreshed}").as_str()));
}

/// A blank `x-g4-bearer` is no token: the client keeps the one it has rather than sending
/// an empty credential next.
#[tokio::test]
async fn a_blank_refreshed_bearer_is_ignored() {
    let emulator = Emulator::start().await.unwrap();
    let (client, id) = created(&emulator).await;
    let before = client.auth();
    emulator.inject_status_with_headers(204, None, "", &[("x-g4-bearer", "   ")]);
    assert_kind(client.get_session(&id).await, ErrorKind::NotFound, Some(204));
    assert_eq!(client.auth(), before);
    client.get_session(&id).await.unwrap();
}

#[tokio::test]
async fn ids_are_encoded_as_one_segment() {
    let emulator = Emulator::start().await.unwrap();
    let service = g4_service(&emulator);
    for (id, encoded) in [("../x", "..%2Fx"), ("a b", "a%20b"), ("a/b", "a%2Fb")] {
        assert_kind(service.get_session(id).await, ErrorKind::NotFound, Some(204));
        assert_eq!(emulator.requests().pop().unwrap().raw_path, format!("/g4/session/{encoded}"));
    }
    assert_kind(service.get_session("..").await, ErrorKind::InvalidArgument, None);
    assert_kind(service.delete_session("").await, ErrorKind::InvalidArgument, None);
}

#[tokio::test]
async fn header_values_are_checked_before_any_io() {
    let emulator = Emulator::start().await.unwrap();
    for tenant in ["acme\r\nX-Evil: 1", "acme\n", "ac\0me", ""] {
        let err = G4Client::new(G4Config::new(emulator.g4_url(), tenant)).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidArgument, "{tenant:?}");
    }
    let err =
        G4Client::new(G4Config { application: Some("app\r\n".into()), ..G4Config::new(emulator.g4_url(), TENANT) })
            .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    let err = G4Client::new(G4Config {
        auth: Some(G4Auth::Bearer("tok\nen".into())),
        ..G4Config::new(emulator.g4_url(), TENANT)
    })
    .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidArgument);
    assert!(!err.message().contains("tok"), "{err}");
    assert!(emulator.requests().is_empty());
}

/// The bearer a login installs: the `x-g4-bearer` header first, then the body's `bearer`,
/// then the session id itself.
#[tokio::test]
async fn login_bearer_precedence_header_then_body_then_session_id() {
    let emulator = Emulator::start().await.unwrap();
    let answer = |bearer: Option<&str>| {
        let mut body =
            json!({"validCredentials": true, "accessAllowed": true, "sessionId": "S-id", "userId": 42, "version": "1"});
        if let Some(b) = bearer {
            body["bearer"] = json!(b);
        }
        body.to_string()
    };
    let cases: [(Option<&str>, Option<&str>, &str); 3] =
        [(Some("H-tok"), Some("B-tok"), "H-tok"), (None, Some("B-tok"), "B-tok"), (None, None, "S-id")];
    for (header_bearer, body_bearer, expected) in cases {
        let client = g4(&emulator);
        let headers: Vec<(&str, &str)> = header_bearer.map(|h| ("x-g4-bearer", h)).into_iter().collect();
        emulator.inject_status_with_headers(200, Some("application/json"), &answer(body_bearer), &headers);
        client.create_session(&login(None, None)).await.unwrap();
        assert_eq!(client.auth(), Some(G4Auth::Bearer(expected.into())), "{header_bearer:?} {body_bearer:?}");
    }
}

#[tokio::test]
async fn deleting_another_session_keeps_the_clients_own_bearer() {
    let emulator = Emulator::start().await.unwrap();
    let (mine, my_id) = created(&emulator).await;
    let (_, other_id) = created(&emulator).await;
    assert_ne!(my_id, other_id);
    mine.delete_session(&other_id).await.unwrap();
    assert_eq!(mine.auth(), Some(G4Auth::Bearer(my_id.as_str().into())), "only its own session's bearer is forgotten");
    assert_eq!(mine.get_session(&my_id).await.unwrap().user_id, 42, "and it still works");
    assert_kind(mine.get_session(&other_id).await, ErrorKind::NotFound, Some(204));
}
