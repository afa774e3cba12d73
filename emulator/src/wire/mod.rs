//! A request and a response as the API handlers see them: plain data, decoded the way
//! ASP.NET decodes it, kept byte for byte so that every exchange can be recorded.

pub(crate) mod query;
pub(crate) mod reply;
pub(crate) mod request;
