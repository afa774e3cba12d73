//! What a user gets back re-encodes to exactly what the server sent: for every operation that
//! returns a body, the decoded model, encoded again, equals the emulator's actual response.

mod common;

use common::*;
use serde_json::Value;
use sessionlink::jellyfin::GetSessionsQuery;
use sessionlink_emulator::Emulator;

fn server_body(emulator: &Emulator, suffix: &str) -> Value {
    serde_json::from_slice(&last_exchange(emulator, suffix).response_body).expect("the server sent JSON")
}

fn encoded<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("a model encodes")
}

#[tokio::test]
async fn every_decoded_reply_re_encodes_to_the_servers_body() {
    let emulator = Emulator::start().await.unwrap();
    let client = jellyfin(&emulator, "lossless");
    let login = client.authenticate_by_name(ALICE.0, ALICE.1).await.unwrap();
    assert_eq!(encoded(&login), server_body(&emulator, "/Users/AuthenticateByName"));
    let sessions = client.get_sessions(&GetSessionsQuery::default()).await.unwrap();
    assert!(sessions.len() >= 2);
    assert_eq!(encoded(&sessions), server_body(&emulator, "/Sessions"));
    assert_eq!(encoded(&client.get_auth_providers().await.unwrap()), server_body(&emulator, "/Auth/Providers"));
    assert_eq!(
        encoded(&client.get_password_reset_providers().await.unwrap()),
        server_body(&emulator, "/Auth/PasswordResetProviders")
    );

    let g4 = g4(&emulator);
    let created = g4
        .create_session(&sessionlink::g4::models::CreateSessionRequest {
            username: G4_USER.0.into(),
            password: G4_USER.1.into(),
            data: Some(serde_json::json!({"nested": {"a": [1, 2.5, null, "x"]}})),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(encoded(&created), server_body(&emulator, "/g4/session"));
    let id = created.session_id.unwrap().expose().to_owned();
    assert_eq!(encoded(&g4.get_session(&id).await.unwrap()), server_body(&emulator, &id));
    assert_eq!(encoded(&g4.get_static_session(&id).await.unwrap()), server_body(&emulator, &id));
}
