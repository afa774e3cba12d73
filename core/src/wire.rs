//! Lossless JSON models.
//!
//! A newer server must never break an older client, and a decoded payload must re-encode to
//! the same JSON. So every model made with [`wire_struct!`](crate::wire_struct) keeps the fields it does not name
//! in an [`Extra`] map and remembers which named fields were absent or `null` on the wire, and
//! every enum made with [`wire_enum!`](crate::wire_enum) keeps an unknown value as its string.
//!
//! The `Deserialize` impl is written out (not `#[serde(flatten)]`) because flatten buffers the
//! whole object first, which doubles the cost of decoding a session list.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Value};

/// The part of a model that its typed fields do not cover.
///
/// Unknown fields are kept as their raw JSON text, in the order received: keeping them costs
/// a copy of their bytes, not a tree of values, and they re-encode byte for byte. All of an
/// object's unknown fields share one buffer (a server object can carry dozens: an item's
/// media streams, chapters, image tags...), so keeping them costs no allocation per field.
#[derive(Clone, Default)]
pub struct Extra {
    /// Boxed, so that the many objects without unknown fields pay one pointer for them.
    fields: Option<Box<Fields>>,
    /// Bit i: named field i was absent on the wire.
    pub(crate) absent: u128,
    /// Bit i: named field i was an explicit `null` on the wire.
    pub(crate) null: u128,
}

impl PartialEq for Extra {
    fn eq(&self, other: &Self) -> bool {
        self.absent == other.absent
            && self.null == other.null
            && self.len() == other.len()
            && self.fields().zip(other.fields()).all(|(a, b)| a == b)
    }
}

impl fmt::Debug for Extra {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Extra fields are listed by name only: their values could be anything, including
        // credentials a newer server adds.
        f.debug_list().entries(self.keys()).finish()
    }
}

#[derive(Clone, Default)]
struct Fields {
    /// Each unknown field's name, then its raw JSON value, back to back.
    text: String,
    /// Where each field's name ends and where its value ends, in `text`.
    ends: Vec<(usize, usize)>,
}

/// Raw JSON text that was valid when it was kept, as a `RawValue` again (parsed to check it,
/// as `serde_json` offers no unchecked conversion; `None` cannot happen for kept text).
fn raw(text: &str) -> Option<&RawValue> {
    serde_json::from_str(text).ok()
}

impl Extra {
    /// Whether the server sent no field beyond the typed ones.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many unknown fields were kept.
    pub fn len(&self) -> usize {
        self.fields.as_ref().map_or(0, |f| f.ends.len())
    }

    /// Each field's name and raw JSON text.
    fn fields(&self) -> impl Iterator<Item = (&str, &str)> {
        let (text, ends) = match &self.fields {
            Some(f) => (f.text.as_str(), f.ends.as_slice()),
            None => ("", &[][..]),
        };
        let mut start = 0;
        ends.iter().map(move |&(key_end, value_end)| {
            let field = (&text[start..key_end], &text[key_end..value_end]);
            start = value_end;
            field
        })
    }

    /// The names of the unknown fields, in the order received.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.fields().map(|(k, _)| k)
    }

    /// Whether an unknown field of this name was received.
    pub fn contains_key(&self, key: &str) -> bool {
        self.keys().any(|k| k == key)
    }

    /// An unknown field's raw JSON text.
    pub fn get_raw(&self, key: &str) -> Option<&RawValue> {
        self.fields().find(|(k, _)| *k == key).and_then(|(_, v)| raw(v))
    }

    /// An unknown field's value, parsed.
    pub fn get(&self, key: &str) -> Option<Value> {
        self.get_raw(key).and_then(|raw| serde_json::from_str(raw.get()).ok())
    }

    /// Every unknown field, raw.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &RawValue)> {
        self.fields().filter_map(|(k, v)| raw(v).map(|v| (k, v)))
    }

    /// Every unknown field, parsed.
    pub fn to_map(&self) -> Map<String, Value> {
        self.fields().filter_map(|(k, v)| serde_json::from_str(v).ok().map(|v| (k.to_owned(), v))).collect()
    }

    /// Adds (or replaces) an unknown field.
    pub fn insert(&mut self, key: impl Into<String>, value: &Value) {
        let key = key.into();
        let Ok(value) = serde_json::to_string(value) else { return };
        if self.contains_key(&key) {
            // Rebuilt in order, with the new value in the old one's place.
            let old = std::mem::take(self);
            let (absent, null) = (old.absent, old.null);
            for (k, v) in old.fields() {
                self.push(k, if k == key { &value } else { v });
            }
            (self.absent, self.null) = (absent, null);
        } else {
            self.push(&key, &value);
        }
    }

    /// Whether typed field `index` was absent or `null` when the object was decoded.
    pub(crate) fn lacks(&self, index: usize) -> bool {
        index < 128 && (self.absent | self.null) & (1u128 << index) != 0
    }

    /// Keeps an unknown field; `value` is its raw JSON text.
    fn push(&mut self, key: &str, value: &str) {
        let f = self.fields.get_or_insert_with(Box::default);
        f.text.push_str(key);
        let key_end = f.text.len();
        f.text.push_str(value);
        f.ends.push((key_end, f.text.len()));
    }

    #[doc(hidden)]
    pub fn push_raw(&mut self, key: &str, value: &RawValue) {
        self.push(key, value.get());
    }

    /// Frees the spare capacity the buffers grew by (a decoded model is kept as it is).
    #[doc(hidden)]
    pub fn shrink_to_fit(&mut self) {
        if let Some(f) = &mut self.fields {
            f.text.shrink_to_fit();
            f.ends.shrink_to_fit();
        }
    }
}

/// How a model field maps to JSON: `Option<T>` is nullable, anything else is a non-nullable
/// value that falls back to its default when absent or `null`.
pub trait Field: Sized {
    /// The value as JSON carries it.
    type Inner: serde::de::DeserializeOwned + serde::Serialize;
    /// The field from the decoded value (`None`: absent or `null`).
    fn from_wire(value: Option<Self::Inner>) -> Self;
    /// The value to encode, if any.
    fn to_wire(&self) -> Option<&Self::Inner>;
    /// Whether the field holds its default (so an absent or null field can stay so).
    fn is_default(&self) -> bool;
}

impl<T: serde::de::DeserializeOwned + serde::Serialize> Field for Option<T> {
    type Inner = T;
    fn from_wire(value: Option<T>) -> Self {
        value
    }
    fn to_wire(&self) -> Option<&T> {
        self.as_ref()
    }
    fn is_default(&self) -> bool {
        self.is_none()
    }
}

/// Implements [`Field`] for non-nullable types.
#[macro_export]
#[doc(hidden)]
macro_rules! wire_value_field {
    ($($ty:ty),* $(,)?) => {$(
        impl $crate::wire::Field for $ty {
            type Inner = $ty;
            fn from_wire(value: Option<$ty>) -> Self {
                value.unwrap_or_default()
            }
            fn to_wire(&self) -> Option<&$ty> {
                Some(self)
            }
            fn is_default(&self) -> bool {
                *self == <$ty as Default>::default()
            }
        }
    )*};
}

wire_value_field!(bool, i32, i64, f64, String, Value, Vec<String>, Map<String, Value>);
wire_value_field!(std::collections::BTreeMap<String, Option<String>>);

impl<T> Field for Vec<T>
where
    T: serde::de::DeserializeOwned + serde::Serialize + PartialEq + WireModel,
{
    type Inner = Vec<T>;
    fn from_wire(value: Option<Vec<T>>) -> Self {
        value.unwrap_or_default()
    }
    fn to_wire(&self) -> Option<&Vec<T>> {
        Some(self)
    }
    fn is_default(&self) -> bool {
        self.is_empty()
    }
}

/// Marks types made by the wire macros (so `Vec<Model>` gets a [`Field`] impl without
/// overlapping `Vec<String>`).
pub trait WireModel {}

/// A map key, borrowed from the input where possible.
pub(crate) struct Key<'de>(pub Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        d.deserialize_str(V)
    }
}

/// Prefixes a nested decode error with the wire name of the field, so the final message
/// reads like a path: `NowPlayingItem: RunTimeTicks: invalid type: string "x", expected i64`.
pub(crate) fn field_error<E: de::Error>(name: &str, e: E) -> E {
    E::custom(format_args!("{name}: {e}"))
}

/// Defines a lossless model. Each field names its wire spelling; `Option<T>` fields are
/// nullable, other fields are non-nullable with a default.
#[macro_export]
#[doc(hidden)]
macro_rules! wire_struct {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $ty:ty = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Default, PartialEq)]
        pub struct $name {
            $(
                $(#[$fmeta])*
                #[doc = ""]
                #[doc = concat!("On the wire: `", $wire, "`.")]
                pub $field: $ty,
            )*
            /// Fields this model does not name, kept so nothing is lost on re-encoding.
            pub extra: $crate::wire::Extra,
        }

        impl $crate::wire::WireModel for $name {}
        $crate::wire_value_field!($name);

        impl $name {
            /// Whether typed field `index` (its position in [`Self::WIRE_FIELDS`]) has no
            /// value: it was absent or `null` when this object was decoded and has not been
            /// set since. A non-nullable field then holds its type's default only as a
            /// placeholder; the bindings read such a field as `None` / `NULL`, so "the server
            /// did not say" is never mistaken for `""`, `0` or `false`. `false` for an index
            /// out of range.
            #[allow(unused_assignments, unused_variables)]
            pub fn is_missing(&self, index: usize) -> bool {
                #[allow(unused_imports)]
                use $crate::wire::Field as _;
                let mut _i: usize = 0;
                $(
                    if _i == index {
                        return self.$field.is_default() && self.extra.lacks(_i);
                    }
                    _i += 1;
                )*
                false
            }

            /// The wire names of the typed fields, in contract order.
            pub const WIRE_FIELDS: &'static [&'static str] = &[$($wire),*];
            /// The Rust names of the typed fields, in the order of [`Self::WIRE_FIELDS`]: the
            /// bindings name attributes and keyword arguments after them.
            pub const FIELD_NAMES: &'static [&'static str] = &[$(stringify!($field)),*];

            /// Typed fields that were absent when this object was decoded take their values
            /// from `defaults` (and are then sent), so a partial object given as JSON means
            /// the same as the same fields set on `defaults`.
            #[allow(unused_assignments, unused_mut, unused_variables)]
            pub fn with_defaults_from(mut self, defaults: &Self) -> Self {
                let mut _i: u32 = 0;
                $(
                    let bit = 1u128 << _i;
                    if self.extra.absent & bit != 0 && defaults.extra.absent & bit == 0 {
                        self.$field = defaults.$field.clone();
                        self.extra.absent &= !bit;
                        self.extra.null &= !bit;
                    }
                    _i += 1;
                )*
                self
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let mut s = f.debug_struct(stringify!($name));
                $( s.field(stringify!($field), &self.$field); )*
                if !self.extra.is_empty() {
                    s.field("extra", &self.extra);
                }
                s.finish()
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use ::serde::ser::SerializeMap;
                #[allow(unused_imports)]
                use $crate::wire::Field as _;
                let mut map = serializer.serialize_map(None)?;
                let mut _i: u32 = 0;
                $(
                    let bit = 1u128 << _i;
                    if self.$field.is_default() && self.extra.null & bit != 0 {
                        map.serialize_entry($wire, &())?;
                    } else if !(self.$field.is_default() && self.extra.absent & bit != 0) {
                        if let Some(v) = self.$field.to_wire() {
                            map.serialize_entry($wire, v)?;
                        }
                    }
                    _i += 1;
                )*
                for (k, v) in self.extra.iter() {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> ::serde::de::Visitor<'de> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(concat!("a ", stringify!($name), " object"))
                    }
                    #[allow(unused_assignments, unused_mut, unused_variables)]
                    fn visit_map<A: ::serde::de::MapAccess<'de>>(self, mut access: A) -> Result<$name, A::Error> {
                        // Field names dispatch through one `match` on the key, which the
                        // compiler turns into a length switch and a few comparisons.
                        #[allow(non_camel_case_types)]
                        #[derive(Clone, Copy)]
                        enum FieldId { $($field,)* }
                        let mut out = $name::default();
                        let mut seen: u128 = 0;
                        while let Some(key) = access.next_key::<$crate::wire::Key<'de>>()? {
                            let id = match key.0.as_ref() {
                                $( $wire => Some(FieldId::$field), )*
                                _ => None,
                            };
                            match id {
                                $(
                                    Some(FieldId::$field) => {
                                        let bit = 1u128 << (FieldId::$field as u32);
                                        let v: Option<<$ty as $crate::wire::Field>::Inner> = access
                                            .next_value()
                                            .map_err(|e| $crate::wire::field_error($wire, e))?;
                                        if v.is_none() {
                                            out.extra.null |= bit;
                                        }
                                        seen |= bit;
                                        out.$field = <$ty as $crate::wire::Field>::from_wire(v);
                                    }
                                )*
                                None => {
                                    // Boxed for a moment, then copied into the object's
                                    // one buffer of unknown fields.
                                    let v: Box<::serde_json::value::RawValue> = access.next_value()?;
                                    out.extra.push_raw(&key.0, &v);
                                }
                            }
                        }
                        let count = $name::WIRE_FIELDS.len() as u32;
                        let all: u128 = if count >= 128 { u128::MAX } else { (1u128 << count) - 1 };
                        out.extra.absent = all & !seen;
                        out.extra.shrink_to_fit();
                        Ok(out)
                    }
                }
                deserializer.deserialize_map(V)
            }
        }
    };
}

/// Defines a string enum that keeps unknown values: `Other(String)` carries any value a
/// newer server sends, and re-encodes to exactly that string.
#[macro_export]
#[doc(hidden)]
macro_rules! wire_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $crate::wire_enum! {
            $(#[$meta])*
            pub enum $name default Other(String::new()) {
                $( $(#[$vmeta])* $variant = $wire, )*
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub enum $name:ident default $default:ident $( ($($default_arg:tt)*) )? {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $(
                $(#[$vmeta])*
                #[doc = concat!("`", $wire, "`")]
                $variant,
            )*
            /// A value this version of sessionlink does not know, kept as sent.
            Other(String),
        }

        impl $crate::wire::WireModel for $name {}
        $crate::wire_value_field!($name);

        /// The value of a non-nullable field left unset: for enums that requests carry, the
        /// contract's (.NET) default, so an unset field means what the server assumes anyway.
        impl Default for $name {
            fn default() -> Self {
                $name::$default $( ($($default_arg)*) )?
            }
        }

        impl $name {
            /// Every value the contract names, in contract order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The wire spelling of every value the contract names.
            pub const WIRE_NAMES: &'static [&'static str] = &[$($wire),*];

            /// The wire spelling.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Other(s) => s,
                }
            }

            /// Decodes a wire string; unknown values are kept as `Other`.
            pub fn from_wire(s: &str) -> Self {
                match s {
                    $( $wire => $name::$variant, )*
                    other => $name::Other(other.to_owned()),
                }
            }

            /// Parses a caller-supplied value: only the contract's spellings are accepted, and
            /// the error lists them.
            pub fn parse(s: &str) -> $crate::Result<Self> {
                match $name::from_wire(s) {
                    $name::Other(_) => Err($crate::Error::invalid_argument(format!(
                        "{:?} is not a valid {}; expected one of: {}",
                        s,
                        stringify!($name),
                        $name::WIRE_NAMES.join(", ")
                    ))),
                    known => Ok(known),
                }
            }

            /// Whether the value is one the contract names (not kept as `Other`).
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::Error;
            fn from_str(s: &str) -> $crate::Result<Self> {
                $name::parse(s)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let key = <$crate::wire::Key<'de> as ::serde::Deserialize>::deserialize(d)?;
                Ok($name::from_wire(&key.0))
            }
        }
    };
}

/// A timestamp as the server wrote it (kept verbatim so it re-encodes exactly), with a
/// tolerant parser: 0–9 fractional digits, `Z`, an offset, or no zone at all (read as UTC),
/// and year 0001.
#[derive(Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(transparent)]
pub struct DateTime(pub String);

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl WireModel for DateTime {}
crate::wire_value_field!(DateTime);

impl DateTime {
    /// The text exactly as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Seconds and nanoseconds since the Unix epoch (negative before 1970), or `None` if the
    /// text is not an ISO-8601 date-time.
    pub fn unix(&self) -> Option<(i64, u32)> {
        parse_datetime(&self.0)
    }

    /// The date and time as written (calendar fields in the text's own offset), or `None` if
    /// the text is not an ISO-8601 date-time (an empty one included). The bindings build
    /// their native date-time values from this, so every language reads a date the same way.
    pub fn parts(&self) -> Option<DateTimeParts> {
        parse_parts(&self.0)
    }

    /// The text of `parts` as Jellyfin writes a date: `2025-11-23T14:50:07.5126102Z`, seven
    /// fractional digits (100 ns; finer digits are cut), `Z` for UTC, else `+hh:mm`. Fields
    /// out of their ranges, and an offset that is not whole minutes, are `InvalidArgument`.
    pub fn from_parts(parts: &DateTimeParts) -> crate::Result<DateTime> {
        let p = parts;
        let valid = (0..=9999).contains(&p.year)
            && (1..=12).contains(&p.month)
            && p.day >= 1
            && i64::from(p.day) <= days_in_month(i64::from(p.year), i64::from(p.month))
            && p.hour <= 23
            && p.minute <= 59
            && p.second <= 60
            && p.nanosecond < 1_000_000_000;
        if !valid {
            return Err(crate::Error::invalid_argument(format!("not a valid date and time: {p:?}")));
        }
        if p.offset_seconds % 60 != 0 || p.offset_seconds.abs() >= 100 * 3600 {
            return Err(crate::Error::invalid_argument(format!(
                "a date's UTC offset must be whole minutes under 100 hours, got {} s",
                p.offset_seconds
            )));
        }
        let zone = if p.offset_seconds == 0 {
            "Z".to_owned()
        } else {
            let (sign, off) = if p.offset_seconds < 0 { ('-', -p.offset_seconds) } else { ('+', p.offset_seconds) };
            format!("{sign}{:02}:{:02}", off / 3600, off % 3600 / 60)
        };
        Ok(DateTime(format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:07}{zone}",
            p.year,
            p.month,
            p.day,
            p.hour,
            p.minute,
            p.second,
            p.nanosecond / 100
        )))
    }
}

/// The fields of a [`DateTime`] as the server wrote them. `nanosecond` keeps up to 9
/// fractional digits (Jellyfin writes 7); `offset_seconds` is east of UTC, 0 for `Z` and for
/// a text without a zone (which the server means as UTC); `second` may be 60 (a leap second).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DateTimeParts {
    /// 0 to 9999; Jellyfin writes year 0001 for "never".
    pub year: i32,
    /// 1 to 12.
    pub month: u8,
    /// 1 to 31, valid for the month.
    pub day: u8,
    /// 0 to 23.
    pub hour: u8,
    /// 0 to 59.
    pub minute: u8,
    /// 0 to 60.
    pub second: u8,
    /// 0 to 999,999,999.
    pub nanosecond: u32,
    /// The offset from UTC, in seconds east (-99:59 to +99:59 as written).
    pub offset_seconds: i32,
}

impl DateTimeParts {
    /// Seconds and nanoseconds since the Unix epoch.
    pub fn unix(&self) -> (i64, u32) {
        let days = days_from_civil(i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let secs = days * 86_400 + i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
            - i64::from(self.offset_seconds);
        (secs, self.nanosecond)
    }
}

fn parse_datetime(s: &str) -> Option<(i64, u32)> {
    parse_parts(s).map(|p| p.unix())
}

fn parse_parts(s: &str) -> Option<DateTimeParts> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    if b.len() < 19
        || b[4] != b'-'
        || b[7] != b'-'
        || !(b[10] == b'T' || b[10] == b't' || b[10] == b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || day < 1
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut i = 19;
    let mut nanos: u32 = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            if i - start < 9 {
                nanos = nanos * 10 + u32::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return None;
        }
        for _ in (i - start).min(9)..9 {
            nanos *= 10;
        }
    }
    let offset_secs = match &b[i..] {
        [] | [b'Z'] | [b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let digits = [*h1, *h2, *m1, *m2];
            if !digits.iter().all(u8::is_ascii_digit) {
                return None;
            }
            let h = i64::from((h1 - b'0') * 10 + (h2 - b'0'));
            let m = i64::from((m1 - b'0') * 10 + (m2 - b'0'));
            let total = h * 3600 + m * 60;
            if *sign == b'+' {
                total
            } else {
                -total
            }
        }
        _ => return None,
    };
    // Every value was range-checked above, so the conversions cannot fail.
    let small = |v: i64| u8::try_from(v).ok();
    Some(DateTimeParts {
        year: i32::try_from(year).ok()?,
        month: small(month)?,
        day: small(day)?,
        hour: small(hour)?,
        minute: small(minute)?,
        second: small(second)?,
        nanosecond: nanos,
        offset_seconds: i32::try_from(offset_secs).ok()?,
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes_of_the_server() {
        assert_eq!(parse_datetime("1970-01-01T00:00:00Z"), Some((0, 0)));
        assert_eq!(parse_datetime("2025-11-23T14:50:07.5126102Z"), Some((1_763_909_407, 512_610_200)));
        assert_eq!(parse_datetime("0001-01-01T00:00:00.0000000Z"), Some((-62_135_596_800, 0)));
        assert_eq!(parse_datetime("2025-11-23T14:50:07+01:00"), Some((1_763_905_807, 0)));
        // Offsets with minutes (India, Newfoundland), a leap second, and year 0000 (a leap year
        // of the proleptic calendar whose January and February fall before the era's start).
        assert_eq!(parse_datetime("2025-11-23T14:50:07+05:30"), Some((1_763_889_607, 0)));
        assert_eq!(parse_datetime("2025-11-23T14:50:07-0330"), Some((1_763_922_007, 0)));
        assert_eq!(parse_datetime("2025-11-23T14:50:07-10:00"), Some((1_763_945_407, 0)));
        assert_eq!(parse_datetime("2025-11-23T14:50:07+14:45"), Some((1_763_856_307, 0)));
        assert_eq!(parse_datetime("2016-12-31T23:59:60Z"), Some((1_483_228_800, 0)));
        assert_eq!(parse_datetime("0000-01-01T00:00:00Z"), Some((-62_167_219_200, 0)));
        assert_eq!(parse_datetime("0000-02-29T00:00:00Z"), Some((-62_162_121_600, 0)));
        assert_eq!(parse_datetime("0000-03-01T00:00:00Z"), Some((-62_162_035_200, 0)));
        // February 29th in the leap years of the Gregorian rule only.
        for (date, leap) in [("2024", true), ("2023", false), ("1900", false), ("2000", true), ("0004", true)] {
            assert_eq!(parse_datetime(&format!("{date}-02-29T00:00:00Z")).is_some(), leap, "{date}");
        }
        assert_eq!(parse_datetime("2025-11-23T14:50:07"), Some((1_763_909_407, 0)));
        // A fraction that ends the text (no zone): the digit scan stops at the end.
        assert_eq!(parse_datetime("2025-11-23T14:50:07.5126102"), Some((1_763_909_407, 512_610_200)));
        assert_eq!(parse_datetime("2025-02-30T00:00:00Z"), None);
        // The 30-day months end on the 30th; the others on the 31st.
        for month in 1..=12 {
            let long = ![2, 4, 6, 9, 11].contains(&month);
            assert_eq!(parse_datetime(&format!("2025-{month:02}-31T00:00:00Z")).is_some(), long, "month {month}");
        }
        assert_eq!(parse_datetime("yesterday"), None);
        assert_eq!(parse_datetime("2025-11-23T14:50:07.Z"), None);
        // Each separator and each range is checked on its own (found by mutation testing).
        for bad in [
            "2025-11-23X14:50:07Z",
            "2025_11-23T14:50:07Z",
            "2025-11_23T14:50:07Z",
            "2025-11-23T14_50:07Z",
            "2025-11-23T14:50_07Z",
            "2025-11-00T00:00:00Z",
            "2025-13-01T00:00:00Z",
            "2025-11-23T24:00:00Z",
            "2025-11-23T23:60:00Z",
            "2025-11-23T23:59:61Z",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
        assert!(parse_datetime("2025-11-23 14:50:07Z").is_some() && parse_datetime("2025-11-23t14:50:07Z").is_some());
    }

    /// Found by fuzzing (decode_models): serde_json's `Value` rejects a number beyond f64, but an
    /// unknown field holds raw JSON, so the model keeps it exactly as the server wrote it.
    #[test]
    fn an_unknown_number_beyond_f64_is_kept_verbatim() {
        use crate::jellyfin::models::PlaybackStopInfo;
        let body = r#"{"Vendor":3e72222222222222222222222222222223}"#;
        assert!(serde_json::from_str::<serde_json::Value>(body).is_err());
        let stop: PlaybackStopInfo = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_string(&stop).unwrap(), body);
    }

    /// A newer server's fields are shown by name only: their values could be credentials.
    #[test]
    fn unknown_fields_debug_as_their_names() {
        use crate::jellyfin::models::PlayerStateInfo;
        let state: PlayerStateInfo =
            serde_json::from_str(r#"{"IsPaused": true, "StreamKey": "k-s3cr3t", "Nested": {"a": 1}}"#).unwrap();
        let shown = format!("{state:?}");
        assert!(shown.contains(r#"extra: ["StreamKey", "Nested"]"#), "{shown}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        let plain: PlayerStateInfo = serde_json::from_str(r#"{"IsPaused": true}"#).unwrap();
        assert!(!format!("{plain:?}").contains("extra"), "{plain:?}");
    }

    /// `insert` replaces a field in its place and appends a new one; the wire's absent and
    /// null fields stay as they were.
    #[test]
    fn unknown_fields_can_be_set() {
        use crate::jellyfin::models::PlayerStateInfo;
        let mut state: PlayerStateInfo = serde_json::from_str(r#"{"IsMuted": null, "A": 1, "B": 2}"#).unwrap();
        state.extra.insert("A", &serde_json::json!(3));
        state.extra.insert("C", &serde_json::json!([1]));
        let text = serde_json::to_string(&state).unwrap();
        assert!(text.contains(r#""A":3,"B":2,"C":[1]"#), "{text}");
        assert!(text.contains(r#""IsMuted":null"#), "{text}");
        assert_eq!(Value::Object(state.extra.to_map()), serde_json::json!({"A": 3, "B": 2, "C": [1]}));
    }

    /// A date debugs as the text the server wrote, as a string would (no wrapper noise in a
    /// model's `Debug`).
    #[test]
    fn dates_debug_as_the_servers_text() {
        let date = DateTime("2025-11-23T14:50:07.5126102Z".to_owned());
        assert_eq!(format!("{date:?}"), r#""2025-11-23T14:50:07.5126102Z""#);
    }

    #[test]
    fn unknown_fields_come_back_parsed() {
        use crate::jellyfin::models::PlayerStateInfo;
        let state: PlayerStateInfo =
            serde_json::from_str(r#"{"Zeta": [1, null], "IsPaused": true, "Alpha": {"a": "b"}}"#).unwrap();
        assert_eq!(Value::Object(state.extra.to_map()), serde_json::json!({"Zeta": [1, null], "Alpha": {"a": "b"}}));
    }

    #[test]
    fn missing_fields_are_the_absent_and_null_ones() {
        use crate::jellyfin::models::PlayerStateInfo;
        let index = |name: &str| PlayerStateInfo::FIELD_NAMES.iter().position(|f| *f == name).unwrap();
        let state: PlayerStateInfo =
            serde_json::from_str(r#"{"IsPaused": false, "IsMuted": null, "PositionTicks": 5}"#).unwrap();
        assert!(!state.is_missing(index("is_paused")), "sent as false");
        assert!(state.is_missing(index("is_muted")), "sent as null");
        assert!(state.is_missing(index("can_seek")), "absent");
        assert!(!state.is_missing(index("position_ticks")));
        assert!(state.is_missing(index("volume_level")));
        assert!(!state.is_missing(99));
        // Set since decoding: no longer missing.
        let state = PlayerStateInfo { can_seek: true, ..state };
        assert!(!state.is_missing(index("can_seek")));
        // A list absent on the wire is missing until it is set to a non-empty one.
        use crate::jellyfin::models::{GeneralCommandType, SessionInfoDto};
        let commands = SessionInfoDto::FIELD_NAMES.iter().position(|f| *f == "supported_commands").unwrap();
        let session: SessionInfoDto = serde_json::from_str(r#"{"Id": "s"}"#).unwrap();
        assert!(session.is_missing(commands));
        let session = SessionInfoDto { supported_commands: vec![GeneralCommandType::GoHome], ..session };
        assert!(!session.is_missing(commands), "set since decoding");
    }

    #[test]
    fn unknown_fields_are_counted_and_read_back() {
        use crate::jellyfin::models::QueueItem;
        let item: QueueItem = serde_json::from_str(r#"{"Id": "a", "Future": {"x": [1, 2]}, "Later": "z"}"#).unwrap();
        assert_eq!((item.extra.len(), item.extra.is_empty()), (2, false));
        assert_eq!(item.extra.get("Future"), Some(serde_json::json!({"x": [1, 2]})));
        assert_eq!(item.extra.get("Later"), Some(serde_json::json!("z")));
        assert_eq!(item.extra.get("Id"), None, "a typed field is not an unknown one");
        assert_eq!(item.extra.keys().collect::<Vec<_>>(), ["Future", "Later"]);
    }

    #[test]
    fn february_has_29_days_only_in_leap_years() {
        for (text, valid) in [
            ("2024-02-29T00:00:00Z", true),
            ("2000-02-29T00:00:00Z", true),
            ("1900-02-29T00:00:00Z", false),
            ("2023-02-29T00:00:00Z", false),
            ("2100-02-29T00:00:00Z", false),
        ] {
            assert_eq!(DateTime(text.into()).parts().is_some(), valid, "{text}");
            let p = DateTimeParts {
                year: text[..4].parse().unwrap(),
                month: 2,
                day: 29,
                hour: 0,
                minute: 0,
                second: 0,
                nanosecond: 0,
                offset_seconds: 0,
            };
            assert_eq!(DateTime::from_parts(&p).is_ok(), valid, "{text}");
        }
    }

    #[test]
    fn models_with_the_same_unknown_field_differ_by_its_value() {
        use crate::jellyfin::models::QueueItem;
        let item = |text: &str| serde_json::from_str::<QueueItem>(text).unwrap();
        assert_eq!(item(r#"{"Id":"a","Future":1}"#), item(r#"{"Id":"a","Future":1}"#));
        assert_ne!(item(r#"{"Id":"a","Future":1}"#), item(r#"{"Id":"a","Future":2}"#));
        assert_ne!(item(r#"{"Id":"a","Future":1}"#), item(r#"{"Id":"a","Later":1}"#));
        assert_ne!(item(r#"{"Id":"a","Future":1}"#), item(r#"{"Id":"a","Future":1,"Later":1}"#));
        assert_ne!(item(r#"{"Id":"a"}"#), item(r#"{"Id":null}"#), "null and absent differ");
    }

    #[test]
    fn datetime_parts_are_the_written_fields() {
        let p = DateTime("2025-11-23T14:50:07.5126102+01:30".into()).parts().unwrap();
        assert_eq!((p.year, p.month, p.day, p.hour, p.minute, p.second), (2025, 11, 23, 14, 50, 7));
        assert_eq!((p.nanosecond, p.offset_seconds), (512_610_200, 5400));
        let never = DateTime("0001-01-01T00:00:00.0000000Z".into()).parts().unwrap();
        assert_eq!((never.year, never.month, never.day, never.offset_seconds), (1, 1, 1, 0));
        assert_eq!(DateTime(String::new()).parts(), None);
        for text in
            ["2025-11-23T14:50:07.5126102+01:30", "0001-01-01T00:00:00.0000000Z", "2024-02-29T23:59:59.0000001-05:00"]
        {
            let parts = DateTime(text.into()).parts().unwrap();
            assert_eq!(DateTime::from_parts(&parts).unwrap().as_str(), text, "round trip");
        }
        assert!(DateTime::from_parts(&DateTimeParts { nanosecond: 999_999_999, ..p }).is_ok());
        assert!(DateTime::from_parts(&DateTimeParts { nanosecond: 1_000_000_000, ..p }).is_err());
        let bad = DateTimeParts { month: 13, ..p };
        assert!(DateTime::from_parts(&bad).is_err());
        assert!(DateTime::from_parts(&DateTimeParts { offset_seconds: 61, ..p }).is_err());
    }
}
