// The asynchronous form: `_async` methods return a Pending<R> (a std::future and a cancel
// handle) fulfilled on a library thread; argument errors are thrown at once, failures come
// out of get() as the same exception classes, cancel() ends it with CancelledError.
#include <thread>

#include "harness.hpp"

using harness::FX;
using sessionlink::Status;

TEST(async_results_arrive_through_the_future) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  sessionlink::Pending<sessionlink::SessionList> pending = client.get_sessions_async();
  sessionlink::SessionList sessions = pending.get();
  CHECK(sessions.size() >= 2);
  sessionlink::Pending<void> done = client.send_general_command_async(FX.kitchen_session_id, "GoHome");
  done.get();
  CHECK(harness::control("commands " + FX.kitchen_session_id).find("GoHome") != std::string::npos);
  CHECK(client.ping_system_async().get() == "Jellyfin Server");
  CHECK(harness::g4().create_session_async(FX.g4_user, FX.g4_password).get().valid_credentials());
}

TEST(async_failures_rethrow_from_get) {
  auto client = harness::jellyfin();
  auto pending = client.authenticate_by_name_async(FX.admin_user, "wrong-password-plugh");
  CHECK_THROWS(sessionlink::UnauthorizedError, pending.get(), e, {
    CHECK(e.http_status() == 401);
    CHECK(e.request_sent());
    CHECK(std::string(e.what()).find("plugh") == std::string::npos);
  });
}

TEST(async_argument_errors_are_thrown_before_anything_is_sent) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  int before = std::stoi(harness::control("requests"));
  CHECK_THROWS(sessionlink::InvalidArgumentError, client.send_playstate_command_async(FX.kitchen_session_id, "Dance"),
               e, CHECK(!e.request_sent()));
  CHECK(std::stoi(harness::control("requests")) == before);
}

TEST(cancel_ends_the_future_with_cancelled) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  // The emulator would hold the request for 2 minutes: cancelling ends the future long before.
  CHECK(harness::control_ok("latency 120000"));
  auto pending = client.get_sessions_async();
  pending.cancel();
  pending.cancel();  // twice is harmless
  CHECK(pending.wait_for(std::chrono::seconds(60)) == std::future_status::ready);
  CHECK_THROWS(sessionlink::CancelledError, pending.get(), e, CHECK(e.status() == Status::Cancelled));
  CHECK(harness::control_ok("clear_faults"));
}

TEST(many_operations_in_flight_from_many_threads) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  std::vector<sessionlink::Pending<sessionlink::SessionList>> pending;
  for (int i = 0; i < 16; i++) pending.push_back(client.get_sessions_async());
  std::vector<std::thread> threads;
  std::vector<std::size_t> sizes(4);
  for (std::size_t t = 0; t < sizes.size(); t++)
    threads.emplace_back([&, t] { sizes[t] = client.get_sessions().size(); });
  for (auto& th : threads) th.join();
  for (auto& p : pending) CHECK(p.get().size() >= 2);
  for (std::size_t n : sizes) CHECK(n >= 2);
  // A future may be handed to code that takes std::future.
  std::future<std::string> f = client.ping_system_async().take_future();
  CHECK(f.get() == "Jellyfin Server");
}
