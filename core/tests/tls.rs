//! TLS: a server with a private CA is refused by default, trusted with `extra_ca_pem`, and
//! reachable with the explicit `accept_invalid_certs` opt-in. The certificates in data/tls
//! were made once with openssl (a CA, and a server certificate for 127.0.0.1 signed by it).
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{ErrorKind, TransportOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const CA: &[u8] = include_bytes!("data/tls/ca.pem");
const CERT: &[u8] = include_bytes!("data/tls/server.pem");
const KEY: &[u8] = include_bytes!("data/tls/server.pk8.pem");

/// An HTTPS server that answers every request with an empty session list.
async fn https_server() -> String {
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(CERT).collect::<Result<_, _>>().unwrap();
    let key = PrivateKeyDer::from_pem_slice(KEY).unwrap();
    let config =
        tokio_rustls::rustls::ServerConfig::builder().with_no_client_auth().with_single_cert(certs, key).unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://127.0.0.1:{}", listener.local_addr().unwrap().port());
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                let mut buf = vec![0u8; 4096];
                let mut seen = Vec::new();
                let head_end = loop {
                    if let Some(i) = seen.windows(4).position(|w| w == b"\r\n\r\n") {
                        break i + 4;
                    }
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                };
                // A body is read whole, late: a large one fills the socket buffers first, so
                // the client must flush what TLS still holds once the socket takes it again.
                let head = String::from_utf8_lossy(&seen[..head_end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
                if length > 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
                }
                let mut body = seen.len() - head_end;
                while body < length {
                    match tls.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => body += n,
                    }
                }
                let _ = tls
                    .write_all(b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]")
                    .await;
                let _ = tls.shutdown().await;
            });
        }
    });
    url
}

fn client(url: &str, transport: TransportOptions) -> JellyfinClient {
    let mut config = JellyfinConfig::new(url, "d", "tls-test").with_token("t");
    config.transport = transport;
    JellyfinClient::new(config).unwrap()
}

#[tokio::test]
async fn a_private_ca_is_refused_by_default() {
    let url = https_server().await;
    let err = client(&url, TransportOptions::default()).get_sessions(&GetSessionsQuery::default()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connect, "{err}");
}

#[tokio::test]
async fn an_extra_ca_is_trusted() {
    let url = https_server().await;
    let transport = TransportOptions { extra_ca_pem: Some(CA.to_vec()), ..Default::default() };
    let sessions = client(&url, transport).get_sessions(&GetSessionsQuery::default()).await.unwrap();
    assert!(sessions.is_empty());
}

#[tokio::test]
async fn invalid_certificates_only_with_the_explicit_opt_in() {
    let url = https_server().await;
    let transport = TransportOptions { accept_invalid_certs: true, ..Default::default() };
    client(&url, transport).get_sessions(&GetSessionsQuery::default()).await.unwrap();
    // The server certificate is not a CA: trusting it as one does not make the chain valid.
    let transport = TransportOptions { extra_ca_pem: Some(CERT.to_vec()), ..Default::default() };
    let err = client(&url, transport).get_sessions(&GetSessionsQuery::default()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connect);
}

#[tokio::test]
async fn a_large_body_is_flushed_through_tls() {
    let url = https_server().await;
    let transport = TransportOptions {
        extra_ca_pem: Some(CA.to_vec()),
        request_timeout: std::time::Duration::from_secs(20),
        ..Default::default()
    };
    let capabilities = sessionlink::jellyfin::models::ClientCapabilitiesDto {
        device_profile: Some(serde_json::json!({ "Name": "x".repeat(16 << 20) })),
        ..Default::default()
    };
    client(&url, transport).post_full_capabilities(None, &capabilities).await.unwrap();
}
