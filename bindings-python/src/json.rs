//! Python values to JSON, for the arguments and fields the bindings send: dict, list, tuple,
//! str, int, float, bool, None and timezone-aware `datetime`s, with the depth bound of the
//! server's decoder and a refusal of values that contain themselves (never a stack overflow).

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use sessionlink::wire::{DateTime, DateTimeParts};

use crate::args::type_name;
use crate::dates::is_datetime;
use crate::errors::invalid;

/// Nesting at which serde_json's decoder gives up (its recursion limit: 127 levels of lists
/// and dicts decode, 128 do not). A deeper value could not be decoded by the server either, and
/// converting it recursively would overflow the stack: it is refused before any I/O.
pub const JSON_DEPTH_LIMIT: usize = 128;

/// Converts a Python value made of dict/list/tuple/str/int/float/bool/None (and sessionlink
/// models, as their wire JSON, and timezone-aware `datetime`s, as the server writes dates) to
/// JSON. Depth is bounded and a value that contains itself is
/// refused, both as `InvalidArgumentError` naming `what`: never a stack overflow.
///
/// `model_json` gives the JSON of a value that is not plain JSON, or `None` to refuse it: the
/// model-or-dict case, which `models.rs` supplies (its `py_to_json` is what the bindings call),
/// so that this module knows no model class.
pub fn to_json(what: &str, obj: &Bound<'_, PyAny>, model_json: ModelJson) -> PyResult<Value> {
    ToJson { what, open: Vec::new(), model_json }.value(obj)
}

/// The JSON of a sessionlink model given where JSON is expected; `None` for any other object.
pub type ModelJson = fn(&Bound<'_, PyAny>) -> Option<PyResult<Value>>;

/// One conversion: `open` holds the containers being converted, outermost first.
struct ToJson<'a> {
    what: &'a str,
    open: Vec<*mut pyo3::ffi::PyObject>,
    model_json: ModelJson,
}

impl ToJson<'_> {
    fn value(&mut self, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
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
            return Err(invalid(py, format!("{}: integer out of the JSON range", self.what)));
        }
        if let Ok(f) = obj.cast::<PyFloat>() {
            return Number::from_f64(f.value())
                .map(Value::Number)
                .ok_or_else(|| invalid(py, format!("{}: {} is not a JSON number", self.what, f.value())));
        }
        if let Ok(s) = obj.cast::<PyString>() {
            return Ok(Value::String(s.to_str()?.to_owned()));
        }
        if let Some(date) = datetime_to_json(self.what, obj)? {
            return Ok(date);
        }
        if let Some(model) = (self.model_json)(obj) {
            // A model's JSON is bounded by construction; it still counts towards the depth.
            let model = model?;
            self.check_depth(py, self.open.len() + json_depth(&model))?;
            return Ok(model);
        }
        let is_dict = obj.cast::<PyDict>().is_ok();
        if !(is_dict || obj.cast::<PyList>().is_ok() || obj.cast::<PyTuple>().is_ok()) {
            return Err(invalid(py, format!("{}: a {} cannot be sent as JSON", self.what, type_name(obj))));
        }
        self.check_depth(py, self.open.len() + 1)?;
        if self.open.contains(&obj.as_ptr()) {
            return Err(invalid(py, format!("{}: the value contains itself (a reference cycle)", self.what)));
        }
        self.open.push(obj.as_ptr());
        let converted = if is_dict { self.object(obj) } else { self.array(obj) };
        self.open.pop();
        converted
    }

    fn object(&mut self, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
        let mut map = Map::new();
        for (k, v) in obj.cast::<PyDict>()?.iter() {
            let Ok(key) = k.cast::<PyString>() else {
                let message = format!("{}: JSON object keys must be str, got {}", self.what, type_name(&k));
                return Err(invalid(obj.py(), message));
            };
            map.insert(key.to_str()?.to_owned(), self.value(&v)?);
        }
        Ok(Value::Object(map))
    }

    fn array(&mut self, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
        let mut items = Vec::new();
        for item in obj.try_iter()? {
            items.push(self.value(&item?)?);
        }
        Ok(Value::Array(items))
    }

    fn check_depth(&self, py: Python<'_>, depth: usize) -> PyResult<()> {
        if depth >= JSON_DEPTH_LIMIT {
            let limit = JSON_DEPTH_LIMIT - 1;
            return Err(invalid(py, format!("{}: nested too deeply for JSON (at most {limit} levels)", self.what)));
        }
        Ok(())
    }
}

/// Levels of arrays and objects in `value`. Recursion is safe: every value sessionlink holds
/// came from a decoder or from [`to_json`], both bounded by [`JSON_DEPTH_LIMIT`].
fn json_depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(json_depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(json_depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// A `datetime.datetime` given as a JSON value: its wire text (core's
/// [`DateTime::from_parts`]); a naive one is refused, as its moment is unknown.
fn datetime_to_json(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Option<Value>> {
    let py = obj.py();
    if !is_datetime(obj)? {
        return Ok(None);
    }
    let offset = obj.call_method0("utcoffset")?;
    if offset.is_none() {
        return Err(invalid(py, format!("{what}: a datetime must be timezone-aware (give it a tzinfo)")));
    }
    let offset_seconds: f64 = offset.call_method0("total_seconds")?.extract()?;
    let field = |name: &str| -> PyResult<i64> { obj.getattr(name)?.extract() };
    let small = |name: &str| -> PyResult<u8> { Ok(u8::try_from(field(name)?).unwrap_or(u8::MAX)) };
    let parts = DateTimeParts {
        year: i32::try_from(field("year")?).unwrap_or(i32::MAX),
        month: small("month")?,
        day: small("day")?,
        hour: small("hour")?,
        minute: small("minute")?,
        second: small("second")?,
        nanosecond: u32::try_from(field("microsecond")?).unwrap_or(u32::MAX).saturating_mul(1000),
        offset_seconds: offset_seconds as i32,
    };
    if f64::from(parts.offset_seconds) != offset_seconds {
        return Err(invalid(py, format!("{what}: the datetime's UTC offset is not a whole number of seconds")));
    }
    let text = DateTime::from_parts(&parts).map_err(|e| invalid(py, format!("{what}: {}", e.message())))?;
    Ok(Some(Value::String(text.0)))
}
