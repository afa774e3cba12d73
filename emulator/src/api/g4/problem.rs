//! G4's error answer.

use serde_json::json;

use crate::wire::reply::Reply;

/// 400 with a ProblemDetails body; `x-g4-error` tells clients the body is ProblemDetails.
pub(crate) fn bad_request(detail: &str) -> Reply {
    let body = json!({
        "type": "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        "title": "Bad Request",
        "status": 400,
        "detail": detail,
    });
    Reply::json(400, &body).header("x-g4-error", detail)
}
