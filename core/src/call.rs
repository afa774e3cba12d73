//! One operation call, in two steps: preparation, which is synchronous and does no I/O
//! (arguments are validated and the request is built), and sending.
//!
//! Every operation of both clients returns a [`Call`]. Awaiting it does both steps, which is
//! all a Rust caller needs. The bindings split them: [`Call::prepare`] reports a bad argument
//! at once, before anything is queued, so the C `_async` functions and the Python asyncio
//! methods can raise argument errors synchronously by construction.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;

use crate::error::{Error, Result};
use crate::transport::{Reply, Request, Route, Transport};

type Finish<T> = Box<dyn FnOnce(Reply) -> Result<T> + Send>;

/// A prepared call: its arguments are valid and nothing has been sent yet. Dropping it
/// sends nothing.
#[must_use = "a prepared call does nothing until it is sent"]
pub struct Prepared<T> {
    route: Route,
    job: Job<T>,
}

enum Job<T> {
    /// One HTTP exchange.
    Http {
        transport: Transport,
        request: Request,
        /// Turns the reply into the operation's result, and applies what the reply changes
        /// on the client (a new token, a forgotten bearer).
        finish: Finish<T>,
    },
    /// Work that is more than one exchange (opening the session's WebSocket).
    Task(Pin<Box<dyn Future<Output = Result<T>> + Send>>),
}

impl<T> Prepared<T> {
    /// The operation's route as the contract writes it, such as
    /// `POST /Sessions/{sessionId}/Playing/{command}`.
    pub fn route(&self) -> &'static str {
        self.route.as_str()
    }

    /// Sends the request and turns the reply into the result.
    pub async fn send(self) -> Result<T> {
        self.receive().await?.finish()
    }

    /// Sends the request and receives the reply, leaving its decoding (turning it into the
    /// result) to [`Received::finish`], which the caller may run on another thread: the
    /// Python asyncio runner decodes a reply on the thread that will use and free the
    /// result, where its memory is allocated, read and freed without crossing threads.
    pub async fn receive(self) -> Result<Received<T>> {
        match self.job {
            Job::Http { transport, request, finish } => {
                let reply = transport.send(&request).await?;
                Ok(Received(Step::Reply { reply, finish, secrets: request.secrets }))
            }
            Job::Task(task) => Ok(Received(Step::Done(task.await?))),
        }
    }

    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> Result<U> + Send + 'static) -> Prepared<U>
    where
        T: 'static,
    {
        let job = match self.job {
            Job::Http { transport, request, finish } => {
                Job::Http { transport, request, finish: Box::new(move |reply| f(finish(reply)?)) }
            }
            Job::Task(task) => Job::Task(Box::pin(async move { f(task.await?) })),
        };
        Prepared { route: self.route, job }
    }
}

impl<T> fmt::Debug for Prepared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The URL is left out: a G4 session id in a path is also a bearer token.
        f.debug_struct("Prepared").field("route", &self.route()).finish_non_exhaustive()
    }
}

/// A call whose reply arrived (see [`Prepared::receive`]): [`Received::finish`] decodes it.
pub struct Received<T>(Step<T>);

enum Step<T> {
    Reply { reply: Reply, finish: Finish<T>, secrets: Vec<String> },
    Done(T),
}

impl<T> Received<T> {
    /// Turns the reply into the call's result (decoding its body) and applies what it
    /// changes on the client (a new token, a forgotten bearer).
    pub fn finish(self) -> Result<T> {
        match self.0 {
            // Server text reaches errors in the transport (error bodies, which it scrubs
            // before logging them) and in `finish` (decode errors quote values), which is
            // scrubbed of the request's credentials here.
            Step::Reply { reply, finish, secrets } => finish(reply).map_err(|e| e.scrubbed(&secrets)),
            Step::Done(value) => Ok(value),
        }
    }
}

impl<T> fmt::Debug for Received<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Received").finish_non_exhaustive()
    }
}

/// An operation call: a [`Prepared`] request, or the argument error found while preparing
/// it. Await it to send it; use [`Call::prepare`] to see argument errors before sending.
#[must_use = "a call does nothing until it is awaited"]
pub struct Call<T>(Result<Prepared<T>>);

impl<T> Call<T> {
    pub(crate) fn new(transport: &Transport, request: Result<Request>, finish: Finish<T>) -> Self {
        // A client inherited through fork() fails here, before anything is queued, so the
        // bindings' async calls report it synchronously like any other argument error.
        let request = transport.check_process().and(request);
        Call(request.map(|request| Prepared {
            route: request.route,
            job: Job::Http { transport: transport.clone(), request, finish },
        }))
    }

    /// A call that is a task rather than one exchange; `checked` holds the argument errors.
    pub(crate) fn task(
        route: Route,
        checked: Result<()>,
        task: impl Future<Output = Result<T>> + Send + 'static,
    ) -> Self {
        Call(checked.map(|()| Prepared { route, job: Job::Task(Box::pin(task)) }))
    }

    /// The prepared request, or the argument error found while preparing it. No I/O has
    /// happened either way.
    pub fn prepare(self) -> Result<Prepared<T>> {
        self.0
    }

    pub(crate) fn map<U>(self, f: impl FnOnce(T) -> Result<U> + Send + 'static) -> Call<U>
    where
        T: 'static,
    {
        Call(self.0.map(|p| p.map(f)))
    }
}

impl Call<Reply> {
    /// The call's result is the decoded JSON body.
    pub(crate) fn json<T: serde::de::DeserializeOwned>(self) -> Call<T> {
        self.map_reply(|route, reply| crate::transport::decode(route, &reply.body.contiguous()))
    }

    /// The call's result is the decoded JSON array, its capacity reserved from the body's
    /// size (see [`crate::transport::decode_list`]).
    pub(crate) fn json_list<T: serde::de::DeserializeOwned>(self, typical_item_bytes: usize) -> Call<Vec<T>> {
        self.map_reply(move |route, reply| crate::transport::decode_list(route, reply.body, typical_item_bytes))
    }

    /// The call has no result beyond success.
    pub(crate) fn unit(self) -> Call<()> {
        self.map_reply(|_, _| Ok(()))
    }

    /// The call's result is computed from the reply and its route (for error messages).
    pub(crate) fn map_reply<U>(self, f: impl FnOnce(&'static str, Reply) -> Result<U> + Send + 'static) -> Call<U> {
        Call(self.0.map(|p| {
            let route = p.route();
            p.map(move |reply| f(route, reply))
        }))
    }
}

impl<T> From<Error> for Call<T> {
    fn from(error: Error) -> Self {
        Call(Err(error))
    }
}

impl<T: Send + 'static> IntoFuture for Call<T> {
    type Output = Result<T>;
    type IntoFuture = Pin<Box<dyn Future<Output = Result<T>> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move { self.0?.send().await })
    }
}

impl<T> fmt::Debug for Call<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Ok(p) => fmt::Debug::fmt(p, f),
            Err(e) => f.debug_tuple("Call").field(e).finish(),
        }
    }
}
