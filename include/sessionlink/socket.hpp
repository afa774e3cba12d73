// sessionlink C++17 API, hand-written: the session socket (`/socket`) with std::function
// handlers. Opened by `JellyfinClient::open_socket` or `become_controllable`.
//
// Thread rules (those of the C socket): every handler runs on the socket's own thread, one at
// a time, in the order the events happened; `on_end` runs exactly once, last. Blocking
// sessionlink calls are allowed inside the handlers (report playback from `on_message`).
// A handler must not let an exception escape (as for a `std::thread` function, that calls
// `std::terminate`): catch what you throw.
#ifndef SESSIONLINK_SOCKET_HPP
#define SESSIONLINK_SOCKET_HPP

#include <condition_variable>
#include <functional>
#include <mutex>

#include "models.hpp"

namespace sessionlink {

// One message from the server, borrowed for the duration of the `on_message` call that
// received it: neither copyable nor movable; copy out what you keep (each accessor does).
class SocketMessage {
 public:
  explicit SocketMessage(const sl_socket_message* m) noexcept : m_(m) {}
  SocketMessage(const SocketMessage&) = delete;
  SocketMessage& operator=(const SocketMessage&) = delete;

  // The kind (`MessageType`: "Playstate", "Play", "GeneralCommand", "Sessions", "KeepAlive",
  // or one this version does not know).
  std::string type() const { return sl_socket_message_type(m_); }
  std::optional<std::string> id() const { return detail::opt(sl_socket_message_id(m_)); }
  // Whether this version types the kind (others are delivered all the same).
  bool is_known() const noexcept { return sl_socket_message_is_known(m_); }
  // The whole envelope, and its `Data`, as JSON text (unknown kinds and fields included).
  std::string json() const { return sl_socket_message_json(m_); }
  std::optional<std::string> data_json() const { return detail::opt(sl_socket_message_data_json(m_)); }
  // A `Playstate` message: its command ("Pause", "Seek"...) and seek position.
  std::optional<std::string> playstate_command() const { return detail::opt(sl_socket_message_playstate_command(m_)); }
  std::optional<std::int64_t> seek_position_ticks() const {
    std::int64_t v = 0;
    return sl_socket_message_seek_position_ticks(m_, &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  // A `Play` message: its command ("PlayNow"...), item ids and start position.
  std::optional<std::string> play_command() const { return detail::opt(sl_socket_message_play_command(m_)); }
  std::vector<std::string> item_ids() const {
    std::vector<std::string> out;
    for (std::size_t i = 0, n = sl_socket_message_item_ids_len(m_); i < n; i++)
      if (const char* id = sl_socket_message_item_id(m_, i)) out.emplace_back(id);
    return out;
  }
  std::optional<std::int64_t> start_position_ticks() const {
    std::int64_t v = 0;
    return sl_socket_message_start_position_ticks(m_, &v) ? std::optional<std::int64_t>(v) : std::nullopt;
  }
  // A `GeneralCommand` message ("DisplayMessage", "SetVolume"...) and its named arguments.
  std::optional<std::string> command_name() const { return detail::opt(sl_socket_message_command_name(m_)); }
  std::optional<std::string> argument(std::string_view name) const {
    detail::CStr n(name, "name");
    return detail::opt(sl_socket_message_argument(m_, n.get()));
  }
  // A `Sessions` message's list (a copy that outlives the message); InvalidArgumentError for
  // other kinds.
  SessionList sessions() const {
    sl_session_list* out = nullptr;
    detail::ErrorSlot err;
    err.check(sl_socket_message_sessions(m_, &out, err.out()));
    return SessionList(out);
  }

 private:
  const sl_socket_message* m_;
};

// A connection event.
enum class SocketState : int {
  Connected = SL_SOCKET_CONNECTED,
  Reconnected = SL_SOCKET_RECONNECTED,
  Disconnected = SL_SOCKET_DISCONNECTED,
};

// What the socket calls. `on_message` is required.
struct SocketHandlers {
  std::function<void(const SocketMessage&)> on_message;
  // `reason` and `retry_in` are set for `Disconnected` only.
  std::function<void(SocketState state, std::string_view reason, std::chrono::milliseconds retry_in)> on_state;
  // Once, last: `Status::Ok` and no error after `close()`; `Cancelled` when the socket was
  // destroyed open; `Unauthorized`/`Forbidden` with the error when the server refused a
  // reconnect (a revoked token).
  std::function<void(Status status, const Error* error)> on_end;
};

// How a socket behaves; absent values take the C library's defaults (`sl_socket_options_init`).
struct SocketOptions {
  // `ClientCapabilitiesDto` JSON posted after every (re)connect.
  std::optional<std::string> capabilities_json;
  // Subscribe to `Sessions` pushes as soon as the socket opens.
  bool subscribe_sessions = false;
  std::optional<std::chrono::milliseconds> sessions_initial_delay, sessions_interval;
  // How many events may wait for the handlers (the socket stops reading past it).
  std::optional<std::size_t> buffer;
  std::optional<std::chrono::milliseconds> reconnect_initial, reconnect_max;
  std::optional<double> reconnect_factor;
};

namespace detail {

inline std::uint32_t millis32(std::chrono::milliseconds d, const char* name) {
  if (d.count() < 0 || d.count() > 0xffffffffLL) invalid(std::string(name) + " is out of range");
  return static_cast<std::uint32_t>(d.count());
}

// The C options of a SocketOptions; keeps the strings alive as long as it lives.
class CSocketOptions {
 public:
  explicit CSocketOptions(const SocketOptions& o) : caps_(o.capabilities_json, "capabilities_json") {
    sl_socket_options_init(&c_);
    c_.capabilities_json = caps_.get();
    c_.subscribe_sessions = o.subscribe_sessions;
    if (o.sessions_initial_delay) c_.sessions_initial_delay_ms = millis32(*o.sessions_initial_delay, "sessions_initial_delay");
    if (o.sessions_interval) c_.sessions_interval_ms = millis32(*o.sessions_interval, "sessions_interval");
    if (o.buffer) c_.buffer = *o.buffer;
    if (o.reconnect_initial) c_.reconnect_initial_ms = millis32(*o.reconnect_initial, "reconnect_initial");
    if (o.reconnect_max) c_.reconnect_max_ms = millis32(*o.reconnect_max, "reconnect_max");
    if (o.reconnect_factor) c_.reconnect_factor = *o.reconnect_factor;
  }
  const sl_socket_options* get() const noexcept { return &c_; }

 private:
  CStr caps_;
  sl_socket_options c_;
};

// What the C socket's `user_data` points at: the handlers, and the end for `Socket::wait`.
// Owned by the Socket, freed after `sl_socket_free` returned (no callback runs then).
struct SocketContext {
  SocketHandlers handlers;
  std::mutex lock;
  std::condition_variable ended_cv;
  std::optional<Status> end;

  static void on_message(void* user_data, const sl_socket_message* m) noexcept {
    auto* self = static_cast<SocketContext*>(user_data);
    SocketMessage message(m);
    self->handlers.on_message(message);  // noexcept: an escaping exception terminates
  }
  static void on_state(void* user_data, sl_socket_state state, const char* reason, std::uint64_t retry_in_ms) noexcept {
    auto* self = static_cast<SocketContext*>(user_data);
    if (self->handlers.on_state)
      self->handlers.on_state(static_cast<SocketState>(state), reason ? std::string_view(reason) : std::string_view(),
                              std::chrono::milliseconds(static_cast<std::int64_t>(retry_in_ms)));
  }
  static void on_end(void* user_data, sl_status status, const sl_error* error) noexcept {
    auto* self = static_cast<SocketContext*>(user_data);
    if (self->handlers.on_end) {
      if (status == SL_STATUS_OK) {
        self->handlers.on_end(Status::Ok, nullptr);
      } else {
        try {
          std::rethrow_exception(to_exception(status, error));
        } catch (const Error& e) {
          self->handlers.on_end(static_cast<Status>(status), &e);
        }
      }
    }
    std::lock_guard<std::mutex> guard(self->lock);
    self->end = static_cast<Status>(status);
    self->ended_cv.notify_all();
  }
};

}  // namespace detail

// An open session socket. Move-only. Destroying it closes it if open and waits until
// `on_end` has returned, so no handler runs afterwards (inside one of its own handlers it
// cannot wait: call `close()` there instead and let another thread destroy it).
class Socket {
 public:
  Socket(sl_socket* socket, std::unique_ptr<detail::SocketContext> context) noexcept
      : context_(std::move(context)), socket_(socket) {}
  Socket(Socket&&) noexcept = default;
  Socket& operator=(Socket&& o) noexcept {
    if (this != &o) {
      socket_ = std::move(o.socket_);  // frees ours first (waits for its on_end)...
      context_ = std::move(o.context_);  // ...then its handlers
    }
    return *this;
  }
  Socket(const Socket&) = delete;
  Socket& operator=(const Socket&) = delete;
  ~Socket() = default;  // members go in reverse order: the socket first, then its context

  // Closes it cleanly; `on_end` then gets `Status::Ok`. Any thread, handlers included.
  void close() const {
    detail::ErrorSlot err;
    err.check(sl_socket_close(socket_.get(), err.out()));
  }
  // `SessionsStart`: the server pushes the session list on session events.
  void subscribe_sessions(std::chrono::milliseconds initial_delay = std::chrono::milliseconds(0),
                          std::chrono::milliseconds interval = std::chrono::milliseconds(1000)) const {
    detail::ErrorSlot err;
    err.check(sl_socket_subscribe_sessions(socket_.get(), detail::millis32(initial_delay, "initial_delay"),
                                           detail::millis32(interval, "interval"), err.out()));
  }
  void unsubscribe_sessions() const {
    detail::ErrorSlot err;
    err.check(sl_socket_unsubscribe_sessions(socket_.get(), err.out()));
  }
  // Waits until the socket has ended (`on_end` has returned) and returns how it ended.
  Status wait() const {
    live();
    std::unique_lock<std::mutex> guard(context_->lock);
    context_->ended_cv.wait(guard, [&] { return context_->end.has_value(); });
    return *context_->end;
  }
  // As `wait`, giving up after `timeout` (then `std::nullopt`).
  template <typename Rep, typename Period>
  std::optional<Status> wait_for(const std::chrono::duration<Rep, Period>& timeout) const {
    live();
    std::unique_lock<std::mutex> guard(context_->lock);
    context_->ended_cv.wait_for(guard, timeout, [&] { return context_->end.has_value(); });
    return context_->end;
  }

 private:
  void live() const {
    if (!context_) detail::invalid("the socket was moved from");
  }
  // Declared first, destroyed last: the C socket must be freed while its handlers exist.
  std::unique_ptr<detail::SocketContext> context_;
  detail::Handle<sl_socket, sl_socket_free> socket_;
};

}  // namespace sessionlink

#endif
