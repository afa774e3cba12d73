// sessionlink C++17 API, hand-written core: errors, owning handles, argument conversion and
// the future plumbing over the C ABI. Include <sessionlink.hpp>, not this file: the
// operations of the clients are generated there (tools/gen, emit/cxx.rs) on top of these.
//
// Nothing here holds behaviour: every rule is the Rust core's, reached through the C
// functions of sessionlink.h; this layer converts values, owns handles and maps statuses
// to exceptions.
#ifndef SESSIONLINK_CORE_HPP
#define SESSIONLINK_CORE_HPP

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <future>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../sessionlink.h"

namespace sessionlink {

// The outcome of a call: the C API's `sl_status`, with the same stable numbers.
enum class Status : int {
  Ok = SL_STATUS_OK,
  NullArgument = SL_STATUS_NULL_ARGUMENT,
  InvalidUtf8 = SL_STATUS_INVALID_UTF8,
  InvalidArgument = SL_STATUS_INVALID_ARGUMENT,
  Connect = SL_STATUS_CONNECT,
  Timeout = SL_STATUS_TIMEOUT,
  Unauthorized = SL_STATUS_UNAUTHORIZED,
  Forbidden = SL_STATUS_FORBIDDEN,
  NotFound = SL_STATUS_NOT_FOUND,
  BadRequest = SL_STATUS_BAD_REQUEST,
  Server = SL_STATUS_SERVER,
  Http = SL_STATUS_HTTP,
  Decode = SL_STATUS_DECODE,
  Cancelled = SL_STATUS_CANCELLED,
  WouldDeadlock = SL_STATUS_WOULD_DEADLOCK,
  Forked = SL_STATUS_FORKED,
  Internal = SL_STATUS_INTERNAL,
  Panic = SL_STATUS_PANIC,
  ConnectionLost = SL_STATUS_CONNECTION_LOST,
  ResponseTooLarge = SL_STATUS_RESPONSE_TOO_LARGE,
  Proxy = SL_STATUS_PROXY,
};

// The C name of a status (`"SL_STATUS_NOT_FOUND"`).
inline std::string_view status_name(Status s) { return sl_status_str(static_cast<int>(s)); }

// Base of every sessionlink exception. Everything in it is a copy made when the call
// failed, so it may be kept, copied and rethrown anywhere. None of it (message, body,
// location) ever holds the client's credentials: the library replaced them by `***`.
class Error : public std::runtime_error {
 public:
  Error(Status status, std::string message, std::uint16_t http_status = 0, bool request_sent = false,
        std::optional<std::chrono::milliseconds> retry_after = std::nullopt,
        std::optional<std::string> location = std::nullopt, std::optional<std::string> body_json = std::nullopt,
        std::optional<std::string> problem_json = std::nullopt)
      : std::runtime_error(message),
        status_(status),
        http_status_(http_status),
        request_sent_(request_sent),
        retry_after_(retry_after),
        location_(std::move(location)),
        body_json_(std::move(body_json)),
        problem_json_(std::move(problem_json)) {}

  // The C status (stable number) of the failure.
  Status status() const noexcept { return status_; }
  // Core's stable name of the error kind, as Python's `Error.kind` says it (`"not_found"`).
  std::string_view kind() const noexcept;
  // The human-readable message: the operation, the cause, the server's reason.
  std::string_view message() const noexcept { return what(); }
  // The HTTP status of the response that caused it; 0 without one.
  std::uint16_t http_status() const noexcept { return http_status_; }
  // Whether the request may have reached the server (and so may have been applied). False:
  // nothing was sent, retrying cannot apply it twice.
  bool request_sent() const noexcept { return request_sent_; }
  // The server's `Retry-After` (a 503 or 429), if it gave one.
  const std::optional<std::chrono::milliseconds>& retry_after() const noexcept { return retry_after_; }
  // Where a 3xx pointed (`Location`, without credentials); redirects are never followed.
  const std::optional<std::string>& location() const noexcept { return location_; }
  // The error response's body, when it was JSON.
  const std::optional<std::string>& body_json() const noexcept { return body_json_; }
  // The server's RFC 7807 ProblemDetails, when it sent them.
  const std::optional<std::string>& problem_json() const noexcept { return problem_json_; }

 private:
  Status status_;
  std::uint16_t http_status_;
  bool request_sent_;
  std::optional<std::chrono::milliseconds> retry_after_;
  std::optional<std::string> location_, body_json_, problem_json_;
};

// One class per error kind, named as in Python; `Error::status()` tells the exact status.
#define SESSIONLINK_ERROR_CLASS(Name, Base) \
  class Name : public Base {                \
   public:                                  \
    using Base::Base;                       \
  };
// A value was rejected before any I/O (NULL, invalid UTF-8, a NUL inside a string, an
// unknown enum name, malformed JSON...): nothing was sent.
SESSIONLINK_ERROR_CLASS(InvalidArgumentError, Error)
// No connection could be made (refused, DNS, TLS): nothing reached the server.
SESSIONLINK_ERROR_CLASS(ConnectError, Error)
// The proxy could not be reached or refused the request (`http_status()` 407 or 403): nothing
// reached the server. A ConnectError, as in Python.
SESSIONLINK_ERROR_CLASS(ProxyError, ConnectError)
// The connection failed after the request was sent: it may have been applied.
SESSIONLINK_ERROR_CLASS(ConnectionLostError, Error)
SESSIONLINK_ERROR_CLASS(TimeoutError, Error)
// HTTP 401 (or a G4 login with invalid credentials).
SESSIONLINK_ERROR_CLASS(UnauthorizedError, Error)
// HTTP 403.
SESSIONLINK_ERROR_CLASS(ForbiddenError, Error)
// HTTP 404, or G4's 204 "no such session".
SESSIONLINK_ERROR_CLASS(NotFoundError, Error)
// HTTP 400; `problem_json()` holds the ProblemDetails if the server sent them.
SESSIONLINK_ERROR_CLASS(BadRequestError, Error)
// HTTP 5xx; `retry_after()` holds a 503's `Retry-After`.
SESSIONLINK_ERROR_CLASS(ServerError, Error)
// Any other unexpected HTTP status (3xx with `location()`, 405, 409, 429...).
SESSIONLINK_ERROR_CLASS(HttpError, Error)
// The response body is not the contract's shape.
SESSIONLINK_ERROR_CLASS(DecodeError, Error)
// The body is larger than `max_response_bytes` (a DecodeError, as in Python).
SESSIONLINK_ERROR_CLASS(ResponseTooLargeError, DecodeError)
// The request was cancelled (`Pending::cancel`, or its client was destroyed meanwhile).
SESSIONLINK_ERROR_CLASS(CancelledError, Error)
// A blocking call was made on a thread of sessionlink's own runtime.
SESSIONLINK_ERROR_CLASS(WouldDeadlockError, Error)
// A client created before fork() was used in the child.
SESSIONLINK_ERROR_CLASS(ForkedError, Error)
// A bug in sessionlink (a caught panic included).
SESSIONLINK_ERROR_CLASS(InternalError, Error)
#undef SESSIONLINK_ERROR_CLASS

inline std::string_view Error::kind() const noexcept {
  switch (status_) {
    case Status::Ok: return "ok";
    case Status::NullArgument:
    case Status::InvalidUtf8:
    case Status::InvalidArgument: return "invalid_argument";
    case Status::Connect: return "connect";
    case Status::Timeout: return "timeout";
    case Status::Unauthorized: return "unauthorized";
    case Status::Forbidden: return "forbidden";
    case Status::NotFound: return "not_found";
    case Status::BadRequest: return "bad_request";
    case Status::Server: return "server";
    case Status::Http: return "http";
    case Status::Decode: return "decode";
    case Status::Cancelled: return "cancelled";
    case Status::WouldDeadlock: return "would_deadlock";
    case Status::Forked: return "forked";
    case Status::Internal:
    case Status::Panic: return "internal";
    case Status::ConnectionLost: return "connection_lost";
    case Status::ResponseTooLarge: return "response_too_large";
    case Status::Proxy: return "proxy";
  }
  return "internal";
}

namespace detail {

inline std::optional<std::string> opt(const char* s) {
  return s ? std::optional<std::string>(s) : std::nullopt;
}

// The exception of a failed C call, copied out of the (borrowed) `sl_error`.
inline std::exception_ptr to_exception(sl_status status, const sl_error* e) {
  Status s = static_cast<Status>(status);
  std::string message = e ? sl_error_message(e) : sl_status_str(static_cast<int>(status));
  std::uint16_t http = sl_error_http_status(e);
  bool sent = sl_error_request_sent(e);
  std::int64_t ms = sl_error_retry_after_ms(e);
  std::optional<std::chrono::milliseconds> retry =
      ms >= 0 ? std::optional<std::chrono::milliseconds>(ms) : std::nullopt;
  auto make = [&](auto tag) {
    using E = decltype(tag);
    return std::make_exception_ptr(E(s, message, http, sent, retry, opt(sl_error_location(e)),
                                     opt(sl_error_body_json(e)), opt(sl_error_problem_json(e))));
  };
  switch (s) {
    case Status::NullArgument:
    case Status::InvalidUtf8:
    case Status::InvalidArgument: return make(InvalidArgumentError(s, ""));
    case Status::Connect: return make(ConnectError(s, ""));
    case Status::Timeout: return make(TimeoutError(s, ""));
    case Status::Unauthorized: return make(UnauthorizedError(s, ""));
    case Status::Forbidden: return make(ForbiddenError(s, ""));
    case Status::NotFound: return make(NotFoundError(s, ""));
    case Status::BadRequest: return make(BadRequestError(s, ""));
    case Status::Server: return make(ServerError(s, ""));
    case Status::Http: return make(HttpError(s, ""));
    case Status::Decode: return make(DecodeError(s, ""));
    case Status::Cancelled: return make(CancelledError(s, ""));
    case Status::WouldDeadlock: return make(WouldDeadlockError(s, ""));
    case Status::Forked: return make(ForkedError(s, ""));
    case Status::ConnectionLost: return make(ConnectionLostError(s, ""));
    case Status::ResponseTooLarge: return make(ResponseTooLargeError(s, ""));
    case Status::Proxy: return make(ProxyError(s, ""));
    case Status::Ok:
    case Status::Internal:
    case Status::Panic: break;
  }
  return make(InternalError(s, ""));
}

// Owns an `sl_error *` for the duration of one call.
class ErrorSlot {
 public:
  ErrorSlot() = default;
  ErrorSlot(const ErrorSlot&) = delete;
  ErrorSlot& operator=(const ErrorSlot&) = delete;
  ~ErrorSlot() { sl_error_free(err_); }
  sl_error** out() noexcept { return &err_; }
  // Throws the exception of `status` unless it is OK.
  void check(sl_status status) const {
    if (status != SL_STATUS_OK) std::rethrow_exception(to_exception(status, err_));
  }

 private:
  sl_error* err_ = nullptr;
};

// A move-only owner of a C handle, freed with `Free` (which accepts NULL).
template <typename T, void (*Free)(T*)>
class Handle {
 public:
  Handle() noexcept = default;
  explicit Handle(T* p) noexcept : p_(p) {}
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;
  Handle(Handle&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  Handle& operator=(Handle&& o) noexcept {
    if (this != &o) {
      Free(p_);
      p_ = std::exchange(o.p_, nullptr);
    }
    return *this;
  }
  ~Handle() { Free(p_); }
  T* get() const noexcept { return p_; }
  explicit operator bool() const noexcept { return p_ != nullptr; }

 private:
  T* p_ = nullptr;
};

// A string the C library returned through `char **`: copied, then freed with its function.
inline std::string take_string(char* s) {
  Handle<char, sl_string_free> owned(s);
  return s ? std::string(s) : std::string();
}

// A string a C getter writes through `char **` (a result's JSON, say), copied out.
template <typename T>
std::string string_of(sl_status (*get)(const T*, char**, sl_error**), const T* object) {
  char* out = nullptr;
  ErrorSlot err;
  err.check(get(object, &out, err.out()));
  return take_string(out);
}

[[noreturn]] inline void invalid(const std::string& message) {
  throw InvalidArgumentError(Status::InvalidArgument, message);
}

// A string argument as the C API takes it: NUL-terminated, so a NUL inside the view would
// silently cut it; that is refused as bad input instead.
class CStr {
 public:
  CStr(std::string_view s, const char* name) : s_(s) { no_nul(name); }
  CStr(const std::optional<std::string_view>& s, const char* name) {
    if (s) {
      s_ = std::string(*s);
      no_nul(name);
    }
  }
  // The options' own strings (exact matches, so that neither of the above is ambiguous).
  CStr(const std::string& s, const char* name) : CStr(std::string_view(s), name) {}
  CStr(const std::optional<std::string>& s, const char* name)
      : CStr(s ? std::optional<std::string_view>(*s) : std::nullopt, name) {}
  const char* get() const noexcept { return s_ ? s_->c_str() : nullptr; }

 private:
  void no_nul(const char* name) {
    if (s_->find('\0') != std::string::npos) invalid(std::string(name) + " contains a NUL byte");
  }
  std::optional<std::string> s_;
};

// An optional number or flag as the C API takes it: a pointer, NULL when absent.
template <typename T>
class COpt {
 public:
  explicit COpt(const std::optional<T>& v) : v_(v) {}
  const T* get() const noexcept { return v_ ? &*v_ : nullptr; }

 private:
  std::optional<T> v_;
};

}  // namespace detail

// A list of strings (or enum wire names) argument: from a vector of strings or string views,
// or a braced list. Default-constructed, it is "left out" of the request; an empty vector is
// an empty list.
class StrList {
 public:
  StrList() = default;
  StrList(std::initializer_list<std::string_view> items) : present_(true), items_(items.begin(), items.end()) {}
  StrList(const std::vector<std::string>& items) : present_(true), items_(items.begin(), items.end()) {}
  StrList(const std::vector<std::string_view>& items) : present_(true), items_(items.begin(), items.end()) {}
  // A list of enum values (`{MediaType::Audio, MediaType::Video}`), as their wire names.
  template <typename E, typename = std::enable_if_t<std::is_enum_v<E>>>
  StrList(std::initializer_list<E> items) : present_(true) {
    for (E e : items) items_.emplace_back(wire_name(e));
  }
  bool present() const noexcept { return present_; }
  const std::vector<std::string>& items() const noexcept { return items_; }

 private:
  bool present_ = false;
  std::vector<std::string> items_;
};

// An enum argument: a value of the generated enum class `E` (`PlaystateCommand::Pause`) or its
// wire name as a string (`"Pause"`, also a value newer than this header). The core checks
// the name: an unknown one is an InvalidArgumentError listing the allowed ones. A parameter
// type only: it views the string it was given, which lives as long as the call.
template <typename E>
class Wire {
 public:
  Wire(E value) : name_(wire_name(value)) {}
  Wire(std::string_view name) : name_(name) {}
  Wire(const char* name) : name_(name ? name : "") {}
  Wire(const std::string& name) : name_(name) {}
  std::string_view name() const noexcept { return name_; }

 private:
  std::string_view name_;
};

// Named string arguments (a command's `Arguments`): name → value, a value may be absent.
// Default-constructed, it is left out.
class StrMap {
 public:
  StrMap() = default;
  StrMap(std::initializer_list<std::pair<const std::string, std::optional<std::string>>> items)
      : present_(true), items_(items) {}
  StrMap(const std::map<std::string, std::string>& items) : present_(true) {
    for (const auto& [k, v] : items) items_.emplace(k, v);
  }
  StrMap(std::map<std::string, std::optional<std::string>> items) : present_(true), items_(std::move(items)) {}
  bool present() const noexcept { return present_; }
  const std::map<std::string, std::optional<std::string>>& items() const noexcept { return items_; }

 private:
  bool present_ = false;
  std::map<std::string, std::optional<std::string>> items_;
};

namespace detail {

// A Wire argument as the string view CStr takes.
template <typename E>
std::string_view wire(const Wire<E>& w) noexcept {
  return w.name();
}
template <typename E>
std::optional<std::string_view> wire(const std::optional<Wire<E>>& w) noexcept {
  return w ? std::optional<std::string_view>(w->name()) : std::nullopt;
}

// A StrList as `(const char *const *, size_t)`, NULL when left out.
class CList {
 public:
  CList(const StrList& list, const char* name) : present_(list.present()) {
    for (const auto& s : list.items()) {
      if (s.find('\0') != std::string::npos) invalid(std::string(name) + " contains a NUL byte");
      ptrs_.push_back(s.c_str());
    }
  }
  const char* const* data() const noexcept { return present_ ? ptrs_.data() : nullptr; }
  std::size_t size() const noexcept { return ptrs_.size(); }

 private:
  bool present_;
  std::vector<const char*> ptrs_;
};

// A StrMap as parallel `names`/`values` arrays and their length.
class CMap {
 public:
  CMap(const StrMap& map, const char* name) : present_(map.present()) {
    for (const auto& [k, v] : map.items()) {
      if (k.find('\0') != std::string::npos || (v && v->find('\0') != std::string::npos))
        invalid(std::string(name) + " contains a NUL byte");
      names_.push_back(k.c_str());
      values_.push_back(v ? v->c_str() : nullptr);
    }
  }
  const char* const* names() const noexcept { return present_ ? names_.data() : nullptr; }
  const char* const* values() const noexcept { return present_ ? values_.data() : nullptr; }
  std::size_t size() const noexcept { return names_.size(); }

 private:
  bool present_;
  std::vector<const char*> names_, values_;
};

}  // namespace detail

// An operation in flight: the `std::future` of its result and the handle that cancels it.
// Move-only. Destroying it neither cancels nor waits for the operation (its result is then
// dropped); `get()` waits and returns the result or throws the operation's exception.
template <typename R>
class Pending {
 public:
  Pending(std::future<R> future, sl_op* op) noexcept : future_(std::move(future)), op_(op) {}
  // Waits for the result; throws the call's exception (`CancelledError` after `cancel()`).
  R get() { return future_.get(); }
  template <typename Rep, typename Period>
  std::future_status wait_for(const std::chrono::duration<Rep, Period>& d) const {
    return future_.wait_for(d);
  }
  void wait() const { future_.wait(); }
  bool valid() const noexcept { return future_.valid(); }
  // Drops the request; the result becomes `CancelledError` unless it was already in.
  void cancel() const {
    detail::ErrorSlot err;
    err.check(sl_op_cancel(op_.get(), err.out()));
  }
  // The future itself (for `std::shared_future`, or code that takes futures).
  std::future<R> take_future() noexcept { return std::move(future_); }

 private:
  std::future<R> future_;
  detail::Handle<sl_op, sl_op_free> op_;
};

namespace detail {

// The C callbacks of the `_async` functions. `user_data` is a `std::promise` the submitting
// call released to the C library, which calls back exactly once: the callback takes it back.
template <typename R>
using PromisePtr = std::unique_ptr<std::promise<R>>;

inline void done_callback(void* user_data, sl_status status, const sl_error* error) {
  PromisePtr<void> p(static_cast<std::promise<void>*>(user_data));
  if (status == SL_STATUS_OK)
    p->set_value();
  else
    p->set_exception(to_exception(status, error));
}

inline void bool_callback(void* user_data, sl_status status, bool value, const sl_error* error) {
  PromisePtr<bool> p(static_cast<std::promise<bool>*>(user_data));
  if (status == SL_STATUS_OK)
    p->set_value(value);
  else
    p->set_exception(to_exception(status, error));
}

// A callback whose result is an owned C object `C`, converted by `Convert` (which takes it).
template <typename R, typename C, R (*Convert)(C*)>
void object_callback(void* user_data, sl_status status, C* result, const sl_error* error) {
  PromisePtr<R> p(static_cast<std::promise<R>*>(user_data));
  if (status != SL_STATUS_OK) {
    p->set_exception(to_exception(status, error));
    return;
  }
  try {
    p->set_value(Convert(result));
  } catch (...) {
    p->set_exception(std::current_exception());
  }
}

// Hands a promise to an `_async` C function: `submit(status_of(callback, user_data, &op,
// &err))`. On an argument error the C function never calls back, so the promise is taken
// back and the error thrown here, before anything was sent.
template <typename R, typename Call>
Pending<R> submit(Call&& call) {
  auto promise = std::make_unique<std::promise<R>>();
  std::future<R> future = promise->get_future();
  sl_op* op = nullptr;
  ErrorSlot err;
  sl_status status = call(static_cast<void*>(promise.get()), &op, err.out());
  if (status == SL_STATUS_OK) {
    (void)promise.release();  // the callback owns it now
  } else {
    err.check(status);
  }
  return Pending<R>(std::move(future), op);
}

inline std::string convert_string(char* s) { return take_string(s); }

}  // namespace detail
}  // namespace sessionlink

#endif
