//! Dates and durations as Python sees them: a server date as a timezone-aware `datetime`,
//! .NET ticks as a `timedelta`. A leaf: the `datetime` classes, imported once.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use sessionlink::wire::DateTime;

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

/// Whether `obj` is a `datetime.datetime`.
pub fn is_datetime(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = obj.py();
    obj.is_instance(date_types(py)?.datetime.bind(py))
}
