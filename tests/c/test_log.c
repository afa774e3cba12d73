/* sl_set_log_callback: the library's log records reach a C callback with their level, target
 * and message; the level filters them; no credential is in them even when a hostile server
 * echoes it; NULL stops them (and no call runs after it returns); many threads log at once. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>

#include "harness.h"

#define MAX_RECORDS 4096

typedef struct log_record {
  sl_log_level level;
  char target[64];
  char message[768];
  pthread_t thread;
} log_record;

/* What the callback received; heap-allocated so that a test can free it after stopping the
 * callback (AddressSanitizer and valgrind then catch a call that comes too late). */
typedef struct collector {
  pthread_mutex_t lock;
  pthread_cond_t arrived;
  int count;
  int dropped;
  log_record records[MAX_RECORDS];
  /* For the callback that calls sl_set_log_callback itself. */
  int reenter;
  sl_status reentered;
} collector;

static collector *collector_new(void) {
  collector *c = calloc(1, sizeof *c);
  if (c) {
    pthread_mutex_init(&c->lock, NULL);
    pthread_cond_init(&c->arrived, NULL);
  }
  return c;
}

static void collector_free(collector *c) {
  if (!c) return;
  pthread_mutex_destroy(&c->lock);
  pthread_cond_destroy(&c->arrived);
  free(c);
}

static void on_log(void *user_data, sl_log_level level, const char *target, const char *message) {
  collector *c = (collector *)user_data;
  if (c->reenter) c->reentered = sl_set_log_callback(NULL, NULL, SL_LOG_OFF, NULL);
  pthread_mutex_lock(&c->lock);
  if (c->count < MAX_RECORDS) {
    log_record *r = &c->records[c->count++];
    r->level = level;
    snprintf(r->target, sizeof r->target, "%s", target);
    snprintf(r->message, sizeof r->message, "%s", message);
    r->thread = pthread_self();
  } else {
    c->dropped++;
  }
  pthread_cond_broadcast(&c->arrived);
  pthread_mutex_unlock(&c->lock);
}

/* Waits until the callback has received at least `n` records or 20 s passed; the count. */
static int wait_records(collector *c, int n) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += 20;
  pthread_mutex_lock(&c->lock);
  while (c->count < n && pthread_cond_timedwait(&c->arrived, &c->lock, &deadline) == 0) {
  }
  int got = c->count;
  pthread_mutex_unlock(&c->lock);
  return got;
}

static int count_of(collector *c) {
  pthread_mutex_lock(&c->lock);
  int n = c->count;
  pthread_mutex_unlock(&c->lock);
  return n;
}

/* The number of records whose message contains `needle`. */
static int matching(collector *c, const char *needle) {
  int n = 0;
  pthread_mutex_lock(&c->lock);
  for (int i = 0; i < c->count; i++) n += strstr(c->records[i].message, needle) != NULL;
  pthread_mutex_unlock(&c->lock);
  return n;
}

/* The first record whose message contains `needle`, or NULL. */
static const log_record *find(collector *c, const char *needle) {
  for (int i = 0; i < c->count; i++)
    if (strstr(c->records[i].message, needle)) return &c->records[i];
  return NULL;
}

/* Fails (naming it) when any record contains `secret`. */
static int leaks(collector *c, const char *secret) {
  for (int i = 0; i < c->count; i++) {
    if (strstr(c->records[i].message, secret) || strstr(c->records[i].target, secret)) {
      sl_test_fail(__FILE__, __LINE__, "a log record shows a credential", c->records[i].message);
      return 1;
    }
  }
  return 0;
}

/* A new collector that receives the records up to `level` (NULL if that failed). */
static collector *collect(sl_log_level level) {
  collector *c = collector_new();
  sl_error *err = NULL;
  if (c && sl_set_log_callback(on_log, c, (int)level, &err) != SL_STATUS_OK) {
    sl_test_fail(__FILE__, __LINE__, "sl_set_log_callback", err ? sl_error_message(err) : "");
    sl_error_free(err);
    collector_free(c);
    return NULL;
  }
  return c;
}

/* One blocking get_sessions, its result and error dropped: the status. */
static sl_status list_sessions(const sl_jellyfin_client *client) {
  sl_session_list *list = NULL;
  sl_status st = sl_jellyfin_get_sessions(client, NULL, NULL, NULL, &list, NULL);
  sl_session_list_free(list);
  return st;
}

static void stop_logging(void) {
  sl_error *err = NULL;
  if (sl_set_log_callback(NULL, NULL, SL_LOG_OFF, &err) != SL_STATUS_OK) {
    sl_test_fail(__FILE__, __LINE__, "sl_set_log_callback(NULL)", err ? sl_error_message(err) : "");
    sl_error_free(err);
  }
}

static void records_arrive_with_level_target_and_message(void) {
  sl_jellyfin_client *client = jellyfin_login(NULL, NULL);
  CHECK(client);
  collector *c = collect(SL_LOG_DEBUG);
  CHECK(c);
  sl_status st = list_sessions(client);
  stop_logging();
  sl_jellyfin_client_free(client);
  CHECK(st == SL_STATUS_OK);

  const log_record *r = find(c, "GET /Sessions -> 200 in ");
  CHECK(r != NULL);
  CHECK(r->level == SL_LOG_DEBUG);
  CHECK(strcmp(r->target, "sessionlink::transport") == 0);
  /* A blocking call's request runs on the calling thread, and so does its record. */
  CHECK(pthread_equal(r->thread, pthread_self()));
  for (int i = 0; i < c->count; i++) CHECK(strncmp(c->records[i].target, "sessionlink::", 13) == 0);
  collector_free(c);
}

/* SL_LOG_INFO leaves out the DEBUG records; an out-of-range level is refused. */
static void the_level_filters_records(void) {
  sl_jellyfin_client *client = jellyfin_login(NULL, NULL);
  CHECK(client);
  collector *c = collect(SL_LOG_INFO);
  CHECK(c);
  CHECK(list_sessions(client) == SL_STATUS_OK);
  CHECK(count_of(c) == 0);

  sl_error *err = NULL;

  CHECK_STATUS(sl_set_log_callback(on_log, c, 6, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "max_level must be an sl_log_level") != NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_set_log_callback(on_log, c, -1, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  /* A refused call leaves the previous setting: still INFO. */
  sl_status st = list_sessions(client);
  stop_logging();
  CHECK(st == SL_STATUS_OK);
  CHECK(count_of(c) == 0);
  sl_jellyfin_client_free(client);
  collector_free(c);
}

/* A hostile server echoes the API key in a 401, the password in a 400 and a G4 session id in
 * a redirect's Location: the records say the request failed, and show none of them. */
static void records_never_show_echoed_credentials(void) {
  sl_jellyfin_client *client = jellyfin_login(NULL, NULL);
  sl_g4_client *g4 = g4_client_new();
  CHECK(client && g4);
  sl_error *err = NULL;
  sl_g4_login *login = NULL;
  CHECK_OK(sl_g4_create_session(g4, FX.g4_user, FX.g4_password, NULL, NULL, NULL, &login, &err), &err);
  char session_id[128];
  snprintf(session_id, sizeof session_id, "%s", sl_g4_login_session_id(login));
  sl_g4_login_free(login);

  collector *c = collect(SL_LOG_TRACE);
  CHECK(c);
  CHECK(emu_okf("status_json {\"status\":401,\"content_type\":\"application/problem+json\","
                "\"body\":\"{\\\"title\\\":\\\"bad token %s\\\",\\\"detail\\\":\\\"Token=%s\\\"}\"}",
                FX.api_key, FX.api_key) == 0);
  sl_status jf_status = list_sessions(client);

  sl_jellyfin_client *login_client = jellyfin_client_with(FX.url, NULL);
  CHECK(emu_okf("status 400 the password %s is not accepted", FX.admin_password) == 0);
  sl_auth_result *auth = NULL;
  sl_status login_status = sl_jellyfin_authenticate_by_name(login_client, FX.admin_user, FX.admin_password, &auth, &err);
  sl_error_free(err);
  err = NULL;

  CHECK(emu_okf("redirect 302 %s/session/%s", FX.g4_url, session_id) == 0);
  sl_g4_session *session = NULL;
  sl_status g4_status = sl_g4_get_session(g4, session_id, &session, &err);
  sl_error_free(err);
  err = NULL;
  stop_logging();
  sl_jellyfin_client_free(login_client);
  sl_jellyfin_client_free(client);
  sl_g4_client_free(g4);

  CHECK(jf_status == SL_STATUS_UNAUTHORIZED && login_status == SL_STATUS_BAD_REQUEST && g4_status == SL_STATUS_HTTP);
  const log_record *r = find(c, "GET /Sessions failed after");
  CHECK(r != NULL);
  CHECK(strstr(r->message, "bad token ***") != NULL);
  CHECK(find(c, "POST /Users/AuthenticateByName failed after") != NULL);
  r = find(c, "GET /session/{id} failed after");
  CHECK(r != NULL);
  CHECK(strstr(r->message, "/session/***") != NULL);
  CHECK(!leaks(c, FX.api_key) && !leaks(c, FX.admin_password) && !leaks(c, session_id));
  collector_free(c);
}

#define THREADS 8
#define ROUNDS 10

typedef struct log_worker {
  sl_jellyfin_client *client;
  int failures;
} log_worker;

static void *get_sessions_rounds(void *arg) {
  log_worker *w = (log_worker *)arg;
  for (int i = 0; i < ROUNDS; i++) w->failures += list_sessions(w->client) != SL_STATUS_OK;
  return NULL;
}

/* Starts THREADS workers making ROUNDS calls each with `client`; the number started. */
static int start_workers(sl_jellyfin_client *client, pthread_t *threads, log_worker *workers) {
  int started = 0;
  for (int i = 0; i < THREADS; i++) {
    workers[i] = (log_worker){client, 0};
    if (pthread_create(&threads[started], NULL, get_sessions_rounds, &workers[i]) == 0) started++;
  }
  return started;
}

/* After sl_set_log_callback(NULL) returns, the callback is never called again, so its data
 * can be freed at once: here while 8 threads keep making calls (AddressSanitizer and
 * valgrind would see a late call touch the freed collector). */
static void null_stops_delivery(void) {
  sl_jellyfin_client *client = jellyfin_login(NULL, NULL);
  CHECK(client);
  collector *c = collect(SL_LOG_DEBUG);
  CHECK(c);
  pthread_t threads[THREADS];
  log_worker workers[THREADS];
  int started = start_workers(client, threads, workers);
  int before = wait_records(c, 1);
  stop_logging();
  collector_free(c);
  for (int i = 0; i < started; i++) pthread_join(threads[i], NULL);
  CHECK(started == THREADS && before >= 1);
  for (int i = 0; i < THREADS; i++) CHECK(workers[i].failures == 0);

  /* A callback with SL_LOG_OFF is also "stopped". */
  collector *after = collect(SL_LOG_OFF);
  CHECK(after);
  CHECK(list_sessions(client) == SL_STATUS_OK);
  CHECK(count_of(after) == 0);
  sl_jellyfin_client_free(client);
  collector_free(after);
}

/* 8 threads make 10 calls each: the callback receives exactly one record per call, from
 * the threads that made them, with none lost or mixed up. */
static void many_threads_log_at_once(void) {
  sl_jellyfin_client *client = jellyfin_login(NULL, NULL);
  CHECK(client);
  collector *c = collect(SL_LOG_DEBUG);
  CHECK(c);
  pthread_t threads[THREADS];
  log_worker workers[THREADS];
  int started = start_workers(client, threads, workers);
  for (int i = 0; i < started; i++) pthread_join(threads[i], NULL);
  stop_logging();
  sl_jellyfin_client_free(client);
  CHECK(started == THREADS);
  for (int i = 0; i < THREADS; i++) CHECK(workers[i].failures == 0);
  CHECK(c->dropped == 0);
  CHECK(matching(c, "GET /Sessions -> 200 in ") == THREADS * ROUNDS);
  for (int i = 0; i < c->count; i++) {
    if (!strstr(c->records[i].message, "GET /Sessions -> 200")) continue;
    int from_a_worker = 0;
    for (int t = 0; t < THREADS; t++) from_a_worker |= pthread_equal(c->records[i].thread, threads[t]);
    CHECK(from_a_worker);
  }
  collector_free(c);
}

/* Inside the callback, sl_set_log_callback would wait for the callback itself: it is refused. */
static void setting_the_callback_inside_it_is_refused(void) {
  sl_jellyfin_client *client = jellyfin_login(NULL, NULL);
  CHECK(client);
  collector *c = collector_new();
  CHECK(c);
  /* Set before the callback is, so that no thread reads it while it changes. */
  c->reenter = 1;
  c->reentered = SL_STATUS_OK;
  sl_error *err = NULL;
  CHECK_OK(sl_set_log_callback(on_log, c, SL_LOG_DEBUG, &err), &err);
  sl_status st = list_sessions(client);
  stop_logging();
  sl_jellyfin_client_free(client);
  CHECK(st == SL_STATUS_OK);
  CHECK(count_of(c) >= 1);
  CHECK(c->reentered == SL_STATUS_WOULD_DEADLOCK);
  collector_free(c);
}

const test_case log_tests[] = {
    {"log_records_arrive_with_level_target_and_message", records_arrive_with_level_target_and_message},
    {"log_the_level_filters_records", the_level_filters_records},
    {"log_records_never_show_echoed_credentials", records_never_show_echoed_credentials},
    {"log_null_stops_delivery", null_stops_delivery},
    {"log_many_threads_log_at_once", many_threads_log_at_once},
    {"log_setting_the_callback_inside_it_is_refused", setting_the_callback_inside_it_is_refused},
    {NULL, NULL},
};
