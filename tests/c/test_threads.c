/* One client shared by 8 threads: logins, session lists and commands at the same time. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>

#include "harness.h"

#define THREADS 8
#define ROUNDS 15

typedef struct worker {
  sl_jellyfin_client *client;
  int login;
  int failures;
  char message[256];
} worker;

static void *work(void *arg) {
  worker *w = (worker *)arg;
  sl_error *err = NULL;
  for (int i = 0; i < ROUNDS && !w->failures; i++) {
    sl_status st;
    if (w->login) {
      st = sl_jellyfin_authenticate_by_name(w->client, FX.admin_user, FX.admin_password, NULL, &err);
    } else {
      sl_session_list *list = NULL;
      st = sl_jellyfin_get_sessions(w->client, NULL, "living-room-tv", NULL, &list, &err);
      if (st == SL_STATUS_OK && (sl_session_list_len(list) != 1 ||
                                 strcmp(sl_session_device_name(sl_session_list_get(list, 0)), "Living Room TV") != 0)) {
        snprintf(w->message, sizeof w->message, "wrong session list");
        w->failures++;
      }
      sl_session_list_free(list);
      if (st == SL_STATUS_OK)
        st = sl_jellyfin_send_playstate_command(w->client, FX.living_room_session_id, "Unpause", NULL, NULL, &err);
    }
    if (st != SL_STATUS_OK) {
      snprintf(w->message, sizeof w->message, "%s: %s", sl_status_str((int)st), err ? sl_error_message(err) : "");
      sl_error_free(err);
      err = NULL;
      w->failures++;
    }
  }
  return NULL;
}

static void run_workers(sl_jellyfin_client *c, int login) {
  pthread_t threads[THREADS];
  worker workers[THREADS];
  for (int i = 0; i < THREADS; i++) {
    workers[i] = (worker){c, login, 0, {0}};
    CHECK(pthread_create(&threads[i], NULL, work, &workers[i]) == 0);
  }
  for (int i = 0; i < THREADS; i++) pthread_join(threads[i], NULL);
  for (int i = 0; i < THREADS; i++) {
    if (workers[i].failures) sl_test_fail(__FILE__, __LINE__, "worker failed", workers[i].message);
  }
}

static void eight_threads_share_one_client(void) {
  sl_jellyfin_client *c = jellyfin_client_with(FX.url, NULL);
  CHECK(c);
  /* Concurrent logins all succeed. Each one revokes the previous token of the same device,
   * so which token the client ends up holding is a race by the server's rules; one more
   * login settles it before the concurrent requests. */
  run_workers(c, 1);
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_authenticate_by_name(c, FX.admin_user, FX.admin_password, NULL, &err), &err);
  run_workers(c, 0);
  sl_jellyfin_client_free(c);
}

const test_case thread_tests[] = {
    {"eight_threads_share_one_client", eight_threads_share_one_client},
    {NULL, NULL},
};
