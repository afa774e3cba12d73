// Results a C++ user gets from blocking calls against the emulator: typed values copied out
// of the C result objects, optional arguments left out or sent, commands delivered.
#include "harness.hpp"

using harness::FX;

TEST(sessions_are_listed_with_their_fields) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  sessionlink::SessionList sessions = client.get_sessions();
  CHECK(sessions.size() >= 2);
  bool living_room = false;
  for (const sessionlink::Session& s : sessions) {
    if (s.device_name() != "Living Room TV") continue;
    living_room = true;
    CHECK(s.id() == FX.living_room_session_id);
    CHECK(s.now_playing_item_name().has_value());
    CHECK(s.json().find("\"DeviceName\":\"Living Room TV\"") != std::string::npos);
  }
  CHECK(living_room);
  CHECK(sessions.json().front() == '[');
  CHECK_THROWS(std::out_of_range, sessions.at(sessions.size()), e, (void)e);
}

TEST(optional_arguments_are_sent_or_left_out) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  std::string device = *client.get_sessions().at(0).device_id();
  sessionlink::SessionList only = client.get_sessions(std::nullopt, device);
  CHECK(only.size() >= 1);
  for (const auto& s : only) CHECK(s.device_id() == device);
  std::string last = harness::control("last_request");
  CHECK(last.find("DeviceId=") != std::string::npos);
  CHECK(last.find("ControllableByUserId") == std::string::npos);
}

TEST(commands_reach_the_session) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  client.send_playstate_command(FX.living_room_session_id, "Seek", 987654321);
  CHECK(harness::control("commands " + FX.living_room_session_id).find("987654321") != std::string::npos);
  client.send_full_general_command(FX.kitchen_session_id, "SetVolume", {{"Volume", "35"}});
  CHECK(harness::control("commands " + FX.kitchen_session_id).find("\"Volume\":\"35\"") != std::string::npos);
  client.send_message_command(FX.kitchen_session_id, std::nullopt, "Dinner is ready");
  CHECK(harness::control("commands " + FX.kitchen_session_id).find("Dinner is ready") != std::string::npos);
}

TEST(enums_are_values_or_wire_names) {
  using sessionlink::PlaystateCommand;
  CHECK(sessionlink::wire_name(PlaystateCommand::PlayPause) == "PlayPause");
  CHECK(sessionlink::wire_name(sessionlink::MediaType::Audio) == "Audio");
  // The shape an optional enum argument takes (no operation has one yet).
  std::optional<sessionlink::Wire<PlaystateCommand>> seek = PlaystateCommand::Seek, named = "Stop", none;
  CHECK(sessionlink::detail::wire(seek) == std::optional<std::string_view>("Seek"));
  CHECK(sessionlink::detail::wire(named) == std::optional<std::string_view>("Stop"));
  CHECK(!sessionlink::detail::wire(none).has_value());
  auto client = harness::login(FX.admin_user, FX.admin_password);
  client.send_playstate_command(FX.kitchen_session_id, PlaystateCommand::Pause);
  CHECK(harness::control("commands " + FX.kitchen_session_id).find("\"Pause\"") != std::string::npos);
  client.send_general_command(FX.kitchen_session_id, sessionlink::GeneralCommandType::ToggleMute);
  CHECK(harness::control("commands " + FX.kitchen_session_id).find("ToggleMute") != std::string::npos);
  // As a value and as a wire name (a std::string too).
  client.display_content(FX.kitchen_session_id, sessionlink::BaseItemKind::Movie, FX.movie_id, "A movie");
  client.display_content(FX.kitchen_session_id, std::string("Movie"), FX.movie_id, "A movie");
  // A list of enum values.
  client.post_capabilities(std::nullopt, {sessionlink::MediaType::Audio}, {sessionlink::GeneralCommandType::SetVolume});
  CHECK(harness::control("last_request").find("SetVolume") != std::string::npos);
}

TEST(login_keeps_the_token_and_returns_the_user) {
  auto client = harness::jellyfin("sessionlink-cpp-login");
  CHECK(!client.has_token());
  CHECK(!client.user_id().has_value());
  sessionlink::AuthResult auth = client.authenticate_by_name(FX.admin_user, FX.admin_password);
  CHECK(auth.user_id() == FX.admin_id);
  CHECK(auth.user_name() == FX.admin_user);
  CHECK(auth.is_administrator());
  CHECK(auth.session().has_value() && auth.session()->device_id() == "sessionlink-cpp-login");
  CHECK(client.has_token());
  CHECK(client.user_id() == FX.admin_id);
  CHECK(client.device_id() == "sessionlink-cpp-login");
  CHECK(client.client_name() == "sessionlink-cpp-tests");
}

TEST(lists_strings_and_generated_models) {
  auto client = harness::login(FX.admin_user, FX.admin_password);
  std::vector<sessionlink::NameIdPair> providers = client.get_auth_providers();
  CHECK(!providers.empty() && providers[0].id.has_value());
  CHECK(client.ping_system() == "Jellyfin Server");
  sessionlink::PublicSystemInfo info = harness::jellyfin().get_public_system_info();
  CHECK(info.product_name() == "Jellyfin Server");
  CHECK(info.id().has_value() && info.id()->size() == 32);
  CHECK(info.json().find("\"ServerName\"") != std::string::npos);
}

TEST(g4_session_lifecycle) {
  auto client = harness::g4();
  sessionlink::G4Login login = client.create_session(FX.g4_user, FX.g4_password, R"({"cart":[1,2]})", 600);
  CHECK(login.valid_credentials() && login.access_allowed());
  CHECK(login.username() == FX.g4_user);
  std::string sid = *login.session_id();
  sessionlink::G4Session session = client.get_session(sid);
  CHECK(session.data_json() == R"({"cart":[1,2]})");
  client.update_session(sid, R"({"cart":[]})");
  CHECK(client.get_static_session(sid).data_json() == R"({"cart":[]})");
  client.delete_session(sid);
  client.create_session(FX.g4_user, FX.g4_password);  // a bearer to ask with
  CHECK_THROWS(sessionlink::NotFoundError, client.get_session(sid), e, {
    CHECK(e.status() == sessionlink::Status::NotFound);
    CHECK(std::string(e.what()).find(sid) == std::string::npos);  // the id is a credential
  });
}
