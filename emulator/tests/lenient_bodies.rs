//! What the emulator accepts beyond the contract because the real server does (see
//! docs/testing.md, "Beyond the contract"): the comma-delimited lists of
//! `ClientCapabilitiesDto` (`JsonCommaDelimitedCollectionConverterFactory`), and numbers and
//! booleans where a body has a `string` (`JsonStringConverter` in `JsonDefaults`).
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use serde_json::{json, Value};
use sessionlink_emulator::Emulator;

async fn post(emulator: &Emulator, token: &str, path: &str, body: Value) -> u16 {
    http()
        .post(format!("{}{path}", emulator.url()))
        .header("authorization", authorization("lenient-1", Some(token)))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn capability_lists_may_be_comma_delimited_strings() {
    let emulator = start().await;
    let fx = emulator.fixtures().jellyfin;
    let (token, session) = login(&emulator, &fx.user, &fx.user_password, "lenient-1").await;
    // As jellyfin-mpv-shim sends them: unknown entries and empty ones are dropped, entries
    // are trimmed and read in any case or by number, as the server's converter does.
    let caps = json!({
        "PlayableMediaTypes": "Video, audio,,Hologram",
        "SupportedCommands": "MoveUp,DisplayMessage, setvolume ,Teleport,1",
        "SupportsMediaControl": true,
        "AppStoreUrl": 42,
        "IconUrl": true,
    });
    assert_eq!(post(&emulator, &token, "/Sessions/Capabilities/Full", caps).await, 204);
    let shown = emulator.session_json(&session).unwrap();
    assert_eq!(shown["PlayableMediaTypes"], json!(["Video", "Audio"]));
    assert_eq!(
        shown["Capabilities"]["SupportedCommands"],
        json!(["MoveUp", "DisplayMessage", "SetVolume", "MoveDown"])
    );
    assert_eq!(shown["SupportsMediaControl"], true);
    assert_eq!(
        (&shown["Capabilities"]["AppStoreUrl"], &shown["Capabilities"]["IconUrl"]),
        (&json!("42"), &json!("true"))
    );

    // An empty string is an empty list; the array form still rejects an unknown value.
    let empty = json!({"PlayableMediaTypes": "", "SupportedCommands": " , "});
    assert_eq!(post(&emulator, &token, "/Sessions/Capabilities/Full", empty).await, 204);
    assert_eq!(emulator.session_json(&session).unwrap()["PlayableMediaTypes"], json!([]));
    let strict = json!({"PlayableMediaTypes": ["Video", "Hologram"]});
    assert_eq!(post(&emulator, &token, "/Sessions/Capabilities/Full", strict).await, 400);
    // Neither a number nor an object is a list.
    for bad in [json!({"SupportedCommands": 5}), json!({"PlayableMediaTypes": {"a": 1}})] {
        assert_eq!(post(&emulator, &token, "/Sessions/Capabilities/Full", bad).await, 400);
    }
}

#[tokio::test]
async fn strings_in_command_bodies_may_be_numbers_or_booleans() {
    let emulator = start().await;
    let fx = emulator.fixtures().jellyfin;
    let tv = living_room(&emulator);
    let (token, _) = login(&emulator, &fx.admin_user, &fx.admin_password, "lenient-1").await;
    let full = json!({"Name": "SetVolume", "Arguments": {"Volume": 50, "Muted": false, "Note": null}});
    assert_eq!(post(&emulator, &token, &format!("/Sessions/{tv}/Command"), full).await, 204);
    let message = json!({"Header": 7, "Text": 3.5, "TimeoutMs": "5000"});
    assert_eq!(post(&emulator, &token, &format!("/Sessions/{tv}/Message"), message).await, 204);
    let received: Vec<Value> = emulator.commands(&tv).into_iter().map(|c| c.data["Arguments"].clone()).collect();
    assert_eq!(
        received,
        [
            json!({"Volume": "50", "Muted": "false", "Note": null}),
            json!({"Header": "7", "Text": "3.5", "TimeoutMs": "5000"}),
        ]
    );
    // What the converter cannot read as a string is still a 400.
    let nested = json!({"Name": "SetVolume", "Arguments": {"Volume": [50]}});
    assert_eq!(post(&emulator, &token, &format!("/Sessions/{tv}/Command"), nested).await, 400);
    assert_eq!(post(&emulator, &token, &format!("/Sessions/{tv}/Message"), json!({"Text": {"a": 1}})).await, 400);
}
