//! The object behind every result type generated from a core model (`<client>/results.rs`,
//! written by tools/gen): the model, and the lazily made C copies of its string fields.

use crate::strings::StrCache;

/// A core model held for C, with `N` string fields readable as `const char *`.
pub(crate) struct ModelObject<M, const N: usize> {
    pub(crate) value: M,
    pub(crate) strings: StrCache<N>,
}

impl<M, const N: usize> From<M> for ModelObject<M, N> {
    fn from(value: M) -> Self {
        ModelObject { value, strings: StrCache::default() }
    }
}
