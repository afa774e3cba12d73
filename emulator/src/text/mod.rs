//! Text helpers every layer above may use: the decoders the server applies to URLs and
//! header values, and the server's identifiers.

pub(crate) mod decode;
pub(crate) mod ids;
