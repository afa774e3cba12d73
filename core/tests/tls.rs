//! TLS: a server with a private CA is refused by default, trusted with `extra_ca_pem`, and
//! reachable with the explicit `accept_invalid_certs` opt-in. The certificates in data/tls
//! were made once with openssl (a CA, and a server certificate for 127.0.0.1 signed by it).
// Tests say what they expect with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

mod common;

#[cfg(target_os = "linux")]
use std::mem::ManuallyDrop;
use std::net::SocketAddr;
#[cfg(target_os = "linux")]
use std::os::fd::{FromRawFd, RawFd};
use std::sync::Arc;

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::{ErrorKind, TransportOptions};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpSocket;

const CA: &[u8] = include_bytes!("data/tls/ca.pem");
const CERT: &[u8] = include_bytes!("data/tls/server.pem");
const KEY: &[u8] = include_bytes!("data/tls/server.pk8.pem");

/// The server side of TLS, with the certificate for 127.0.0.1.
fn acceptor() -> tokio_rustls::TlsAcceptor {
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(CERT).collect::<Result<_, _>>().unwrap();
    let key = PrivateKeyDer::from_pem_slice(KEY).unwrap();
    let config =
        tokio_rustls::rustls::ServerConfig::builder().with_no_client_auth().with_single_cert(certs, key).unwrap();
    tokio_rustls::TlsAcceptor::from(Arc::new(config))
}

/// An HTTPS server that answers every request with an empty session list. With
/// `small_buffers`, its connections have the smallest socket buffers the kernel allows, on
/// its side and on the client's (see [`shrink_send_buffer_of`]), so that a request body meets
/// a full socket again and again until its very end.
async fn https_server(small_buffers: bool) -> String {
    let acceptor = acceptor();
    let socket = TcpSocket::new_v4().unwrap();
    if small_buffers {
        // Set before listening, so that accepted connections advertise a small window.
        socket.set_recv_buffer_size(1).unwrap();
    }
    socket.bind("127.0.0.1:0".parse().unwrap()).unwrap();
    let listener = socket.listen(16).unwrap();
    let url = format!("https://127.0.0.1:{}", listener.local_addr().unwrap().port());
    tokio::spawn(async move {
        while let Ok((tcp, peer)) = listener.accept().await {
            // Before the handshake: the client sends nothing of its request until then.
            #[cfg(target_os = "linux")]
            if small_buffers {
                shrink_send_buffer_of(peer);
            }
            let _ = peer;
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
                let head = String::from_utf8_lossy(&seen[..head_end]).to_ascii_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0);
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

/// Gives the socket of this process whose local address is `client` (the client's end of a
/// connection the server accepted) the smallest send buffer (Linux: `/proc/self/fd`). Only a test can reach into the
/// client's socket; a client on a slow or distant link meets full buffers without it.
#[cfg(target_os = "linux")]
fn shrink_send_buffer_of(client: SocketAddr) {
    for entry in std::fs::read_dir("/proc/self/fd").unwrap() {
        let Ok(fd) = entry.unwrap().file_name().to_string_lossy().parse::<RawFd>() else { continue };
        // SAFETY: the descriptor is only borrowed (never closed: ManuallyDrop); on one that is
        // not a TCP socket, or was closed meanwhile, `local_addr` fails.
        let socket = ManuallyDrop::new(unsafe { std::net::TcpStream::from_raw_fd(fd) });
        if socket.local_addr().ok() != Some(client) {
            continue;
        }
        let size: libc::c_int = 1;
        // SAFETY: SO_SNDBUF reads one c_int from a live local.
        let ok = unsafe {
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_SNDBUF,
                (&raw const size).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        };
        assert_eq!(ok, 0, "SO_SNDBUF: {}", std::io::Error::last_os_error());
        return;
    }
    panic!("no socket of this process has the local address {client}");
}

fn client(url: &str, transport: TransportOptions) -> JellyfinClient {
    let mut config = JellyfinConfig::new(url, "d", "tls-test").with_token("t");
    config.transport = transport;
    JellyfinClient::new(config).unwrap()
}

#[tokio::test]
async fn a_private_ca_is_refused_by_default() {
    let url = https_server(false).await;
    let err = client(&url, TransportOptions::default()).get_sessions(&GetSessionsQuery::default()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connect, "{err}");
}

#[tokio::test]
async fn an_extra_ca_is_trusted() {
    let url = https_server(false).await;
    let transport = TransportOptions { extra_ca_pem: Some(CA.to_vec()), ..Default::default() };
    let sessions = client(&url, transport).get_sessions(&GetSessionsQuery::default()).await.unwrap();
    assert!(sessions.is_empty());
}

#[tokio::test]
async fn invalid_certificates_only_with_the_explicit_opt_in() {
    let url = https_server(false).await;
    let transport = TransportOptions { accept_invalid_certs: true, ..Default::default() };
    client(&url, transport).get_sessions(&GetSessionsQuery::default()).await.unwrap();
    // The server certificate is not a CA: trusting it as one does not make the chain valid.
    let transport = TransportOptions { extra_ca_pem: Some(CERT.to_vec()), ..Default::default() };
    let err = client(&url, transport).get_sessions(&GetSessionsQuery::default()).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Connect);
}

/// tokio-rustls returns from a write as soon as it has taken the bytes, with TLS records
/// still queued when the socket was full; only a flush sends them. When the end of a body
/// meets a full socket, a client that skips the flush waits for a response to a request the
/// server never received whole, until its timeout.
#[cfg(target_os = "linux")]
#[tokio::test]
async fn the_end_of_a_body_that_meets_a_full_socket_is_flushed_through_tls() {
    let url = https_server(true).await;
    let transport = TransportOptions {
        extra_ca_pem: Some(CA.to_vec()),
        request_timeout: std::time::Duration::from_secs(60),
        ..Default::default()
    };
    // Several times rustls' 64 KiB buffer, and far more than both socket buffers together.
    let capabilities = sessionlink::jellyfin::models::ClientCapabilitiesDto {
        device_profile: Some(serde_json::json!({ "Name": "x".repeat(1 << 20) })),
        ..Default::default()
    };
    client(&url, transport).post_full_capabilities(None, &capabilities).await.unwrap();
}

/// A TLS connection the client is done with ends with TLS's `close_notify`, not only a TCP
/// close: that is how a server (or a proxy) tells a finished connection from a cut one.
#[tokio::test]
async fn a_finished_tls_connection_ends_with_close_notify() {
    let acceptor = acceptor();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("https://127.0.0.1:{}", listener.local_addr().unwrap().port());
    let (ended, end) = tokio::sync::oneshot::channel();
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let mut tls = acceptor.accept(tcp).await.unwrap();
        common::read_request_head(&mut tls).await;
        let mut buf = [0u8; 4096];
        tls.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n[]").await.unwrap();
        // close_notify reads as the end of the stream; a bare TCP close as an error.
        let end = loop {
            match tls.read(&mut buf).await {
                Ok(0) => break Ok(()),
                Ok(_) => {}
                Err(e) => break Err(e.to_string()),
            }
        };
        let _ = ended.send(end);
    });
    let transport = TransportOptions { extra_ca_pem: Some(CA.to_vec()), ..Default::default() };
    let sessions = client(&url, transport).get_sessions(&GetSessionsQuery::default()).await.unwrap();
    assert!(sessions.is_empty());
    assert_eq!(end.await.unwrap(), Ok(()), "the client closed without close_notify");
}
