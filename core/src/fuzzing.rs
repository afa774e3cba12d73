//! Entry points for the fuzz targets in `fuzz/` (cargo-fuzz builds every crate with
//! `--cfg fuzzing`): building blocks that the public API reaches only through a network
//! exchange. Not part of the API; absent from every other build.

use crate::transport::{BaseUrl, RequestBuilder, Route};

/// The path and query the request builder makes for `route` on `base`: `segments` fill the
/// route's placeholders in order, `query` is appended. Errors are those an operation reports
/// before any I/O.
pub fn path_and_query(
    base: &str,
    route: &'static str,
    segments: &[&str],
    query: &[(&str, &str)],
) -> crate::Result<String> {
    let base = BaseUrl::parse(base)?;
    let mut builder = RequestBuilder::new(&base, Route::new(route));
    for segment in segments {
        builder.path("segment", segment)?;
    }
    for (name, value) in query {
        builder.query(name, value);
    }
    Ok(builder.finish()?.path_and_query)
}
