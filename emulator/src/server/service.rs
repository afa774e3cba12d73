//! One request's way through the server: read it, take the armed fault, hold it (latency)
//! while watching the connection, apply it to the APIs, record the exchange, and answer —
//! or let the fault answer, cut or drop the connection instead.

use std::convert::Infallible;
use std::sync::Arc;

use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::header::{HeaderName, HeaderValue};
use hyper::http::request::Parts;
use hyper::{Request, Response, StatusCode};

use super::body::ReplyBody;
use super::compression;
use super::handle::{ConnHandle, Ending, Takeover};
use super::raw::cut_response;
use super::shared::Shared;
use super::socket;
use crate::api;
use crate::types::exchange::{Api, Exchange};
use crate::types::fault::Fault;
use crate::wire::query::Query;
use crate::wire::reply::Reply;
use crate::wire::request::{segments, Req};

/// Request bodies beyond this are refused with 413; nothing in either contract comes close.
const MAX_BODY: usize = 16 * 1024 * 1024;

/// A request on its way. If it is dropped before it is finished — hyper drops it when the
/// client closes the connection first — it is recorded as aborted: nothing was applied.
struct InFlight {
    shared: Arc<Shared>,
    exchange: Option<Exchange>,
}

impl InFlight {
    fn new(shared: Arc<Shared>, connection: u64, parts: &Parts, api: Api) -> InFlight {
        let exchange = Exchange {
            method: parts.method.as_str().to_owned(),
            raw_path: parts.uri.path().to_owned(),
            raw_query: parts.uri.query().map(str::to_owned),
            headers: parts
                .headers
                .iter()
                .map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned()))
                .collect(),
            body: Vec::new(),
            status: 0,
            response_headers: Vec::new(),
            response_body: Vec::new(),
            api,
            injected: false,
            fault: None,
            aborted: false,
            connection,
        };
        shared.journal.arrive();
        InFlight { shared, exchange: Some(exchange) }
    }

    fn exchange(&mut self) -> Option<&mut Exchange> {
        self.exchange.as_mut()
    }

    /// Records the exchange with what became of it.
    fn finish(mut self, status: u16, headers: Vec<(String, String)>, body: Vec<u8>, injected: bool) {
        if let Some(mut exchange) = self.exchange.take() {
            exchange.status = status;
            exchange.response_headers = headers;
            exchange.response_body = body;
            exchange.injected |= injected;
            self.shared.journal.record(exchange);
        }
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(mut exchange) = self.exchange.take() {
            exchange.aborted = true;
            exchange.injected = true;
            self.shared.journal.record(exchange);
        }
    }
}

pub(crate) async fn respond(
    shared: Arc<Shared>,
    conn: Arc<ConnHandle>,
    request: Request<Incoming>,
) -> Result<Response<ReplyBody>, Infallible> {
    let (parts, body) = request.into_parts();
    let mut segs = segments(parts.uri.path());
    let api = if segs.first().map(String::as_str) == Some("g4") {
        segs.remove(0);
        Api::G4
    } else {
        Api::Jellyfin
    };
    // The server takes every WebSocket upgrade under its base, whatever the path. Upgrades
    // are recorded on their own (`Emulator::socket_upgrades`), not as exchanges, and take
    // no fault.
    if api == Api::Jellyfin && socket::is_upgrade(&parts) {
        return Ok(socket::upgrade(&shared, conn.id, parts));
    }
    let mut in_flight = InFlight::new(shared.clone(), conn.id, &parts, api);
    if api == Api::Jellyfin && !is_ping(&segs) {
        let restarting = shared.lock().restart_left();
        if let Some(left) = restarting {
            // A simulated restart: the server answers as it does while it starts up.
            if let Some(exchange) = in_flight.exchange() {
                exchange.fault = Some("restarting".to_owned());
            }
            let reply = crate::api::socket::restarting(left.as_secs() + 1);
            let body = ReplyBody::whole(reply.body.clone());
            return Ok(answer(in_flight, reply, body, true));
        }
    }

    if conn.is_stale() {
        // A proxy that timed the idle connection out closes it without reading the request.
        if let Some(exchange) = in_flight.exchange() {
            exchange.fault = Some(Fault::StaleConnection.name().to_owned());
        }
        in_flight.finish(0, Vec::new(), Vec::new(), true);
        return give_up(&conn, Vec::new(), Ending::Close).await;
    }

    let body = match Limited::new(body, MAX_BODY).collect().await {
        Ok(collected) => collected.to_bytes().to_vec(),
        Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
            return Ok(answer(in_flight, Reply::empty(413), ReplyBody::whole(Vec::new()), false));
        }
        // The client went away while sending: recorded as aborted when `in_flight` drops.
        Err(_) => return give_up(&conn, Vec::new(), Ending::Close).await,
    };
    let headers = in_flight.exchange().map(|e| e.headers.clone()).unwrap_or_default();
    if let Some(exchange) = in_flight.exchange() {
        exchange.body = body.clone();
    }
    let req = Req {
        method: parts.method.as_str().to_owned(),
        segments: segs,
        query: Query::parse(parts.uri.query()),
        headers,
        body,
    };

    let fault = shared.take_fault();
    if let (Some(fault), Some(exchange)) = (&fault, in_flight.exchange()) {
        exchange.fault = Some(fault.name().to_owned());
    }
    match fault {
        None => Ok(applied(&shared, api, &req, in_flight)),
        Some(Fault::Latency(delay)) => {
            tokio::select! {
                () = tokio::time::sleep(delay) => Ok(applied(&shared, api, &req, in_flight)),
                // The client gave up first: nothing is applied (`in_flight` records the abort).
                () = conn.peer_closed() => give_up(&conn, Vec::new(), Ending::Close).await,
            }
        }
        Some(Fault::StaleConnection) => {
            let answer = applied(&shared, api, &req, in_flight);
            conn.mark_stale();
            Ok(answer)
        }
        Some(Fault::Stall(pause)) => {
            let reply = apply(&shared, api, &req);
            let bodiless = reply.body.is_empty();
            let body = ReplyBody::stalled(reply.body.clone(), pause);
            // Recorded before any pause: the request is applied whether the client waits or not.
            let response = answer(in_flight, reply, body, false);
            if bodiless {
                // Nothing to cut in half: the whole response waits.
                tokio::time::sleep(pause).await;
            }
            Ok(response)
        }
        Some(Fault::Status { status, content_type, body, headers }) => {
            let mut reply = Reply::empty(status);
            reply.headers.extend(content_type.map(|ct| ("content-type".to_owned(), ct)));
            reply.headers.extend(headers.into_iter().map(|(k, v)| (k.to_ascii_lowercase(), v)));
            reply.body = body.into_bytes();
            let body = ReplyBody::whole(reply.body.clone());
            Ok(answer(in_flight, reply, body, true))
        }
        Some(Fault::ServiceUnavailable { retry_after_secs }) => {
            let reply = service_unavailable(retry_after_secs);
            let body = ReplyBody::whole(reply.body.clone());
            Ok(answer(in_flight, reply, body, true))
        }
        Some(Fault::OversizedBody { bytes, chunked }) => {
            // The body is generated while it is sent, so none of it is recorded.
            let reply = Reply::empty(200).header("content-type", "application/json");
            Ok(answer(in_flight, reply, ReplyBody::oversized(bytes, !chunked), true))
        }
        Some(Fault::CompressionBomb { coding, bytes }) => {
            let wire = compression::bomb(coding, bytes);
            // The decoded body is never made, so none of it is recorded.
            let reply = Reply::empty(200)
                .header("content-type", crate::wire::reply::JSON)
                .header("content-encoding", coding.name());
            Ok(answer(in_flight, reply, ReplyBody::whole(wire), true))
        }
        Some(Fault::ResetBeforeHeaders) => {
            in_flight.finish(0, Vec::new(), Vec::new(), true);
            give_up(&conn, Vec::new(), Ending::Reset).await
        }
        Some(fault @ (Fault::ResetMidBody | Fault::TruncatedBody)) => {
            let cut = cut_response();
            in_flight.finish(200, cut.headers, cut.body_sent, true);
            let ending = if fault == Fault::ResetMidBody { Ending::Reset } else { Ending::Close };
            give_up(&conn, cut.bytes, ending).await
        }
    }
}

/// Hands the connection to its task, to be ended the way a fault (or a departed client)
/// needs, and waits to be dropped with it.
async fn give_up(conn: &ConnHandle, bytes: Vec<u8>, ending: Ending) -> Result<Response<ReplyBody>, Infallible> {
    conn.take_over(Takeover { bytes, ending });
    std::future::pending().await
}

fn apply(shared: &Shared, api: Api, req: &Req) -> Reply {
    let reply = api::handle(&mut shared.lock(), api, req);
    // Commands pushed, sessions ended: socket waiters look again.
    shared.signal.raise();
    reply
}

/// `/System/Ping` (under the base or not), which answers even while the server starts up.
fn is_ping(segs: &[String]) -> bool {
    let segs = match segs.first() {
        Some(first) if first.eq_ignore_ascii_case("jellyfin") => &segs[1..],
        _ => segs,
    };
    segs.len() == 2 && segs[0].eq_ignore_ascii_case("system") && segs[1].eq_ignore_ascii_case("ping")
}

/// Applies the request and answers with the API's own reply, compressed as the server does
/// when the client accepts it (the exchange records the decoded body, with the
/// `Content-Encoding` it was sent with).
fn applied(shared: &Shared, api: Api, req: &Req, in_flight: InFlight) -> Response<ReplyBody> {
    let reply = apply(shared, api, req);
    match compression::choose(req, &reply, &shared.compression()) {
        Some(coding) => {
            let body = ReplyBody::whole(compression::compress(coding, &reply.body));
            let reply = reply.header("content-encoding", coding.name()).header("vary", "Accept-Encoding");
            answer(in_flight, reply, body, false)
        }
        None => {
            let body = ReplyBody::whole(reply.body.clone());
            answer(in_flight, reply, body, false)
        }
    }
}

/// Records the exchange and turns the reply into the response, with `body` as its body.
fn answer(in_flight: InFlight, reply: Reply, body: ReplyBody, injected: bool) -> Response<ReplyBody> {
    let mut response = Response::new(body);
    *response.status_mut() = StatusCode::from_u16(reply.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    for (name, value) in &reply.headers {
        // Injected faults may carry anything; a header that HTTP cannot carry is left out.
        if let (Ok(name), Ok(value)) = (HeaderName::try_from(name.as_str()), HeaderValue::try_from(value.as_str())) {
            response.headers_mut().append(name, value);
        }
    }
    in_flight.finish(reply.status, reply.headers, reply.body, injected);
    response
}

/// What Jellyfin answers while it starts up (any API gets it here).
fn service_unavailable(retry_after_secs: u32) -> Reply {
    let text = "The server is starting up. Please try again shortly.";
    Reply::with_body(503, "text/html; charset=utf-8", format!("<html><body>{text}</body></html>"))
        .header("retry-after", retry_after_secs.to_string())
        .header("message", text)
}
