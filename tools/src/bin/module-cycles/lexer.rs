//! Reads the paths one Rust source file names: every `use` tree, expanded, and every inline
//! path such as `crate::transport::decode(..)`. Comments, string and character literals and
//! `#[cfg(test)]` items are blanked first: a doc link or a test module is not a dependency.

/// One path named by a file, as written (`crate`, `super`, `self` still unresolved).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub segments: Vec<String>,
    /// 1-based line of the path's first segment.
    pub line: usize,
    /// For a `use`, the name it brings into scope (the alias, or the last segment).
    pub binds: Option<String>,
}

/// The file's text with comments, literals and `#[cfg(test)]` items replaced by spaces;
/// newlines are kept, so line numbers stay true.
pub fn blank(src: &str) -> String {
    let chars: Vec<char> = src.chars().collect();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    // Replaces chars[from..to] by spaces, newlines kept.
    let blank_range = |out: &mut String, from: usize, to: usize| {
        for &c in &chars[from..to.min(chars.len())] {
            out.push(if c == '\n' { '\n' } else { ' ' });
        }
    };
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let after_ident = i > 0 && ident(chars[i - 1]);
        if c == '/' && next == Some('/') {
            let end = chars[i..].iter().position(|&c| c == '\n').map_or(chars.len(), |p| i + p);
            blank_range(&mut out, i, end);
            i = end;
        } else if c == '/' && next == Some('*') {
            let (mut depth, mut j) = (1, i + 2);
            while j < chars.len() && depth > 0 {
                if chars[j] == '/' && chars.get(j + 1) == Some(&'*') {
                    depth += 1;
                    j += 1;
                } else if chars[j] == '*' && chars.get(j + 1) == Some(&'/') {
                    depth -= 1;
                    j += 1;
                }
                j += 1;
            }
            blank_range(&mut out, i, j);
            i = j;
        } else if (c == 'r' || (c == 'b' && next == Some('r'))) && !after_ident && raw_string_at(&chars, i).is_some() {
            let end = raw_string_at(&chars, i).unwrap_or(chars.len());
            blank_range(&mut out, i, end);
            i = end;
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            blank_range(&mut out, i, j + 1);
            i = j + 1;
        } else if c == '\'' && (next == Some('\\') || chars.get(i + 2) == Some(&'\'')) {
            // A character literal; otherwise `'` starts a lifetime or a label.
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '\'' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            blank_range(&mut out, i, j + 1);
            i = j + 1;
        } else {
            out.push(c);
            i += 1;
        }
    }
    blank_test_items(&out)
}

/// The end (exclusive) of a raw string literal starting at `i` (`r"`, `r#"`, `br#"`...).
fn raw_string_at(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i + if chars[i] == 'b' { 2 } else { 1 };
    let hashes = chars[j..].iter().take_while(|&&c| c == '#').count();
    j += hashes;
    if chars.get(j) != Some(&'"') {
        return None;
    }
    j += 1;
    while j < chars.len() {
        if chars[j] == '"' && chars[j + 1..].iter().take(hashes).filter(|&&c| c == '#').count() == hashes {
            return Some(j + 1 + hashes);
        }
        j += 1;
    }
    Some(chars.len())
}

/// Blanks each item marked `#[cfg(test)]`: up to its `;`, or its `{ ... }` block.
fn blank_test_items(src: &str) -> String {
    const MARK: &str = "#[cfg(test)]";
    let mut bytes = src.as_bytes().to_vec();
    let mut from = 0;
    while let Some(at) = src[from..].find(MARK).map(|p| from + p) {
        let mut end = at;
        let mut depth = 0usize;
        for (k, &b) in src.as_bytes().iter().enumerate().skip(at + MARK.len()) {
            end = k + 1;
            match b {
                b';' if depth == 0 => break,
                b'{' => depth += 1,
                b'}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        for b in &mut bytes[at..end] {
            if *b != b'\n' {
                *b = b' ';
            }
        }
        from = end;
    }
    // Only ASCII bytes were replaced, by ASCII: still UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// An identifier or keyword (`$crate` included).
    Word(String),
    /// `::`
    PathSep,
    Punct(char),
}

fn tokens(src: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c.is_alphanumeric() || c == '_' || (c == '$' && chars.get(i + 1).is_some_and(|c| c.is_alphabetic())) {
            let start = i;
            i += 1;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            out.push((Token::Word(word.trim_start_matches("r#").to_owned()), line));
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            out.push((Token::PathSep, line));
            i += 2;
        } else {
            out.push((Token::Punct(c), line));
            i += 1;
        }
    }
    out
}

/// Every path the (already blanked) source names.
pub fn references(blanked: &str) -> Vec<Reference> {
    let toks = tokens(blanked);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let preceded_by_sep = i > 0 && toks[i - 1].0 == Token::PathSep;
        match &toks[i].0 {
            Token::Word(w) if w == "use" && !preceded_by_sep => {
                let mut parser = UseParser { toks: &toks, at: i + 1, out: &mut out };
                parser.tree(&[]);
                i = parser.at;
            }
            Token::Word(first) if !preceded_by_sep && toks.get(i + 1).map(|t| &t.0) == Some(&Token::PathSep) => {
                let line = toks[i].1;
                let mut segments = vec![first.clone()];
                let mut j = i + 1;
                while toks.get(j).map(|t| &t.0) == Some(&Token::PathSep) {
                    match toks.get(j + 1).map(|t| &t.0) {
                        Some(Token::Word(w)) => segments.push(w.clone()),
                        _ => break,
                    }
                    j += 2;
                }
                out.push(Reference { segments, line, binds: None });
                i = j;
            }
            _ => i += 1,
        }
    }
    out
}

/// Expands one `use` tree (`a::{b, c::{self, d as e}, f::*}`) into its paths.
struct UseParser<'a> {
    toks: &'a [(Token, usize)],
    at: usize,
    out: &'a mut Vec<Reference>,
}

impl UseParser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.at).map(|t| &t.0)
    }

    fn tree(&mut self, prefix: &[String]) {
        let mut path = prefix.to_vec();
        let line = self.toks.get(self.at).map_or(0, |t| t.1);
        if self.peek() == Some(&Token::PathSep) {
            self.at += 1;
        }
        loop {
            match self.peek().cloned() {
                Some(Token::Word(w)) => {
                    self.at += 1;
                    if w == "self" && !path.is_empty() {
                        let binds = self.alias().or_else(|| path.last().cloned());
                        self.out.push(Reference { segments: path, line, binds });
                        return;
                    }
                    path.push(w);
                    if self.peek() == Some(&Token::PathSep) {
                        self.at += 1;
                        continue;
                    }
                    let binds = self.alias().or_else(|| path.last().cloned());
                    self.out.push(Reference { segments: path, line, binds });
                    return;
                }
                Some(Token::Punct('{')) => {
                    self.at += 1;
                    while !matches!(self.peek(), Some(Token::Punct('}')) | None) {
                        self.tree(&path);
                        if self.peek() == Some(&Token::Punct(',')) {
                            self.at += 1;
                        }
                    }
                    self.at += 1;
                    return;
                }
                Some(Token::Punct('*')) => {
                    self.at += 1;
                    self.out.push(Reference { segments: path, line, binds: None });
                    return;
                }
                _ => return,
            }
        }
    }

    /// `as name` after a use path, if present.
    fn alias(&mut self) -> Option<String> {
        if self.peek() == Some(&Token::Word("as".to_owned())) {
            self.at += 1;
            if let Some(Token::Word(name)) = self.peek().cloned() {
                self.at += 1;
                return Some(name);
            }
        }
        None
    }
}
