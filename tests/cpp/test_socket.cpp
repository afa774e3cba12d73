// The session socket with std::function handlers: a controllable player receives a command
// sent by another client, and ends exactly once, cleanly, when closed or destroyed.
#include <atomic>

#include "harness.hpp"

using harness::FX;
using sessionlink::Status;

namespace {
struct Seen {
  std::mutex lock;
  std::vector<std::string> commands, texts;
  harness::Event command, ended;
  std::atomic<int> connected{0}, ends{0}, after_end{0};
  Status end_status = Status::Internal;
  bool end_error = true;

  sessionlink::SocketHandlers handlers() {
    sessionlink::SocketHandlers h;
    h.on_message = [this](const sessionlink::SocketMessage& m) {
      if (ends) after_end++;
      std::lock_guard<std::mutex> g(lock);
      if (auto c = m.playstate_command()) {
        commands.push_back(*c);
        command.set();
      }
      if (m.command_name() == "DisplayMessage") {
        texts.push_back(m.argument("Text").value_or(""));
        command.set();
      }
    };
    h.on_state = [this](sessionlink::SocketState s, std::string_view, std::chrono::milliseconds) {
      if (s == sessionlink::SocketState::Connected) connected++;
    };
    h.on_end = [this](Status status, const sessionlink::Error* error) {
      ends++;
      end_status = status;
      end_error = error != nullptr;
      ended.set();
    };
    return h;
  }
};

std::string session_of(const sessionlink::JellyfinClient& controller, const std::string& device) {
  auto sessions = controller.get_sessions(std::nullopt, device);
  return sessions.empty() ? "" : sessions.at(0).id().value_or("");
}
}  // namespace

TEST(a_controllable_player_receives_a_command_and_closes_cleanly) {
  auto player = harness::login(FX.user, FX.user_password, "cpp-socket-player");
  auto controller = harness::login(FX.admin_user, FX.admin_password, "cpp-socket-controller");
  auto seen = std::make_unique<Seen>();
  sessionlink::Socket socket = player.become_controllable({"Audio", "Video"}, {"DisplayMessage"}, seen->handlers());
  std::string id = session_of(controller, "cpp-socket-player");
  CHECK(!id.empty());
  controller.send_playstate_command(id, "Pause");
  CHECK(seen->command.wait());
  CHECK(seen->connected == 1);  // handlers run in order: the connection came first
  {
    std::lock_guard<std::mutex> g(seen->lock);
    CHECK(seen->commands == std::vector<std::string>{"Pause"});
  }
  socket.close();
  CHECK(socket.wait() == Status::Ok);
  CHECK(seen->ends == 1 && seen->end_status == Status::Ok && !seen->end_error);
  socket.close();  // closing again does nothing
  CHECK(seen->after_end == 0);
}

TEST(a_socket_destroyed_open_ends_once_with_cancelled) {
  auto player = harness::login(FX.user, FX.user_password, "cpp-socket-dropped");
  auto seen = std::make_unique<Seen>();
  {
    sessionlink::Socket socket = player.open_socket(seen->handlers());
  }  // destroying it closes it and waits for on_end
  CHECK(seen->ends == 1);
  CHECK(seen->end_status == Status::Cancelled && seen->end_error);
}

TEST(a_moved_socket_keeps_its_handlers) {
  auto player = harness::login(FX.user, FX.user_password, "cpp-socket-moved");
  auto controller = harness::login(FX.admin_user, FX.admin_password, "cpp-socket-controller");
  auto seen = std::make_unique<Seen>();
  sessionlink::Socket first = player.become_controllable({"Audio"}, {"DisplayMessage"}, seen->handlers());
  sessionlink::Socket moved(std::move(first));
  CHECK_THROWS(sessionlink::InvalidArgumentError, first.close(), e, CHECK(e.status() == Status::NullArgument));
  CHECK_THROWS(sessionlink::InvalidArgumentError, first.wait(), e, (void)e);
  controller.send_message_command(session_of(controller, "cpp-socket-moved"), "Note", "Hello from C++", 1000);
  CHECK(seen->command.wait());
  {
    std::lock_guard<std::mutex> g(seen->lock);
    CHECK(seen->texts == std::vector<std::string>{"Hello from C++"});
  }
  auto other_seen = std::make_unique<Seen>();
  sessionlink::Socket other = player.open_socket(other_seen->handlers());
  other = std::move(moved);  // frees `other`'s socket (its on_end ran), keeps ours
  CHECK(other_seen->ends == 1 && other_seen->end_status == Status::Cancelled);
  CHECK(seen->ends == 0);
  other.close();
  CHECK(other.wait() == Status::Ok && seen->ends == 1);
}

TEST(socket_bad_input_is_refused_and_no_handler_runs) {
  auto player = harness::login(FX.user, FX.user_password, "cpp-socket-bad");
  auto seen = std::make_unique<Seen>();
  sessionlink::SocketHandlers none;
  CHECK_THROWS(sessionlink::InvalidArgumentError, player.open_socket(none), e, (void)e);
  sessionlink::SocketOptions o;
  o.capabilities_json = "{nope";
  CHECK_THROWS(sessionlink::InvalidArgumentError, player.open_socket(seen->handlers(), o), e, (void)e);
  CHECK_THROWS(sessionlink::InvalidArgumentError,
               player.become_controllable({"Audio"}, {"NotACommand"}, seen->handlers()), e,
               CHECK(std::string(e.what()).find("NotACommand") != std::string::npos));
  // Without a token the server refuses the socket.
  auto anonymous = harness::jellyfin("cpp-socket-anonymous");
  CHECK_THROWS(sessionlink::Error, anonymous.open_socket(seen->handlers()), e, CHECK(!e.message().empty()));
  CHECK(seen->connected == 0 && seen->ends == 0);
}
