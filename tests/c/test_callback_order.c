/* A blocking call inside on_message delays the next event, and only it: the "first
 * command after a blocking sl_jellyfin_report_playback_start inside on_message arrives 31 ms
 * late (others 5-6 ms)". Each round sends a command (a peer), then one whose callback reports
 * playback start with the blocking call, then at once another command: that one is sent while
 * the callback is still blocked, so on_message sees it only when the callback has returned
 * (callbacks run one at a time, in order: the header promises it). Asserted: the order of
 * events (the command after the report reaches on_message only after the report call
 * returned; every command arrives once, in order). Printed, never asserted: the delays, as
 * ratios to the peers of the same run. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <time.h>

#include "harness.h"

#define ROUNDS 8
#define PATIENCE_MS 60000

typedef struct order_log {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  sl_jellyfin_client *reporter;
  char item_id[64];
  int arrived;                    /* commands seen by on_message */
  char texts[3 * ROUNDS][32];     /* their texts, in arrival order */
  double at[3 * ROUNDS];          /* when on_message saw each (monotonic seconds) */
  double report_start[ROUNDS], report_end[ROUNDS];
  sl_status reported[ROUNDS];
  int report_latency_ms; /* > 0: the emulator holds each report this long (a slow server) */
} order_log;

static double now_s(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void on_message(void *user_data, const sl_socket_message *m) {
  order_log *l = (order_log *)user_data;
  const char *name = sl_socket_message_command_name(m);
  const char *text = sl_socket_message_argument(m, "Text");
  if (!name || strcmp(name, "DisplayMessage") != 0 || !text) return;
  double seen = now_s();
  int round = -1;
  if (strncmp(text, "report-", 7) == 0) round = atoi(text + 7);
  pthread_mutex_lock(&l->lock);
  int i = l->arrived;
  if (i < 3 * ROUNDS) {
    snprintf(l->texts[i], sizeof l->texts[i], "%s", text);
    l->at[i] = seen;
  }
  pthread_mutex_unlock(&l->lock);
  if (round >= 0 && round < ROUNDS) {
    /* The blocking call the issue made inside on_message. */
    char info[256];
    snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":%d}", l->item_id, round);
    if (l->report_latency_ms > 0) emu_okf("latency %d", l->report_latency_ms);
    double start = now_s();
    sl_status s = sl_jellyfin_report_playback_start(l->reporter, info, NULL);
    double end = now_s();
    pthread_mutex_lock(&l->lock);
    l->report_start[round] = start;
    l->report_end[round] = end;
    l->reported[round] = s;
    pthread_mutex_unlock(&l->lock);
  }
  pthread_mutex_lock(&l->lock);
  l->arrived++;
  pthread_cond_broadcast(&l->cond);
  pthread_mutex_unlock(&l->lock);
}

/* Waits until on_message has seen n commands; returns how many it has. */
static int wait_arrived(order_log *l, int n) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += PATIENCE_MS / 1000;
  pthread_mutex_lock(&l->lock);
  while (l->arrived < n)
    if (pthread_cond_timedwait(&l->cond, &l->lock, &deadline) != 0) break;
  int got = l->arrived;
  pthread_mutex_unlock(&l->lock);
  return got;
}

static int by_value(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof *v, by_value);
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* One run of ROUNDS rounds, the report held `latency_ms` by the emulator (0: not held). */
static void rounds(int latency_ms, const char *device) {
  order_log *l = calloc(1, sizeof *l);
  CHECK(l != NULL);
  l->report_latency_ms = latency_ms;
  pthread_mutex_init(&l->lock, NULL);
  pthread_cond_init(&l->cond, NULL);
  sl_jellyfin_client *player = jellyfin_login_device(FX.user, FX.user_password, device);
  sl_jellyfin_client *admin = jellyfin_login(FX.admin_user, FX.admin_password);
  l->reporter = player;
  snprintf(l->item_id, sizeof l->item_id, "%s", FX.episode_id);
  const char *media[] = {"Audio", "Video"};
  const char *commands[] = {"DisplayMessage"};
  sl_socket *socket = NULL;
  sl_error *err = NULL;
  sl_status opened = player && admin ? sl_jellyfin_become_controllable(player, media, 2, commands, 1, NULL, on_message,
                                                                       NULL, NULL, l, &socket, &err)
                                     : SL_STATUS_INVALID_ARGUMENT;
  char sid[64] = "";
  char *session = opened == SL_STATUS_OK ? session_json_of_device(admin, device) : NULL;
  int found = session ? json_string(session, "Id", sid, sizeof sid) : -1;
  sl_string_free(session);

  double sent_peer[ROUNDS], sent_after[ROUNDS];
  int sends_ok = opened == SL_STATUS_OK && found == 0;
  for (int r = 0; r < ROUNDS && sends_ok; r++) {
    char text[32];
    snprintf(text, sizeof text, "peer-%d", r);
    sent_peer[r] = now_s();
    sends_ok = sl_jellyfin_send_message_command(admin, sid, NULL, text, NULL, NULL) == SL_STATUS_OK;
    sends_ok = sends_ok && wait_arrived(l, 3 * r + 1) == 3 * r + 1;
    snprintf(text, sizeof text, "report-%d", r);
    sends_ok = sends_ok && sl_jellyfin_send_message_command(admin, sid, NULL, text, NULL, NULL) == SL_STATUS_OK;
    /* At once: while the callback of report-r may still be blocked in the report. */
    snprintf(text, sizeof text, "after-%d", r);
    sent_after[r] = now_s();
    sends_ok = sends_ok && sl_jellyfin_send_message_command(admin, sid, NULL, text, NULL, NULL) == SL_STATUS_OK;
    sends_ok = sends_ok && wait_arrived(l, 3 * r + 3) == 3 * r + 3;
  }
  sl_socket_free(socket);
  sl_jellyfin_client_free(admin);
  sl_jellyfin_client_free(player);

  int in_order = 1, after_the_report = 1, reported = 1;
  double peer[ROUNDS], after[ROUNDS], report[ROUNDS], blocked[ROUNDS];
  for (int r = 0; r < ROUNDS && sends_ok; r++) {
    char want[3][32];
    snprintf(want[0], 32, "peer-%d", r);
    snprintf(want[1], 32, "report-%d", r);
    snprintf(want[2], 32, "after-%d", r);
    for (int k = 0; k < 3; k++) in_order &= strcmp(l->texts[3 * r + k], want[k]) == 0;
    after_the_report &= l->at[3 * r + 2] >= l->report_end[r];
    reported &= l->reported[r] == SL_STATUS_OK;
    peer[r] = l->at[3 * r] - sent_peer[r];
    after[r] = l->at[3 * r + 2] - sent_after[r];
    report[r] = l->report_end[r] - l->report_start[r];
    blocked[r] = l->report_end[r] - sent_after[r]; /* how long after-r had to wait for the callback */
  }
  if (sends_ok) {
    double p = median(peer, ROUNDS), a = median(after, ROUNDS), rep = median(report, ROUNDS),
           b = median(blocked, ROUNDS);
    fprintf(stderr,
            "     callback order (%d rounds, server latency on the report %d ms; medians): a peer command %.2f ms; "
            "the command after a blocking report %.2f ms (%.1fx the peer); the report call %.2f ms; of which after "
            "that command was sent %.2f ms\n",
            ROUNDS, latency_ms, p * 1e3, a * 1e3, p > 0 ? a / p : 0.0, rep * 1e3, b * 1e3);
  }
  pthread_mutex_destroy(&l->lock);
  pthread_cond_destroy(&l->cond);
  free(l);
  CHECK(opened == SL_STATUS_OK && found == 0);
  CHECK(sends_ok);
  CHECK(reported);
  CHECK(in_order);
  CHECK(after_the_report);
}

static void a_blocking_call_in_on_message_delays_only_the_next_command(void) {
  rounds(0, "c-callback-order");
  /* A server slow to answer the report (Jellyfin writes playback state to its database):
   * the command after it waits that long, the peers do not. */
  rounds(30, "c-callback-order-slow");
}

const test_case callback_order_tests[] = {
    {"callback_order_a_blocking_call_delays_only_the_next_command",
     a_blocking_call_in_on_message_delays_only_the_next_command},
    {NULL, NULL},
};
