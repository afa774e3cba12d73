//! The argument extractors of the bindings' methods: `str`, `int` and `float` arguments that
//! refuse what Python would silently coerce (a `bool` as 1), enum arguments (a member or its
//! wire string, parsed by core), lists and maps of them.

use std::collections::BTreeMap;
use std::str::FromStr;

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyString};

use crate::errors::invalid;

/// An `int` argument that refuses `bool` (which Python counts as an int: `True` would silently
/// be 1 tick or 1 second). Other values convert as pyo3 converts them (`TypeError` for a
/// non-int, `OverflowError` out of range).
#[derive(Debug, Clone, Copy)]
pub struct Int<T>(pub T);

impl<T> Int<T> {
    pub fn opt(value: Option<Self>) -> Option<T> {
        value.map(|v| v.0)
    }
}

impl<'a, 'py, T: FromPyObject<'a, 'py>> FromPyObject<'a, 'py> for Int<T> {
    type Error = PyErr;

    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if obj.cast::<PyBool>().is_ok() {
            return Err(invalid(obj.py(), format!("expected an int, got a bool ({})", obj.repr()?)));
        }
        T::extract(obj).map(Int).map_err(Into::into)
    }
}

/// A `float` argument that refuses `bool` (ints are welcome: `timeout=5`); for
/// `#[pyo3(from_py_with = float)]`, which keeps the default visible in the signature.
pub fn float(obj: &Bound<'_, PyAny>) -> PyResult<f64> {
    if obj.cast::<PyBool>().is_ok() {
        return Err(invalid(obj.py(), format!("expected a float, got a bool ({})", obj.repr()?)));
    }
    obj.extract()
}

/// An `int` argument that refuses `bool`; for `#[pyo3(from_py_with = int)]`, which keeps the
/// default visible in the signature.
pub fn int(obj: &Bound<'_, PyAny>) -> PyResult<i64> {
    Int::<i64>::extract(obj.as_borrowed()).map(|i| i.0)
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
pub fn enum_arg<E: FromStr<Err = sessionlink::Error>>(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<E> {
    text(what, obj)?.parse().map_err(|e: sessionlink::Error| invalid(obj.py(), format!("{what}: {}", e.message())))
}

/// A list of enum values; `None` (the argument left out) stays `None`.
pub fn enum_list<E: FromStr<Err = sessionlink::Error>>(
    what: &str,
    obj: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Vec<E>>> {
    let Some(obj) = obj else { return Ok(None) };
    if obj.cast::<PyString>().is_ok() {
        return Err(invalid(obj.py(), format!("{what} must be a list of values, not a single str")));
    }
    let iter =
        obj.try_iter().map_err(|_| invalid(obj.py(), format!("{what} must be a list, got {}", type_name(obj))))?;
    iter.map(|item| enum_arg(what, &item?)).collect::<PyResult<_>>().map(Some)
}

/// A dict of str to str or None (`None` sends a JSON null).
pub fn str_map(what: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<BTreeMap<String, Option<String>>> {
    let mut out = BTreeMap::new();
    let Some(obj) = obj else { return Ok(out) };
    let dict = obj
        .cast::<PyDict>()
        .map_err(|_| invalid(obj.py(), format!("{what} must be a dict of str to str, got {}", type_name(obj))))?;
    for (k, v) in dict.iter() {
        let key = text(&format!("{what} key"), &k)?;
        if !(v.is_none() || v.cast::<PyString>().is_ok()) {
            return Err(invalid(obj.py(), format!("{what}[{key:?}] must be a str or None, got {}", type_name(&v))));
        }
        let value = if v.is_none() { None } else { Some(text(what, &v)?) };
        out.insert(key, value);
    }
    Ok(out)
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
