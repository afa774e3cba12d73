// Failures as C++ exceptions: the class of each error kind, its status number, HTTP status,
// whether the request was sent, and the server's message; bad input refused before any I/O.
#include "harness.hpp"

using harness::FX;
using sessionlink::Status;

static int requests() { return std::stoi(harness::control("requests")); }

TEST(not_found_is_a_not_found_error_that_was_sent) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  CHECK_THROWS(sessionlink::NotFoundError,
               client.send_playstate_command("0123456789abcdef0123456789abcdef", "Pause"), e, {
                 CHECK(e.status() == Status::NotFound);
                 CHECK(e.kind() == "not_found");
                 CHECK(e.http_status() == 404);
                 CHECK(e.request_sent());
                 CHECK(!e.message().empty());
               });
}

TEST(a_wrong_password_is_unauthorized_and_not_echoed) {
  auto client = harness::jellyfin();
  CHECK_THROWS(sessionlink::UnauthorizedError, client.authenticate_by_name(FX.admin_user, "not-the-password-xyzzy"),
               e, {
                 CHECK(e.status() == Status::Unauthorized);
                 CHECK(e.http_status() == 401);
                 CHECK(e.request_sent());
                 CHECK(std::string(e.what()).find("xyzzy") == std::string::npos);
               });
  // Every class is a sessionlink::Error and a std::exception.
  CHECK_THROWS(sessionlink::Error, client.authenticate_by_name(FX.admin_user, "nope"), e,
               CHECK(e.kind() == "unauthorized"));
  CHECK_THROWS(std::exception, client.get_sessions(), e, (void)e);
}

TEST(bad_input_is_refused_before_anything_is_sent) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  int before = requests();
  CHECK_THROWS(sessionlink::InvalidArgumentError, client.send_playstate_command(FX.living_room_session_id, "Dance"), e,
               {
                 CHECK(e.status() == Status::InvalidArgument);
                 CHECK(e.http_status() == 0);
                 CHECK(!e.request_sent());
                 CHECK(std::string(e.what()).find("Pause") != std::string::npos);
               });
  // A NUL inside a std::string_view would cut the C string: refused, naming the argument.
  CHECK_THROWS(sessionlink::InvalidArgumentError,
               client.send_general_command(std::string_view("abc\0def", 7), "GoHome"), e,
               CHECK(std::string(e.what()).find("session_id contains a NUL byte") != std::string::npos));
  const char* no_name = nullptr;
  CHECK_THROWS(sessionlink::InvalidArgumentError, client.send_playstate_command(FX.living_room_session_id, no_name), e,
               CHECK(!e.request_sent()));
  CHECK_THROWS(sessionlink::InvalidArgumentError, client.report_playback_start("{not json"), e,
               CHECK(!e.request_sent()));
  // A required list left out.
  CHECK_THROWS(sessionlink::InvalidArgumentError, client.play(FX.kitchen_session_id, "PlayNow", {}), e,
               CHECK(e.status() == Status::NullArgument));
  CHECK(requests() == before);
  // Options are checked when the client is made.
  sessionlink::JellyfinOptions o;
  o.base_url = "not a url";
  CHECK_THROWS(sessionlink::InvalidArgumentError, sessionlink::JellyfinClient(o), e, (void)e);
  o.base_url = FX.url;
  o.transport.request_timeout = std::chrono::milliseconds(0);
  CHECK_THROWS(sessionlink::InvalidArgumentError, sessionlink::JellyfinClient(o), e, (void)e);
}

TEST(connection_refused_is_a_connect_error_that_was_not_sent) {
  sessionlink::JellyfinOptions o;
  o.base_url = "http://127.0.0.1:" + std::to_string(harness::closed_port());
  o.token = FX.api_key;
  sessionlink::JellyfinClient client(o);
  CHECK_THROWS(sessionlink::ConnectError, client.get_sessions(), e, {
    CHECK(e.status() == Status::Connect);
    CHECK(e.kind() == "connect");
    CHECK(!e.request_sent());
    CHECK(e.http_status() == 0);
    CHECK(std::string(e.what()).find(FX.api_key) == std::string::npos);
  });
}

TEST(an_unreachable_proxy_is_a_proxy_error_that_was_not_sent) {
  sessionlink::JellyfinOptions o;
  o.base_url = FX.url;
  o.token = FX.api_key;
  o.transport.proxy = "http://user:hunter2@127.0.0.1:" + std::to_string(harness::closed_port());
  sessionlink::JellyfinClient client(o);
  int before = requests();
  CHECK_THROWS(sessionlink::ProxyError, client.get_sessions(), e, {
    CHECK(e.status() == Status::Proxy);
    CHECK(e.kind() == "proxy");
    CHECK(!e.request_sent());
    CHECK(std::string(e.what()).find("hunter2") == std::string::npos);
  });
  // A ProxyError is a ConnectError, as in Python; and the option really reached the client:
  // without it the same client configuration talks to the emulator directly.
  CHECK_THROWS(sessionlink::ConnectError, client.get_sessions(), e, (void)e);
  CHECK(requests() == before);
  o.transport.proxy.reset();
  o.transport.proxy_from_env = false;
  sessionlink::JellyfinClient direct(o);
  direct.get_sessions();
  CHECK(requests() == before + 1);
}

TEST(server_statuses_map_to_their_classes) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  CHECK(harness::control_ok("status 400 bad things"));
  CHECK_THROWS(sessionlink::BadRequestError, client.get_sessions(), e, CHECK(e.http_status() == 400));
  CHECK(harness::control_ok("unavailable 7"));
  CHECK_THROWS(sessionlink::ServerError, client.get_sessions(), e, {
    CHECK(e.http_status() == 503);
    CHECK(e.retry_after() == std::chrono::milliseconds(7000));
  });
  CHECK(harness::control_ok("status 200 this is not json"));
  CHECK_THROWS(sessionlink::DecodeError, client.get_sessions(), e, CHECK(e.status() == Status::Decode));
  CHECK(harness::control_ok("status 409"));
  CHECK_THROWS(sessionlink::HttpError, client.get_sessions(), e, CHECK(e.http_status() == 409));
  client.get_sessions();  // the next call works
}
