// A remote-controllable player: logs in, becomes controllable (Audio and Video,
// DisplayMessage), prints every command it receives and reports its playback.
//   sessionlink-cpp-player URL [USER PASSWORD]     runs until the socket ends
//   sessionlink-cpp-player URL --demo ITEM_ID      plays ITEM_ID; a second client (the
//       emulator's alice) pauses it and sends it a message, which the player receives live;
//       then it closes its socket cleanly and exits.
// The defaults are the emulator's bob/builder.
#include <condition_variable>
#include <cstring>
#include <iostream>
#include <mutex>

#include <sessionlink.hpp>

namespace {

const char* const kDevice = "sessionlink-cpp-player-example";

sessionlink::JellyfinClient login(const std::string& url, const std::string& device, const std::string& user,
                                  const std::string& password) {
  sessionlink::JellyfinOptions o;
  o.base_url = url;
  o.device_name = device;
  o.device_id = device;
  o.client_name = "sessionlink-cpp-example";
  sessionlink::JellyfinClient client(o);
  client.authenticate_by_name(user, password);
  return client;
}

// What the player shows and reports; the socket's handlers run on its own thread.
class Player {
 public:
  explicit Player(sessionlink::JellyfinClient& client) : client_(client) {}

  void play(const std::string& item) {
    item_ = item;
    client_.report_playback_start(info(false));
  }

  sessionlink::SocketHandlers handlers() {
    sessionlink::SocketHandlers h;
    h.on_message = [this](const sessionlink::SocketMessage& m) { on_message(m); };
    h.on_state = [](sessionlink::SocketState state, std::string_view reason, std::chrono::milliseconds retry) {
      if (state == sessionlink::SocketState::Disconnected)
        std::cout << "player: disconnected (" << reason << "), retrying in " << retry.count() << " ms" << std::endl;
      else
        std::cout << "player: " << (state == sessionlink::SocketState::Connected ? "connected, controllable" : "reconnected")
                  << std::endl;
    };
    h.on_end = [](sessionlink::Status status, const sessionlink::Error* error) {
      std::cout << "player: socket ended: " << sessionlink::status_name(status)
                << (error ? std::string(": ") + error->what() : std::string()) << std::endl;
    };
    return h;
  }

  // Waits (up to a minute) until the player has seen a pause and a message.
  bool wait_for_demo() {
    std::unique_lock<std::mutex> g(lock_);
    return changed_.wait_for(g, std::chrono::minutes(1), [&] { return pauses_ > 0 && messages_ > 0; });
  }

 private:
  std::string info(bool stopped) const {
    std::string json = "{\"ItemId\":\"" + item_ + "\",\"PositionTicks\":0,\"PlaySessionId\":\"cpp-example\"";
    if (!stopped) json += std::string(",\"IsPaused\":") + (paused_ ? "true" : "false");
    return json + "}";
  }

  // Blocking calls (the reports) are allowed on the socket's thread. A handler must not
  // throw: a failed report is printed instead.
  void on_message(const sessionlink::SocketMessage& m) {
    try {
      if (auto command = m.playstate_command()) {
        std::cout << "player: " << *command << std::endl;
        if (*command == "Pause") paused_ = true;
        if (*command == "Unpause") paused_ = false;
        if (!item_.empty()) {
          if (*command == "Stop")
            client_.report_playback_stopped(info(true));
          else
            client_.report_playback_progress(info(false));
        }
        std::lock_guard<std::mutex> g(lock_);
        pauses_ += *command == "Pause";
      } else if (auto name = m.command_name()) {
        if (*name == "DisplayMessage")
          std::cout << "player: message: " << m.argument("Header").value_or("") << ": " << m.argument("Text").value_or("")
                    << std::endl;
        else
          std::cout << "player: command " << *name << std::endl;
        std::lock_guard<std::mutex> g(lock_);
        messages_ += *name == "DisplayMessage";
      } else if (auto play = m.play_command()) {
        std::cout << "player: " << *play << " " << m.item_ids().size() << " item(s)" << std::endl;
      }
    } catch (const sessionlink::Error& e) {
      std::cerr << "player: " << e.what() << std::endl;
    }
    changed_.notify_all();
  }

  sessionlink::JellyfinClient& client_;
  std::string item_;
  bool paused_ = false;
  std::mutex lock_;
  std::condition_variable changed_;
  int pauses_ = 0, messages_ = 0;
};

// The demo's controller: finds the player's session, pauses it, sends it a message.
void control(const std::string& url) {
  auto controller = login(url, "sessionlink-cpp-controller-example", "alice", "wonderland");
  auto sessions = controller.get_sessions(std::nullopt, kDevice);
  if (sessions.size() != 1) throw std::runtime_error("the player's session is not there");
  std::string id = *sessions.at(0).id();
  controller.send_playstate_command(id, sessionlink::PlaystateCommand::Pause);
  controller.send_message_command(id, "Controller", "Hello from the controller", 5000);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " URL [USER PASSWORD | --demo ITEM_ID]\n";
    return 2;
  }
  std::string url = argv[1];
  bool demo = argc > 3 && std::strcmp(argv[2], "--demo") == 0;
  try {
    auto client = login(url, kDevice, !demo && argc > 3 ? argv[2] : "bob", !demo && argc > 3 ? argv[3] : "builder");
    Player player(client);
    using sessionlink::MediaType;
    sessionlink::Socket socket = client.become_controllable(
        {MediaType::Audio, MediaType::Video}, {sessionlink::GeneralCommandType::DisplayMessage}, player.handlers());
    if (!demo) {
      socket.wait();
      return 0;
    }
    player.play(argv[3]);
    control(url);
    if (!player.wait_for_demo()) throw std::runtime_error("the player did not receive the commands");
    socket.close();
    socket.wait();
    std::cout << "demo: ok" << std::endl;
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "player: " << e.what() << "\n";
    return 1;
  }
}
