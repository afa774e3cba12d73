//! Models shared between Python objects instead of copied.
//!
//! A Python model object holds a [`Shared`]: a reference into an immutable core model kept
//! alive by the `Arc` of the outermost model it belongs to. Reading a nested model attribute
//! (`session.now_playing_item`) makes a new Python object that shares the same `Arc`,
//! pointing at the nested part: no copy of the nested model, however large.
//!
//! The one `unsafe` block is the dereference in [`Shared`]. It is sound because:
//!
//! - every `Shared` points into the allocation of its `owner` (an `Arc` whose value is never
//!   mutated: no `&mut` to it is ever made, the models have no interior mutability) or at
//!   `'static` data, so the pointee lives at least as long as the `Shared`;
//! - pointers are only made from `&*owner` ([`Shared::new`]) and from references derived
//!   from one, through closures that are generic over the lifetime of their argument
//!   ([`Within::map`], [`Within::map_opt`]) or by iteration ([`Within::items`]). Such a
//!   closure cannot return a reference to anything shorter-lived than its argument.

use std::any::Any;
use std::fmt;
use std::ops::Deref;
use std::ptr::NonNull;
use std::sync::Arc;

type Owner = Arc<dyn Any + Send + Sync>;

/// A shared, immutable model or part of one.
pub struct Shared<T: 'static> {
    ptr: NonNull<T>,
    owner: Owner,
}

// SAFETY: a `Shared<T>` is a `&T` whose referent the `owner` keeps alive; sending or sharing it
// between threads is sending or sharing a `&T`, which needs `T: Sync`. `owner` is Send + Sync.
unsafe impl<T: Sync> Send for Shared<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for Shared<T> {}

impl<T: Send + Sync + 'static> Shared<T> {
    /// A model of its own (made from a reply, keyword arguments or a dict).
    pub fn new(value: T) -> Self {
        let owner = Arc::new(value);
        let ptr = NonNull::from(&*owner);
        Shared { ptr, owner }
    }
}

impl<T: 'static> Shared<T> {
    /// A view of the whole value, from which parts are shared.
    pub fn within(&self) -> Within<'_, T> {
        Within { value: self, owner: &self.owner }
    }
}

impl<T: 'static> Deref for Shared<T> {
    type Target = T;

    fn deref(&self) -> &T {
        // SAFETY: see the module documentation: `ptr` points into `owner`'s value (or at
        // static data), which lives as long as `self` and is never mutated.
        unsafe { self.ptr.as_ref() }
    }
}

impl<T: fmt::Debug + 'static> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

/// A reference to a part of a [`Shared`] value, which can become a [`Shared`] of its own.
pub struct Within<'a, T: ?Sized> {
    value: &'a T,
    owner: &'a Owner,
}

// Not derived: the derive would require `T: Copy`, and a `Within` is two references.
impl<T: ?Sized> Clone for Within<'_, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: ?Sized> Copy for Within<'_, T> {}

impl<T: ?Sized + fmt::Debug> fmt::Debug for Within<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.value, f)
    }
}

impl<'a, T: 'static> Within<'a, T> {
    pub fn get(&self) -> &'a T {
        self.value
    }

    /// A part of this value (a field).
    pub fn map<U: 'static>(self, part: impl for<'x> FnOnce(&'x T) -> &'x U) -> Within<'a, U> {
        Within { value: part(self.value), owner: self.owner }
    }

    /// A part of this value that may be absent (an optional field).
    pub fn map_opt<U: 'static>(self, part: impl for<'x> FnOnce(&'x T) -> Option<&'x U>) -> Option<Within<'a, U>> {
        part(self.value).map(|value| Within { value, owner: self.owner })
    }

    /// This part as a [`Shared`] of its own: the owner's `Arc` is cloned, the value is not.
    pub fn share(self) -> Shared<T> {
        Shared { ptr: NonNull::from(self.value), owner: self.owner.clone() }
    }
}

impl<'a, T: 'static> Within<'a, Vec<T>> {
    /// The elements of a list.
    pub fn items(self) -> impl Iterator<Item = Within<'a, T>> {
        let owner = self.owner;
        self.value.iter().map(move |value| Within { value, owner })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Outer {
        inner: Option<Vec<String>>,
    }

    #[test]
    fn parts_share_the_owner_and_outlive_the_whole() {
        let whole = Shared::new(Outer { inner: Some(vec!["a".into(), "b".into()]) });
        let list = whole.within().map_opt(|o| o.inner.as_ref()).unwrap();
        let second: Shared<String> = list.items().nth(1).unwrap().share();
        assert_eq!(Arc::strong_count(&whole.owner), 2);
        drop(whole);
        assert_eq!(&*second, "b", "the part keeps the whole alive");
        assert_eq!(Arc::strong_count(&second.owner), 1);
    }
}
