//! The contract's enums in Python: the table of their wire names (`WIRE_NAMES`, from which
//! the public package builds its enum classes), the members the package hands back at import,
//! and enum fields read as those members.

use std::sync::RwLock;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use sessionlink::jellyfin::models as jf;

use crate::shared::Within;
use crate::to_py::ToPy;

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
                    enum_member(py, stringify!($t), index, value.as_str())
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

/// `{"PlaystateCommand": ("Stop", ...), ...}`, from [`ENUMS`].
pub fn wire_names(py: Python<'_>) -> PyResult<Bound<'_, PyDict>> {
    let dict = PyDict::new(py);
    for (name, values) in ENUMS {
        dict.set_item(name, PyTuple::new(py, *values)?)?;
    }
    Ok(dict)
}

/// For each enum of [`ENUMS`] (in its order), its members in the order of its wire names, as
/// the package handed them to `_native._init`. Replaced, not kept, by a second `_init`.
static MEMBERS: RwLock<Vec<Vec<Py<PyAny>>>> = RwLock::new(Vec::new());

/// Keeps the package's enum members (`{"PlaystateCommand": {"Stop": member, ...}, ...}`),
/// looked up once by wire name, so that reading an enum field is an index.
pub fn set_members(enum_members: &Bound<'_, PyDict>) -> PyResult<()> {
    let mut members = Vec::new();
    for (name, wire_names) in ENUMS {
        let by_value = enum_members
            .get_item(name)?
            .ok_or_else(|| PyRuntimeError::new_err(format!("_init: enum_members lacks {name}")))?;
        let row = wire_names.iter().map(|w| by_value.get_item(w).map(Bound::unbind)).collect::<PyResult<_>>()?;
        members.push(row);
    }
    *MEMBERS.write().unwrap_or_else(|p| p.into_inner()) = members;
    Ok(())
}

/// The member of the package's enum `name` at `index` (its value's position in the enum's
/// wire names); `value` as a plain `str` for a value newer than this version (`index` None).
pub fn enum_member(py: Python<'_>, name: &str, index: Option<usize>, value: &str) -> PyResult<Py<PyAny>> {
    if let Some(index) = index {
        let which = ENUMS.iter().position(|(n, _)| *n == name);
        let members = MEMBERS.read().unwrap_or_else(|p| p.into_inner());
        if let Some(member) = which.and_then(|e| members.get(e)?.get(index)) {
            return Ok(member.clone_ref(py));
        }
    }
    Ok(PyString::new(py, value).into_any().unbind())
}
