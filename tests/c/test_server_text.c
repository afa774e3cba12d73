/* Server text that echoes the client's token in the spellings other servers use (upper case,
 * a dashed GUID, unreserved characters percent-encoded) reaches neither the C error (message,
 * location, body), nor a socket's disconnection reason, nor a record of the log callback: a
 * redirect's Location, a JSON error body, and a WebSocket close reason. */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"

#define PATIENCE_MS 60000
#define MAX_TEXTS 256

typedef struct texts {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int count;
  char text[MAX_TEXTS][600];
  int disconnected, reconnected;
} texts;

static void add(texts *t, const char *a, const char *b) {
  pthread_mutex_lock(&t->lock);
  if (t->count < MAX_TEXTS) snprintf(t->text[t->count++], sizeof t->text[0], "%s %s", a ? a : "", b ? b : "");
  pthread_cond_broadcast(&t->cond);
  pthread_mutex_unlock(&t->lock);
}

static void on_log(void *user_data, sl_log_level level, const char *target, const char *message) {
  (void)level;
  add((texts *)user_data, target, message);
}

static void on_message(void *user_data, const sl_socket_message *m) {
  (void)user_data;
  (void)m;
}

static void on_state(void *user_data, sl_socket_state state, const char *reason, uint64_t retry_in_ms) {
  texts *t = (texts *)user_data;
  (void)retry_in_ms;
  if (state == SL_SOCKET_DISCONNECTED) add(t, "disconnected:", reason);
  pthread_mutex_lock(&t->lock);
  if (state == SL_SOCKET_DISCONNECTED) t->disconnected++;
  if (state == SL_SOCKET_RECONNECTED) t->reconnected++;
  pthread_cond_broadcast(&t->cond);
  pthread_mutex_unlock(&t->lock);
}

static int wait_reconnected(texts *t, int n) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += PATIENCE_MS / 1000;
  pthread_mutex_lock(&t->lock);
  while (t->reconnected < n)
    if (pthread_cond_timedwait(&t->cond, &t->lock, &deadline) != 0) break;
  int got = t->reconnected;
  pthread_mutex_unlock(&t->lock);
  return got;
}

/* The spellings of a 32-hex-digit token a server may echo. */
static void spellings(const char *token, char out[3][128]) {
  size_t n = strlen(token);
  for (size_t i = 0; i <= n; i++) out[0][i] = (char)toupper((unsigned char)token[i]);
  snprintf(out[1], 128, "%.8s-%.4s-%.4s-%.4s-%s", token, token + 8, token + 12, token + 16, token + 20);
  out[2][0] = '\0';
  for (size_t i = 0; i < n; i++) snprintf(out[2] + strlen(out[2]), 128 - strlen(out[2]), "%%%02X", (unsigned char)token[i]);
}

/* Whether `text` shows the token: any case, dashes ignored, or percent-encoded. */
static int shows(const char *text, const char *token, char spelled[3][128]) {
  char plain[700];
  size_t k = 0;
  for (const char *p = text; *p && k + 1 < sizeof plain; p++)
    if (*p != '-') plain[k++] = (char)tolower((unsigned char)*p);
  plain[k] = '\0';
  return strstr(plain, token) != NULL || strstr(text, spelled[2]) != NULL;
}

static void no_echoed_token_reaches_an_error_a_reason_or_a_log_record(void) {
  texts *t = calloc(1, sizeof *t);
  CHECK(t != NULL);
  pthread_mutex_init(&t->lock, NULL);
  pthread_cond_init(&t->cond, NULL);
  char token[64] = "";
  char spelled[3][128] = {"", "", ""};
  const char *device = "c-server-text";
  sl_jellyfin_options options;
  sl_jellyfin_options_init(&options);
  options.base_url = FX.url;
  options.device_name = device;
  options.device_id = device;
  sl_jellyfin_client *client = NULL;
  sl_auth_result *auth = NULL;
  if (sl_jellyfin_client_new(&options, &client, NULL) == SL_STATUS_OK &&
      sl_jellyfin_authenticate_by_name(client, FX.user, FX.user_password, &auth, NULL) == SL_STATUS_OK)
    snprintf(token, sizeof token, "%s", sl_auth_result_access_token(auth));
  sl_auth_result_free(auth);
  char *session = client ? session_json_of_device(client, device) : NULL;
  char sid[64] = "";
  int found = session ? json_string(session, "Id", sid, sizeof sid) : -1;
  sl_string_free(session);
  sl_error *err = NULL;
  int logging = sl_set_log_callback(on_log, t, SL_LOG_DEBUG, &err) == SL_STATUS_OK;
  sl_error_free(err);
  err = NULL;
  int errors = 0, located = 0;
  if (client && found == 0 && strlen(token) == 32) {
    spellings(token, spelled);
    for (int i = 0; i < 3; i++) {
      emu_okf("status_json {\"status\":302,\"headers\":{\"Location\":\"http://127.0.0.1:9/x/%s?token=%s\"}}", spelled[i],
              spelled[i]);
      emu_okf("status_json {\"status\":400,\"content_type\":\"application/json\",\"body\":\"{\\\"title\\\":\\\"bad %s\\\"}\"}",
              spelled[i]);
      for (int call = 0; call < 2; call++) {
        sl_session_list *list = NULL;
        if (sl_jellyfin_get_sessions(client, NULL, NULL, NULL, &list, &err) != SL_STATUS_OK && err) {
          errors++;
          add(t, "error:", sl_error_message(err));
          if (sl_error_location(err)) {
            located++;
            add(t, "location:", sl_error_location(err));
          }
          if (sl_error_body_json(err)) add(t, "body:", sl_error_body_json(err));
        }
        sl_session_list_free(list);
        sl_error_free(err);
        err = NULL;
      }
    }
    sl_socket_options o;
    sl_socket_options_init(&o);
    o.reconnect_initial_ms = 50;
    o.reconnect_max_ms = 400;
    sl_socket *socket = NULL;
    if (sl_jellyfin_open_socket(client, &o, on_message, on_state, NULL, t, &socket, &err) == SL_STATUS_OK) {
      for (int i = 0; i < 3; i++) {
        emu_okf("wait_sockets %s 1 %d", sid, PATIENCE_MS);
        emu_okf("close_sockets %s 4000 token %s revoked", sid, spelled[i]);
        wait_reconnected(t, i + 1);
      }
      sl_socket_free(socket);
    }
    sl_error_free(err);
    err = NULL;
  }
  sl_set_log_callback(NULL, NULL, SL_LOG_OFF, NULL);
  sl_jellyfin_client_free(client);
  int leaked = 0, scrubbed_reason = 0, scrubbed_location = 0;
  for (int i = 0; i < t->count; i++) {
    if (strlen(token) == 32 && shows(t->text[i], token, spelled)) {
      leaked = 1;
      sl_test_fail(__FILE__, __LINE__, "the token shows", t->text[i]);
    }
    /* The log shows every close reason. */
    scrubbed_reason += strstr(t->text[i], "sessionlink::socket") && strstr(t->text[i], "4000 token *** revoked") ? 1 : 0;
    scrubbed_location |= strstr(t->text[i], "location:") && strstr(t->text[i], "/x/***?token=***");
  }
  int reconnected = t->reconnected;
  pthread_mutex_destroy(&t->lock);
  pthread_cond_destroy(&t->cond);
  free(t);
  CHECK(client != NULL && found == 0 && strlen(token) == 32 && logging);
  CHECK(errors == 6 && located == 3);
  CHECK(reconnected == 3);
  CHECK(scrubbed_reason == 3 && scrubbed_location);
  CHECK(!leaked);
}

const test_case server_text_tests[] = {
    {"server_text_no_echoed_token_reaches_an_error_a_reason_or_a_log_record",
     no_echoed_token_reaches_an_error_a_reason_or_a_log_record},
    {NULL, NULL},
};
