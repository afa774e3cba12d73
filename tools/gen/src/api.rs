//! What the generator knows of core: each client operation (its name, `///` doc, parameters
//! and result), and the structs and enums its parameters and results are made of. Filled by
//! [`crate::read`] from core's source; nothing here is written by hand per operation.

use std::collections::BTreeMap;

/// The two API clients of core.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Client {
    Jellyfin,
    G4,
}

impl Client {
    /// The core type whose methods are the operations.
    pub fn core_type(self) -> &'static str {
        match self {
            Client::Jellyfin => "JellyfinClient",
            Client::G4 => "G4Client",
        }
    }

    /// The prefix of the client's C functions, and its C handle type.
    pub fn c_prefix(self) -> &'static str {
        match self {
            Client::Jellyfin => "sl_jellyfin_",
            Client::G4 => "sl_g4_",
        }
    }

    pub fn c_handle(self) -> &'static str {
        match self {
            Client::Jellyfin => "sl_jellyfin_client",
            Client::G4 => "sl_g4_client",
        }
    }

    /// The blocking Python class (the asyncio class is `Async` + this).
    pub fn python_class(self) -> &'static str {
        self.core_type()
    }

    /// The module path of the client's models in core, as the generated code imports them.
    pub fn models_path(self) -> &'static str {
        match self {
            Client::Jellyfin => "sessionlink::jellyfin::models",
            Client::G4 => "sessionlink::g4::models",
        }
    }

    /// The module of the client's argument structs (`GetSessionsQuery`...).
    pub fn client_path(self) -> &'static str {
        match self {
            Client::Jellyfin => "sessionlink::jellyfin",
            Client::G4 => "sessionlink::g4",
        }
    }

    pub fn all() -> [Client; 2] {
        [Client::Jellyfin, Client::G4]
    }
}

/// A doc comment, split into what every language shows and the paragraphs only one language
/// shows (`C: ...`, `Python: ...` paragraphs; Rust shows everything).
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Paragraphs, each a list of lines without the `///` and its one space.
    pub paragraphs: Vec<Paragraph>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    pub only: Option<Lang>,
    pub lines: Vec<String>,
}

/// A language a paragraph is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    C,
    /// C++ (`C++:` paragraphs); the C++ header shows the shared text and these only.
    Cxx,
    Python,
    /// Rust only: rustdoc shows every paragraph, the bindings leave these out.
    Rust,
}

/// One core operation: a `pub fn` of a client returning `Call<T>`.
#[derive(Debug, Clone)]
pub struct Op {
    pub client: Client,
    pub name: String,
    pub doc: Doc,
    pub params: Vec<Param>,
    /// The `T` of `Call<T>`.
    pub result: syn::Type,
    /// Where it is declared, for messages (`core/src/jellyfin/ops/playback.rs`).
    pub file: String,
    /// What the operation does to the client's own credentials (read from its body), which
    /// decides where the cross-language check runs it.
    pub credentials: Credentials,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Credentials {
    Kept,
    /// It stores new ones (a login).
    Replaced,
    /// It forgets them (a logout, deleting the client's own session).
    Forgotten,
}

#[derive(Debug, Clone)]
pub struct Param {
    pub name: String,
    pub ty: syn::Type,
}

/// A struct of core: a wire model (`wire_struct!`) or an argument struct (`GetSessionsQuery`).
#[derive(Debug, Clone)]
pub struct Struct {
    pub name: String,
    pub doc: Doc,
    pub fields: Vec<Field>,
    /// Made by `wire_struct!` (a lossless wire model), not a plain argument struct.
    pub wire: bool,
    /// Whether the struct has an inherent `fn new()` (its request defaults).
    pub has_new: bool,
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: syn::Type,
    /// The JSON name of a wire model's field.
    pub wire_name: Option<String>,
    pub doc: Doc,
}

/// A `wire_enum!`.
#[derive(Debug, Clone)]
pub struct Enum {
    pub name: String,
    pub doc: Doc,
    /// Variant identifiers and their wire names, in contract order.
    pub variants: Vec<(String, String)>,
}

/// Everything read from core.
#[derive(Debug, Default)]
pub struct Api {
    pub ops: Vec<Op>,
    pub structs: BTreeMap<String, Struct>,
    pub enums: Vec<Enum>,
    /// `pub type A = B;` aliases of models.
    pub aliases: BTreeMap<String, String>,
    /// The doc of each client's core type.
    pub client_docs: BTreeMap<String, Doc>,
    /// The core models with a Python class (the `py_model!`s of `bindings-python/src/models.rs`).
    pub python_models: Vec<String>,
}

impl Api {
    pub fn enum_named(&self, name: &str) -> Option<&Enum> {
        self.enums.iter().find(|e| e.name == name)
    }

    /// A struct by name, through aliases.
    pub fn struct_named(&self, name: &str) -> Option<&Struct> {
        self.structs.get(self.resolve(name))
    }

    /// The name an alias stands for (the name itself otherwise).
    pub fn resolve<'a>(&'a self, name: &'a str) -> &'a str {
        self.aliases.get(name).map(String::as_str).unwrap_or(name)
    }
}

impl Doc {
    /// The text a language shows: the shared paragraphs and the language's own, without
    /// their `C:`/`Python:` prefix.
    pub fn text_for(&self, lang: Lang) -> Vec<String> {
        let mut out = Vec::new();
        for p in self.paragraphs.iter().filter(|p| p.only.is_none() || p.only == Some(lang)) {
            if !out.is_empty() {
                out.push(String::new());
            }
            out.extend(p.lines.iter().map(|l| without_links(l)));
        }
        out
    }

    /// The first sentence of the shared text (for indexes).
    pub fn summary(&self) -> String {
        let text = self.paragraphs.iter().find(|p| p.only.is_none()).map(|p| p.lines.join(" ")).unwrap_or_default();
        let text = without_links(&text);
        first_sentence(&text)
    }

    /// The route the doc opens with (`` `POST /Sessions/{sessionId}/Viewing`: ... ``).
    pub fn route(&self) -> Option<String> {
        let first = self.paragraphs.first()?.lines.first()?;
        let rest = first.strip_prefix('`')?;
        let route = &rest[..rest.find('`')?];
        let method = route.split(' ').next()?;
        matches!(method, "GET" | "POST" | "PUT" | "DELETE").then(|| route.to_owned())
    }
}

/// Rustdoc's intra-doc links (`` [`X`] ``) as plain code spans, for the other languages.
pub fn without_links(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(i) = rest.find("[`") {
        let Some(end) = rest[i..].find("`]") else { break };
        out.push_str(&rest[..i]);
        out.push_str(&rest[i + 1..i + end + 1]);
        rest = &rest[i + end + 2..];
    }
    out.push_str(rest);
    out
}

/// The text up to the first `. ` (or all of it), keeping backticked spans whole.
pub fn first_sentence(text: &str) -> String {
    let mut in_code = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '`' => in_code = !in_code,
            '.' if !in_code && chars.get(i + 1).is_none_or(|n| *n == ' ') => {
                return chars[..=i].iter().collect();
            }
            _ => {}
        }
    }
    text.to_owned()
}
