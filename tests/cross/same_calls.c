/* The cross-language call script, C side (see tests/cross/run.sh): the same calls, with the
 * same arguments and identity, that same_calls.py and tools' same-calls make. Every call
 * must succeed; the G4 session id is printed for the comparison.
 *   same_calls URL G4_URL TV EPISODE MOVIE BOB API_KEY TENANT G4_USER G4_PASSWORD */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "sessionlink.h"

static int check(sl_status status, sl_error *err, const char *what) {
  if (status == SL_STATUS_OK) return 0;
  fprintf(stderr, "same_calls.c: %s failed: %s\n", what, err ? sl_error_message(err) : "(no error object)");
  sl_error_free(err);
  exit(1);
}
#define CALL(expr) do { sl_error *err = NULL; check((expr), err, #expr); } while (0)

/* A fixture of the emulator, from the environment run.sh sets (SL_FX_<api>_<key>). */
static const char *fx(const char *api, const char *key) {
  char name[128];
  snprintf(name, sizeof name, "SL_FX_%s_%s", api, key);
  const char *value = getenv(name);
  if (value == NULL) {
    fprintf(stderr, "same_calls.c: %s is not set\n", name);
    exit(1);
  }
  return value;
}

/* printf into one of a few rotating buffers: JSON arguments with fixtures in them. */
static const char *text(const char *format, ...) {
  static char buffers[4][1024];
  static int next;
  char *out = buffers[next++ % 4];
  va_list args;
  va_start(args, format);
  vsnprintf(out, sizeof buffers[0], format, args);
  va_end(args);
  return out;
}

/* Every generated operation once (written by tools/gen). */
#include "operations.inc"

int main(int argc, char **argv) {
  if (argc != 11) {
    fprintf(stderr, "usage: same_calls URL G4_URL TV EPISODE MOVIE BOB API_KEY TENANT G4_USER G4_PASSWORD\n");
    return 2;
  }
  const char *url = argv[1], *g4_url = argv[2], *tv = argv[3], *episode = argv[4], *movie = argv[5];
  const char *bob = argv[6], *api_key = argv[7], *tenant = argv[8], *g4_user = argv[9], *g4_password = argv[10];

  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = url;
  o.device_name = "same-calls";
  o.device_id = "same-calls-1";
  o.client_name = "cross";
  o.client_version = "1.0";
  o.token = api_key;
  sl_jellyfin_client *jf = NULL;
  CALL(sl_jellyfin_client_new(&o, &jf, &err));

  int32_t active = 600;
  sl_session_list *sessions = NULL;
  CALL(sl_jellyfin_get_sessions(jf, NULL, "living-room-tv", &active, &sessions, &err));
  sl_session_list_free(sessions);
  const char *items[] = {episode, movie};
  int64_t start = 100;
  int32_t audio = 1, start_index = 0;
  CALL(sl_jellyfin_play(jf, tv, "PlayNow", items, 2, &start, NULL, &audio, NULL, &start_index, &err));
  int64_t seek = 5000000;
  CALL(sl_jellyfin_send_playstate_command(jf, tv, "Seek", &seek, NULL, &err));
  CALL(sl_jellyfin_send_general_command(jf, tv, "VolumeUp", &err));
  CALL(sl_jellyfin_send_system_command(jf, tv, "GoHome", &err));
  const char *names[] = {"Volume"}, *values[] = {"50"};
  CALL(sl_jellyfin_send_full_general_command(jf, tv, "SetVolume", names, values, 1, &err));
  int64_t timeout_ms = 5000;
  CALL(sl_jellyfin_send_message_command(jf, tv, "Hi", "Dinner", &timeout_ms, &err));
  CALL(sl_jellyfin_display_content(jf, tv, "Episode", episode, "The Long Night", &err));
  const char *types[] = {"Audio", "Video"}, *commands[] = {"DisplayMessage", "SetVolume"};
  bool media_control = true;
  CALL(sl_jellyfin_post_capabilities(jf, NULL, types, 2, commands, 2, &media_control, NULL, &err));
  CALL(sl_jellyfin_post_full_capabilities(jf, NULL, "{\"PlayableMediaTypes\":[\"Video\"],\"SupportsMediaControl\":true}",
                                          &err));
  CALL(sl_jellyfin_report_viewing(jf, NULL, episode, &err));
  char body[512];
  snprintf(body, sizeof body, "{\"ItemId\":\"%s\",\"PositionTicks\":100,\"CanSeek\":true,\"PlayMethod\":\"DirectPlay\"}",
           episode);
  CALL(sl_jellyfin_report_playback_start(jf, body, &err));
  snprintf(body, sizeof body, "{\"ItemId\":\"%s\",\"PositionTicks\":200,\"IsPaused\":true}", episode);
  CALL(sl_jellyfin_report_playback_progress(jf, body, &err));
  CALL(sl_jellyfin_ping_playback_session(jf, "p1", &err));
  snprintf(body, sizeof body, "{\"ItemId\":\"%s\",\"PositionTicks\":300}", episode);
  CALL(sl_jellyfin_report_playback_stopped(jf, body, &err));
  CALL(sl_jellyfin_add_user_to_session(jf, tv, bob, &err));
  CALL(sl_jellyfin_remove_user_from_session(jf, tv, bob, &err));
  sl_name_id_list *providers = NULL;
  CALL(sl_jellyfin_get_auth_providers(jf, &providers, &err));
  sl_name_id_list_free(providers);
  providers = NULL;
  CALL(sl_jellyfin_get_password_reset_providers(jf, &providers, &err));
  sl_name_id_list_free(providers);
  sl_jellyfin_client_free(jf);

  sl_g4_options g;
  sl_g4_options_init(&g);
  g.base_url = g4_url;
  g.tenant = tenant;
  g.application = "cross";
  sl_g4_client *g4 = NULL;
  CALL(sl_g4_client_new(&g, &g4, &err));
  int32_t ttl = 60;
  sl_g4_login *login = NULL;
  CALL(sl_g4_create_session(g4, g4_user, g4_password, "{\"a\":[1,2]}", &ttl, "{\"ip\":\"192.0.2.1\"}", &login, &err));
  const char *sid = sl_g4_login_session_id(login);
  sl_g4_session *s = NULL;
  CALL(sl_g4_get_session(g4, sid, &s, &err));
  sl_g4_session_free(s);
  s = NULL;
  CALL(sl_g4_get_static_session(g4, sid, &s, &err));
  sl_g4_session_free(s);
  CALL(sl_g4_update_session(g4, sid, "{\"b\":true}", &err));
  CALL(sl_g4_delete_session(g4, sid, &err));

  /* Every generated operation, with fresh clients and a live G4 session. */
  sl_g4_login *live = NULL;
  CALL(sl_g4_create_session(g4, g4_user, g4_password, NULL, NULL, NULL, &live, &err));
  CALL(sl_jellyfin_client_new(&o, &jf, &err));
  g.api_key = fx("g4", "api_key");
  sl_g4_client *g4b = NULL;
  CALL(sl_g4_client_new(&g, &g4b, &err));
  run_operations(jf, g4b, sl_g4_login_session_id(live));
  sl_jellyfin_client_free(jf);
  sl_g4_client_free(g4b);
  sl_g4_login_free(live);

  printf("%s\n", sid);
  sl_g4_login_free(login);
  sl_g4_client_free(g4);
  return 0;
}
