//! Conversions of C arguments that build on the pointer reads of `ffi.rs`: lists of wire
//! names, and name/value pairs. Used by the generated operations and the socket.

use std::collections::BTreeMap;
use std::os::raw::c_char;

use crate::failure::Failure;
use crate::ffi::str_array;

/// Parses each wire name of an optional list.
pub(crate) fn parse_all<T>(
    names: Option<Vec<String>>,
    parse: fn(&str) -> sessionlink_core::Result<T>,
) -> Result<Option<Vec<T>>, Failure> {
    names.map(|n| n.iter().map(|s| parse(s).map_err(Failure::from)).collect()).transpose()
}

/// Parallel arrays of `len` names and values, as a map; both NULL with `len` 0 is absent.
pub(crate) fn str_pairs(
    names: *const *const c_char,
    values: *const *const c_char,
    len: usize,
    name: &str,
) -> Result<Option<BTreeMap<String, Option<String>>>, Failure> {
    let keys = str_array(names, len, &format!("{name}_names"))?;
    let values = str_array(values, len, &format!("{name}_values"))?;
    Ok(match (keys, values) {
        (None, None) => None,
        (keys, values) => {
            Some(keys.unwrap_or_default().into_iter().zip(values.unwrap_or_default().into_iter().map(Some)).collect())
        }
    })
}
