//! Decoding a large JSON array from the frames it arrived in, item by item, freeing each
//! frame once its bytes are used: a 50 MB session list then never sits in memory beside all
//! that was decoded from it (peak ≈ the decoded list instead of body + list).
//!
//! The frames go through a small window; a scanner finds where each top-level item ends
//! (strings and escapes respected), and serde decodes the item from its slice, so items
//! decode as fast as from one contiguous body. The scanner checks only the array's own
//! syntax (brackets, commas, what follows the end); serde checks each item in full.

use bytes::Bytes;
use serde::de::DeserializeOwned;

/// Where the scanner is in the array.
#[derive(Clone, Copy, PartialEq, Debug)]
enum At {
    /// Before the opening `[`.
    Start,
    /// After `[`: an item or `]`.
    FirstItem,
    /// After `,`: an item.
    Item,
    /// Inside an item that began at `Scan::item_start`.
    InItem,
    /// After an item: `,` or `]`.
    AfterItem,
    /// After the closing `]`: whitespace only.
    End,
}

/// The scanner's state, kept across frames.
struct Scan {
    at: At,
    depth: usize,
    in_string: bool,
    escaped: bool,
    /// The item's first byte, as an offset in the window.
    item_start: usize,
}

/// serde_json's nesting limit (128 levels), less the list's own level.
const MAX_ITEM_DEPTH: usize = 127;

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Decodes the JSON array made of `frames` into `items` (whose capacity the caller chose).
/// Errors are messages for a decode error: what was wrong, with the item's index.
pub(crate) fn decode<T: DeserializeOwned>(frames: Vec<Bytes>, items: &mut Vec<T>) -> Result<(), String> {
    let mut scan = Scan { at: At::Start, depth: 0, in_string: false, escaped: false, item_start: 0 };
    let mut window: Vec<u8> = Vec::new();
    let mut pos = 0;
    for frame in frames {
        window.extend_from_slice(&frame);
        drop(frame);
        while pos < window.len() {
            let b = window[pos];
            match scan.at {
                At::Start | At::FirstItem | At::Item | At::AfterItem | At::End if is_ws(b) => {}
                At::Start if b == b'[' => scan.at = At::FirstItem,
                At::Start => return Err("expected a JSON array".into()),
                At::FirstItem if b == b']' => scan.at = At::End,
                At::FirstItem | At::Item => {
                    scan.at = At::InItem;
                    scan.item_start = pos;
                    scan.depth = 0;
                    scan.in_string = false;
                    scan.escaped = false;
                    // The first byte is scanned as part of the item.
                    continue;
                }
                At::InItem => {
                    let ended = if scan.in_string {
                        if scan.escaped {
                            scan.escaped = false;
                        } else if b == b'\\' {
                            scan.escaped = true;
                        } else if b == b'"' {
                            scan.in_string = false;
                        }
                        !scan.in_string && scan.depth == 0
                    } else {
                        match b {
                            b'"' => scan.in_string = true,
                            b'{' | b'[' => {
                                scan.depth += 1;
                                // serde_json refuses a body nested deeper than its limit; an
                                // item decoded alone is one level shallower than in the list, so
                                // the scanner refuses what serde refuses in one piece.
                                if scan.depth >= MAX_ITEM_DEPTH {
                                    return Err(format!("item {}: recursion limit exceeded", items.len()));
                                }
                            }
                            b'}' | b']' if scan.depth > 0 => scan.depth -= 1,
                            // A scalar item (never a valid list item here, but serde says
                            // why) ends before the byte that follows it.
                            b',' | b']' | b' ' | b'\t' | b'\n' | b'\r' if scan.depth == 0 => {
                                item(&window[scan.item_start..pos], items)?;
                                scan.at = At::AfterItem;
                                continue;
                            }
                            _ => {}
                        }
                        scan.depth == 0 && !scan.in_string && matches!(b, b'}' | b']' | b'"')
                    };
                    if ended {
                        item(&window[scan.item_start..=pos], items)?;
                        scan.at = At::AfterItem;
                    }
                }
                At::AfterItem if b == b',' => scan.at = At::Item,
                At::AfterItem if b == b']' => scan.at = At::End,
                At::AfterItem => {
                    return Err(format!("expected `,` or `]` after item {}", items.len().saturating_sub(1)))
                }
                At::End => return Err("trailing characters after the array".into()),
            }
            pos += 1;
        }
        // Keep only what an unfinished item needs.
        let keep_from = if scan.at == At::InItem { scan.item_start } else { pos };
        window.drain(..keep_from);
        pos -= keep_from;
        scan.item_start -= keep_from.min(scan.item_start);
    }
    match scan.at {
        At::End => Ok(()),
        _ => Err("EOF while parsing a list".into()),
    }
}

fn item<T: DeserializeOwned>(bytes: &[u8], items: &mut Vec<T>) -> Result<(), String> {
    let value = from_json(bytes).map_err(|e| format!("item {}: {e}", items.len()))?;
    items.push(value);
    Ok(())
}

/// Parses JSON bytes. serde_json checks each string of a byte slice for UTF-8 as it meets
/// it; checking the whole body at once is faster, and parsing a `str` then skips the
/// per-string checks (about a tenth of the decode of a session list).
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> serde_json::Result<T> {
    match std::str::from_utf8(bytes) {
        Ok(text) => serde_json::from_str(text),
        // Not UTF-8: the byte parser reports where, as it always did.
        Err(_) => serde_json::from_slice(bytes),
    }
}
