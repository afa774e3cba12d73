/* The socket's liveness rule in C, against the emulator in the mode of servers that never
 * echo KeepAlive (they answer WebSocket pings, as every server does): the connection stays up
 * over several keep-alive periods, and a server that hangs is still declared dead. The tests
 * wait on the emulator's counts of keep-alives and pings, never on the clock. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <time.h>

#include "harness.h"

/* Generous, for valgrind: a wait ends as soon as its event is there. */
#define PATIENCE_MS 60000

typedef struct liveness_log {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int connected, reconnected, disconnected, ends;
  char reason[256];
} liveness_log;

static void on_message(void *user_data, const sl_socket_message *m) {
  (void)user_data;
  (void)m;
}

static void on_state(void *user_data, sl_socket_state state, const char *reason, uint64_t retry_in_ms) {
  liveness_log *l = (liveness_log *)user_data;
  (void)retry_in_ms;
  pthread_mutex_lock(&l->lock);
  switch (state) {
    case SL_SOCKET_CONNECTED: l->connected++; break;
    case SL_SOCKET_RECONNECTED: l->reconnected++; break;
    case SL_SOCKET_DISCONNECTED:
      if (l->disconnected++ == 0) snprintf(l->reason, sizeof l->reason, "%s", reason ? reason : "");
      break;
  }
  pthread_cond_broadcast(&l->cond);
  pthread_mutex_unlock(&l->lock);
}

static void on_end(void *user_data, sl_status status, const sl_error *error) {
  liveness_log *l = (liveness_log *)user_data;
  (void)status;
  (void)error;
  pthread_mutex_lock(&l->lock);
  l->ends++;
  pthread_cond_broadcast(&l->cond);
  pthread_mutex_unlock(&l->lock);
}

/* Waits until `*counter` reaches n or PATIENCE_MS passes; returns its value. */
static int wait_for(liveness_log *l, const int *counter, int n) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += PATIENCE_MS / 1000;
  pthread_mutex_lock(&l->lock);
  while (*counter < n) {
    if (pthread_cond_timedwait(&l->cond, &l->lock, &deadline) != 0) break;
  }
  int value = *counter;
  pthread_mutex_unlock(&l->lock);
  return value;
}

/* How many sockets, open or closed, the session ever had. */
static int sockets_of(const char *sid) {
  char *all = emu_control("sockets");
  if (!all) return -1;
  char needle[128];
  snprintf(needle, sizeof needle, "\"session_id\":\"%s\"", sid);
  int n = 0;
  for (const char *p = strstr(all, needle); p; p = strstr(p + 1, needle)) n++;
  free(all);
  return n;
}

typedef struct player {
  liveness_log log;
  sl_jellyfin_client *client;
  sl_socket *socket;
  char sid[64];
} player;

/* bob on `device`, with the emulator's keep-alive period of 1 s and no KeepAlive echo, its
 * socket open with fast reconnects. Returns 0 when it is up. */
static int player_open(player *p, const char *device) {
  memset(p, 0, sizeof *p);
  pthread_mutex_init(&p->log.lock, NULL);
  pthread_cond_init(&p->log.cond, NULL);
  if (emu_ok("keepalive_seconds 1") != 0 || emu_ok("keepalive_echo off") != 0) return -1;
  p->client = jellyfin_login_device(FX.user, FX.user_password, device);
  if (!p->client) return -1;
  sl_socket_options o;
  sl_socket_options_init(&o);
  /* A reconnect waits at least 30 s: a disconnection stays the newest event (a newer
   * connection event would replace it), and a reconnect shows as a second socket. */
  o.reconnect_initial_ms = 60000;
  o.reconnect_max_ms = 60000;
  sl_error *err = NULL;
  if (sl_jellyfin_open_socket(p->client, &o, on_message, on_state, on_end, &p->log, &p->socket, &err) != SL_STATUS_OK) {
    fprintf(stderr, "open_socket: %s\n", sl_error_message(err));
    sl_error_free(err);
    return -1;
  }
  char *session = session_json_of_device(p->client, device);
  int found = session ? json_string(session, "Id", p->sid, sizeof p->sid) : -1;
  sl_string_free(session);
  return found;
}

/* Frees the socket (on_end has run when it returns) and puts the emulator back. */
static void player_close(player *p) {
  sl_socket_free(p->socket);
  sl_jellyfin_client_free(p->client);
  pthread_mutex_destroy(&p->log.lock);
  pthread_cond_destroy(&p->log.cond);
  emu_ok("keepalive_echo on");
  emu_ok("keepalive_seconds 60");
}

static void no_reconnect_when_the_server_never_echoes_keepalive(void) {
  player p;
  int up = player_open(&p, "c-liveness-no-echo");
  if (up == 0) {
    /* Ten KeepAlives are five periods: without pings the socket would have given up after
     * one and a half. */
    int kept = emu_okf("wait_socket_messages %s received KeepAlive 10 %d", p.sid, PATIENCE_MS);
    int pinged = emu_okf("wait_pings %s 3 %d", p.sid, PATIENCE_MS);
    char line[160];
    snprintf(line, sizeof line, "wait_socket_messages %s sent KeepAlive 1 1", p.sid);
    char *answer = emu_control(line); /* an error: nothing was echoed */
    int echoed = !answer || strstr(answer, "\"ok\":true") != NULL;
    free(answer);
    int sockets = sockets_of(p.sid);
    int reconnected = p.log.reconnected, disconnected = p.log.disconnected;
    player_close(&p);
    CHECK(kept == 0 && pinged == 0);
    CHECK(!echoed); /* the emulator never echoed: the wait for one fails */
    CHECK(sockets == 1);
    CHECK(reconnected == 0 && disconnected == 0);
    CHECK(p.log.connected == 1 && p.log.ends == 1);
  } else {
    player_close(&p);
    CHECK(up == 0);
  }
}

static void a_hung_server_is_still_declared_dead(void) {
  player p;
  int up = player_open(&p, "c-liveness-hung");
  if (up == 0) {
    int pinged = emu_okf("wait_pings %s 1 %d", p.sid, PATIENCE_MS);
    /* The server hangs far longer than the test waits: only the client's rule can end it. */
    int stalled = emu_okf("stall_sockets %s 600000", p.sid);
    int disconnected = wait_for(&p.log, &p.log.disconnected, 1);
    int sockets = sockets_of(p.sid); /* the client gave up while the server held it open */
    char reason[256];
    pthread_mutex_lock(&p.log.lock);
    snprintf(reason, sizeof reason, "%s", p.log.reason);
    pthread_mutex_unlock(&p.log.lock);
    player_close(&p);
    CHECK(pinged == 0 && stalled == 0);
    CHECK(disconnected >= 1);
    CHECK(strcmp(reason, "the server answered neither keep-alives nor pings") == 0);
    CHECK(sockets == 1);
  } else {
    player_close(&p);
    CHECK(up == 0);
  }
}

const test_case liveness_tests[] = {
    {"liveness_no_reconnect_when_the_server_never_echoes_keepalive", no_reconnect_when_the_server_never_echoes_keepalive},
    {"liveness_a_hung_server_is_still_declared_dead", a_hung_server_is_still_declared_dead},
    {NULL, NULL},
};
