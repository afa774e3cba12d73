/* Watches a server's sessions live over the session socket (no polling): prints the list at
 * every push the server makes after a session event.
 *   sessionlink-watcher URL [USER PASSWORD] [--count N]   N lists, then exits (default: until
 *       Ctrl-C). The defaults are the emulator's alice/wonderland. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sessionlink.h>

typedef struct watcher {
  pthread_mutex_t lock;
  int lists, ended;
} watcher;

static volatile sig_atomic_t interrupted = 0;
static void on_sigint(int sig) {
  (void)sig;
  interrupted = 1;
}

static void on_message(void *user_data, const sl_socket_message *m) {
  watcher *w = (watcher *)user_data;
  sl_session_list *sessions = NULL;
  /* Only Sessions messages carry a list; keep-alives and the rest are skipped. */
  if (sl_socket_message_sessions(m, &sessions, NULL) != SL_STATUS_OK) return;
  printf("%zu sessions:\n", sl_session_list_len(sessions));
  for (size_t i = 0; i < sl_session_list_len(sessions); i++) {
    const sl_session *s = sl_session_list_get(sessions, i);
    const char *playing = sl_session_now_playing_item_name(s);
    printf("  %-32s %-24s %s%s\n", sl_session_device_name(s), sl_session_client(s), playing ? playing : "(idle)",
           sl_session_is_paused(s) ? " (paused)" : "");
  }
  fflush(stdout);
  sl_session_list_free(sessions);
  pthread_mutex_lock(&w->lock);
  w->lists++;
  pthread_mutex_unlock(&w->lock);
}

static void on_end(void *user_data, sl_status status, const sl_error *error) {
  watcher *w = (watcher *)user_data;
  if (status != SL_STATUS_OK && status != SL_STATUS_CANCELLED)
    fprintf(stderr, "watcher: the socket ended: %s\n", error ? sl_error_message(error) : "");
  pthread_mutex_lock(&w->lock);
  w->ended = 1;
  pthread_mutex_unlock(&w->lock);
}

int main(int argc, char **argv) {
  int count = 0;
  if (argc >= 3 && strcmp(argv[argc - 2], "--count") == 0) {
    count = atoi(argv[argc - 1]);
    argc -= 2;
  }
  if (argc != 2 && argc != 4) {
    fprintf(stderr, "usage: %s URL [USER PASSWORD] [--count N]\n", argv[0]);
    return 2;
  }
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = argv[1];
  o.device_name = "sessionlink watcher";
  o.device_id = "sessionlink-c-watcher-example";
  sl_jellyfin_client *client = NULL;
  sl_error *err = NULL;
  if (sl_jellyfin_client_new(&o, &client, &err) != SL_STATUS_OK ||
      sl_jellyfin_authenticate_by_name(client, argc == 4 ? argv[2] : "alice", argc == 4 ? argv[3] : "wonderland", NULL,
                                       &err) != SL_STATUS_OK) {
    fprintf(stderr, "login: %s\n", sl_error_message(err));
    sl_error_free(err);
    sl_jellyfin_client_free(client);
    return 1;
  }
  watcher w;
  memset(&w, 0, sizeof w);
  pthread_mutex_init(&w.lock, NULL);
  sl_socket_options so;
  sl_socket_options_init(&so);
  so.subscribe_sessions = true;
  so.sessions_interval_ms = 1000;
  sl_socket *socket = NULL;
  if (sl_jellyfin_open_socket(client, &so, on_message, NULL, on_end, &w, &socket, &err) != SL_STATUS_OK) {
    fprintf(stderr, "socket: %s\n", sl_error_message(err));
    sl_error_free(err);
    sl_jellyfin_client_free(client);
    return 1;
  }
  printf("watching (Ctrl-C to stop)\n");
  fflush(stdout);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_sigint;
  sigaction(SIGINT, &sa, NULL);
  struct timespec tick = {0, 50000000L};
  for (;;) {
    pthread_mutex_lock(&w.lock);
    int done = w.ended || (count > 0 && w.lists >= count);
    pthread_mutex_unlock(&w.lock);
    if (done || interrupted) break;
    nanosleep(&tick, NULL);
  }
  sl_socket_free(socket);
  sl_jellyfin_client_free(client);
  pthread_mutex_destroy(&w.lock);
  return w.lists >= count ? 0 : 1;
}
