//! Type conversion between Python objects and core values: JSON values both ways, model
//! fields to Python on attribute access, and caller-supplied enum values to core enums.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use serde_json::{Map, Number, Value};
use sessionlink::jellyfin::models as jf;
use sessionlink::wire::DateTime;
use sessionlink::Secret;

use crate::errors::invalid;

pub fn json_to_py(py: Python<'_>, value: &Value) -> PyResult<Py<PyAny>> {
    Ok(match value {
        Value::Null => py.None(),
        Value::Bool(b) => b.into_py_any(py)?,
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_py_any(py)?
            } else if let Some(u) = n.as_u64() {
                u.into_py_any(py)?
            } else {
                n.as_f64().unwrap_or(f64::NAN).into_py_any(py)?
            }
        }
        Value::String(s) => s.into_py_any(py)?,
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(json_to_py(py, item)?)?;
            }
            list.into_any().unbind()
        }
        Value::Object(map) => map_to_py(py, map)?,
    })
}

pub fn map_to_py(py: Python<'_>, map: &Map<String, Value>) -> PyResult<Py<PyAny>> {
    let dict = PyDict::new(py);
    for (k, v) in map {
        dict.set_item(k, json_to_py(py, v)?)?;
    }
    Ok(dict.into_any().unbind())
}

/// Converts a Python value made of dict/list/tuple/str/int/float/bool/None to JSON.
pub fn py_to_json(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    let py = obj.py();
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.cast::<PyInt>().is_ok() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(invalid(py, format!("{what}: integer out of the JSON range")));
    }
    if let Ok(f) = obj.cast::<PyFloat>() {
        return Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| invalid(py, format!("{what}: {} is not a JSON number", f.value())));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = Map::new();
        for (k, v) in d.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                return Err(invalid(py, format!("{what}: JSON object keys must be str, got {}", type_name(&k))));
            };
            map.insert(key.to_str()?.to_owned(), py_to_json(what, &v)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok() {
        let mut items = Vec::new();
        for item in obj.try_iter()? {
            items.push(py_to_json(what, &item?)?);
        }
        return Ok(Value::Array(items));
    }
    Err(invalid(py, format!("{what}: a {} cannot be sent as JSON", type_name(obj))))
}

pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "object".to_owned())
}

/// Extracts a `str` argument (enum members of the public package are `str` too).
pub fn text<'py>(what: &str, obj: &Bound<'py, PyAny>) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => Ok(s.to_str()?.to_owned()),
        Err(_) => Err(invalid(obj.py(), format!("{what} must be a str, got {}", type_name(obj)))),
    }
}

/// Parses an enum argument given as a member of the public enum or as its wire string;
/// the error message (listing the allowed values) comes from core.
pub fn enum_arg<E>(what: &str, obj: &Bound<'_, PyAny>, parse: fn(&str) -> sessionlink::Result<E>) -> PyResult<E> {
    let s = text(what, obj)?;
    parse(&s).map_err(|e| invalid(obj.py(), format!("{what}: {}", e.message())))
}

pub fn enum_list<E>(
    what: &str,
    obj: Option<&Bound<'_, PyAny>>,
    parse: fn(&str) -> sessionlink::Result<E>,
) -> PyResult<Option<Vec<E>>> {
    let Some(obj) = obj else { return Ok(None) };
    if obj.is_none() {
        return Ok(None);
    }
    if obj.cast::<PyString>().is_ok() {
        return Err(invalid(obj.py(), format!("{what} must be a list of values, not a single str")));
    }
    let iter =
        obj.try_iter().map_err(|_| invalid(obj.py(), format!("{what} must be a list, got {}", type_name(obj))))?;
    let mut out = Vec::new();
    for item in iter {
        out.push(enum_arg(what, &item?, parse)?);
    }
    Ok(Some(out))
}

pub fn str_list(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if obj.cast::<PyString>().is_ok() {
        return Err(invalid(obj.py(), format!("{what} must be a list of str, not a single str")));
    }
    let iter = obj
        .try_iter()
        .map_err(|_| invalid(obj.py(), format!("{what} must be a list of str, got {}", type_name(obj))))?;
    let mut out = Vec::new();
    for item in iter {
        out.push(text(what, &item?)?);
    }
    Ok(out)
}

/// A model field as Python sees it on attribute access.
pub trait ToPy {
    fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

macro_rules! to_py_via_into {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                self.clone().into_py_any(py)
            }
        }
    )*};
}
to_py_via_into!(String, bool, i32, i64, f64);

impl<T: ToPy> ToPy for Option<T> {
    fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(py.None()),
        }
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let list = PyList::empty(py);
        for item in self {
            list.append(item.to_py(py)?)?;
        }
        Ok(list.into_any().unbind())
    }
}

impl ToPy for DateTime {
    fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.as_str().into_py_any(py)
    }
}

/// A secret attribute gives the value: the caller needs it (a G4 session id is the argument
/// of the next call). Only `__repr__` hides it.
impl ToPy for Secret {
    fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        self.expose().into_py_any(py)
    }
}

impl ToPy for Value {
    fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json_to_py(py, self)
    }
}

impl ToPy for Map<String, Value> {
    fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        map_to_py(py, self)
    }
}

impl<V: ToPy> ToPy for BTreeMap<String, V> {
    fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let dict = PyDict::new(py);
        for (k, v) in self {
            dict.set_item(k, v.to_py(py)?)?;
        }
        Ok(dict.into_any().unbind())
    }
}

/// Enum fields read as their wire string (`str` compares equal to the public enum member),
/// so values unknown to this version stay readable.
macro_rules! to_py_enum {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
                self.as_str().into_py_any(py)
            }
        }
    )*};
}
to_py_enum!(
    jf::GeneralCommandType,
    jf::PlaystateCommand,
    jf::PlayCommand,
    jf::BaseItemKind,
    jf::MediaType,
    jf::PlayMethod,
    jf::RepeatMode,
    jf::PlaybackOrder,
    jf::HardwareAccelerationType
);

/// `{"PlaystateCommand": ["Stop", ...], ...}`: the public package builds its enum classes
/// from this, so Python and core can never disagree on the values.
pub fn wire_names(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let dict = PyDict::new(py);
    let all: [(&str, &[&str]); 9] = [
        ("GeneralCommandType", jf::GeneralCommandType::WIRE_NAMES),
        ("PlaystateCommand", jf::PlaystateCommand::WIRE_NAMES),
        ("PlayCommand", jf::PlayCommand::WIRE_NAMES),
        ("BaseItemKind", jf::BaseItemKind::WIRE_NAMES),
        ("MediaType", jf::MediaType::WIRE_NAMES),
        ("PlayMethod", jf::PlayMethod::WIRE_NAMES),
        ("RepeatMode", jf::RepeatMode::WIRE_NAMES),
        ("PlaybackOrder", jf::PlaybackOrder::WIRE_NAMES),
        ("HardwareAccelerationType", jf::HardwareAccelerationType::WIRE_NAMES),
    ];
    for (name, values) in all {
        dict.set_item(name, PyTuple::new(py, values)?)?;
    }
    Ok(dict)
}
