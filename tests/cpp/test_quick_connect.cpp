// Quick Connect from C++: the one-call flow, blocking and async, with the code handed to a
// std::function; approval by another client, the server's refusal, and cancelling the wait.
#include <memory>

#include "harness.hpp"

using harness::FX;

namespace {
// What on_code received; shared with the handler, which may outlive a failed test.
struct Code {
  std::mutex lock;
  std::string code;
  int calls = 0;
  harness::Event seen;
};
std::function<void(std::string_view)> recorder(const std::shared_ptr<Code>& c) {
  return [c](std::string_view code) {
    {
      std::lock_guard<std::mutex> g(c->lock);
      c->code = std::string(code);
      c->calls++;
    }
    c->seen.set();
  };
}
}  // namespace

TEST(quick_connect_async_is_approved_by_another_client) {
  auto device = harness::jellyfin("cpp-quick-connect");
  auto alice = harness::login(FX.admin_user, FX.admin_password);
  auto code = std::make_shared<Code>();
  auto pending = device.quick_connect_async(recorder(code), std::chrono::minutes(1), std::chrono::milliseconds(20));
  CHECK(code->seen.wait());
  std::string shown;
  {
    std::lock_guard<std::mutex> g(code->lock);
    shown = code->code;
  }
  CHECK(shown.size() == 6);
  CHECK(alice.authorize_quick_connect(shown));
  sessionlink::AuthResult result = pending.get();
  CHECK(result.user_id() == FX.admin_id);
  CHECK(device.has_token() && device.user_id() == FX.admin_id);
  CHECK(code->calls == 1);
}

TEST(quick_connect_blocks_until_approved) {
  auto device = harness::jellyfin("cpp-quick-connect-blocking");
  // on_code runs on a library thread: no sessionlink call there, the emulator's control is fine.
  auto approved = std::make_shared<bool>(false);
  sessionlink::AuthResult result = device.quick_connect(
      [approved](std::string_view code) {
        *approved = harness::control_ok("approve_quick_connect " + std::string(code) + " " + FX.user_id);
      },
      std::chrono::minutes(1), std::chrono::milliseconds(20));
  CHECK(*approved);
  CHECK(result.user_id() == FX.user_id);
}

TEST(quick_connect_refused_or_cancelled) {
  auto device = harness::jellyfin("cpp-quick-connect-refused");
  CHECK(harness::control_ok("quick_connect off"));
  auto code = std::make_shared<Code>();
  CHECK_THROWS(sessionlink::UnauthorizedError, device.quick_connect(recorder(code)), e, CHECK(e.request_sent()));
  CHECK(harness::control_ok("quick_connect on"));
  CHECK(code->calls == 0);  // refused before a code was made

  auto pending = device.quick_connect_async(recorder(code), std::chrono::minutes(1), std::chrono::milliseconds(20));
  CHECK(code->seen.wait());
  pending.cancel();
  CHECK_THROWS(sessionlink::CancelledError, pending.get(), e, (void)e);
  CHECK(!device.has_token());
  // Bad input: a duration beyond what the C API takes.
  CHECK_THROWS(sessionlink::InvalidArgumentError, device.quick_connect(recorder(code), std::chrono::hours(24 * 365)), e,
               CHECK(std::string(e.what()).find("timeout") != std::string::npos));
}
