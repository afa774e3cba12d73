//! Opening a connection: name resolution, TCP (no Nagle), a `CONNECT` tunnel through the
//! proxy if there is one, and TLS for `https`, all within the connect timeout. Used by the
//! HTTP pool and by the WebSocket.

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http::header::{HOST, PROXY_AUTHORIZATION};
use http::Method;
use http_body_util::Empty;
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use rustls::pki_types::ServerName;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::Instant;
use tokio_rustls::client::TlsStream;
use tokio_rustls::TlsConnector;

use crate::error::{Error, ErrorKind, Result};
use crate::transport::proxy::Proxy;
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
    proxy: Option<Proxy>,
}

#[derive(Clone, Debug)]
enum Host {
    Name(String),
    Ip(IpAddr),
}

impl std::fmt::Debug for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Endpoint")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("proxy", &self.proxy)
            .finish_non_exhaustive()
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
        let proxy = Proxy::choose(base, options)?;
        Ok(Endpoint { host, port, tls, connect_timeout: options.connect_timeout, proxy })
    }

    /// The proxy that plain `http` requests are forwarded to (their URI in absolute form),
    /// if any: [`Endpoint::connect_for_requests`] then connects to it.
    pub fn forwarding(&self) -> Option<&Proxy> {
        self.proxy.as_ref().filter(|_| self.tls.is_none())
    }

    /// The credentials of the proxy, to scrub from errors.
    pub fn secrets(&self) -> &[String] {
        self.proxy.as_ref().map_or(&[], Proxy::secrets)
    }

    /// `host:port`, for messages.
    pub fn authority(&self) -> String {
        match &self.host {
            Host::Name(name) => format!("{name}:{}", self.port),
            Host::Ip(IpAddr::V6(ip)) => format!("[{ip}]:{}", self.port),
            Host::Ip(ip) => format!("{ip}:{}", self.port),
        }
    }

    /// Opens a new connection to the server: through a tunnel when there is a proxy. Every
    /// failure here happened before a request byte was sent. The WebSocket uses this.
    pub async fn connect(&self) -> Result<Stream> {
        self.within_timeout(self.connect_inner(true)).await
    }

    /// Opens a new connection for HTTP requests: like [`Endpoint::connect`], except that
    /// plain `http` through a proxy connects to the proxy, which forwards each request.
    pub async fn connect_for_requests(&self) -> Result<Stream> {
        self.within_timeout(self.connect_inner(false)).await
    }

    async fn within_timeout(&self, connecting: impl std::future::Future<Output = Result<Stream>>) -> Result<Stream> {
        let deadline = Instant::now() + self.connect_timeout;
        match tokio::time::timeout_at(deadline, connecting).await {
            Ok(result) => result,
            Err(_) => {
                let through = self.proxy.as_ref().map(|p| format!(" through the proxy {}", p.authority()));
                Err(Error::new(
                    ErrorKind::Timeout,
                    format!(
                        "cannot connect to {}{}: no connection within {:?} (connect_timeout)",
                        self.authority(),
                        through.unwrap_or_default(),
                        self.connect_timeout
                    ),
                ))
            }
        }
    }

    async fn connect_inner(&self, always_tunnel: bool) -> Result<Stream> {
        let Some(proxy) = &self.proxy else {
            let tcp = match &self.host {
                Host::Ip(ip) => tcp(&[SocketAddr::new(*ip, self.port)]).await,
                Host::Name(name) => tcp(&resolve(name, self.port).await?).await,
            }
            .map_err(|e| self.connect_error(format!("{e}"), e))?;
            return match &self.tls {
                None => Ok(Stream::Plain(tcp)),
                Some(_) => Ok(Stream::Tls(Box::new(self.secure(tcp).await?))),
            };
        };
        let proxy_error = |detail: String, e: io::Error| {
            Error::new(ErrorKind::Proxy, format!("cannot connect to the proxy {}: {detail}", proxy.authority()))
                .with_source(e)
        };
        let addrs = resolve(proxy.host(), proxy.port()).await.map_err(|e| {
            Error::new(ErrorKind::Proxy, e.message().replacen("cannot connect to ", "cannot connect to the proxy ", 1))
        })?;
        let tcp = tcp(&addrs).await.map_err(|e| proxy_error(format!("{e}"), e))?;
        if self.tls.is_none() && !always_tunnel {
            return Ok(Stream::Plain(tcp));
        }
        let tunnel = self.tunnel(proxy, tcp).await?;
        match &self.tls {
            None => Ok(Stream::Tunnel(Box::new(tunnel))),
            Some(_) => Ok(Stream::TunnelTls(Box::new(self.secure(tunnel).await?))),
        }
    }

    /// Asks the proxy for a tunnel to the server with `CONNECT`, through hyper (which parses
    /// the proxy's answer and hands the connection back once it says 200).
    async fn tunnel(&self, proxy: &Proxy, tcp: TcpStream) -> Result<TokioIo<Upgraded>> {
        let target = self.authority();
        let failed = |what: &str, e: &dyn std::fmt::Display| {
            Error::new(
                ErrorKind::Proxy,
                format!("the proxy {} failed to open a tunnel to {target}: {what} ({e})", proxy.authority()),
            )
        };
        let (mut sender, connection) = hyper::client::conn::http1::handshake::<_, Empty<Bytes>>(TokioIo::new(tcp))
            .await
            .map_err(|e| failed("cannot start HTTP", &e))?;
        let mut connection = std::pin::pin!(connection.with_upgrades());
        let mut request = http::Request::new(Empty::new());
        *request.method_mut() = Method::CONNECT;
        *request.uri_mut() = target.parse().map_err(|e| failed("the destination is not a valid authority", &e))?;
        let host =
            http::HeaderValue::from_str(&target).map_err(|e| failed("the destination is not a valid host", &e))?;
        request.headers_mut().insert(HOST, host);
        if let Some(auth) = proxy.auth() {
            request.headers_mut().insert(PROXY_AUTHORIZATION, auth.clone());
        }
        let mut sending = std::pin::pin!(sender.send_request(request));
        // With upgrades, the connection hands itself over (and ends) as soon as the proxy's
        // 200 arrives, which may be before the response future is polled again.
        let mut handed_over = false;
        let response = tokio::select! {
            biased;
            response = &mut sending => response,
            ended = &mut connection => match ended {
                Ok(()) => {
                    handed_over = true;
                    sending.await
                }
                Err(e) => return Err(failed("no answer to CONNECT", &e)),
            },
        }
        .map_err(|e| failed("no answer to CONNECT", &e))?;
        if !response.status().is_success() {
            return Err(proxy.refused(&format!("a tunnel to {target}"), response.status()));
        }
        let upgraded = if handed_over {
            hyper::upgrade::on(response).await
        } else {
            tokio::join!(hyper::upgrade::on(response), connection).0
        };
        upgraded.map(TokioIo::new).map_err(|e| failed("the tunnel could not be taken over", &e))
    }

    async fn secure<IO>(&self, io: IO) -> Result<TlsStream<IO>>
    where
        IO: AsyncRead + AsyncWrite + Unpin,
    {
        let Some((connector, name)) = &self.tls else {
            return Err(Error::internal("TLS asked for an http:// endpoint"));
        };
        connector
            .connect(name.clone(), io)
            .await
            .map_err(|e| self.connect_error(format!("TLS handshake failed ({e})"), e))
    }

    fn connect_error(&self, detail: String, source: io::Error) -> Error {
        Error::new(ErrorKind::Connect, format!("cannot connect to {}: {detail}", self.authority())).with_source(source)
    }
}

/// The addresses of `name`.
async fn resolve(name: &str, port: u16) -> Result<Vec<SocketAddr>> {
    let addrs: Vec<SocketAddr> = tokio::net::lookup_host((name, port))
        .await
        .map_err(|e| {
            Error::new(
                ErrorKind::Connect,
                format!("cannot connect to {name}:{port}: cannot resolve the host name ({e})"),
            )
            .with_source(e)
        })?
        .collect();
    if addrs.is_empty() {
        return Err(Error::new(
            ErrorKind::Connect,
            format!("cannot connect to {name}:{port}: the host name has no address"),
        ));
    }
    Ok(addrs)
}

/// A TCP connection to the first of `addrs` that answers.
async fn tcp(addrs: &[SocketAddr]) -> io::Result<TcpStream> {
    let mut last = None;
    for addr in addrs {
        match TcpStream::connect(addr).await {
            Ok(tcp) => {
                // Requests are small and written at once: waiting to coalesce them only
                // adds latency.
                let _ = tcp.set_nodelay(true);
                return Ok(tcp);
            }
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::new(io::ErrorKind::NotFound, "the host name has no address")))
}

/// A connection: TCP, or a tunnel through a proxy, each plain or with TLS.
pub(crate) enum Stream {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
    Tunnel(Box<TokioIo<Upgraded>>),
    TunnelTls(Box<TlsStream<TokioIo<Upgraded>>>),
}

/// Runs `$body` with `$s` bound to the pinned inner stream of whichever kind `$stream` is.
macro_rules! each {
    ($stream:expr, $s:ident => $body:expr) => {
        match $stream {
            Stream::Plain(s) => {
                let $s = Pin::new(s);
                $body
            }
            Stream::Tls(s) => {
                let $s = Pin::new(s.as_mut());
                $body
            }
            Stream::Tunnel(s) => {
                let $s = Pin::new(s.as_mut());
                $body
            }
            Stream::TunnelTls(s) => {
                let $s = Pin::new(s.as_mut());
                $body
            }
        }
    };
}

impl AsyncRead for Stream {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        each!(self.get_mut(), s => s.poll_read(cx, buf))
    }
}

impl AsyncWrite for Stream {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        each!(self.get_mut(), s => s.poll_write(cx, buf))
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        each!(self.get_mut(), s => s.poll_write_vectored(cx, bufs))
    }

    fn is_write_vectored(&self) -> bool {
        match self {
            Stream::Plain(s) => s.is_write_vectored(),
            Stream::Tls(s) => s.is_write_vectored(),
            Stream::Tunnel(s) => s.is_write_vectored(),
            Stream::TunnelTls(s) => s.is_write_vectored(),
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        each!(self.get_mut(), s => s.poll_flush(cx))
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        each!(self.get_mut(), s => s.poll_shutdown(cx))
    }
}
