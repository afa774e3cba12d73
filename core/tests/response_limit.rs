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
