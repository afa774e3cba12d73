// Ownership: every handle type is move-only; a moved-from client fails with a clear error,
// results outlive what they came from, and the log handler receives records without secrets.
#include <type_traits>

#include "harness.hpp"

using harness::FX;
using sessionlink::Status;

static_assert(!std::is_copy_constructible_v<sessionlink::JellyfinClient>);
static_assert(!std::is_copy_assignable_v<sessionlink::G4Client>);
static_assert(std::is_nothrow_move_constructible_v<sessionlink::JellyfinClient>);
static_assert(std::is_nothrow_move_assignable_v<sessionlink::G4Client>);
static_assert(!std::is_copy_constructible_v<sessionlink::SessionList>);
static_assert(!std::is_copy_constructible_v<sessionlink::AuthResult>);
static_assert(!std::is_copy_constructible_v<sessionlink::G4Login>);
static_assert(!std::is_copy_constructible_v<sessionlink::PublicSystemInfo>);
static_assert(!std::is_copy_constructible_v<sessionlink::Socket>);
static_assert(!std::is_copy_constructible_v<sessionlink::Pending<void>>);
static_assert(std::is_nothrow_move_constructible_v<sessionlink::Socket>);
static_assert(std::is_copy_constructible_v<sessionlink::Session>);  // a view that shares its list

TEST(a_moved_client_works_and_its_husk_fails_clearly) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  sessionlink::JellyfinClient moved(std::move(client));
  CHECK(moved.get_sessions().size() >= 2);
  CHECK_THROWS(sessionlink::InvalidArgumentError, client.get_sessions(), e, {
    CHECK(e.status() == Status::NullArgument);
    CHECK(!e.request_sent());
  });
  CHECK(!client.has_token());
  sessionlink::JellyfinClient other = harness::jellyfin("cpp-moves-other");
  other = std::move(moved);  // frees other's client
  CHECK(other.has_token() && other.get_sessions().size() >= 2);
}

TEST(a_session_outlives_its_list) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  std::optional<sessionlink::Session> kept;
  {
    sessionlink::SessionList list = client.get_sessions();
    sessionlink::SessionList moved = std::move(list);
    CHECK(list.size() == 0);  // a moved-from list is empty
    for (const auto& s : moved)
      if (s.id() == FX.kitchen_session_id) kept = s;
  }
  CHECK(kept && kept->device_name() == "Kitchen Speaker");
  std::optional<sessionlink::Session> mine;
  {
    auto auth = harness::jellyfin("cpp-moves-auth").authenticate_by_name(FX.user, FX.user_password);
    mine = auth.session();
  }
  CHECK(mine && mine->device_id() == "cpp-moves-auth");
}

TEST(a_pending_operation_moves) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  auto first = client.get_sessions_async();
  sessionlink::Pending<sessionlink::SessionList> second(std::move(first));
  CHECK(!first.valid() && second.valid());
  CHECK(second.get().size() >= 2);
  // Dropped without waiting: the operation completes on its own, nothing leaks.
  (void)client.get_sessions_async();
}

TEST(the_log_handler_receives_records_without_secrets) {
  struct Records {
    std::mutex lock;
    std::vector<std::string> lines;
  };
  auto records = std::make_shared<Records>();
  sessionlink::set_log_handler(
      [records](sessionlink::LogLevel, std::string_view target, std::string_view message) {
        std::lock_guard<std::mutex> g(records->lock);
        records->lines.push_back(std::string(target) + ": " + std::string(message));
      },
      sessionlink::LogLevel::Debug);
  auto client = harness::jellyfin("cpp-log");
  client.authenticate_by_name(FX.admin_user, FX.admin_password);
  client.get_sessions();
  sessionlink::set_log_handler(nullptr);
  std::size_t seen;
  {
    std::lock_guard<std::mutex> g(records->lock);
    seen = records->lines.size();
    bool transport = false;
    for (const auto& l : records->lines) {
      CHECK(l.find(FX.admin_password) == std::string::npos);
      if (l.rfind("sessionlink::transport", 0) == 0) transport = true;
    }
    CHECK(transport);
  }
  client.get_sessions();  // after the handler was removed: nothing more arrives
  std::lock_guard<std::mutex> g(records->lock);
  CHECK(records->lines.size() == seen);
}
