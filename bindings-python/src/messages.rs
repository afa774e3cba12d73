//! What a socket yields, as Python objects: one frozen class per message kind core types
//! (`PlayMessage`, `PlaystateMessage`, ...), `UnknownMessage` for every other kind, and the
//! connection events `SocketConnected` / `SocketDisconnected`.
//!
//! A message object holds core's [`SocketMessage`] (the envelope as received and its typed
//! data) in a [`Shared`]: its `data` is a model sharing it, as nested models do. `to_dict()`
//! gives the envelope as received; `from_dict` parses one (core's parser decides the class).

use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};
use pyo3::IntoPyObjectExt;
use sessionlink::jellyfin::models as jf;
use sessionlink::jellyfin::socket::{MessageData, SocketEvent, SocketMessage};
use sessionlink::Error;

use crate::errors::{guard, invalid, to_py_err};
use crate::models::py_to_json;
use crate::shared::Shared;
use crate::to_py::{json_to_py, ToPy};

/// Declares the kinds once: `Kind` (which Python class an event is: the one decision, used to
/// build the object and to filter events by class, `socket.next(PlaystateMessage)`), each
/// kind's class, and the construction of a message's object.
macro_rules! kinds {
    (events { $($event:ident => $event_class:ident),* } messages { $($kind:ident => $class:ident),* }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Kind {
            $($event,)*
            $($kind,)*
        }

        /// The name of a kind's class.
        fn class_name(kind: Kind) -> &'static str {
            match kind {
                $(Kind::$event => stringify!($event_class),)*
                $(Kind::$kind => stringify!($class),)*
            }
        }

        /// Each kind's class.
        fn kind_classes(py: Python<'_>) -> Vec<(Bound<'_, PyType>, Kind)> {
            vec![$((py.get_type::<$event_class>(), Kind::$event),)* $((py.get_type::<$class>(), Kind::$kind),)*]
        }

        /// The object of a message of `kind` (a connection event's kind is not one: `Unknown`).
        fn message_object(py: Python<'_>, kind: Kind, message: Shared<SocketMessage>) -> PyResult<Py<PyAny>> {
            match kind {
                $(Kind::$kind => $class(message).into_py_any(py),)*
                $(Kind::$event)|* => UnknownMessage(message).into_py_any(py),
            }
        }
    };
}

kinds! {
    events { Connected => SocketConnected, Disconnected => SocketDisconnected }
    messages {
        ForceKeepAlive => ForceKeepAliveMessage,
        KeepAlive => KeepAliveMessage,
        GeneralCommand => GeneralCommandMessage,
        Play => PlayMessage,
        Playstate => PlaystateMessage,
        Sessions => SessionsMessage,
        UserDataChanged => UserDataChangedMessage,
        RestartRequired => RestartRequiredMessage,
        ServerRestarting => ServerRestartingMessage,
        ServerShuttingDown => ServerShuttingDownMessage,
        Unknown => UnknownMessage
    }
}

/// The class of a server message: the kinds without data by their `MessageType` (whatever
/// `Data` came), the others by their typed data; a kind core does not type, or whose data did
/// not decode, is `Unknown`.
fn kind_of_message(message: &SocketMessage) -> Kind {
    match (message.message_type(), message.data()) {
        ("KeepAlive", _) => Kind::KeepAlive,
        ("RestartRequired", _) => Kind::RestartRequired,
        ("ServerRestarting", _) => Kind::ServerRestarting,
        ("ServerShuttingDown", _) => Kind::ServerShuttingDown,
        (_, MessageData::ForceKeepAlive(_)) => Kind::ForceKeepAlive,
        (_, MessageData::GeneralCommand(_)) => Kind::GeneralCommand,
        (_, MessageData::Play(_)) => Kind::Play,
        (_, MessageData::Playstate(_)) => Kind::Playstate,
        (_, MessageData::Sessions(_)) => Kind::Sessions,
        (_, MessageData::UserDataChanged(_)) => Kind::UserDataChanged,
        _ => Kind::Unknown,
    }
}

pub fn kind_of(event: &SocketEvent) -> Kind {
    match event {
        SocketEvent::Connected { .. } => Kind::Connected,
        SocketEvent::Disconnected { .. } => Kind::Disconnected,
        SocketEvent::Message(message) => kind_of_message(message),
        // A variant a newer core adds has no class here yet (`event_to_py` says so).
        _ => Kind::Unknown,
    }
}

/// The Python object of an event.
pub fn event_to_py(py: Python<'_>, event: SocketEvent) -> PyResult<Py<PyAny>> {
    match event {
        SocketEvent::Connected { reconnected } => SocketConnected { reconnected }.into_py_any(py),
        SocketEvent::Disconnected { reason, retry_in } => {
            SocketDisconnected { reason, retry_in: retry_in.as_secs_f64() }.into_py_any(py)
        }
        SocketEvent::Message(message) => message_to_py(py, message),
        other => Err(to_py_err(py, &Error::internal(format!("a socket event this binding does not know: {other:?}")))),
    }
}

fn message_to_py(py: Python<'_>, message: SocketMessage) -> PyResult<Py<PyAny>> {
    message_object(py, kind_of_message(&message), Shared::new(message))
}

/// The classes `next()` and `events()` filter by, as `Kind`s. A union of classes
/// (`sessionlink.SocketMessage`) counts as its members.
pub fn kinds_of(py: Python<'_>, classes: &Bound<'_, PyTuple>) -> PyResult<Vec<Kind>> {
    let table = kind_classes(py);
    let mut kinds = Vec::new();
    let mut pending: Vec<Bound<'_, PyAny>> = classes.iter().collect();
    while let Some(class) = pending.pop() {
        if let Some((_, kind)) = table.iter().find(|(t, _)| class.is(t)) {
            kinds.push(*kind);
        } else if !class.is_instance_of::<PyType>() && class.hasattr("__args__")? {
            pending.extend(class.getattr("__args__")?.try_iter()?.collect::<PyResult<Vec<_>>>()?);
        } else {
            let message =
                format!("expected socket event classes such as sessionlink.PlaystateMessage, got {}", class.repr()?);
            return Err(invalid(py, message));
        }
    }
    Ok(kinds)
}

fn bug(py: Python<'_>) -> PyErr {
    to_py_err(py, &Error::internal("a socket message's data does not match its class (a bug)"))
}

/// `data` of a message whose class says it holds `U`: a Python object sharing the message.
fn part<U: ToPy>(
    py: Python<'_>,
    message: &Shared<SocketMessage>,
    pick: for<'x> fn(&'x MessageData) -> Option<&'x U>,
) -> PyResult<Py<PyAny>> {
    match message.within().map_opt(|m: &SocketMessage| pick(m.data())) {
        Some(at) => U::to_py(at, py),
        None => Err(bug(py)),
    }
}

/// `{"MessageType": ..., "MessageId": ..., "Data": ...}` from Python, parsed by core.
fn parse(data: &Bound<'_, PyAny>) -> PyResult<SocketMessage> {
    let py = data.py();
    let value = py_to_json("data", data)?;
    if !value.is_object() {
        return Err(invalid(py, "a socket message is a dict (the envelope: MessageType, MessageId, Data)"));
    }
    SocketMessage::parse(&value.to_string()).map_err(|e| invalid(py, e.message().to_owned()))
}

macro_rules! py_message {
    // A kind whose data is a core model (the variant of `MessageData` named as the kind):
    // `data` is the Python model, sharing the message.
    ($(#[doc = $doc:literal])* $name:ident($kind:ident) data: $model:ident, $data_doc:literal) => {
        py_message! {
            $(#[doc = $doc])*
            $name($kind)
            match_args ["data"]
            repr(slf, py) { vec![shown(py, "data", slf.data(py))?] }
            {
                #[doc = $data_doc]
                #[getter]
                fn data(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                    part::<jf::$model>(py, &self.0, |d| match d {
                        MessageData::$kind(data) => Some(data),
                        _ => None,
                    })
                }
            }
        }
    };
    // A kind without data: nothing but the envelope.
    ($(#[doc = $doc:literal])* $name:ident($kind:ident)) => {
        py_message! { $(#[doc = $doc])* $name($kind) match_args [] repr(_slf, _py) { Vec::new() } {} }
    };
    (
        $(#[doc = $doc:literal])*
        $name:ident($kind:ident)
        match_args [$($arg:literal),*]
        repr($slf:ident, $py:ident) $repr:block
        { $($body:tt)* }
    ) => {
        $(#[doc = $doc])*
        #[doc = ""]
        #[doc = "Every message has `message_type` and `message_id` as sent, and `to_dict()`: the"]
        #[doc = "envelope as received (unknown fields included). `from_dict(envelope)` parses one."]
        #[pyclass(frozen, module = "sessionlink")]
        pub struct $name(pub Shared<SocketMessage>);

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Debug::fmt(&self.0, f)
            }
        }

        #[pymethods]
        impl $name {
            #[classattr]
            fn __match_args__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
                let names: &[&str] = &[$($arg),*];
                Ok(PyTuple::new(py, names)?.unbind())
            }

            /// `MessageType`, as sent.
            #[getter]
            fn message_type(&self) -> &str {
                self.0.message_type()
            }

            /// `MessageId`, as sent (one id is shared by every recipient of a broadcast), or
            /// `None`.
            #[getter]
            fn message_id(&self) -> Option<&str> {
                self.0.message_id()
            }

            /// The message as received: the envelope's JSON (`MessageType`, `MessageId`, `Data`),
            /// unknown fields included.
            fn to_dict(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                json_to_py(py, &self.0.to_json())
            }

            /// Parses a message (the envelope, as `to_dict()` returns it). Raises
            /// `InvalidArgumentError` when it is not a message of this class.
            #[classmethod]
            fn from_dict(cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>) -> PyResult<Self> {
                let py = cls.py();
                guard(py, || {
                    let message = parse(data)?;
                    let kind = kind_of_message(&message);
                    if kind != Kind::$kind {
                        let text = format!(
                            "a {:?} message is a sessionlink.{}, not a {}",
                            message.message_type(),
                            class_name(kind),
                            stringify!($name)
                        );
                        return Err(invalid(py, text));
                    }
                    Ok($name(Shared::new(message)))
                })
            }

            fn __eq__(&self, other: PyRef<'_, Self>) -> bool {
                *self.0 == *other.0
            }

            fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
                let ($slf, $py) = (self, py);
                let parts: Vec<String> = $repr;
                Ok(format!("{}({})", stringify!($name), parts.join(", ")))
            }

            fn __reduce__(slf: &Bound<'_, Self>) -> PyResult<(Py<PyAny>, (Py<PyAny>,))> {
                let py = slf.py();
                Ok((slf.get_type().getattr("from_dict")?.unbind(), (slf.get().to_dict(py)?,)))
            }

            $($body)*
        }
    };
}

/// `name=repr(value)`.
fn shown(py: Python<'_>, name: &str, value: PyResult<Py<PyAny>>) -> PyResult<String> {
    Ok(format!("{name}={}", value?.bind(py).repr()?))
}

py_message! {
    /// `Play`: play items now, next or last (`data.play_command`), from
    /// `POST /Sessions/{id}/Playing`. `data` is a `PlayRequest`.
    PlayMessage(Play)
    data: PlayRequest, "The request: `item_ids`, `play_command`, `start_position_ticks`..."
}

py_message! {
    /// `Playstate`: pause, unpause, stop, seek... (`data.command`), from
    /// `POST /Sessions/{id}/Playing/{command}`. `data` is a `PlaystateRequest`.
    PlaystateMessage(Playstate)
    data: PlaystateRequest, "The request: `command` and, for `Seek`, `seek_position_ticks`."
}

py_message! {
    /// `GeneralCommand`: every `send_general_command`, `send_full_general_command`,
    /// `send_system_command`, `send_message_command` (as `DisplayMessage`, its text in
    /// `data.arguments`) and `display_content` (as `DisplayContent`). `data` is a
    /// `GeneralCommand`.
    GeneralCommandMessage(GeneralCommand)
    data: GeneralCommand, "The command: `name` (a `GeneralCommandType`) and `arguments` (a dict of str)."
}

py_message! {
    /// `Sessions`: the sessions the user may see, pushed after `subscribe_sessions` on every
    /// session event. `data` is a `SessionList` (shown as a table in Jupyter).
    SessionsMessage(Sessions)
    match_args ["data"]
    repr(slf, _py) {
        let count = match slf.0.data() {
            MessageData::Sessions(s) => s.len(),
            _ => 0,
        };
        vec![format!("data=<{count} session{}>", if count == 1 { "" } else { "s" })]
    }
    {
        /// The sessions, as a `SessionList` of `SessionInfoDto` (sharing this message).
        #[getter]
        fn data(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            let at = self.0.within().map_opt(|m: &SocketMessage| match m.data() {
                MessageData::Sessions(s) => Some(s),
                _ => None,
            });
            let Some(at) = at else { return Err(bug(py)) };
            crate::client::shared_session_list(py, at)
        }
    }
}

py_message! {
    /// `UserDataChanged`: played state, favourites or positions of items changed for a user
    /// of this session. `data` is a `UserDataChangeInfo`.
    UserDataChangedMessage(UserDataChanged)
    data: UserDataChangeInfo, "The change: `user_id` and `user_data_list` (`UserItemDataDto`s)."
}

py_message! {
    /// `ForceKeepAlive`: the server drops sessions silent for `seconds`. The socket answers
    /// with `KeepAlive` at half that period by itself: nothing to do.
    ForceKeepAliveMessage(ForceKeepAlive)
    match_args ["seconds"]
    repr(slf, _py) { vec![format!("seconds={}", slf.seconds().unwrap_or_default())] }
    {
        /// The period the server asks for, in seconds (the message's `Data`; 60 on Jellyfin).
        #[getter]
        fn seconds(&self) -> Option<i32> {
            match self.0.data() {
                MessageData::ForceKeepAlive(seconds) => Some(*seconds),
                _ => None,
            }
        }
    }
}

py_message! {
    /// `KeepAlive`: the server's answer to the socket's own `KeepAlive`.
    KeepAliveMessage(KeepAlive)
}

py_message! {
    /// `RestartRequired`: the server needs a restart (an update or a plugin was installed).
    RestartRequiredMessage(RestartRequired)
}

py_message! {
    /// `ServerRestarting`: the server is restarting. The socket reconnects by itself once it is
    /// back, re-posting the capabilities (see `SocketDisconnected` and `SocketConnected`).
    ServerRestartingMessage(ServerRestarting)
}

py_message! {
    /// `ServerShuttingDown`: the server is shutting down. The socket keeps trying to reconnect
    /// (with backoff) until it is closed.
    ServerShuttingDownMessage(ServerShuttingDown)
}

py_message! {
    /// A message of a kind this version of sessionlink does not type (`LibraryChanged`,
    /// `UserUpdated`, `SyncPlayCommand`...), or of a typed kind whose data did not decode: kept
    /// with `message_type` and its `data` as JSON (`None` when there was none).
    UnknownMessage(Unknown)
    match_args ["message_type", "data"]
    repr(slf, py) {
        // The data may be anything: its shape, not its values.
        let data = match slf.0.data() {
            MessageData::Raw(serde_json::Value::Object(map)) => {
                format!("<dict: {}>", map.keys().map(String::as_str).collect::<Vec<_>>().join(", "))
            }
            MessageData::Raw(serde_json::Value::Array(items)) => format!("<list of {}>", items.len()),
            MessageData::Raw(serde_json::Value::String(_)) => "<str>".to_owned(),
            MessageData::Raw(serde_json::Value::Null) | MessageData::None => "None".to_owned(),
            MessageData::Raw(_) => "<number or bool>".to_owned(),
            _ => "<typed>".to_owned(),
        };
        vec![shown(py, "message_type", slf.message_type().into_py_any(py))?, format!("data={data}")]
    }
    {
        /// The message's `Data` as JSON (dicts, lists, str, numbers, bools), or `None`.
        #[getter]
        fn data(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
            match self.0.data() {
                MessageData::Raw(value) => json_to_py(py, value),
                _ => match self.0.to_json().get("Data") {
                    Some(value) => json_to_py(py, value),
                    None => Ok(py.None()),
                },
            }
        }
    }
}

/// The socket is open (again): the capabilities were posted and the `Sessions` subscription
/// renewed. `reconnected` is `False` for the first connection.
#[pyclass(frozen, eq, module = "sessionlink")]
#[derive(Debug, Clone, PartialEq)]
pub struct SocketConnected {
    reconnected: bool,
}

#[pymethods]
impl SocketConnected {
    #[new]
    fn new(reconnected: bool) -> Self {
        SocketConnected { reconnected }
    }

    #[classattr]
    fn __match_args__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(py, ["reconnected"])?.unbind())
    }

    /// `False` for the first connection, `True` after a reconnect.
    #[getter]
    fn reconnected(&self) -> bool {
        self.reconnected
    }

    fn __repr__(&self) -> String {
        format!("SocketConnected(reconnected={})", if self.reconnected { "True" } else { "False" })
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> (Py<PyAny>, (bool,)) {
        (slf.get_type().into_any().unbind(), (slf.get().reconnected,))
    }
}

/// The connection dropped (`reason`); the socket reconnects by itself in `retry_in` seconds
/// (exponential backoff with jitter), then yields `SocketConnected(reconnected=True)`.
#[pyclass(frozen, eq, module = "sessionlink")]
#[derive(Debug, Clone, PartialEq)]
pub struct SocketDisconnected {
    reason: String,
    retry_in: f64,
}

#[pymethods]
impl SocketDisconnected {
    #[new]
    fn new(reason: String, #[pyo3(from_py_with = crate::args::float)] retry_in: f64) -> Self {
        SocketDisconnected { reason, retry_in }
    }

    #[classattr]
    fn __match_args__(py: Python<'_>) -> PyResult<Py<PyTuple>> {
        Ok(PyTuple::new(py, ["reason", "retry_in"])?.unbind())
    }

    /// Why the connection ended, in words.
    #[getter]
    fn reason(&self) -> &str {
        &self.reason
    }

    /// Seconds until the next connection attempt.
    #[getter]
    fn retry_in(&self) -> f64 {
        self.retry_in
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let reason = pyo3::types::PyString::new(py, &self.reason).repr()?;
        Ok(format!("SocketDisconnected(reason={reason}, retry_in={:.3})", self.retry_in))
    }

    fn __reduce__(slf: &Bound<'_, Self>) -> (Py<PyAny>, (String, f64)) {
        let event = slf.get();
        (slf.get_type().into_any().unbind(), (event.reason.clone(), event.retry_in))
    }
}

/// Registers the classes on `_native`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    for (class, kind) in kind_classes(m.py()) {
        m.add(class_name(kind), class)?;
    }
    Ok(())
}
