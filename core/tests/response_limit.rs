//! `max_response_bytes` is inclusive: a body of exactly the limit is read whole, whether its
//! size is declared (`Content-Length`, checked before reading) or found while reading
//! (chunked); one byte more is refused.

mod common;

use common::*;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{ErrorKind, TransportOptions};
use sessionlink_emulator::Emulator;

const LIMIT: usize = 4096;

#[tokio::test]
async fn a_body_of_exactly_the_limit_is_read_and_one_byte_more_is_refused() {
    let emulator = Emulator::start().await.expect("emulator");
    let mut config = JellyfinConfig::new(emulator.url(), "Test Runner", "limit").with_token(API_KEY);
    config.transport = TransportOptions { max_response_bytes: LIMIT, ..TransportOptions::default() };
    let client = JellyfinClient::new(config).expect("valid config");
    for chunked in [false, true] {
        emulator.inject_oversized_body(LIMIT as u64, chunked);
        let sessions = client.get_sessions(&GetSessionsQuery::default()).await;
        assert_eq!(sessions.expect("exactly the limit").len(), 0, "chunked: {chunked}");
        emulator.inject_oversized_body(LIMIT as u64 + 1, chunked);
        assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::ResponseTooLarge, None);
    }
}

/// An error page is read up to 64 KiB whatever the limit: a larger one (a proxy's, say) is
/// dropped unread and the status alone is the error, not "too large".
#[tokio::test]
async fn an_error_page_over_its_own_limit_gives_the_status() {
    let emulator = Emulator::start().await.expect("emulator");
    let client = JellyfinClient::new(JellyfinConfig::new(emulator.url(), "Test Runner", "limit").with_token(API_KEY))
        .expect("valid config");
    let page = "Database is locked. ".repeat(4 * 1024);
    assert!(page.len() > 64 * 1024);
    emulator.inject_status(500, Some("text/plain"), &page);
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Server, Some(500));
    assert_eq!(err.message(), "GET /Sessions: Internal Server Error");
    // Just under it, the page is the reason.
    emulator.inject_status(500, Some("text/plain"), &page[..60 * 1024]);
    let err = assert_kind(client.get_sessions(&GetSessionsQuery::default()).await, ErrorKind::Server, Some(500));
    assert!(err.message().starts_with("GET /Sessions: Internal Server Error: Database is locked."), "{err}");
    client.get_sessions(&GetSessionsQuery::default()).await.expect("the next call works");
}
