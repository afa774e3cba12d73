// Lists the sessions of a Jellyfin server (or the emulator), with what each plays.
//   sessionlink-cpp-sessions URL [USER PASSWORD]       (the emulator's alice/wonderland by default)
#include <iostream>

#include <sessionlink.hpp>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: " << argv[0] << " URL [USER PASSWORD]\n";
    return 2;
  }
  try {
    sessionlink::JellyfinOptions options;
    options.base_url = argv[1];
    options.device_name = "sessionlink C++ example";
    options.device_id = "sessionlink-cpp-sessions-example";
    options.client_name = "sessionlink-cpp-example";
    sessionlink::JellyfinClient client(options);
    client.authenticate_by_name(argc > 3 ? argv[2] : "alice", argc > 3 ? argv[3] : "wonderland");
    for (const sessionlink::Session& s : client.get_sessions()) {
      std::cout << s.device_name().value_or("?") << " (" << s.client().value_or("?") << ")";
      if (auto item = s.now_playing_item_name())
        std::cout << ": " << (s.is_paused() ? "paused on " : "playing ") << *item;
      std::cout << "\n";
    }
    return 0;
  } catch (const sessionlink::Error& e) {
    std::cerr << "error (" << e.kind() << ", HTTP " << e.http_status() << ", "
              << (e.request_sent() ? "sent" : "not sent") << "): " << e.what() << "\n";
    return 1;
  }
}
