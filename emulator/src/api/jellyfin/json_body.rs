//! Typed properties of a JSON request body, read the way System.Text.Json reads them with
//! the server's options: names in any case, numbers also from numeric strings
//! (`AllowReadingFromString`), enums by name in any case or by number, GUIDs through
//! Jellyfin's `JsonGuidConverter`. Unknown properties are ignored. Every mistake is the same
//! 400 ProblemDetails, keyed by the property's JSON path.

use serde_json::{Map, Value};

use super::binding::{json_error, json_string, raw_prop};
use super::enums;
use crate::state::State;
use crate::text::ids::parse_guid;
use crate::wire::reply::Reply;

pub(crate) struct JsonBody<'a> {
    map: &'a Map<String, Value>,
    /// The action parameter's name, which every error also reports as required.
    param: &'static str,
    /// The JSON path of this object inside the body (`""` at the top, `"Queue[0]."` inside).
    path: String,
}

impl<'a> JsonBody<'a> {
    pub fn new(map: &'a Map<String, Value>, param: &'static str) -> JsonBody<'a> {
        JsonBody { map, param, path: String::new() }
    }

    /// The same rules for an object nested at `path` (for example `NowPlayingQueue[0]`).
    pub fn nested(&self, map: &'a Map<String, Value>, path: &str) -> JsonBody<'a> {
        JsonBody { map, param: self.param, path: format!("{}{path}.", self.path) }
    }

    pub fn error(&self, state: &mut State, name: &str) -> Reply {
        json_error(state, &format!("{}{name}", self.path), self.param)
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        raw_prop(self.map, name)
    }

    /// A non-nullable `bool`: absent is false; anything but `true`/`false` fails, `null` too.
    pub fn bool(&self, state: &mut State, name: &str) -> Result<bool, Reply> {
        match self.get(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(_) => Err(self.error(state, name)),
        }
    }

    /// An `int?` or `long?`: absent or `null` is `None`; a number or numeric string in range.
    pub fn int<T: TryFrom<i64>>(&self, state: &mut State, name: &str) -> Result<Option<T>, Reply> {
        let number = match self.get(name) {
            None | Some(Value::Null) => return Ok(None),
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) => s.parse::<i64>().ok(),
            Some(_) => None,
        };
        match number.and_then(|n| T::try_from(n).ok()) {
            Some(n) => Ok(Some(n)),
            None => Err(self.error(state, name)),
        }
    }

    /// A `string?`: absent or `null` is `None`; a string, or a number or boolean as its raw
    /// text (the server's `JsonStringConverter`).
    pub fn string(&self, state: &mut State, name: &str) -> Result<Option<String>, Reply> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(v) => json_string(v).map(Some).ok_or_else(|| self.error(state, name)),
        }
    }

    /// A `Guid`: absent or `null` is `Guid.Empty` (`None`); otherwise a string `Guid.Parse`
    /// accepts, in N format.
    pub fn guid(&self, state: &mut State, name: &str) -> Result<Option<String>, Reply> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => match parse_guid(s) {
                Some(id) if id.bytes().all(|b| b == b'0') => Ok(None),
                Some(id) => Ok(Some(id)),
                None => Err(self.error(state, name)),
            },
            Some(_) => Err(self.error(state, name)),
        }
    }

    /// A non-nullable enum: absent is its zero value; `null` or an unknown value fails.
    pub fn enumeration(
        &self,
        state: &mut State,
        name: &str,
        values: &'static [&'static str],
    ) -> Result<&'static str, Reply> {
        match self.get(name) {
            None => values.first().copied().ok_or_else(|| self.error(state, name)),
            Some(v) => enums::from_json(values, v).ok_or_else(|| self.error(state, name)),
        }
    }

    /// An object-typed property (a DTO): absent or `null` is `None`.
    pub fn object(&self, state: &mut State, name: &str) -> Result<Option<&'a Map<String, Value>>, Reply> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Object(map)) => Ok(Some(map)),
            Some(_) => Err(self.error(state, name)),
        }
    }

    /// An array-typed property: absent or `null` is `None`.
    pub fn array(&self, state: &mut State, name: &str) -> Result<Option<&'a Vec<Value>>, Reply> {
        match self.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Array(items)) => Ok(Some(items)),
            Some(_) => Err(self.error(state, name)),
        }
    }
}
