//! The type table: how each core parameter or result type crosses into C and Python. Adding
//! an operation whose types are all here needs no change to the generator; a type that is not
//! here stops the generator with a message naming the operation and the type.
//!
//! | core parameter type | C argument | Python argument |
//! |---|---|---|
//! | `&str`, `String`, `Secret` | `const char *` (UTF-8, not NULL) | `str` |
//! | `Option<&str>`, `Option<String>` | `const char *`, NULL = absent | `str \| None` |
//! | `i32`, `i64`, `bool` | the value | `int`, `bool` |
//! | `Option<i32>`, `Option<i64>`, `Option<bool>` | `const T *`, NULL = absent | `int \| None`, `bool \| None` |
//! | a `wire_enum!` `E` (or `Option<E>`) | `const char *` wire name | `E` member or its wire string |
//! | `Vec<E>`, `Option<Vec<E>>` | `const char *const *` + `size_t` length | iterable of `E` |
//! | `&[String]`, `Vec<String>` | `const char *const *` + `size_t` length | iterable of `str` |
//! | `serde_json::Value`, `Map<String, Value>` | `const char *` JSON text (`<name>_json`) | any JSON-able value |
//! | `BTreeMap<String, Option<String>>` | names and values arrays + length | `Mapping[str, str \| None]` |
//! | `&M`, a `wire_struct!` model | JSON text (`<name>_json`) | the model class |
//! | `&Q`, an argument struct (`GetSessionsQuery`) | its fields, one argument each | its fields, keyword-only |
//!
//! Three models predate the generator and keep their argument shapes in one language or both
//! ([`FLATTENED_MODELS`]); results are in [`RESULTS`]; the operations the generator leaves to
//! hand-written code are in [`HAND_WRITTEN`].

use quote::ToTokens;
use syn::Type;

use crate::api::{Api, Op};
use crate::read::{generic_arg, last_ident};

/// What a value is, for the bindings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A string; `borrowed` when core takes `&str`, `secret` when core wraps it in `Secret`.
    Str {
        borrowed: bool,
        secret: bool,
    },
    /// An integer of this Rust type (`i32`, `i64`).
    Int(String),
    Bool,
    Enum(String),
    EnumList(String),
    /// A list of strings; `slice` when core takes `&[String]`.
    StrList {
        slice: bool,
    },
    /// Any JSON value (`object` when core takes a JSON object).
    Json {
        object: bool,
    },
    /// `BTreeMap<String, Option<String>>`.
    StrMap,
    /// A wire model passed whole.
    Model(String),
    /// An argument struct, flattened into its fields.
    Bundle(String),
}

/// A parameter or field type, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classified {
    pub ty: Ty,
    /// `Option<...>`: may be left out.
    pub optional: bool,
    /// Core takes it by reference (`&T`), other than `&str`.
    pub by_ref: bool,
}

/// How a legacy request model's fields are taken in one language (see [`FLATTENED_MODELS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// A required argument.
    Required,
    /// An optional argument, keyword-only in Python.
    Optional,
    /// An optional argument that Python also takes by position.
    OptionalPositional,
}

/// A model whose fields are separate arguments in a language (rather than one model/JSON
/// argument), with the fields exposed and whether each is required. Fields left out keep the
/// model's request defaults (`M::new()` where core defines it, else `M::default()`).
#[derive(Debug)]
pub struct FlattenedModel {
    pub model: &'static str,
    pub python: Option<&'static [(&'static str, Need)]>,
    pub c: Option<&'static [(&'static str, Need)]>,
    pub why: &'static str,
}

pub const FLATTENED_MODELS: &[FlattenedModel] = &[
    FlattenedModel {
        model: "GeneralCommand",
        python: Some(&[("name", Need::Required), ("arguments", Need::OptionalPositional)]),
        c: Some(&[("name", Need::Required), ("arguments", Need::Optional)]),
        why: "a command is its name and string arguments; the server overwrites the rest",
    },
    FlattenedModel {
        model: "MessageCommand",
        python: Some(&[("header", Need::Optional), ("text", Need::Required), ("timeout_ms", Need::Optional)]),
        c: Some(&[("header", Need::Optional), ("text", Need::Required), ("timeout_ms", Need::Optional)]),
        why: "a message is three plain values",
    },
    FlattenedModel {
        model: "ClientCapabilitiesDto",
        python: Some(&[
            ("playable_media_types", Need::Optional),
            ("supported_commands", Need::Optional),
            ("supports_media_control", Need::Optional),
            ("supports_persistent_identifier", Need::Optional),
            ("device_profile", Need::Optional),
            ("app_store_url", Need::Optional),
            ("icon_url", Need::Optional),
        ]),
        c: None,
        why: "Python's post_full_capabilities takes keywords like post_capabilities",
    },
    FlattenedModel {
        model: "CreateSessionRequest",
        python: Some(&[
            ("username", Need::Required),
            ("password", Need::Required),
            ("data", Need::Optional),
            ("timeout", Need::Optional),
            ("detail", Need::Optional),
        ]),
        c: Some(&[
            ("username", Need::Required),
            ("password", Need::Required),
            ("data", Need::Optional),
            ("timeout", Need::Optional),
            ("detail", Need::Optional),
        ]),
        why: "a login is a username, a password and three optional values",
    },
];

/// How a result crosses into C and Python.
#[derive(Debug)]
pub struct ResultShape {
    /// The core type as the generator renders it (`Vec<SessionInfoDto>`).
    pub rust: &'static str,
    /// The C result object, its out parameter, whether that may be NULL, its callback type
    /// and its free function; `None` for results without a value.
    pub c: Option<CResult>,
    /// The Python conversion function (in `bindings-python/src`), and the stub's type.
    pub py_convert: &'static str,
    pub py_stub: &'static str,
}

#[derive(Debug)]
pub struct CResult {
    pub object: &'static str,
    pub out: &'static str,
    pub out_may_be_null: bool,
    pub callback: &'static str,
    pub free: &'static str,
    /// How the ownership line names the object ("the list").
    pub what: &'static str,
    /// A note for the doc (how C reads this result), if any.
    pub note: Option<&'static str>,
}

pub const RESULTS: &[ResultShape] = &[
    ResultShape { rust: "()", c: None, py_convert: "client::unit", py_stub: "None" },
    ResultShape {
        rust: "Vec<SessionInfoDto>",
        c: Some(CResult {
            object: "sl_session_list",
            out: "sessions_out",
            out_may_be_null: false,
            callback: "sl_session_list_callback",
            free: "sl_session_list_free",
            what: "the list",
            note: None,
        }),
        py_convert: "client::session_list",
        py_stub: "SessionList",
    },
    ResultShape {
        rust: "Option<SessionInfoDto>",
        c: Some(CResult {
            object: "sl_session_list",
            out: "session_out",
            out_may_be_null: false,
            callback: "sl_session_list_callback",
            free: "sl_session_list_free",
            what: "the list",
            note: Some(
                "The session comes as a list of one (`sl_session_list_get(list, 0)`), or an empty list for none.",
            ),
        }),
        py_convert: "client::optional_session",
        py_stub: "SessionInfoDto | None",
    },
    ResultShape {
        rust: "SessionInfoDto",
        c: Some(CResult {
            object: "sl_session_list",
            out: "session_out",
            out_may_be_null: false,
            callback: "sl_session_list_callback",
            free: "sl_session_list_free",
            what: "the list",
            note: Some("The session comes as a list of one (`sl_session_list_get(list, 0)`)."),
        }),
        py_convert: "models::SessionInfoDto::wrap",
        py_stub: "SessionInfoDto",
    },
    ResultShape {
        rust: "AuthenticationResult",
        c: Some(CResult {
            object: "sl_auth_result",
            out: "result_out",
            out_may_be_null: true,
            callback: "sl_auth_result_callback",
            free: "sl_auth_result_free",
            what: "the result",
            note: None,
        }),
        py_convert: "models::AuthenticationResult::wrap",
        py_stub: "AuthenticationResult",
    },
    ResultShape {
        rust: "Vec<NameIdPair>",
        c: Some(CResult {
            object: "sl_name_id_list",
            out: "providers_out",
            out_may_be_null: false,
            callback: "sl_name_id_list_callback",
            free: "sl_name_id_list_free",
            what: "the list",
            note: None,
        }),
        py_convert: "client::name_id_pairs",
        py_stub: "list[NameIdPair]",
    },
    ResultShape {
        rust: "AuthenticatedSessionResponse",
        c: Some(CResult {
            object: "sl_g4_login",
            out: "login_out",
            out_may_be_null: true,
            callback: "sl_g4_login_callback",
            free: "sl_g4_login_free",
            what: "the login",
            note: None,
        }),
        py_convert: "models::AuthenticatedSessionResponse::wrap",
        py_stub: "AuthenticatedSessionResponse",
    },
    ResultShape {
        rust: "GetSessionResponse",
        c: Some(CResult {
            object: "sl_g4_session",
            out: "session_out",
            out_may_be_null: false,
            callback: "sl_g4_session_callback",
            free: "sl_g4_session_free",
            what: "the session",
            note: None,
        }),
        py_convert: "models::GetSessionResponse::wrap",
        py_stub: "GetSessionResponse",
    },
];

/// Operations written by hand in the bindings, and why. Each still exists in every language
/// (the parity test checks the names given here).
#[derive(Debug)]
pub struct HandWritten {
    pub op: &'static str,
    pub why: &'static str,
    /// The C functions that stand for it.
    pub c: &'static [&'static str],
}

pub const HAND_WRITTEN: &[HandWritten] = &[
    HandWritten {
        op: "open_socket",
        why: "a socket is a long-lived object: an iterator in Python, callbacks in C",
        c: &["sl_jellyfin_open_socket"],
    },
    HandWritten {
        op: "become_controllable",
        why: "returns a socket (see open_socket)",
        c: &["sl_jellyfin_become_controllable"],
    },
    HandWritten {
        op: "start_quick_connect",
        why: "a flow in two steps with the code handed over between them: an object with `code` and \
              `wait()` in Python, one call with a code callback in C",
        c: &["sl_jellyfin_quick_connect"],
    },
];

pub fn hand_written(op: &str) -> Option<&'static HandWritten> {
    HAND_WRITTEN.iter().find(|h| h.op == op)
}

pub fn flattened(model: &str) -> Option<&'static FlattenedModel> {
    FLATTENED_MODELS.iter().find(|f| f.model == model)
}

/// How an operation's result crosses into C and Python: a row of [`RESULTS`], or the rule for
/// `bool`, `String` and a wire model (which gets a generated C result type).
#[derive(Debug, Clone)]
pub struct ResultInfo {
    pub py_convert: String,
    pub py_stub: String,
    pub c: Option<CResultInfo>,
}

#[derive(Debug, Clone)]
pub struct CResultInfo {
    /// The C type of the out parameter's target (`sl_session_list *`, `bool`, `char *`).
    pub out_type: String,
    pub out: String,
    pub out_may_be_null: bool,
    pub callback: String,
    /// The free function, for results the caller owns.
    pub free: Option<String>,
    /// How the ownership line names the result ("the list").
    pub what: String,
    pub note: Option<String>,
    /// The result object is generated from this model (`emit::c_models`).
    pub model: Option<String>,
}

impl From<&CResult> for CResultInfo {
    fn from(c: &CResult) -> Self {
        CResultInfo {
            out_type: format!("*mut {}", c.object),
            out: c.out.to_owned(),
            out_may_be_null: c.out_may_be_null,
            callback: c.callback.to_owned(),
            free: Some(c.free.to_owned()),
            what: c.what.to_owned(),
            note: c.note.map(str::to_owned),
            model: None,
        }
    }
}

/// The C name of a model's result type: `PublicSystemInfo` -> `sl_public_system_info`,
/// `UserDto` -> `sl_user`.
pub fn c_model_type(model: &str) -> String {
    let name = model.strip_suffix("Dto").unwrap_or(model);
    let mut out = String::from("sl_");
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}

pub fn result_shape(api: &Api, op: &Op) -> Result<ResultInfo, String> {
    let rendered = render(&op.result);
    let resolved = resolve_aliases(api, &rendered);
    if let Some(r) = RESULTS.iter().find(|r| r.rust == resolved) {
        return Ok(ResultInfo {
            py_convert: r.py_convert.to_owned(),
            py_stub: r.py_stub.to_owned(),
            c: r.c.as_ref().map(CResultInfo::from),
        });
    }
    let scalar = |py: &str, stub: &str, out_type: &str, callback: &str, free: Option<&str>, what: &str| ResultInfo {
        py_convert: py.to_owned(),
        py_stub: stub.to_owned(),
        c: Some(CResultInfo {
            out_type: out_type.to_owned(),
            out: "result_out".to_owned(),
            out_may_be_null: false,
            callback: callback.to_owned(),
            free: free.map(str::to_owned),
            what: what.to_owned(),
            note: None,
            model: None,
        }),
    };
    match resolved.as_str() {
        "bool" => return Ok(scalar("client::boolean", "bool", "bool", "sl_bool_callback", None, "")),
        "String" => {
            return Ok(scalar(
                "client::string",
                "str",
                "*mut c_char",
                "sl_string_callback",
                Some("sl_string_free"),
                "the string",
            ))
        }
        _ => {}
    }
    if let Some(s) = api.struct_named(&resolved).filter(|s| s.wire) {
        if !api.python_models.contains(&s.name) {
            return Err(format!(
                "{}: {} returns the model {}, which has no Python class: add its `py_model!` to bindings-python/src/models.rs",
                op.file, op.name, s.name
            ));
        }
        let object = c_model_type(&s.name);
        return Ok(ResultInfo {
            py_convert: format!("models::{}::wrap", s.name),
            py_stub: s.name.clone(),
            c: Some(CResultInfo {
                out_type: format!("*mut {object}"),
                out: format!("{}_out", object.trim_start_matches("sl_")),
                out_may_be_null: false,
                callback: format!("{object}_callback"),
                free: Some(format!("{object}_free")),
                what: "the result".to_owned(),
                note: None,
                model: Some(s.name.clone()),
            }),
        });
    }
    Err(format!(
        "{}: {} returns `{rendered}`, which the type table (tools/gen/src/types.rs, RESULTS) does not know",
        op.file, op.name
    ))
}

/// A rendered type with model aliases replaced by the models they name.
pub fn resolve_aliases(api: &Api, rendered: &str) -> String {
    let mut out = rendered.to_owned();
    for (alias, target) in &api.aliases {
        out = replace_word(&out, alias, target);
    }
    out
}

fn replace_word(text: &str, word: &str, with: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(word) {
        let before = rest[..i].chars().last();
        let after = rest[i + word.len()..].chars().next();
        let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric() && c != '_');
        out.push_str(&rest[..i]);
        out.push_str(if boundary(before) && boundary(after) { with } else { word });
        rest = &rest[i + word.len()..];
    }
    out.push_str(rest);
    out
}

/// A rendered type with the names of core's models and enums written `m::Name` (the generated
/// files import core's models module as `m`).
pub fn qualified(api: &Api, ty: &Type) -> String {
    let text = render(ty);
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            let name = api.resolve(word);
            if api.enum_named(name).is_some() || api.struct_named(name).is_some_and(|s| s.wire) {
                out.push_str("m::");
            }
            out.push_str(word);
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A type as Rust writes it, without spaces inside angle brackets (`Vec<SessionInfoDto>`).
pub fn render(ty: &Type) -> String {
    let text = ty.to_token_stream().to_string();
    text.replace(" < ", "<")
        .replace(" <", "<")
        .replace("< ", "<")
        .replace(" >", ">")
        .replace(" ,", ",")
        .replace("& ", "&")
        .replace(" :: ", "::")
        .replace(":: ", "::")
        .replace("( )", "()")
}

/// Classifies a parameter or field type.
pub fn classify(api: &Api, ty: &Type) -> Result<Classified, String> {
    if let Type::Reference(r) = ty {
        if let Type::Slice(s) = &*r.elem {
            return match last_ident(&s.elem).as_deref() {
                Some("String") => Ok(Classified { ty: Ty::StrList { slice: true }, optional: false, by_ref: true }),
                _ => Err(format!("`{}` is not in the type table", render(ty))),
            };
        }
        if last_ident(&r.elem).as_deref() == Some("str") {
            return Ok(Classified { ty: Ty::Str { borrowed: true, secret: false }, optional: false, by_ref: false });
        }
        let inner = classify(api, &r.elem)?;
        return Ok(Classified { by_ref: true, ..inner });
    }
    if let Some(inner) = generic_arg(ty, "Option") {
        let inner = classify(api, inner)?;
        if inner.optional {
            return Err(format!("`{}`: nested options are not in the type table", render(ty)));
        }
        return Ok(Classified { optional: true, ..inner });
    }
    let plain = |ty| Ok(Classified { ty, optional: false, by_ref: false });
    if let Some(item) = generic_arg(ty, "Vec") {
        let name = last_ident(item).unwrap_or_default();
        if name == "String" {
            return plain(Ty::StrList { slice: false });
        }
        if api.enum_named(&name).is_some() {
            return plain(Ty::EnumList(name));
        }
        return Err(format!("`{}` is not in the type table", render(ty)));
    }
    let name = last_ident(ty).ok_or_else(|| format!("`{}` is not in the type table", render(ty)))?;
    match name.as_str() {
        "String" => plain(Ty::Str { borrowed: false, secret: false }),
        "Secret" => plain(Ty::Str { borrowed: false, secret: true }),
        "i32" | "i64" => plain(Ty::Int(name)),
        "bool" => plain(Ty::Bool),
        "Value" => plain(Ty::Json { object: false }),
        "Map" => plain(Ty::Json { object: true }),
        "BTreeMap" => plain(Ty::StrMap),
        _ if api.enum_named(&name).is_some() => plain(Ty::Enum(name)),
        _ => match api.struct_named(&name) {
            Some(s) if s.wire => plain(Ty::Model(s.name.clone())),
            Some(s) => plain(Ty::Bundle(s.name.clone())),
            None => Err(format!("`{}` is not in the type table", render(ty))),
        },
    }
}
