//! Compressed session lists (`bench/compression/run.sh`; not a test): the fixture's bytes on
//! the wire as the server sends them (plain, gzip, Brotli at ASP.NET's default level
//! `Fastest`, as the emulator and Jellyfin compress), the cost of decoding them, and
//! `get_sessions` calls per second against a local server in each form, rounds interleaved,
//! medians, ratios against the plain body in the same run.
//!
//! cargo run --release -p sessionlink-tools --bin compression-bench -- [body.json] [rounds] [seconds]

use std::convert::Infallible;
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use sessionlink::jellyfin::models::SessionInfoDto;
use sessionlink::jellyfin::{GetSessionsQuery, JellyfinClient, JellyfinConfig};
use sessionlink::transport::{decode_list, Body};
use sessionlink::TransportOptions;

type Failure = Box<dyn std::error::Error + Send + Sync>;

#[derive(Clone, Copy, PartialEq)]
enum Form {
    Plain,
    Gzip,
    Brotli,
}

impl Form {
    fn name(self) -> &'static str {
        match self {
            Form::Plain => "plain",
            Form::Gzip => "gzip",
            Form::Brotli => "br",
        }
    }
}

fn gzip(body: &[u8], level: u32) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(level));
    e.write_all(body).expect("in memory");
    e.finish().expect("in memory")
}

fn brotli(body: &[u8], quality: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut e = brotli::CompressorWriter::new(&mut out, 4096, quality, 22);
        e.write_all(body).expect("in memory");
    }
    out
}

/// A server on 127.0.0.1 answering every request with `body`, sent as `content-encoding`.
async fn serve(body: Vec<u8>, encoding: Option<&'static str>) -> Result<SocketAddr, Failure> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let addr = listener.local_addr()?;
    let body = Bytes::from(body);
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let _ = tcp.set_nodelay(true);
            let body = body.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |_req: Request<Incoming>| {
                    let mut response = Response::new(Full::new(body.clone()));
                    let headers = response.headers_mut();
                    headers.insert("content-type", "application/json; charset=utf-8".parse().expect("valid"));
                    if let Some(encoding) = encoding {
                        headers.insert("content-encoding", encoding.parse().expect("valid"));
                    }
                    async move { Ok::<_, Infallible>(response) }
                });
                let _ = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(tcp), service).await;
            });
        }
    });
    Ok(addr)
}

/// Calls per second of sequential `get_sessions` for about `seconds`.
async fn rate(client: &JellyfinClient, seconds: f64) -> Result<f64, Failure> {
    let started = Instant::now();
    let mut calls = 0u64;
    while started.elapsed().as_secs_f64() < seconds {
        let sessions = client.get_sessions(&GetSessionsQuery::default()).await?;
        assert_eq!(sessions.len(), 8);
        calls += 1;
    }
    Ok(calls as f64 / started.elapsed().as_secs_f64())
}

/// Median µs of `f` over rounds of about 200 ms.
fn micros(rounds: usize, mut f: impl FnMut()) -> f64 {
    let mut figures = Vec::new();
    for _ in 0..rounds {
        let started = Instant::now();
        let mut n = 0u32;
        while started.elapsed() < Duration::from_millis(200) {
            f();
            n += 1;
        }
        figures.push(started.elapsed().as_secs_f64() * 1e6 / f64::from(n));
    }
    median(figures)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Failure> {
    let args: Vec<String> = std::env::args().collect();
    let path = args.get(1).map_or("bench/data/sessions-8.json", String::as_str);
    let rounds: usize = args.get(2).map_or(Ok(5), |a| a.parse())?;
    let seconds: f64 = args.get(3).map_or(Ok(1.0), |a| a.parse())?;
    let plain = std::fs::read(path)?;

    println!("== bytes of the fixture's body ({path}) on the wire");
    let gz = gzip(&plain, 1);
    let br = brotli(&plain, 1);
    let size = |name: &str, n: usize| {
        println!("{name:<34} {n:>7} bytes  {:>5.1}% of plain", 100.0 * n as f64 / plain.len() as f64)
    };
    size("plain", plain.len());
    size("gzip, level 1 (the server's Fastest)", gz.len());
    size("br, quality 1 (the server's Fastest)", br.len());
    size("gzip, level 6 (information)", gzip(&plain, 6).len());
    size("br, quality 11 (information)", brotli(&plain, 11).len());

    println!("== decode cost, µs per body (medians of {rounds} rounds)");
    let json = micros(rounds, || {
        let list: Vec<SessionInfoDto> =
            decode_list("GET /Sessions", Body::from(Bytes::from(plain.clone())), 512).expect("the fixture decodes");
        assert_eq!(list.len(), 8);
    });
    let mut out = Vec::with_capacity(plain.len());
    let gunzip = micros(rounds, || {
        out.clear();
        flate2::read::GzDecoder::new(&gz[..]).read_to_end(&mut out).expect("valid gzip");
    });
    let unbrotli = micros(rounds, || {
        out.clear();
        brotli_decompressor::Decompressor::new(&br[..], 4096).read_to_end(&mut out).expect("valid br");
    });
    println!("JSON decode into models           {json:>8.1}");
    println!("gunzip                            {gunzip:>8.1}  ({:.2}x the JSON decode)", gunzip / json);
    println!("brotli decode                     {unbrotli:>8.1}  ({:.2}x the JSON decode)", unbrotli / json);

    println!("== sequential get_sessions against a local server, calls/s (medians of {rounds} rounds of {seconds} s)");
    let mut clients = Vec::new();
    for (form, body, encoding) in [
        (Form::Plain, plain.clone(), None),
        (Form::Gzip, gz.clone(), Some("gzip")),
        (Form::Brotli, br.clone(), Some("br")),
    ] {
        let addr = serve(body, encoding).await?;
        let mut config = JellyfinConfig::new(format!("http://{addr}"), "Bench", "compression-bench").with_token("t");
        config.transport =
            TransportOptions { compression: form != Form::Plain, proxy_from_env: false, ..TransportOptions::default() };
        clients.push((form, JellyfinClient::new(config)?));
    }
    let mut rates: Vec<Vec<f64>> = vec![Vec::new(); clients.len()];
    for round in 0..rounds {
        // Rotated order, so that no form always runs first.
        for k in 0..clients.len() {
            let i = (round + k) % clients.len();
            rates[i].push(rate(&clients[i].1, seconds).await?);
        }
    }
    let plain_rate = median(rates[0].clone());
    for (i, (form, _)) in clients.iter().enumerate() {
        let r = median(rates[i].clone());
        println!("{:<6} {r:>9.0} calls/s   ratio to plain {:.2}", form.name(), r / plain_rate);
    }
    Ok(())
}
