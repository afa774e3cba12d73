//! Type conversion between Python objects and core values: JSON values both ways, model
//! fields to Python on attribute access, and caller-supplied enum values to core enums.

use std::collections::BTreeMap;
use std::str::FromStr;

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::IntoPyObjectExt;
use serde_json::{Map, Number, Value};
use sessionlink::jellyfin::models as jf;
use sessionlink::wire::{DateTime, DateTimeParts};
use sessionlink::Secret;

use crate::errors::invalid;
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

/// Nesting at which serde_json's decoder gives up (its recursion limit: 127 levels of lists
/// and dicts decode, 128 do not). A deeper value could not be decoded by the server either, and
/// converting it recursively would overflow the stack: it is refused before any I/O.
pub const JSON_DEPTH_LIMIT: usize = 128;

/// Converts a Python value made of dict/list/tuple/str/int/float/bool/None (and sessionlink
/// models, as their wire JSON, and timezone-aware `datetime`s, as the server writes dates) to
/// JSON. Depth is bounded and a value that contains itself is
/// refused, both as `InvalidArgumentError` naming `what`: never a stack overflow.
pub fn py_to_json(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    ToJson { what, open: Vec::new() }.value(obj)
}

/// One conversion: `open` holds the containers being converted, outermost first.
struct ToJson<'a> {
    what: &'a str,
    open: Vec<*mut pyo3::ffi::PyObject>,
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
        if let Some(model) = crate::models::wire_json(obj) {
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
/// came from a decoder or from [`py_to_json`], both bounded by [`JSON_DEPTH_LIMIT`].
fn json_depth(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(json_depth).max().unwrap_or(0),
        Value::Object(map) => 1 + map.values().map(json_depth).max().unwrap_or(0),
        _ => 0,
    }
}

/// A JSON argument that must be an object (or None).
pub fn json_object(what: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Map<String, Value>>> {
    let Some(obj) = obj else { return Ok(None) };
    match py_to_json(what, obj)? {
        Value::Null => Ok(None),
        Value::Object(map) => Ok(Some(map)),
        _ => Err(invalid(obj.py(), format!("{what} must be a dict, got {}", type_name(obj)))),
    }
}

/// An optional JSON argument (`None` leaves it out of the request).
pub fn json_opt(what: &str, obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Value>> {
    obj.map(|o| py_to_json(what, o)).transpose()
}

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

/// Enum fields read as members of the package's enum classes; a value this version does not
/// know reads as its wire `str` (so nothing a newer server sends is lost).
macro_rules! to_py_enum {
    ($($t:ident),*) => {
        $(
            impl ToPy for jf::$t {
                fn to_py(at: Within<'_, Self>, py: Python<'_>) -> PyResult<Py<PyAny>> {
                    let value = at.get();
                    // A known value's position in `ALL` (the order of `WIRE_NAMES`).
                    let index = if value.is_known() { jf::$t::ALL.iter().position(|v| v == value) } else { None };
                    crate::package::enum_member(py, stringify!($t), index, value.as_str())
                }
            }
        )*

        /// Every contract enum's name and wire names: the public package builds its enum
        /// classes from these (so Python and core can never disagree on the values).
        pub const ENUMS: &[(&str, &[&str])] = &[$((stringify!($t), jf::$t::WIRE_NAMES)),*];
    };
}
to_py_enum!(
    GeneralCommandType,
    PlaystateCommand,
    PlayCommand,
    BaseItemKind,
    MediaType,
    PlayMethod,
    RepeatMode,
    PlaybackOrder,
    HardwareAccelerationType
);

/// The `datetime` module's classes, imported once.
struct DateTypes {
    datetime: Py<PyAny>,
    timedelta: Py<PyAny>,
    timezone: Py<PyAny>,
    utc: Py<PyAny>,
}

static DATE_TYPES: PyOnceLock<DateTypes> = PyOnceLock::new();

fn date_types(py: Python<'_>) -> PyResult<&DateTypes> {
    DATE_TYPES.get_or_try_init(py, || {
        let module = py.import("datetime")?;
        let timezone = module.getattr("timezone")?;
        Ok(DateTypes {
            datetime: module.getattr("datetime")?.unbind(),
            timedelta: module.getattr("timedelta")?.unbind(),
            utc: timezone.getattr("utc")?.unbind(),
            timezone: timezone.unbind(),
        })
    })
}

/// A server date as a timezone-aware `datetime`: the fields as written (core's
/// [`DateTime::parts`]), fractions cut to microseconds, the text's own offset as its
/// `tzinfo` (`timezone.utc` for `Z` or no zone). `None` for a text that is not a date or that
/// `datetime` cannot hold (year 0, a leap second, an offset of a day or more); `to_dict()`
/// keeps the text either way.
pub fn date_to_py(py: Python<'_>, date: &DateTime) -> PyResult<Py<PyAny>> {
    let Some(p) = date.parts() else { return Ok(py.None()) };
    let types = date_types(py)?;
    let tz = if p.offset_seconds == 0 {
        types.utc.clone_ref(py)
    } else {
        let offset = types.timedelta.call1(py, (0, p.offset_seconds))?;
        match types.timezone.call1(py, (offset,)) {
            Ok(tz) => tz,
            Err(_) => return Ok(py.None()),
        }
    };
    let args = (p.year, p.month, p.day, p.hour, p.minute, p.second, p.nanosecond / 1000, tz);
    Ok(types.datetime.call1(py, args).unwrap_or_else(|_| py.None()))
}

/// .NET ticks (100 ns) as a `timedelta`, cut to microseconds.
pub fn ticks_to_py(py: Python<'_>, ticks: i64) -> PyResult<Py<PyAny>> {
    let micros = ticks / 10;
    // timedelta(days, seconds, microseconds), positional: no keyword dict to build.
    let (days, rest) = (micros.div_euclid(86_400_000_000), micros.rem_euclid(86_400_000_000));
    date_types(py)?.timedelta.call1(py, (days, rest / 1_000_000, rest % 1_000_000))
}

/// A `datetime.datetime` given as a JSON value: its wire text (core's
/// [`DateTime::from_parts`]); a naive one is refused, as its moment is unknown.
fn datetime_to_json(what: &str, obj: &Bound<'_, PyAny>) -> PyResult<Option<Value>> {
    let py = obj.py();
    if !obj.is_instance(date_types(py)?.datetime.bind(py))? {
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

/// `{"PlaystateCommand": ("Stop", ...), ...}`, from [`ENUMS`].
pub fn wire_names(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let dict = PyDict::new(py);
    for (name, values) in ENUMS {
        dict.set_item(name, PyTuple::new(py, *values)?)?;
    }
    Ok(dict)
}
