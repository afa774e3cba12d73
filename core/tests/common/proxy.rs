//! A real proxy for the tests (tinyproxy from the distribution, installed by
//! scripts/setup-system.sh), started on 127.0.0.1 and stopped by the test; and a TLS front
//! that puts the emulator behind `https://127.0.0.1` with the certificate of data/tls.
// Test set-up says what it expects with unwrap; a failure shows the value it got.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::net::TcpListener as StdListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

pub const CA: &[u8] = include_bytes!("../data/tls/ca.pem");
const CERT: &[u8] = include_bytes!("../data/tls/server.pem");
const KEY: &[u8] = include_bytes!("../data/tls/server.pk8.pem");

/// A running tinyproxy. Dropping it stops it.
pub struct Tinyproxy {
    child: Child,
    pub port: u16,
    dir: PathBuf,
    lines: Arc<(Mutex<Vec<String>>, Condvar)>,
}

/// A port that was free a moment ago (tinyproxy takes no port 0).
pub fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

impl Tinyproxy {
    /// Starts tinyproxy on a free port of 127.0.0.1 with `extra` configuration lines
    /// (`BasicAuth user password`, `Allow ...`), and waits until it accepts connections.
    pub fn start(extra: &str) -> Tinyproxy {
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("sessionlink-tinyproxy-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let allow = if extra.contains("Allow ") { "" } else { "Allow 127.0.0.1\n" };
        let config = format!(
            "Port {port}\nListen 127.0.0.1\nTimeout 30\nMaxClients 32\nLogLevel Info\nDisableViaHeader No\n{allow}{extra}\n"
        );
        let path = dir.join("tinyproxy.conf");
        std::fs::write(&path, config).unwrap();
        let mut child = Command::new("tinyproxy")
            .arg("-d")
            .arg("-c")
            .arg(&path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start tinyproxy ({e}): run scripts/setup-system.sh"));
        let stdout = child.stdout.take().unwrap();
        let lines: Arc<(Mutex<Vec<String>>, Condvar)> = Arc::default();
        let shared = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                shared.0.lock().unwrap().push(line);
                shared.1.notify_all();
            }
        });
        let proxy = Tinyproxy { child, port, dir, lines };
        proxy.wait_for_line("Accepting connections");
        proxy
    }

    /// `http://127.0.0.1:PORT`, with `user:password@` when given.
    pub fn url(&self, credentials: Option<(&str, &str)>) -> String {
        match credentials {
            Some((user, password)) => format!("http://{user}:{password}@127.0.0.1:{}", self.port),
            None => format!("http://127.0.0.1:{}", self.port),
        }
    }

    /// Waits (20 s at most) for a line of tinyproxy's log containing `text`, and returns it.
    pub fn wait_for_line(&self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let (lines, changed) = &*self.lines;
        let mut seen = lines.lock().unwrap();
        loop {
            if let Some(line) = seen.iter().find(|l| l.contains(text)) {
                return line.clone();
            }
            let left = deadline.saturating_duration_since(Instant::now());
            assert!(!left.is_zero(), "tinyproxy never logged {text:?}; its log:\n{}", seen.join("\n"));
            seen = changed.wait_timeout(seen, left).unwrap().0;
        }
    }

    /// Whether a line of the log so far contains `text`.
    pub fn logged(&self, text: &str) -> bool {
        self.lines.0.lock().unwrap().iter().any(|l| l.contains(text))
    }
}

impl Drop for Tinyproxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// `https://127.0.0.1:PORT`: TLS (the server certificate of data/tls, signed by [`CA`])
/// in front of `http://127.0.0.1:backend`, for as long as the runtime runs.
pub async fn tls_front(backend: u16) -> u16 {
    let _ = tokio_rustls::rustls::crypto::ring::default_provider().install_default();
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(CERT).collect::<Result<_, _>>().unwrap();
    let key = PrivateKeyDer::from_pem_slice(KEY).unwrap();
    let config =
        tokio_rustls::rustls::ServerConfig::builder().with_no_client_auth().with_single_cert(certs, key).unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else { return };
                let Ok(mut plain) = tokio::net::TcpStream::connect(("127.0.0.1", backend)).await else { return };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    port
}

/// The port of an `http://127.0.0.1:PORT` URL.
pub fn port_of(url: &str) -> u16 {
    url.rsplit(':').next().unwrap().trim_end_matches('/').split('/').next().unwrap().parse().unwrap()
}
