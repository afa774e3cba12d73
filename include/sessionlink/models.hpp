// sessionlink C++17 API, hand-written: the result types of the operations whose C result
// objects are written by hand in bindings-c (sessions, logins, provider lists). The result
// types generated from core's models are in sessionlink.hpp.
//
// The choice: accessor classes over the C result objects, not copies into structs. A result
// owns its C object (move-only, freed once); each accessor copies one field out as a value
// (`std::string`, `std::optional<...>` where the server may leave it out). `json()` gives the
// whole result with nothing left out (unknown fields included). A `Session` read from a list
// shares ownership of the list, so it stays valid on its own.
#ifndef SESSIONLINK_MODELS_HPP
#define SESSIONLINK_MODELS_HPP

#include "core.hpp"

namespace sessionlink {

namespace detail {
template <typename T>
std::optional<T> out_value(bool (*get)(const sl_session*, T*), const sl_session* s) {
  T v{};
  return get(s, &v) ? std::optional<T>(v) : std::nullopt;
}
}  // namespace detail

// One session (`SessionInfoDto`). A cheap copyable view that keeps the list (or login
// result) it came from alive.
class Session {
 public:
  Session(std::shared_ptr<const void> owner, const sl_session* s) noexcept : owner_(std::move(owner)), s_(s) {}
  std::optional<std::string> id() const { return detail::opt(sl_session_id(s_)); }
  std::optional<std::string> user_id() const { return detail::opt(sl_session_user_id(s_)); }
  std::optional<std::string> user_name() const { return detail::opt(sl_session_user_name(s_)); }
  std::optional<std::string> client() const { return detail::opt(sl_session_client(s_)); }
  std::optional<std::string> device_name() const { return detail::opt(sl_session_device_name(s_)); }
  std::optional<std::string> device_id() const { return detail::opt(sl_session_device_id(s_)); }
  std::optional<std::string> application_version() const { return detail::opt(sl_session_application_version(s_)); }
  // ISO 8601 text, as the server sent it.
  std::optional<std::string> last_activity_date() const { return detail::opt(sl_session_last_activity_date(s_)); }
  bool supports_remote_control() const noexcept { return sl_session_supports_remote_control(s_); }
  bool supports_media_control() const noexcept { return sl_session_supports_media_control(s_); }
  // What it plays (`NowPlayingItem`), absent when nothing.
  std::optional<std::string> now_playing_item_id() const { return detail::opt(sl_session_now_playing_item_id(s_)); }
  std::optional<std::string> now_playing_item_name() const {
    return detail::opt(sl_session_now_playing_item_name(s_));
  }
  std::optional<std::string> now_playing_item_type() const {
    return detail::opt(sl_session_now_playing_item_type(s_));
  }
  std::optional<std::int64_t> now_playing_item_run_time_ticks() const {
    return detail::out_value<std::int64_t>(sl_session_now_playing_item_run_time_ticks, s_);
  }
  // Its `PlayState` (ticks: 10,000 per millisecond).
  std::optional<std::int64_t> position_ticks() const {
    return detail::out_value<std::int64_t>(sl_session_position_ticks, s_);
  }
  bool is_paused() const noexcept { return sl_session_is_paused(s_); }
  bool is_muted() const noexcept { return sl_session_is_muted(s_); }
  std::optional<std::int32_t> volume_level() const { return detail::out_value<std::int32_t>(sl_session_volume_level, s_); }
  // The whole session as the server's JSON (unknown fields included).
  std::string json() const {
    return detail::string_of(sl_session_json, s_);
  }

 private:
  std::shared_ptr<const void> owner_;
  const sl_session* s_;
};

// The sessions of `get_sessions` (and of a socket's `Sessions` message). Move-only owner;
// iterate it with a range `for`, each element a `Session`.
class SessionList {
 public:
  explicit SessionList(sl_session_list* list) : list_(list, sl_session_list_free) {}
  SessionList(SessionList&&) noexcept = default;
  SessionList& operator=(SessionList&&) noexcept = default;
  SessionList(const SessionList&) = delete;
  SessionList& operator=(const SessionList&) = delete;

  std::size_t size() const noexcept { return sl_session_list_len(list_.get()); }
  bool empty() const noexcept { return size() == 0; }
  // The session at `index`; `std::out_of_range` past the end.
  Session at(std::size_t index) const {
    const sl_session* s = sl_session_list_get(list_.get(), index);
    if (!s) throw std::out_of_range("sessionlink::SessionList::at: index " + std::to_string(index));
    return Session(list_, s);
  }
  Session operator[](std::size_t index) const { return at(index); }
  // The whole list as the server's JSON.
  std::string json() const {
    return detail::string_of(sl_session_list_json, list_.get());
  }

  class iterator {
   public:
    using value_type = Session;
    using difference_type = std::ptrdiff_t;
    using reference = Session;
    using pointer = void;
    using iterator_category = std::input_iterator_tag;
    iterator(const SessionList* list, std::size_t i) noexcept : list_(list), i_(i) {}
    Session operator*() const { return list_->at(i_); }
    iterator& operator++() noexcept {
      ++i_;
      return *this;
    }
    bool operator==(const iterator& o) const noexcept { return i_ == o.i_; }
    bool operator!=(const iterator& o) const noexcept { return i_ != o.i_; }

   private:
    const SessionList* list_;
    std::size_t i_;
  };
  iterator begin() const noexcept { return iterator(this, 0); }
  iterator end() const noexcept { return iterator(this, size()); }

 private:
  std::shared_ptr<sl_session_list> list_;
};

// The result of `authenticate_by_name`. Move-only. The client already keeps the token.
class AuthResult {
 public:
  explicit AuthResult(sl_auth_result* r) : r_(r, sl_auth_result_free) {}
  AuthResult(AuthResult&&) noexcept = default;
  AuthResult& operator=(AuthResult&&) noexcept = default;
  AuthResult(const AuthResult&) = delete;
  AuthResult& operator=(const AuthResult&) = delete;

  // A credential: keep it as secret as a password.
  std::optional<std::string> access_token() const { return detail::opt(sl_auth_result_access_token(r_.get())); }
  std::optional<std::string> user_id() const { return detail::opt(sl_auth_result_user_id(r_.get())); }
  std::optional<std::string> user_name() const { return detail::opt(sl_auth_result_user_name(r_.get())); }
  std::optional<std::string> server_id() const { return detail::opt(sl_auth_result_server_id(r_.get())); }
  bool is_administrator() const noexcept { return sl_auth_result_is_administrator(r_.get()); }
  // The session the login created.
  std::optional<Session> session() const {
    const sl_session* s = sl_auth_result_session(r_.get());
    return s ? std::optional<Session>(Session(r_, s)) : std::nullopt;
  }
  std::string json() const {
    return detail::string_of(sl_auth_result_json, r_.get());
  }

 private:
  std::shared_ptr<sl_auth_result> r_;
};

// A name/id pair (authentication providers). A plain value.
struct NameIdPair {
  std::optional<std::string> name;
  std::optional<std::string> id;
};

// The result of `create_session` (G4). Move-only.
class G4Login {
 public:
  explicit G4Login(sl_g4_login* l) noexcept : l_(l) {}
  // The session id, which is also the bearer: a credential.
  std::optional<std::string> session_id() const { return detail::opt(sl_g4_login_session_id(l_.get())); }
  std::optional<std::string> bearer() const { return detail::opt(sl_g4_login_bearer(l_.get())); }
  std::optional<std::string> username() const { return detail::opt(sl_g4_login_username(l_.get())); }
  std::optional<std::string> fullname() const { return detail::opt(sl_g4_login_fullname(l_.get())); }
  std::optional<std::string> email() const { return detail::opt(sl_g4_login_email(l_.get())); }
  std::optional<std::int32_t> user_id() const {
    std::int32_t v = 0;
    return sl_g4_login_user_id(l_.get(), &v) ? std::optional<std::int32_t>(v) : std::nullopt;
  }
  bool valid_credentials() const noexcept { return sl_g4_login_valid_credentials(l_.get()); }
  bool access_allowed() const noexcept { return sl_g4_login_access_allowed(l_.get()); }
  std::string json() const {
    return detail::string_of(sl_g4_login_json, l_.get());
  }

 private:
  detail::Handle<sl_g4_login, sl_g4_login_free> l_;
};

// The result of `get_session` and `get_static_session` (G4). Move-only.
class G4Session {
 public:
  explicit G4Session(sl_g4_session* s) noexcept : s_(s) {}
  std::optional<std::string> bearer() const { return detail::opt(sl_g4_session_bearer(s_.get())); }
  std::int32_t user_id() const noexcept { return sl_g4_session_user_id(s_.get()); }
  // The session's data document, as JSON text.
  std::string data_json() const {
    return detail::string_of(sl_g4_session_data_json, s_.get());
  }
  std::string json() const {
    return detail::string_of(sl_g4_session_json, s_.get());
  }

 private:
  detail::Handle<sl_g4_session, sl_g4_session_free> s_;
};

namespace detail {
// The conversions of the C result objects into these types (the generated operations name
// them): each takes the object.
inline SessionList convert_session_list(sl_session_list* l) { return SessionList(l); }
inline std::optional<Session> convert_optional_session(sl_session_list* l) {
  SessionList list(l);
  return list.empty() ? std::nullopt : std::optional<Session>(list.at(0));
}
inline Session convert_session(sl_session_list* l) {
  SessionList list(l);
  if (list.empty()) throw DecodeError(Status::Decode, "the response held no session");
  return list.at(0);
}
inline AuthResult convert_auth_result(sl_auth_result* r) { return AuthResult(r); }
inline std::vector<NameIdPair> convert_name_id_pairs(sl_name_id_list* l) {
  Handle<sl_name_id_list, sl_name_id_list_free> list(l);
  std::vector<NameIdPair> out;
  for (std::size_t i = 0, n = sl_name_id_list_len(l); i < n; i++)
    out.push_back(NameIdPair{opt(sl_name_id_list_name(l, i)), opt(sl_name_id_list_id(l, i))});
  return out;
}
inline G4Login convert_g4_login(sl_g4_login* l) { return G4Login(l); }
inline G4Session convert_g4_session(sl_g4_session* s) { return G4Session(s); }
}  // namespace detail

}  // namespace sessionlink

#endif
