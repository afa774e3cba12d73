//! Opening a connection: name resolution, TCP (no Nagle), and TLS for `https`, all within
//! the connect timeout. Used by the HTTP pool and by the WebSocket.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

use crate::error::{Error, ErrorKind, Result};
use crate::transport::url::BaseUrl;
use crate::transport::{tls, TransportOptions};

/// Where a client's connections go.
#[derive(Clone)]
pub(crate) struct Endpoint {
    host: Host,
    port: u16,
    /// For `https`: the connector and the name the certificate must carry.
    tls: Option<(TlsConnector, ServerName<'static>)>,
    connect_timeout: Duration,
}

#[derive(Clone, Debug)]
enum Host {
    Name(String),
    Ip(IpAddr),
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint").field("host", &self.host).field("port", &self.port).finish_non_exhaustive()
    }
}

impl Endpoint {
    pub fn new(base: &BaseUrl, options: &TransportOptions) -> Result<Endpoint> {
        let url = base.url();
        let host = match url.host() {
            Some(url::Host::Domain(name)) => Host::Name(name.to_owned()),
            Some(url::Host::Ipv4(ip)) => Host::Ip(IpAddr::V4(ip)),
            Some(url::Host::Ipv6(ip)) => Host::Ip(IpAddr::V6(ip)),
            None => return Err(Error::invalid_argument("base URL has no host")),
        };
        let port = url.port_or_known_default().unwrap_or(80);
        // The TLS configuration is checked even for `http`, so that a bad extra CA is
        // reported when the client is made, whatever its URL.
        let config = tls::client_config(options)?;
        let tls = if url.scheme() == "https" {
            let name = match &host {
                Host::Name(name) => ServerName::try_from(name.clone())
                    .map_err(|e| Error::invalid_argument(format!("base URL host is not a valid name: {e}")))?,
                Host::Ip(ip) => ServerName::IpAddress((*ip).into()),
            };
            Some((TlsConnector::from(config), name))
        } else {
            None
        };
        Ok(Endpoint { host, port, tls, connect_timeout: options.connect_timeout })
    }

    /// `host:port`, for messages.
    pub fn authority(&self) -> String {
        match &self.host {
            Host::Name(name) => format!("{name}:{}", self.port),
            Host::Ip(IpAddr::V6(ip)) => format!("[{ip}]:{}", self.port),
            Host::Ip(ip) => format!("{ip}:{}", self.port),
        }
    }

    /// Opens a new connection. Every failure here happened before a request byte was sent.
    pub async fn connect(&self) -> Result<Stream> {
        let deadline = Instant::now() + self.connect_timeout;
        match tokio::time::timeout_at(deadline, self.connect_inner()).await {
            Ok(result) => result,
            Err(_) => Err(Error::new(
                ErrorKind::Timeout,
                format!(
                    "cannot connect to {}: no connection within {:?} (connect_timeout)",
                    self.authority(),
                    self.connect_timeout
                ),
            )),
        }
    }

    async fn connect_inner(&self) -> Result<Stream> {
        let addrs: Vec<SocketAddr> = match &self.host {
            Host::Ip(ip) => vec![SocketAddr::new(*ip, self.port)],
            Host::Name(name) => tokio::net::lookup_host((name.as_str(), self.port))
                .await
                .map_err(|e| self.connect_error(format!("cannot resolve the host name ({e})"), e))?
                .collect(),
        };
        let mut last = None;
        for addr in &addrs {
            match TcpStream::connect(addr).await {
                Ok(tcp) => {
                    // Requests are small and written at once: waiting to coalesce them only
                    // adds latency.
                    let _ = tcp.set_nodelay(true);
                    return self.secure(tcp).await;
                }
                Err(e) => last = Some(e),
            }
        }
        let e = last.unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, "the host name has no address"));
        Err(self.connect_error(format!("{e}"), e))
    }

    async fn secure(&self, tcp: TcpStream) -> Result<Stream> {
        let Some((connector, name)) = &self.tls else { return Ok(Stream::Plain(tcp)) };
        match connector.connect(name.clone(), tcp).await {
            Ok(tls) => Ok(Stream::Tls(Box::new(tls))),
            Err(e) => Err(self.connect_error(format!("TLS handshake failed ({e})"), e)),
        }
    }

    fn connect_error(&self, detail: String, source: io::Error) -> Error {
        Error::new(ErrorKind::Connect, format!("cannot connect to {}: {detail}", self.authority())).with_source(source)
    }
}

/// A connection: plain TCP or TLS over TCP.
pub(crate) enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_read(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_read(cx, buf),
        }
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write(cx, buf),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write(cx, buf),
        }
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_write_vectored(cx, bufs),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_write_vectored(cx, bufs),
        }
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Stream::Plain(s) => s.is_write_vectored(),
            Stream::Tls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_flush(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match self.get_mut() {
            Stream::Plain(s) => Pin::new(s).poll_shutdown(cx),
            Stream::Tls(s) => Pin::new(s.as_mut()).poll_shutdown(cx),
        }
    }
}
