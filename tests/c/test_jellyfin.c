/* Every Jellyfin operation, blocking, against the emulator: results read through the
 * accessors, effects checked through the emulator's record of delivered commands, and each
 * operation's characteristic errors. */
#include <stdlib.h>

#include "harness.h"

/* Whether the last command the emulator delivered to a session contains `needle`. */
static int delivered(const char *session_id, const char *needle) {
  char *last = emu_last_command(session_id);
  int found = last && strstr(last, needle) != NULL;
  free(last);
  return found;
}

static const sl_session *find_device(const sl_session_list *list, const char *device_id) {
  for (size_t i = 0; i < sl_session_list_len(list); i++) {
    const sl_session *s = sl_session_list_get(list, i);
    const char *d = sl_session_device_id(s);
    if (d && strcmp(d, device_id) == 0) return s;
  }
  return NULL;
}

static void get_sessions_reads_every_accessor(void) {
  sl_jellyfin_client *c = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(c);
  sl_error *err = NULL;
  sl_session_list *list = NULL;
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), &err);
  CHECK(sl_session_list_len(list) >= 2);
  CHECK(sl_session_list_get(list, sl_session_list_len(list)) == NULL);

  const sl_session *tv = find_device(list, "living-room-tv");
  CHECK(tv);
  CHECK(strcmp(sl_session_id(tv), FX.living_room_session_id) == 0);
  CHECK(strcmp(sl_session_device_name(tv), "Living Room TV") == 0);
  CHECK(strcmp(sl_session_client(tv), "Jellyfin Android TV") == 0);
  CHECK(strcmp(sl_session_user_name(tv), FX.user) == 0);
  CHECK(strcmp(sl_session_user_id(tv), FX.user_id) == 0);
  CHECK(sl_session_application_version(tv) != NULL);
  CHECK(sl_session_last_activity_date(tv) != NULL && strlen(sl_session_last_activity_date(tv)) >= 20);
  CHECK(sl_session_supports_remote_control(tv));
  CHECK(strcmp(sl_session_now_playing_item_id(tv), FX.episode_id) == 0);
  CHECK(strcmp(sl_session_now_playing_item_name(tv), "The Long Night") == 0);
  CHECK(strcmp(sl_session_now_playing_item_type(tv), "Episode") == 0);
  int64_t ticks = -1;
  CHECK(sl_session_now_playing_item_run_time_ticks(tv, &ticks) && ticks > 0);
  CHECK(sl_session_position_ticks(tv, &ticks) && ticks >= 0);
  int32_t volume = -1;
  if (sl_session_volume_level(tv, &volume)) CHECK(volume >= 0 && volume <= 100);
  /* The pointer is stable: the second read returns the same cached string. */
  CHECK(sl_session_device_name(tv) == sl_session_device_name(tv));

  const sl_session *kitchen = find_device(list, "kitchen-speaker");
  CHECK(kitchen);
  CHECK(sl_session_now_playing_item_id(kitchen) == NULL);
  CHECK(!sl_session_now_playing_item_run_time_ticks(kitchen, &ticks));
  CHECK(!sl_session_is_paused(kitchen));

  char *json = NULL;
  CHECK_OK(sl_session_json(tv, &json, &err), &err);
  CHECK(strstr(json, "\"DeviceName\":\"Living Room TV\"") && strstr(json, "\"NowPlayingItem\""));
  sl_string_free(json);
  CHECK_OK(sl_session_list_json(list, &json, &err), &err);
  CHECK(json[0] == '[' && strstr(json, "Kitchen Speaker"));
  sl_string_free(json);
  sl_session_list_free(list);

  /* Filters reach the server: one device, case-insensitively. */
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, "LIVING-ROOM-TV", NULL, &list, &err), &err);
  CHECK(sl_session_list_len(list) == 1);
  sl_session_list_free(list);
  int32_t within = 1;
  CHECK_OK(sl_jellyfin_get_sessions(c, FX.admin_id, NULL, &within, &list, &err), &err);
  sl_session_list_free(list);
  /* A malformed GUID filter is refused before any I/O. */
  list = NULL;
  CHECK_STATUS(sl_jellyfin_get_sessions(c, "not-a-guid", NULL, NULL, &list, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  CHECK(list == NULL);
  sl_jellyfin_client_free(c);
}

static void authenticate_by_name_logs_in_and_refuses_wrong_passwords(void) {
  sl_jellyfin_client *c = jellyfin_client_with(FX.url, NULL);
  CHECK(c);
  CHECK(!sl_jellyfin_client_has_token(c));
  sl_error *err = NULL;
  sl_auth_result *auth = NULL;
  CHECK_OK(sl_jellyfin_authenticate_by_name(c, FX.admin_user, FX.admin_password, &auth, &err), &err);
  CHECK(sl_jellyfin_client_has_token(c));
  CHECK(strcmp(sl_auth_result_user_name(auth), FX.admin_user) == 0);
  CHECK(strcmp(sl_auth_result_user_id(auth), FX.admin_id) == 0);
  CHECK(sl_auth_result_is_administrator(auth));
  CHECK(sl_auth_result_access_token(auth) && strlen(sl_auth_result_access_token(auth)) >= 16);
  CHECK(sl_auth_result_server_id(auth) != NULL);
  const sl_session *own = sl_auth_result_session(auth);
  CHECK(own && strcmp(sl_session_device_id(own), "sessionlink-c-tests") == 0);
  char *json = NULL;
  CHECK_OK(sl_auth_result_json(auth, &json, &err), &err);
  CHECK(strstr(json, "\"AccessToken\"") && strstr(json, "\"SessionInfo\""));
  sl_string_free(json);
  char *user_id = NULL;
  CHECK_OK(sl_jellyfin_client_user_id(c, &user_id, &err), &err);
  CHECK(user_id && strcmp(user_id, FX.admin_id) == 0);
  sl_string_free(user_id);
  sl_auth_result_free(auth);

  auth = NULL;
  CHECK_STATUS(sl_jellyfin_authenticate_by_name(c, FX.admin_user, "not-the-password-xyzzy", &auth, &err),
               SL_STATUS_UNAUTHORIZED, &err);
  CHECK(auth == NULL);
  CHECK(sl_error_status(err) == SL_STATUS_UNAUTHORIZED);
  CHECK(sl_error_http_status(err) == 401);
  CHECK(strstr(sl_error_message(err), "xyzzy") == NULL);
  sl_error_free(err);
  err = NULL;

  /* An empty password is a password (carol has none). */
  CHECK_OK(sl_jellyfin_authenticate_by_name(c, FX.passwordless_user, "", NULL, &err), &err);
  sl_jellyfin_client_free(c);
}

static void playstate_commands_reach_the_session(void) {
  sl_jellyfin_client *c = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(c);
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_send_playstate_command(c, FX.living_room_session_id, "Pause", NULL, NULL, &err), &err);
  CHECK(delivered(FX.living_room_session_id, "\"Pause\""));
  int64_t ticks = 987654321;
  CHECK_OK(sl_jellyfin_send_playstate_command(c, FX.living_room_session_id, "Seek", &ticks, NULL, &err), &err);
  CHECK(delivered(FX.living_room_session_id, "987654321"));

  CHECK_STATUS(sl_jellyfin_send_playstate_command(c, FX.living_room_session_id, "Dance", NULL, NULL, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "Pause") && strstr(sl_error_message(err), "Dance"));
  CHECK(sl_error_http_status(err) == 0);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_send_playstate_command(c, "0123456789abcdef0123456789abcdef", "Pause", NULL, NULL, &err),
               SL_STATUS_NOT_FOUND, &err);
  CHECK(sl_error_http_status(err) == 404);
  sl_error_free(err);
  sl_jellyfin_client_free(c);
}

static void play_queues_items(void) {
  sl_jellyfin_client *c = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(c);
  sl_error *err = NULL;
  const char *items[] = {FX.movie_id};
  int64_t start = 5000;
  int32_t audio = 1;
  CHECK_OK(sl_jellyfin_play(c, FX.kitchen_session_id, "PlayNow", items, 1, &start, NULL, &audio, NULL, NULL, &err), &err);
  CHECK(delivered(FX.kitchen_session_id, "PlayNow") && delivered(FX.kitchen_session_id, FX.movie_id));

  const char *bad[] = {"not-a-guid"};
  CHECK_STATUS(sl_jellyfin_play(c, FX.kitchen_session_id, "PlayNow", bad, 1, NULL, NULL, NULL, NULL, NULL, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_play(c, FX.kitchen_session_id, "PlayNow", items, 0, NULL, NULL, NULL, NULL, NULL, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_play(c, FX.kitchen_session_id, "PlayLater", items, 1, NULL, NULL, NULL, NULL, NULL, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "PlayNext") != NULL);
  sl_error_free(err);
  sl_jellyfin_client_free(c);
}

static void general_system_full_and_message_commands(void) {
  sl_jellyfin_client *c = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(c);
  sl_error *err = NULL;
  const char *s = FX.kitchen_session_id;
  CHECK_OK(sl_jellyfin_send_general_command(c, s, "GoHome", &err), &err);
  CHECK(delivered(s, "GoHome"));
  CHECK_OK(sl_jellyfin_send_system_command(c, s, "ToggleMute", &err), &err);
  CHECK(delivered(s, "ToggleMute"));
  const char *names[] = {"Volume"};
  const char *values[] = {"37"};
  CHECK_OK(sl_jellyfin_send_full_general_command(c, s, "SetVolume", names, values, 1, &err), &err);
  CHECK(delivered(s, "SetVolume") && delivered(s, "\"37\""));
  CHECK_OK(sl_jellyfin_send_full_general_command(c, s, "GoToSettings", NULL, NULL, 0, &err), &err);
  CHECK(delivered(s, "GoToSettings"));
  int64_t timeout = 4000;
  CHECK_OK(sl_jellyfin_send_message_command(c, s, "From C", "Dinner is ready", &timeout, &err), &err);
  CHECK(delivered(s, "Dinner is ready"));
  CHECK_OK(sl_jellyfin_display_content(c, s, "Movie", FX.movie_id, "A movie", &err), &err);
  CHECK(delivered(s, "DisplayContent"));

  CHECK_STATUS(sl_jellyfin_send_general_command(c, s, "Explode", &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "GoHome") != NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_send_message_command(c, s, NULL, "", NULL, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_display_content(c, s, "Spaceship", FX.movie_id, "x", &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  /* A session id with a slash stays one path segment: the server finds no such session. */
  CHECK_STATUS(sl_jellyfin_send_general_command(c, "a/../b", "GoHome", &err), SL_STATUS_NOT_FOUND, &err);
  sl_error_free(err);
  sl_jellyfin_client_free(c);
}

static const sl_session *own_session(const sl_session_list *list) { return find_device(list, "sessionlink-c-tests"); }

static void capabilities_and_viewing(void) {
  sl_jellyfin_client *c = jellyfin_login(FX.user, FX.user_password);
  CHECK(c);
  sl_error *err = NULL;
  const char *types[] = {"Audio", "Video"};
  const char *commands[] = {"DisplayMessage", "SetVolume"};
  bool yes = true;
  CHECK_OK(sl_jellyfin_post_capabilities(c, NULL, types, 2, commands, 2, &yes, NULL, &err), &err);
  sl_session_list *list = NULL;
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, "sessionlink-c-tests", NULL, &list, &err), &err);
  CHECK(own_session(list) && sl_session_supports_media_control(own_session(list)));
  char *json = NULL;
  CHECK_OK(sl_session_json(own_session(list), &json, &err), &err);
  CHECK(strstr(json, "DisplayMessage") != NULL);
  sl_string_free(json);
  sl_session_list_free(list);

  CHECK_OK(sl_jellyfin_post_full_capabilities(
               c, NULL, "{\"PlayableMediaTypes\":[\"Audio\"],\"SupportedCommands\":[\"Mute\"],\"SupportsMediaControl\":false}",
               &err),
           &err);
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, "sessionlink-c-tests", NULL, &list, &err), &err);
  CHECK(own_session(list) && !sl_session_supports_media_control(own_session(list)));
  sl_session_list_free(list);

  CHECK_STATUS(sl_jellyfin_post_full_capabilities(c, NULL, "{not json", &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  const char *bad_type[] = {"Hologram"};
  CHECK_STATUS(sl_jellyfin_post_capabilities(c, NULL, bad_type, 1, NULL, 0, NULL, NULL, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;

  CHECK_OK(sl_jellyfin_report_viewing(c, NULL, FX.movie_id, &err), &err);
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, "sessionlink-c-tests", NULL, &list, &err), &err);
  CHECK_OK(sl_session_json(own_session(list), &json, &err), &err);
  CHECK(strstr(json, "\"NowViewingItem\"") && strstr(json, FX.movie_id));
  sl_string_free(json);
  sl_session_list_free(list);
  CHECK_STATUS(sl_jellyfin_report_viewing(c, NULL, "movie", &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  sl_jellyfin_client_free(c);
}

static void users_join_and_leave_sessions(void) {
  sl_jellyfin_client *c = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(c);
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_add_user_to_session(c, FX.kitchen_session_id, FX.user_id, &err), &err);
  sl_session_list *list = NULL;
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, "kitchen-speaker", NULL, &list, &err), &err);
  char *json = NULL;
  CHECK_OK(sl_session_json(sl_session_list_get(list, 0), &json, &err), &err);
  CHECK(strstr(json, "\"AdditionalUsers\":[{") && strstr(json, FX.user_id));
  sl_string_free(json);
  sl_session_list_free(list);

  CHECK_OK(sl_jellyfin_remove_user_from_session(c, FX.kitchen_session_id, FX.user_id, &err), &err);
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, "kitchen-speaker", NULL, &list, &err), &err);
  CHECK_OK(sl_session_json(sl_session_list_get(list, 0), &json, &err), &err);
  CHECK(strstr(json, FX.user_id) == NULL);
  sl_string_free(json);
  sl_session_list_free(list);

  CHECK_STATUS(sl_jellyfin_add_user_to_session(c, FX.kitchen_session_id, "bob", &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  sl_jellyfin_client_free(c);
}

static void auth_providers_are_for_administrators(void) {
  sl_jellyfin_client *admin = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(admin);
  sl_error *err = NULL;
  sl_name_id_list *list = NULL;
  CHECK_OK(sl_jellyfin_get_auth_providers(admin, &list, &err), &err);
  CHECK(sl_name_id_list_len(list) == 1);
  CHECK(strcmp(sl_name_id_list_name(list, 0), "Default") == 0);
  CHECK(strstr(sl_name_id_list_id(list, 0), "DefaultAuthenticationProvider") != NULL);
  CHECK(sl_name_id_list_name(list, 1) == NULL);
  char *json = NULL;
  CHECK_OK(sl_name_id_list_json(list, &json, &err), &err);
  CHECK(strstr(json, "\"Name\":\"Default\"") != NULL);
  sl_string_free(json);
  sl_name_id_list_free(list);
  CHECK_OK(sl_jellyfin_get_password_reset_providers(admin, &list, &err), &err);
  CHECK(strstr(sl_name_id_list_id(list, 0), "PasswordResetProvider") != NULL);
  sl_name_id_list_free(list);
  sl_jellyfin_client_free(admin);

  sl_jellyfin_client *bob = jellyfin_login(FX.user, FX.user_password);
  CHECK(bob);
  list = NULL;
  CHECK_STATUS(sl_jellyfin_get_auth_providers(bob, &list, &err), SL_STATUS_FORBIDDEN, &err);
  CHECK(sl_error_http_status(err) == 403 && list == NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_get_password_reset_providers(bob, &list, &err), SL_STATUS_FORBIDDEN, &err);
  sl_error_free(err);
  sl_jellyfin_client_free(bob);
}

static void logout_revokes_the_token(void) {
  sl_jellyfin_client *c = jellyfin_login(FX.passwordless_user, "");
  CHECK(c);
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_report_session_ended(c, &err), &err);
  CHECK(!sl_jellyfin_client_has_token(c));
  sl_session_list *list = NULL;
  CHECK_STATUS(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), SL_STATUS_UNAUTHORIZED, &err);
  CHECK(sl_error_http_status(err) == 401);
  sl_error_free(err);
  sl_jellyfin_client_free(c);
}

static void http_failures_map_to_statuses(void) {
  sl_jellyfin_client *c = jellyfin_login(NULL, NULL);
  CHECK(c);
  sl_error *err = NULL;
  sl_session_list *list = NULL;
  free(emu_control("status 500 the database is on fire"));
  CHECK_STATUS(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), SL_STATUS_SERVER, &err);
  CHECK(sl_error_http_status(err) == 500);
  CHECK(strstr(sl_error_message(err), "the database is on fire") != NULL);
  sl_error_free(err);
  err = NULL;
  free(emu_control("status 400 bad things"));
  CHECK_STATUS(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), SL_STATUS_BAD_REQUEST, &err);
  CHECK(sl_error_http_status(err) == 400);
  sl_error_free(err);
  err = NULL;
  free(emu_control("status 409"));
  CHECK_STATUS(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), SL_STATUS_HTTP, &err);
  sl_error_free(err);
  err = NULL;
  free(emu_control("status 200 this is not json"));
  CHECK_STATUS(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), SL_STATUS_DECODE, &err);
  sl_error_free(err);
  err = NULL;
  CHECK(list == NULL);
  sl_jellyfin_client_free(c);

  /* Port 1 on loopback: nothing listens there. */
  c = jellyfin_client_with("http://127.0.0.1:1", FX.api_key);
  CHECK(c);
  CHECK_STATUS(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), SL_STATUS_CONNECT, &err);
  CHECK(strstr(sl_error_message(err), FX.api_key) == NULL);
  sl_error_free(err);
  err = NULL;
  sl_jellyfin_client_free(c);

  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = FX.url;
  o.device_name = "C tests";
  o.device_id = "timeout-test";
  o.token = FX.api_key;
  o.transport.request_timeout_ms = 200;
  CHECK_OK(sl_jellyfin_client_new(&o, &c, &err), &err);
  free(emu_control("latency 1500"));
  CHECK_STATUS(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), SL_STATUS_TIMEOUT, &err);
  sl_error_free(err);
  sl_jellyfin_client_free(c);
}

/* The playback-reporting operations: a player reports what it plays, and a controller sees
 * it in the session's NowPlayingItem and PlayState through sl_jellyfin_get_sessions. */
static void playback_reporting_shows_in_the_session(void) {
  const char *device = "sessionlink-c-player";
  sl_jellyfin_client *player = jellyfin_login_device(FX.user, FX.user_password, device);
  sl_jellyfin_client *controller = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(player && controller);
  sl_error *err = NULL;
  char info[512];
  snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":120000000,\"CanSeek\":true,\"PlaySessionId\":\"c-play-1\"}",
           FX.movie_id);
  CHECK_OK(sl_jellyfin_report_playback_start(player, info, &err), &err);
  sl_session_list *list = NULL;
  CHECK_OK(sl_jellyfin_get_sessions(controller, NULL, device, NULL, &list, &err), &err);
  CHECK(sl_session_list_len(list) == 1);
  const sl_session *s = sl_session_list_get(list, 0);
  CHECK(sl_session_now_playing_item_id(s) && strcmp(sl_session_now_playing_item_id(s), FX.movie_id) == 0);
  CHECK(strcmp(sl_session_now_playing_item_type(s), "Movie") == 0);
  int64_t ticks = -1;
  CHECK(sl_session_position_ticks(s, &ticks) && ticks == 120000000);
  CHECK(!sl_session_is_paused(s));
  sl_session_list_free(list);

  snprintf(info, sizeof info,
           "{\"ItemId\":\"%s\",\"PositionTicks\":180000000,\"IsPaused\":true,\"VolumeLevel\":35,\"PlaySessionId\":\"c-play-1\"}",
           FX.movie_id);
  CHECK_OK(sl_jellyfin_report_playback_progress(player, info, &err), &err);
  CHECK_OK(sl_jellyfin_get_sessions(controller, NULL, device, NULL, &list, &err), &err);
  s = sl_session_list_get(list, 0);
  CHECK(s && strcmp(sl_session_now_playing_item_id(s), FX.movie_id) == 0);
  CHECK(sl_session_position_ticks(s, &ticks) && ticks == 180000000);
  CHECK(sl_session_is_paused(s));
  int32_t volume = -1;
  CHECK(sl_session_volume_level(s, &volume) && volume == 35);
  sl_session_list_free(list);

  CHECK_OK(sl_jellyfin_ping_playback_session(player, "c-play-1", &err), &err);
  CHECK_STATUS(sl_jellyfin_ping_playback_session(player, NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "play_session_id") != NULL);
  sl_error_free(err);
  err = NULL;

  snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":180000000,\"PlaySessionId\":\"c-play-1\"}", FX.movie_id);
  CHECK_OK(sl_jellyfin_report_playback_stopped(player, info, &err), &err);
  CHECK_OK(sl_jellyfin_get_sessions(controller, NULL, device, NULL, &list, &err), &err);
  CHECK(sl_session_list_len(list) == 1 && sl_session_now_playing_item_id(sl_session_list_get(list, 0)) == NULL);
  sl_session_list_free(list);
  sl_jellyfin_client_free(controller);
  sl_jellyfin_client_free(player);
}

/* Bad bodies are refused before any I/O: nothing reaches the server. */
static void playback_reporting_refuses_bad_arguments(void) {
  sl_jellyfin_client *player = jellyfin_login_device(FX.user, FX.user_password, "sessionlink-c-player");
  CHECK(player);
  sl_error *err = NULL;
  int before = emu_request_count();
  CHECK_STATUS(sl_jellyfin_report_playback_start(player, NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "info_json") != NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_report_playback_progress(player, "{\"ItemId\":", &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "info_json") != NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_report_playback_stopped(player, "{\"ItemId\":\"the-movie\"}", &err), SL_STATUS_INVALID_ARGUMENT,
               &err);
  CHECK(strstr(sl_error_message(err), "GUID") != NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_report_playback_start(player, "[1]", &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_ping_playback_session(NULL, NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  CHECK(emu_request_count() == before);
  sl_jellyfin_client_free(player);
}

/* A partial JSON body is completed with the core's defaults: C sends, byte for byte, what a
 * Rust caller sends with the same fields set on the defaults (see also
 * bindings-c/src/strings.rs). */
static void partial_bodies_take_the_core_defaults(void) {
  sl_jellyfin_client *c = jellyfin_login_device(FX.user, FX.user_password, "sessionlink-c-player");
  CHECK(c);
  sl_error *err = NULL;
  free(emu_control("clear"));
  sl_status st = sl_jellyfin_post_full_capabilities(c, NULL, "{\"SupportsMediaControl\":true}", &err);
  char *body = emu_last_request_body();
  CHECK(body && strcmp(body,
                       "{\"PlayableMediaTypes\":[],\"SupportedCommands\":[],\"SupportsMediaControl\":true,"
                       "\"SupportsPersistentIdentifier\":true}") == 0);
  free(body);
  CHECK_STATUS(st, SL_STATUS_OK, &err);

  char info[256], want[512];
  snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":0}", FX.movie_id);
  snprintf(want, sizeof want,
           "{\"CanSeek\":false,\"ItemId\":\"%s\",\"IsPaused\":false,\"IsMuted\":false,\"PositionTicks\":0,"
           "\"PlayMethod\":\"Transcode\",\"RepeatMode\":\"RepeatNone\",\"PlaybackOrder\":\"Default\"}",
           FX.movie_id);
  free(emu_control("clear"));
  st = sl_jellyfin_report_playback_start(c, info, &err);
  body = emu_last_request_body();
  CHECK(body && strcmp(body, want) == 0);
  free(body);
  CHECK_STATUS(st, SL_STATUS_OK, &err);
  sl_jellyfin_client_free(c);
}

static void version_macros_match_the_library(void) {
  char want[64];
  snprintf(want, sizeof want, "%d.%d.%d", SESSIONLINK_VERSION_MAJOR, SESSIONLINK_VERSION_MINOR, SESSIONLINK_VERSION_PATCH);
  CHECK(strcmp(sl_version(), want) == 0);
  CHECK(strcmp(sl_version(), SESSIONLINK_VERSION) == 0);
  CHECK(strcmp(sl_status_str(SL_STATUS_NOT_FOUND), "SL_STATUS_NOT_FOUND") == 0);
  CHECK(strcmp(sl_status_str(SL_STATUS_PANIC), "SL_STATUS_PANIC") == 0);
  CHECK(strcmp(sl_status_str(9999), "SL_STATUS_UNKNOWN") == 0);
  CHECK(strcmp(sl_status_str(-1), "SL_STATUS_UNKNOWN") == 0);
}

const test_case jellyfin_tests[] = {
    {"version_macros_match_the_library", version_macros_match_the_library},
    {"get_sessions_reads_every_accessor", get_sessions_reads_every_accessor},
    {"authenticate_by_name_logs_in_and_refuses_wrong_passwords", authenticate_by_name_logs_in_and_refuses_wrong_passwords},
    {"playstate_commands_reach_the_session", playstate_commands_reach_the_session},
    {"play_queues_items", play_queues_items},
    {"general_system_full_and_message_commands", general_system_full_and_message_commands},
    {"capabilities_and_viewing", capabilities_and_viewing},
    {"users_join_and_leave_sessions", users_join_and_leave_sessions},
    {"auth_providers_are_for_administrators", auth_providers_are_for_administrators},
    {"logout_revokes_the_token", logout_revokes_the_token},
    {"http_failures_map_to_statuses", http_failures_map_to_statuses},
    {"playback_reporting_refuses_bad_arguments", playback_reporting_refuses_bad_arguments},
    {"partial_bodies_take_the_core_defaults", partial_bodies_take_the_core_defaults},
    {"playback_reporting_shows_in_the_session", playback_reporting_shows_in_the_session},
    {NULL, NULL},
};
