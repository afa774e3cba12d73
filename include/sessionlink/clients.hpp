// sessionlink C++17 API, hand-written: the options, the clients' own members (creation,
// credentials, identity, the socket) and logging. The operations of each client are
// generated into sessionlink.hpp, in `JellyfinClient` and `G4Client`, which derive from the
// bases here.
#ifndef SESSIONLINK_CLIENTS_HPP
#define SESSIONLINK_CLIENTS_HPP

#include "socket.hpp"

namespace sessionlink {

// Transport settings of both clients; an absent value takes the core's default (what
// `sl_*_options_init` fills in: 10 s to connect, 30 s per request, 32 MiB responses...).
struct TransportOptions {
  std::optional<std::chrono::milliseconds> connect_timeout, request_timeout;
  // An extra CA certificate (PEM) to trust.
  std::optional<std::string> extra_ca_pem;
  // Accept any TLS certificate: only for testing against self-signed servers.
  bool accept_invalid_certs = false;
  std::optional<std::uint64_t> max_response_bytes;
  std::optional<std::chrono::milliseconds> pool_idle_timeout;
  // How many times a 503/429 is retried (default 0), and the longest wait before one.
  std::optional<std::uint32_t> retry_unavailable;
  std::optional<std::chrono::milliseconds> retry_after_cap;
  // Ask for Brotli/gzip responses (default true); the size limit holds for the decoded bytes.
  std::optional<bool> compression;
  // Trust the compiled-in WebPKI roots (default true) and the system's store (default false).
  std::optional<bool> webpki_roots, system_roots;
  // A proxy URL (`http://user:pass@host:port`) used whatever the environment says.
  std::optional<std::string> proxy;
  // Without `proxy`: take one from HTTPS_PROXY/HTTP_PROXY/ALL_PROXY/NO_PROXY (default true).
  std::optional<bool> proxy_from_env;
};

// A Jellyfin client's configuration. Only `base_url` is required.
struct JellyfinOptions {
  // Server URL with its path prefix if any (`http://host:8096/jellyfin`).
  std::string base_url;
  // `Device=` (default: the host name), `DeviceId=` (default `sessionlink-<host>`),
  // `Client=` (default "sessionlink"), `Version=` (default: the library's).
  std::optional<std::string> device_name, device_id, client_name, client_version;
  // An access token or API key; log in with `authenticate_by_name` otherwise.
  std::optional<std::string> token;
  TransportOptions transport;
};

// A G4 client's configuration. `base_url` and `tenant` are required.
struct G4Options {
  std::string base_url;
  // `x-g4-tenant`, sent on every call.
  std::string tenant;
  // `x-g4-application`.
  std::optional<std::string> application;
  // At most one of a bearer (a session id) and an API key.
  std::optional<std::string> bearer, api_key;
  TransportOptions transport;
};

namespace detail {

class CTransport {
 public:
  CTransport(const TransportOptions& o, sl_transport_options& c)
      : ca_(o.extra_ca_pem, "extra_ca_pem"), proxy_(o.proxy, "proxy") {
    if (o.connect_timeout) c.connect_timeout_ms = millis32(*o.connect_timeout, "connect_timeout");
    if (o.request_timeout) c.request_timeout_ms = millis32(*o.request_timeout, "request_timeout");
    c.extra_ca_pem = ca_.get();
    c.accept_invalid_certs = o.accept_invalid_certs;
    if (o.max_response_bytes) c.max_response_bytes = *o.max_response_bytes;
    if (o.pool_idle_timeout) c.pool_idle_timeout_ms = millis32(*o.pool_idle_timeout, "pool_idle_timeout");
    if (o.retry_unavailable) c.retry_unavailable = *o.retry_unavailable;
    if (o.retry_after_cap) c.retry_after_cap_ms = millis32(*o.retry_after_cap, "retry_after_cap");
    if (o.compression) c.compression = *o.compression;
    if (o.webpki_roots) c.webpki_roots = *o.webpki_roots;
    if (o.system_roots) c.system_roots = *o.system_roots;
    c.proxy = proxy_.get();
    if (o.proxy_from_env) c.proxy_from_env = *o.proxy_from_env;
  }

 private:
  CStr ca_, proxy_;
};

inline std::optional<std::string> string_out(sl_status (*get)(const sl_jellyfin_client*, char**, sl_error**),
                                             const sl_jellyfin_client* c) {
  char* out = nullptr;
  ErrorSlot err;
  err.check(get(c, &out, err.out()));
  return out ? std::optional<std::string>(take_string(out)) : std::nullopt;
}

// The members of JellyfinClient written by hand (the operations are generated).
class JellyfinClientBase {
 public:
  // Creates a client: nothing is sent; the options are checked (InvalidArgumentError).
  explicit JellyfinClientBase(const JellyfinOptions& o) {
    sl_jellyfin_options c;
    sl_jellyfin_options_init(&c);
    CStr url(o.base_url, "base_url"), name(o.device_name, "device_name"), id(o.device_id, "device_id"),
        client(o.client_name, "client_name"), version(o.client_version, "client_version"), token(o.token, "token");
    CTransport transport(o.transport, c.transport);
    c.base_url = url.get();
    c.device_name = name.get();
    c.device_id = id.get();
    c.client_name = client.get();
    c.client_version = version.get();
    c.token = token.get();
    sl_jellyfin_client* out = nullptr;
    ErrorSlot err;
    err.check(sl_jellyfin_client_new(&c, &out, err.out()));
    client_ = Handle<sl_jellyfin_client, sl_jellyfin_client_free>(out);
  }

  // Replaces the access token or API key; `std::nullopt` forgets it.
  void set_token(std::optional<std::string_view> token) const {
    CStr t(token, "token");
    ErrorSlot err;
    err.check(sl_jellyfin_client_set_token(handle(), t.get(), err.out()));
  }
  bool has_token() const noexcept { return sl_jellyfin_client_has_token(handle()); }
  // The user id learnt from the last `authenticate_by_name`, if any.
  std::optional<std::string> user_id() const { return string_out(sl_jellyfin_client_user_id, handle()); }
  std::string device_id() const { return string_out(sl_jellyfin_client_device_id, handle()).value_or(""); }
  std::string device_name() const { return string_out(sl_jellyfin_client_device_name, handle()).value_or(""); }
  std::string client_name() const { return string_out(sl_jellyfin_client_name, handle()).value_or(""); }

  // Opens the session's WebSocket (the client needs a token). Blocks until the first
  // connection is up (its failure is thrown, and then no handler ever runs); later drops
  // reconnect by themselves.
  Socket open_socket(SocketHandlers handlers, const SocketOptions& options = {}) const {
    return open(std::move(handlers), options, [&](const sl_socket_options* o, auto... callbacks) {
      return sl_jellyfin_open_socket(handle(), o, callbacks...);
    });
  }

  // Makes this client a remote-controllable session: opens its socket as `open_socket`
  // does, posting capabilities (`SupportsMediaControl`, these `MediaType` and
  // `GeneralCommandType` names) after every (re)connect. `Play`, `Playstate` and
  // `GeneralCommand` messages then arrive at `handlers.on_message`.
  Socket become_controllable(const StrList& playable_media_types, const StrList& supported_commands,
                             SocketHandlers handlers, const SocketOptions& options = {}) const {
    CList media(playable_media_types, "playable_media_types"), commands(supported_commands, "supported_commands");
    return open(std::move(handlers), options, [&](const sl_socket_options* o, auto... callbacks) {
      return sl_jellyfin_become_controllable(handle(), media.data(), media.size(), commands.data(), commands.size(), o,
                                             callbacks...);
    });
  }

  // Logs in with Quick Connect in one call (C's `sl_jellyfin_quick_connect`; Python's
  // `start_quick_connect()` and `wait()`): `POST /QuickConnect/Initiate`, then `on_code` with
  // the code to show, then polls every `poll_interval` until a signed-in user approved the
  // code, then `POST /Users/AuthenticateWithQuickConnect`; the client keeps the token.
  // UnauthorizedError: Quick Connect is off on the server; NotFoundError: the code expired;
  // TimeoutError: no approval within `timeout`. A zero duration takes the default (10
  // minutes, every 5 s). `on_code` runs once, on a library thread: it must not make blocking
  // sessionlink calls and must not throw.
  AuthResult quick_connect(std::function<void(std::string_view code)> on_code,
                           std::chrono::milliseconds timeout = std::chrono::milliseconds(0),
                           std::chrono::milliseconds poll_interval = std::chrono::milliseconds(0)) const {
    QuickConnect context{std::move(on_code), {}};
    sl_auth_result* out = nullptr;
    ErrorSlot err;
    err.check(sl_jellyfin_quick_connect(handle(), millis32(timeout, "timeout"), millis32(poll_interval, "poll_interval"),
                                        &QuickConnect::code, &context, &out, err.out()));
    return AuthResult(out);
  }
  // Async `quick_connect`: `cancel()` stops the flow wherever it is (the polling included).
  Pending<AuthResult> quick_connect_async(std::function<void(std::string_view code)> on_code,
                                          std::chrono::milliseconds timeout = std::chrono::milliseconds(0),
                                          std::chrono::milliseconds poll_interval = std::chrono::milliseconds(0)) const {
    auto context = std::make_unique<QuickConnect>(QuickConnect{std::move(on_code), {}});
    std::future<AuthResult> future = context->promise.get_future();
    sl_op* op = nullptr;
    ErrorSlot err;
    sl_status status = sl_jellyfin_quick_connect_async(handle(), millis32(timeout, "timeout"),
                                                       millis32(poll_interval, "poll_interval"), &QuickConnect::code,
                                                       &QuickConnect::done, context.get(), &op, err.out());
    err.check(status);
    (void)context.release();  // the final callback owns it now
    return Pending<AuthResult>(std::move(future), op);
  }

  // The C handle, for the C functions this API does not wrap.
  const sl_jellyfin_client* handle() const noexcept { return client_.get(); }

 private:
  template <typename Open>
  static Socket open(SocketHandlers handlers, const SocketOptions& options, Open&& call) {
    if (!handlers.on_message) invalid("handlers.on_message is required");
    CSocketOptions o(options);
    auto context = std::make_unique<SocketContext>();
    context->handlers = std::move(handlers);
    sl_socket* socket = nullptr;
    ErrorSlot err;
    err.check(call(o.get(), &SocketContext::on_message, &SocketContext::on_state, &SocketContext::on_end,
                   static_cast<void*>(context.get()), &socket, err.out()));
    return Socket(socket, std::move(context));
  }

  // What a Quick Connect flow's C callbacks get: `code` runs at most once, then `done` once,
  // last (the async form), which takes the context back.
  struct QuickConnect {
    std::function<void(std::string_view)> on_code;
    std::promise<AuthResult> promise;
    static void code(void* user_data, const char* code) noexcept {
      auto* self = static_cast<QuickConnect*>(user_data);
      if (self->on_code) self->on_code(code ? std::string_view(code) : std::string_view());
    }
    static void done(void* user_data, sl_status status, sl_auth_result* result, const sl_error* error) {
      std::unique_ptr<QuickConnect> self(static_cast<QuickConnect*>(user_data));
      if (status == SL_STATUS_OK)
        self->promise.set_value(AuthResult(result));
      else
        self->promise.set_exception(to_exception(status, error));
    }
  };

  Handle<sl_jellyfin_client, sl_jellyfin_client_free> client_;
};

// The members of G4Client written by hand (the operations are generated).
class G4ClientBase {
 public:
  explicit G4ClientBase(const G4Options& o) {
    sl_g4_options c;
    sl_g4_options_init(&c);
    CStr url(o.base_url, "base_url"), tenant(o.tenant, "tenant"), app(o.application, "application"),
        bearer(o.bearer, "bearer"), key(o.api_key, "api_key");
    CTransport transport(o.transport, c.transport);
    c.base_url = url.get();
    c.tenant = tenant.get();
    c.application = app.get();
    c.bearer = bearer.get();
    c.api_key = key.get();
    sl_g4_client* out = nullptr;
    ErrorSlot err;
    err.check(sl_g4_client_new(&c, &out, err.out()));
    client_ = Handle<sl_g4_client, sl_g4_client_free>(out);
  }

  // Replaces the credentials with a bearer token (a session id); `std::nullopt` forgets them.
  void set_bearer(std::optional<std::string_view> bearer) const {
    CStr b(bearer, "bearer");
    ErrorSlot err;
    err.check(sl_g4_client_set_bearer(handle(), b.get(), err.out()));
  }
  const sl_g4_client* handle() const noexcept { return client_.get(); }

 private:
  Handle<sl_g4_client, sl_g4_client_free> client_;
};

}  // namespace detail

// The level of a log record (the C API's stable numbers).
enum class LogLevel : int {
  Off = SL_LOG_OFF,
  Error = SL_LOG_ERROR,
  Warn = SL_LOG_WARN,
  Info = SL_LOG_INFO,
  Debug = SL_LOG_DEBUG,
  Trace = SL_LOG_TRACE,
};

using LogHandler = std::function<void(LogLevel level, std::string_view target, std::string_view message)>;

namespace detail {
inline std::mutex& log_lock() {
  static std::mutex m;
  return m;
}
// The handler the C library calls. Deliberately never destroyed at exit: the library's
// threads may still log while static destructors run.
inline LogHandler*& log_handler() {
  static LogHandler* h = nullptr;
  return h;
}
inline void log_callback(void* user_data, sl_log_level level, const char* target, const char* message) noexcept {
  (*static_cast<LogHandler*>(user_data))(static_cast<LogLevel>(level), target, message);
}
}  // namespace detail

// Sends the library's log records (level, target such as `sessionlink::transport`, message;
// never a credential) up to `max_level` to `handler`, on the threads that log them (it must be
// thread-safe and quick, must not call sessionlink, and must not throw). An empty handler
// stops them; once this returns, the previous handler is never called again.
inline void set_log_handler(LogHandler handler, LogLevel max_level = LogLevel::Info) {
  std::lock_guard<std::mutex> guard(detail::log_lock());
  std::unique_ptr<LogHandler> next = handler ? std::make_unique<LogHandler>(std::move(handler)) : nullptr;
  detail::ErrorSlot err;
  err.check(sl_set_log_callback(next ? &detail::log_callback : nullptr, next.get(), static_cast<int>(max_level),
                                err.out()));
  // The old one is no longer called: free it.
  std::unique_ptr<LogHandler> old(std::exchange(detail::log_handler(), next.release()));
}

// The library's version ("0.1.0").
inline std::string_view version() noexcept { return sl_version(); }

}  // namespace sessionlink

#endif
