// The cross-language call script, C++ side (see tests/cross/run.sh): the same calls, with the
// same arguments and identity, that same_calls.c makes, through sessionlink.hpp. Every call of
// this file must succeed; the G4 session id is printed for the comparison.
//   same_calls_cpp URL G4_URL TV EPISODE MOVIE BOB API_KEY TENANT G4_USER G4_PASSWORD
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "sessionlink.hpp"

namespace {

// A fixture of the emulator, from the environment run.sh sets (SL_FX_<api>_<key>).
const char* fx(const char* api, const char* key) {
  std::string name = std::string("SL_FX_") + api + "_" + key;
  const char* value = std::getenv(name.c_str());
  if (value == nullptr) {
    std::cerr << "same_calls.cpp: " << name << " is not set\n";
    std::exit(1);
  }
  return value;
}

// printf into one of a few rotating buffers: JSON arguments with fixtures in them.
#if defined(__GNUC__)
[[maybe_unused]] __attribute__((format(printf, 1, 2)))
#else
[[maybe_unused]]
#endif
const char* text(const char* format, ...) {
  static char buffers[4][1024];
  static int next;
  char* out = buffers[next++ % 4];
  va_list args;
  va_start(args, format);
  std::vsnprintf(out, sizeof buffers[0], format, args);
  va_end(args);
  return out;
}

// Every generated operation once (written by tools/gen).
#include "operations_cpp.inc"

}  // namespace

int main(int argc, char** argv) {
  if (argc != 11) {
    std::cerr << "usage: same_calls_cpp URL G4_URL TV EPISODE MOVIE BOB API_KEY TENANT G4_USER G4_PASSWORD\n";
    return 2;
  }
  const std::string url = argv[1], g4_url = argv[2], tv = argv[3], episode = argv[4], movie = argv[5];
  const std::string bob = argv[6], api_key = argv[7], tenant = argv[8], g4_user = argv[9], g4_password = argv[10];
  try {
    sessionlink::JellyfinOptions o;
    o.base_url = url;
    o.device_name = "same-calls";
    o.device_id = "same-calls-1";
    o.client_name = "cross";
    o.client_version = "1.0";
    o.token = api_key;
    {
      sessionlink::JellyfinClient jf(o);
      jf.get_sessions(std::nullopt, "living-room-tv", 600);
      jf.play(tv, sessionlink::PlayCommand::PlayNow, {episode, movie}, 100, std::nullopt, 1, std::nullopt, 0);
      jf.send_playstate_command(tv, sessionlink::PlaystateCommand::Seek, 5000000);
      jf.send_general_command(tv, "VolumeUp");
      jf.send_system_command(tv, "GoHome");
      jf.send_full_general_command(tv, "SetVolume", {{"Volume", "50"}});
      jf.send_message_command(tv, "Hi", "Dinner", 5000);
      jf.display_content(tv, sessionlink::BaseItemKind::Episode, episode, "The Long Night");
      jf.post_capabilities(std::nullopt, {"Audio", "Video"}, {"DisplayMessage", "SetVolume"}, true);
      jf.post_full_capabilities(std::nullopt, R"({"PlayableMediaTypes":["Video"],"SupportsMediaControl":true})");
      jf.report_viewing(std::nullopt, episode);
      jf.report_playback_start(R"({"ItemId":")" + episode +
                               R"(","PositionTicks":100,"CanSeek":true,"PlayMethod":"DirectPlay"})");
      jf.report_playback_progress(R"({"ItemId":")" + episode + R"(","PositionTicks":200,"IsPaused":true})");
      jf.ping_playback_session("p1");
      jf.report_playback_stopped(R"({"ItemId":")" + episode + R"(","PositionTicks":300})");
      jf.add_user_to_session(tv, bob);
      jf.remove_user_from_session(tv, bob);
      jf.get_auth_providers();
      jf.get_password_reset_providers();
    }

    sessionlink::G4Options g;
    g.base_url = g4_url;
    g.tenant = tenant;
    g.application = "cross";
    sessionlink::G4Client g4(g);
    sessionlink::G4Login login =
        g4.create_session(g4_user, g4_password, R"({"a":[1,2]})", 60, R"({"ip":"192.0.2.1"})");
    const std::string sid = login.session_id().value_or("");
    g4.get_session(sid);
    g4.get_static_session(sid);
    g4.update_session(sid, R"({"b":true})");
    g4.delete_session(sid);

    // Every generated operation, with fresh clients and a live G4 session.
    sessionlink::G4Login live = g4.create_session(g4_user, g4_password);
    sessionlink::JellyfinClient jf(o);
    g.api_key = fx("g4", "api_key");
    sessionlink::G4Client g4b(g);
    run_operations(jf, g4b, live.session_id().value_or("").c_str());

    std::cout << sid << "\n";
    return 0;
  } catch (const sessionlink::Error& e) {
    std::cerr << "same_calls.cpp: " << e.what() << "\n";
    return 1;
  }
}
