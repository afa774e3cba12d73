/* The C side of bench/soak/socket-soak.sh: a controllable session that keeps its socket open
 * and prints one JSON line per event (connected, disconnected, every DisplayMessage command's
 * text, the end of the socket). When the socket ends (a revoked token) it opens it again a
 * second later, as an application waiting for working credentials would.
 *   socket_client URL DEVICE_ID   (the token in $SOAK_TOKEN) */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sessionlink.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ended_cond = PTHREAD_COND_INITIALIZER;
static int ended = 0;

/* Command texts are the driver's own "soak-<language>-<n>": no escaping needed. Only a typed
 * DisplayMessage with a Text is a command: the soak also injects garbage frames whose kind is
 * GeneralCommand but whose Data is not a command (they were once counted as commands with an
 * empty text, which the report showed as duplicates). */
static void on_message(void *user_data, const sl_socket_message *m) {
  (void)user_data;
  if (strcmp(sl_socket_message_type(m), "GeneralCommand") != 0) return;
  const char *name = sl_socket_message_command_name(m);
  const char *text = sl_socket_message_argument(m, "Text");
  if (name && strcmp(name, "DisplayMessage") == 0 && text)
    printf("{\"e\":\"command\",\"text\":\"%s\"}\n", text);
  else
    printf("{\"e\":\"not_a_command\"}\n");
  fflush(stdout);
}

static void on_state(void *user_data, sl_socket_state state, const char *reason, uint64_t retry_in_ms) {
  (void)user_data;
  (void)retry_in_ms;
  if (state == SL_SOCKET_DISCONNECTED)
    printf("{\"e\":\"disconnected\",\"reason\":\"%.60s\"}\n", strchr(reason, '"') ? "(quoted)" : reason);
  else
    printf("{\"e\":\"connected\",\"re\":%s}\n", state == SL_SOCKET_CONNECTED ? "false" : "true");
  fflush(stdout);
}

static void on_end(void *user_data, sl_status status, const sl_error *error) {
  (void)user_data;
  (void)error;
  printf("{\"e\":\"ended\",\"error\":\"%s\"}\n", sl_status_str((int)status));
  fflush(stdout);
  pthread_mutex_lock(&lock);
  ended = 1;
  pthread_cond_broadcast(&ended_cond);
  pthread_mutex_unlock(&lock);
}

int main(int argc, char **argv) {
  if (argc != 3 || !getenv("SOAK_TOKEN")) {
    fprintf(stderr, "usage: SOAK_TOKEN=... socket_client URL DEVICE_ID\n");
    return 2;
  }
  sl_jellyfin_options options;
  sl_jellyfin_options_init(&options);
  options.base_url = argv[1];
  options.device_name = argv[2];
  options.device_id = argv[2];
  options.token = getenv("SOAK_TOKEN");
  sl_jellyfin_client *client = NULL;
  sl_error *err = NULL;
  if (sl_jellyfin_client_new(&options, &client, &err) != SL_STATUS_OK) {
    fprintf(stderr, "socket_client: %s\n", sl_error_message(err));
    return 1;
  }
  const char *media[] = {"Audio"};
  const char *commands[] = {"DisplayMessage"};
  for (;;) {
    sl_socket *socket = NULL;
    ended = 0;
    if (sl_jellyfin_become_controllable(client, media, 1, commands, 1, NULL, on_message, on_state, on_end, NULL, &socket,
                                        &err) != SL_STATUS_OK) {
      printf("{\"e\":\"ended\",\"error\":\"%s\"}\n", sl_status_str((int)sl_error_status(err)));
      fflush(stdout);
      sl_error_free(err);
      err = NULL;
    } else {
      pthread_mutex_lock(&lock);
      while (!ended) pthread_cond_wait(&ended_cond, &lock);
      pthread_mutex_unlock(&lock);
      sl_socket_free(socket);
    }
    sleep(1);
  }
}
