/* Logs in to a Jellyfin server and lists its sessions.
 *   sessionlink-example URL [USER PASSWORD]     (defaults: the emulator's alice/wonderland) */
#include <stdio.h>

#include <sessionlink.h>

static int fail(const char *what, sl_status status, sl_error *err) {
  fprintf(stderr, "%s: %s: %s\n", what, sl_status_str((int)status), err ? sl_error_message(err) : "");
  sl_error_free(err);
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 2 && argc != 4) {
    fprintf(stderr, "usage: %s URL [USER PASSWORD]\n", argv[0]);
    return 2;
  }
  sl_jellyfin_options options;
  sl_jellyfin_options_init(&options);
  options.base_url = argv[1];
  options.device_name = "sessionlink example";
  options.device_id = "sessionlink-example-1";

  sl_jellyfin_client *client = NULL;
  sl_error *err = NULL;
  sl_status status = sl_jellyfin_client_new(&options, &client, &err);
  if (status != SL_STATUS_OK) return fail("client", status, err);

  status = sl_jellyfin_authenticate_by_name(client, argc == 4 ? argv[2] : "alice", argc == 4 ? argv[3] : "wonderland",
                                            NULL, &err);
  if (status != SL_STATUS_OK) {
    sl_jellyfin_client_free(client);
    return fail("login", status, err);
  }

  sl_session_list *sessions = NULL;
  status = sl_jellyfin_get_sessions(client, NULL, NULL, NULL, &sessions, &err);
  if (status != SL_STATUS_OK) {
    sl_jellyfin_client_free(client);
    return fail("sessions", status, err);
  }
  printf("sessionlink %s: %zu sessions\n", sl_version(), sl_session_list_len(sessions));
  for (size_t i = 0; i < sl_session_list_len(sessions); i++) {
    const sl_session *s = sl_session_list_get(sessions, i);
    const char *playing = sl_session_now_playing_item_name(s);
    printf("  %-20s %-22s %s\n", sl_session_device_name(s), sl_session_client(s), playing ? playing : "(idle)");
  }
  sl_session_list_free(sessions);
  sl_jellyfin_client_free(client);
  return 0;
}
