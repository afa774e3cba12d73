/* A minimal remote-controllable player: logs in, becomes controllable (Audio and Video,
 * DisplayMessage and SetVolume), prints every command it receives, and reports its playback
 * as a real player does (Pause/Unpause: progress, Stop: stopped).
 *   sessionlink-player URL [USER PASSWORD]          runs until Ctrl-C
 *   sessionlink-player URL --demo ITEM_ID           plays ITEM_ID, then a second client (the
 *       emulator's alice) pauses it and sends it a message; the player receives both live and
 *       reports its playback, and the controller sees it in GET /Sessions; then it exits.
 * The defaults are the emulator's bob/builder. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sessionlink.h>

#define DEVICE_ID "sessionlink-c-player-example"

typedef struct player {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  sl_jellyfin_client *client;
  char item[64];
  int paused, pauses, messages, ended;
} player;

static volatile sig_atomic_t interrupted = 0;
static void on_sigint(int sig) {
  (void)sig;
  interrupted = 1;
}

static void report(player *p, const char *which) {
  if (!p->item[0]) return;
  char info[256];
  /* A stop report has no pause state (PlaybackStopInfo). */
  if (strcmp(which, "stopped") == 0)
    snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":0,\"PlaySessionId\":\"c-example\"}", p->item);
  else
    snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":0,\"IsPaused\":%s,\"PlaySessionId\":\"c-example\"}",
             p->item, p->paused ? "true" : "false");
  sl_error *err = NULL;
  sl_status status = strcmp(which, "stopped") == 0   ? sl_jellyfin_report_playback_stopped(p->client, info, &err)
                     : strcmp(which, "start") == 0 ? sl_jellyfin_report_playback_start(p->client, info, &err)
                                                   : sl_jellyfin_report_playback_progress(p->client, info, &err);
  if (status != SL_STATUS_OK) fprintf(stderr, "player: report %s: %s\n", which, sl_error_message(err));
  sl_error_free(err);
}

/* On the socket's own thread: blocking calls (the reports) are allowed here. */
static void on_message(void *user_data, const sl_socket_message *m) {
  player *p = (player *)user_data;
  const char *type = sl_socket_message_type(m);
  if (strcmp(type, "Playstate") == 0) {
    const char *command = sl_socket_message_playstate_command(m);
    printf("player: %s\n", command);
    pthread_mutex_lock(&p->lock);
    if (strcmp(command, "Pause") == 0) p->paused = 1;
    if (strcmp(command, "Unpause") == 0) p->paused = 0;
    if (strcmp(command, "PlayPause") == 0) p->paused = !p->paused;
    pthread_mutex_unlock(&p->lock);
    report(p, strcmp(command, "Stop") == 0 ? "stopped" : "progress");
    pthread_mutex_lock(&p->lock);
    p->pauses += strcmp(command, "Pause") == 0;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
  } else if (strcmp(type, "Play") == 0) {
    printf("player: %s %zu item(s), first %s\n", sl_socket_message_play_command(m), sl_socket_message_item_ids_len(m),
           sl_socket_message_item_id(m, 0));
  } else if (strcmp(type, "GeneralCommand") == 0) {
    const char *name = sl_socket_message_command_name(m);
    if (strcmp(name, "DisplayMessage") == 0) {
      const char *header = sl_socket_message_argument(m, "Header");
      printf("player: message: %s%s%s\n", header ? header : "", header ? ": " : "", sl_socket_message_argument(m, "Text"));
    } else {
      printf("player: command %s\n", name);
    }
    pthread_mutex_lock(&p->lock);
    p->messages += strcmp(name, "DisplayMessage") == 0;
    pthread_cond_broadcast(&p->changed);
    pthread_mutex_unlock(&p->lock);
  }
  fflush(stdout);
}

static void on_state(void *user_data, sl_socket_state state, const char *reason, uint64_t retry_in_ms) {
  (void)user_data;
  if (state == SL_SOCKET_DISCONNECTED)
    printf("player: disconnected (%s), retrying in %llu ms\n", reason, (unsigned long long)retry_in_ms);
  else
    printf("player: %s\n", state == SL_SOCKET_CONNECTED ? "connected, controllable" : "reconnected");
  fflush(stdout);
}

static void on_end(void *user_data, sl_status status, const sl_error *error) {
  player *p = (player *)user_data;
  printf("player: socket ended: %s%s%s\n", sl_status_str((int)status), error ? ": " : "", error ? sl_error_message(error) : "");
  fflush(stdout);
  pthread_mutex_lock(&p->lock);
  p->ended = 1;
  pthread_cond_broadcast(&p->changed);
  pthread_mutex_unlock(&p->lock);
}

/* Waits up to 10 s until *counter > 0. */
static int wait_for(player *p, const int *counter) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 10;
  pthread_mutex_lock(&p->lock);
  while (*counter == 0 && pthread_cond_timedwait(&p->changed, &p->lock, &deadline) == 0) {
  }
  int value = *counter;
  pthread_mutex_unlock(&p->lock);
  return value;
}

static sl_jellyfin_client *login(const char *url, const char *device, const char *user, const char *password) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = url;
  o.device_name = device;
  o.device_id = device;
  o.client_name = "sessionlink-c-example";
  sl_jellyfin_client *c = NULL;
  sl_error *err = NULL;
  if (sl_jellyfin_client_new(&o, &c, &err) != SL_STATUS_OK ||
      sl_jellyfin_authenticate_by_name(c, user, password, NULL, &err) != SL_STATUS_OK) {
    fprintf(stderr, "login as %s: %s\n", user, sl_error_message(err));
    sl_error_free(err);
    sl_jellyfin_client_free(c);
    return NULL;
  }
  return c;
}

/* The demo's controller: pauses the player, sends it a message, and looks at its session. */
static int control(player *p, const char *url) {
  sl_jellyfin_client *controller = login(url, "sessionlink-c-controller-example", "alice", "wonderland");
  if (!controller) return 1;
  sl_session_list *list = NULL;
  sl_error *err = NULL;
  int rc = 1;
  if (sl_jellyfin_get_sessions(controller, NULL, DEVICE_ID, NULL, &list, &err) != SL_STATUS_OK ||
      sl_session_list_len(list) != 1) {
    fprintf(stderr, "controller: the player's session is not there: %s\n", err ? sl_error_message(err) : "");
    goto done;
  }
  char id[64];
  snprintf(id, sizeof id, "%s", sl_session_id(sl_session_list_get(list, 0)));
  sl_session_list_free(list);
  list = NULL;
  if (sl_jellyfin_send_playstate_command(controller, id, "Pause", NULL, NULL, &err) != SL_STATUS_OK || !wait_for(p, &p->pauses))
    goto done;
  int64_t timeout_ms = 5000;
  if (sl_jellyfin_send_message_command(controller, id, "Controller", "Hello from the controller", &timeout_ms, &err) !=
          SL_STATUS_OK ||
      !wait_for(p, &p->messages))
    goto done;
  if (sl_jellyfin_get_sessions(controller, NULL, DEVICE_ID, NULL, &list, &err) != SL_STATUS_OK) goto done;
  const sl_session *s = sl_session_list_get(list, 0);
  const char *playing = sl_session_now_playing_item_name(s);
  printf("controller: %s is %s %s, remote control %s\n", sl_session_device_name(s),
         sl_session_is_paused(s) ? "paused on" : "playing", playing ? playing : "(nothing)",
         sl_session_supports_remote_control(s) ? "on" : "off");
  rc = sl_session_is_paused(s) && sl_session_supports_remote_control(s) ? 0 : 1;
done:
  if (err) fprintf(stderr, "controller: %s\n", sl_error_message(err));
  sl_error_free(err);
  sl_session_list_free(list);
  sl_jellyfin_client_free(controller);
  return rc;
}

int main(int argc, char **argv) {
  int demo = argc == 4 && strcmp(argv[2], "--demo") == 0;
  if (argc != 2 && argc != 4) {
    fprintf(stderr, "usage: %s URL [USER PASSWORD | --demo ITEM_ID]\n", argv[0]);
    return 2;
  }
  player p;
  memset(&p, 0, sizeof p);
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.changed, NULL);
  p.client = login(argv[1], DEVICE_ID, argc == 4 && !demo ? argv[2] : "bob", argc == 4 && !demo ? argv[3] : "builder");
  if (!p.client) return 1;

  const char *media[] = {"Audio", "Video"};
  const char *commands[] = {"DisplayMessage", "SetVolume"};
  sl_socket *socket = NULL;
  sl_error *err = NULL;
  if (sl_jellyfin_become_controllable(p.client, media, 2, commands, 2, NULL, on_message, on_state, on_end, &p, &socket,
                                      &err) != SL_STATUS_OK) {
    fprintf(stderr, "become controllable: %s\n", sl_error_message(err));
    sl_error_free(err);
    sl_jellyfin_client_free(p.client);
    return 1;
  }
  int rc = 0;
  if (demo) {
    snprintf(p.item, sizeof p.item, "%s", argv[3]);
    report(&p, "start");
    rc = control(&p, argv[1]);
    printf("demo: %s\n", rc == 0 ? "ok" : "failed");
  } else {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigaction(SIGINT, &sa, NULL);
    struct timespec tick = {0, 100000000L};
    while (!interrupted && !p.ended) nanosleep(&tick, NULL);
  }
  /* Closes the socket; on_end has run when this returns, so `p` may go away. */
  sl_socket_free(socket);
  sl_jellyfin_client_free(p.client);
  pthread_mutex_destroy(&p.lock);
  pthread_cond_destroy(&p.changed);
  return rc;
}
