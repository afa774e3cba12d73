//! Core values as Python sees them: JSON values as dicts, lists and scalars, and model
//! fields on attribute access ([`ToPy`]). Enum fields are in `enums.rs`, models in
//! `models.rs`; this module names neither.

use std::collections::BTreeMap;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::IntoPyObjectExt;
use serde_json::{Map, Value};
use sessionlink::wire::DateTime;
use sessionlink::Secret;

use crate::dates::date_to_py;
use crate::shared::Within;

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

/// A model field as Python sees it on attribute access. `at` is the field inside the shared
/// model: a nested model becomes a Python object sharing it (see [`crate::shared`]), other
/// values are converted.
pub trait ToPy: 'static {
    fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>>;
}

macro_rules! to_py_via_into {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
                at.get().into_py_any(py)
            }
        }
    )*};
}
to_py_via_into!(String, bool, i32, i64, f64);

impl<T: ToPy> ToPy for Option<T> {
    fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match at.map_opt(|o| o.as_ref()) {
            Some(value) => T::to_py(value, py),
            None => Ok(py.None()),
        }
    }
}

/// A boxed nested model (core boxes those a session list carries many of) reads as the model.
impl<T: ToPy> ToPy for Box<T> {
    fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        T::to_py(at.map(|b| &**b), py)
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let list = PyList::empty(py);
        for item in at.items() {
            list.append(T::to_py(item, py)?)?;
        }
        Ok(list.into_any().unbind())
    }
}

/// A date reads as a timezone-aware `datetime` (see [`date_to_py`]).
impl ToPy for DateTime {
    fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        date_to_py(py, at.get())
    }
}

/// A secret attribute gives the value: the caller needs it (a G4 session id is the argument
/// of the next call). Only `__repr__` hides it.
impl ToPy for Secret {
    fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        at.get().expose().into_py_any(py)
    }
}

impl ToPy for Value {
    fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        json_to_py(py, at.get())
    }
}

impl ToPy for Map<String, Value> {
    fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        map_to_py(py, at.get())
    }
}

impl<V: ToPy> ToPy for BTreeMap<String, V> {
    fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let dict = PyDict::new(py);
        for key in at.get().keys() {
            let value = at.map(|m| &m[key]);
            dict.set_item(key, V::to_py(value, py)?)?;
        }
        Ok(dict.into_any().unbind())
    }
}
