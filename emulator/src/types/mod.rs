//! The public data types: what tests seed, arm and inspect.

pub(crate) mod command;
pub(crate) mod device;
pub(crate) mod exchange;
pub(crate) mod fault;
pub(crate) mod socket;
