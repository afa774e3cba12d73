//! Reads core's source with `syn`: the operations (each `pub fn` of `JellyfinClient` or
//! `G4Client` that returns `Call<T>`), the argument structs, the `wire_struct!` models, the
//! `wire_enum!` enums and the model aliases.

use std::fs;
use std::path::{Path, PathBuf};

use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Attribute, Expr, FnArg, ImplItem, Item, Lit, Pat, ReturnType, Token, Type};

use crate::api::{Api, Client, Credentials, Doc, Enum, Field, Lang, Op, Paragraph, Param, Struct};

pub fn read(root: &Path) -> Result<Api, String> {
    let mut api = Api::default();
    let mut files = Vec::new();
    rust_files(&root.join("core/src"), &mut files)?;
    files.sort();
    for path in files {
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let rel = path.strip_prefix(root).unwrap_or(&path).display().to_string();
        read_items(&mut api, &file.items, &rel)?;
    }
    // Operations in the order core's `ops/mod.rs` declares its modules, which is the order the
    // bindings list them in.
    let order = module_order(&root.join("core/src/jellyfin/ops/mod.rs"))?;
    let rank = |file: &str| order.iter().position(|m| file.ends_with(&format!("/ops/{m}.rs"))).unwrap_or(usize::MAX);
    api.ops.sort_by_key(|op| (op.client, rank(&op.file)));
    api.python_models = python_models(&root.join("bindings-python/src/models.rs"))?;
    Ok(api)
}

/// The core models of the `py_model!` invocations (`Name(jf::Model)`), which give them a
/// Python class.
fn python_models(path: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        if line != "py_model! {" {
            continue;
        }
        for inner in lines.by_ref() {
            let inner = inner.trim();
            if inner.starts_with("///") {
                continue;
            }
            if let Some(open) = inner.find('(') {
                let core = inner[open + 1..].trim_end_matches(')');
                out.push(core.rsplit("::").next().unwrap_or(core).to_owned());
            }
            break;
        }
    }
    Ok(out)
}

fn module_order(path: &Path) -> Result<Vec<String>, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file = syn::parse_file(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(file.items.iter().filter_map(|i| if let Item::Mod(m) = i { Some(m.ident.to_string()) } else { None }).collect())
}

/// Every `.rs` file below `dir`, depth first.
pub(crate) fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

fn read_items(api: &mut Api, items: &[Item], file: &str) -> Result<(), String> {
    for item in items {
        match item {
            Item::Impl(imp) if imp.trait_.is_none() => {
                let Some(client) = client_of(&imp.self_ty) else { continue };
                for it in &imp.items {
                    if let ImplItem::Fn(f) = it {
                        if !matches!(f.vis, syn::Visibility::Public(_)) {
                            continue;
                        }
                        let ReturnType::Type(_, ret) = &f.sig.output else { continue };
                        let Some(result) = generic_arg(ret, "Call") else { continue };
                        let mut params = Vec::new();
                        for input in &f.sig.inputs {
                            if let FnArg::Typed(t) = input {
                                let Pat::Ident(name) = &*t.pat else {
                                    return Err(format!("{file}: {}: a parameter is not a name", f.sig.ident));
                                };
                                params.push(Param { name: name.ident.to_string(), ty: (*t.ty).clone() });
                            }
                        }
                        let body = quote::ToTokens::to_token_stream(&f.block).to_string().replace(' ', "");
                        let credentials = if body.contains("store_login(None") || body.contains("forget_bearer") {
                            Credentials::Forgotten
                        } else if body.contains("store_login(") || body.contains("set_auth(") {
                            Credentials::Replaced
                        } else {
                            Credentials::Kept
                        };
                        api.ops.push(Op {
                            client,
                            name: f.sig.ident.to_string(),
                            doc: doc_of(&f.attrs),
                            params,
                            result: result.clone(),
                            file: file.to_owned(),
                            credentials,
                        });
                    }
                }
            }
            Item::Struct(s) if matches!(s.vis, syn::Visibility::Public(_)) => {
                let name = s.ident.to_string();
                if client_of_name(&name).is_some() {
                    api.client_docs.insert(name, doc_of(&s.attrs));
                    continue;
                }
                let syn::Fields::Named(named) = &s.fields else { continue };
                let fields = named
                    .named
                    .iter()
                    .filter(|f| matches!(f.vis, syn::Visibility::Public(_)))
                    .map(|f| Field {
                        name: f.ident.as_ref().map(ToString::to_string).unwrap_or_default(),
                        ty: f.ty.clone(),
                        wire_name: None,
                        doc: doc_of(&f.attrs),
                    })
                    .collect();
                api.structs
                    .insert(name.clone(), Struct { name, doc: doc_of(&s.attrs), fields, wire: false, has_new: false });
            }
            Item::Type(t) if matches!(t.vis, syn::Visibility::Public(_)) => {
                if let Some(target) = last_ident(&t.ty) {
                    api.aliases.insert(t.ident.to_string(), target);
                }
            }
            Item::Macro(m) => {
                let name = m.mac.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
                if name == "wire_struct" {
                    let def: WireStruct = m.mac.parse_body().map_err(|e| format!("{file}: wire_struct!: {e}"))?;
                    api.structs.insert(
                        def.name.clone(),
                        Struct {
                            name: def.name,
                            doc: doc_of(&def.attrs),
                            fields: def.fields,
                            wire: true,
                            has_new: false,
                        },
                    );
                } else if name == "wire_enum" {
                    let def: WireEnum = m.mac.parse_body().map_err(|e| format!("{file}: wire_enum!: {e}"))?;
                    api.enums.push(Enum { name: def.name, doc: doc_of(&def.attrs), variants: def.variants });
                }
            }
            Item::Mod(m) => {
                if let Some((_, items)) = &m.content {
                    if !m.attrs.iter().any(|a| a.path().is_ident("cfg")) {
                        read_items(api, items, file)?;
                    }
                }
            }
            _ => {}
        }
    }
    // Request defaults: `impl Model { pub fn new() -> Self }`.
    for item in items {
        if let Item::Impl(imp) = item {
            if imp.trait_.is_some() {
                continue;
            }
            let Some(name) = last_ident(&imp.self_ty) else { continue };
            let has_new = imp
                .items
                .iter()
                .any(|it| matches!(it, ImplItem::Fn(f) if f.sig.ident == "new" && f.sig.inputs.is_empty()));
            if has_new {
                if let Some(s) = api.structs.get_mut(&name) {
                    s.has_new = true;
                }
            }
        }
    }
    Ok(())
}

fn client_of(ty: &Type) -> Option<Client> {
    client_of_name(&last_ident(ty)?)
}

fn client_of_name(name: &str) -> Option<Client> {
    Client::all().into_iter().find(|c| c.core_type() == name)
}

/// The last identifier of a path type (`crate::a::B<C>` → `B`).
pub fn last_ident(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

/// `T` of `Wrapper<T>` when `ty` is that wrapper.
pub fn generic_arg<'a>(ty: &'a Type, wrapper: &str) -> Option<&'a Type> {
    let Type::Path(p) = ty else { return None };
    let seg = p.path.segments.last()?;
    if seg.ident != wrapper {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &seg.arguments else { return None };
    args.args.iter().find_map(|a| match a {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })
}

pub fn doc_of(attrs: &[Attribute]) -> Doc {
    let mut lines = Vec::new();
    for attr in attrs {
        if !attr.path().is_ident("doc") {
            continue;
        }
        if let syn::Meta::NameValue(nv) = &attr.meta {
            if let Expr::Lit(lit) = &nv.value {
                if let Lit::Str(s) = &lit.lit {
                    let v = s.value();
                    lines.push(v.strip_prefix(' ').unwrap_or(&v).trim_end().to_owned());
                }
            }
        }
    }
    let mut doc = Doc::default();
    let mut current: Vec<String> = Vec::new();
    let flush = |current: &mut Vec<String>, doc: &mut Doc| {
        if current.is_empty() {
            return;
        }
        let mut lines = std::mem::take(current);
        let mut only = None;
        for (prefix, lang) in [("C:", Lang::C), ("C++:", Lang::Cxx), ("Python:", Lang::Python), ("Rust:", Lang::Rust)] {
            if let Some(rest) = lines[0].strip_prefix(prefix) {
                only = Some(lang);
                lines[0] = rest.trim_start().to_owned();
            }
        }
        doc.paragraphs.push(Paragraph { only, lines });
    };
    for line in lines {
        if line.is_empty() {
            flush(&mut current, &mut doc);
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut doc);
    doc
}

/// The body of `wire_struct! { #[doc] pub struct Name { #[doc] field: Type = "Wire", ... } }`.
struct WireStruct {
    attrs: Vec<Attribute>,
    name: String,
    fields: Vec<Field>,
}

impl Parse for WireStruct {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        input.parse::<Token![pub]>()?;
        input.parse::<Token![struct]>()?;
        let name: syn::Ident = input.parse()?;
        let body;
        syn::braced!(body in input);
        let mut fields = Vec::new();
        while !body.is_empty() {
            let fattrs = body.call(Attribute::parse_outer)?;
            let fname: syn::Ident = body.parse()?;
            body.parse::<Token![:]>()?;
            let ty: Type = body.parse()?;
            body.parse::<Token![=]>()?;
            let wire: syn::LitStr = body.parse()?;
            if !body.is_empty() {
                body.parse::<Token![,]>()?;
            }
            fields.push(Field { name: fname.to_string(), ty, wire_name: Some(wire.value()), doc: doc_of(&fattrs) });
        }
        Ok(WireStruct { attrs, name: name.to_string(), fields })
    }
}

/// The body of `wire_enum! { #[doc] pub enum Name [default X(...)] { Variant = "Wire", ... } }`.
struct WireEnum {
    attrs: Vec<Attribute>,
    name: String,
    variants: Vec<(String, String)>,
}

impl Parse for WireEnum {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let attrs = input.call(Attribute::parse_outer)?;
        input.parse::<Token![pub]>()?;
        input.parse::<Token![enum]>()?;
        let name: syn::Ident = input.parse()?;
        if input.peek(Token![default]) {
            input.parse::<Token![default]>()?;
            input.parse::<syn::Ident>()?;
            if input.peek(syn::token::Paren) {
                let _inner;
                syn::parenthesized!(_inner in input);
                let _: proc_macro2::TokenStream = _inner.parse()?;
            }
        }
        let body;
        syn::braced!(body in input);
        let mut variants = Vec::new();
        let list: Punctuated<Variant, Token![,]> = body.parse_terminated(Variant::parse, Token![,])?;
        for v in list {
            variants.push((v.name, v.wire));
        }
        Ok(WireEnum { attrs, name: name.to_string(), variants })
    }
}

struct Variant {
    name: String,
    wire: String,
}

impl Parse for Variant {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let _attrs = input.call(Attribute::parse_outer)?;
        let name: syn::Ident = input.parse()?;
        input.parse::<Token![=]>()?;
        let wire: syn::LitStr = input.parse()?;
        Ok(Variant { name: name.to_string(), wire: wire.value() })
    }
}
