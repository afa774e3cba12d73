/* Tests that assert what the server saw, not only what the caller got (issue 13): ids full
 * of reserved characters through every route that takes one (the exact raw path), a
 * cancelled request aborted at the server and never applied, a refreshed G4 bearer sent on
 * the next call, a client inherited through fork(), the get_sessions filters checked on the
 * sessions they return, the default device and the client's own session. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness.h"

/* (id as given, the path segment the server must see) */
static const char *const IDS[][2] = {
    {"a b/c?d#e%", "a%20b%2Fc%3Fd%23e%25"},
    {"\xc3\xbc\xe6\x97\xa5\xe6\x9c\xac", "%C3%BC%E6%97%A5%E6%9C%AC"}, /* "ü日本" */
    {"a/../b", "a%2F..%2Fb"},
    {"x+y=z&w", "x%2By%3Dz%26w"},
};
#define USER_GUID "0123456789abcdef0123456789abcdef"

typedef struct route {
  const char *prefix, *suffix; /* the raw path is prefix + encoded id + suffix */
  sl_status (*blocking)(const void *client, const char *id, sl_error **err);
  sl_status (*async)(const void *client, const char *id, waiter *w, sl_error **err);
} route;

/* Each Jellyfin route with a session id in its path, blocking and async. */
#define JF(c) ((const sl_jellyfin_client *)(c))
static const char *ITEMS[] = {USER_GUID};
static const char *NAMES[] = {"Volume"}, *VALUES[] = {"5"};

static sl_status play_b(const void *c, const char *id, sl_error **e) {
  return sl_jellyfin_play(JF(c), id, "PlayNow", ITEMS, 1, NULL, NULL, NULL, NULL, NULL, e);
}
static sl_status play_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_jellyfin_play_async(JF(c), id, "PlayNow", ITEMS, 1, NULL, NULL, NULL, NULL, NULL, done_cb, w, NULL, e);
}
static sl_status pause_b(const void *c, const char *id, sl_error **e) {
  return sl_jellyfin_send_playstate_command(JF(c), id, "Pause", NULL, NULL, e);
}
static sl_status pause_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_jellyfin_send_playstate_command_async(JF(c), id, "Pause", NULL, NULL, done_cb, w, NULL, e);
}
static sl_status general_b(const void *c, const char *id, sl_error **e) {
  return sl_jellyfin_send_general_command(JF(c), id, "GoHome", e);
}
static sl_status general_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_jellyfin_send_general_command_async(JF(c), id, "GoHome", done_cb, w, NULL, e);
}
static sl_status full_b(const void *c, const char *id, sl_error **e) {
  return sl_jellyfin_send_full_general_command(JF(c), id, "SetVolume", NAMES, VALUES, 1, e);
}
static sl_status full_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_jellyfin_send_full_general_command_async(JF(c), id, "SetVolume", NAMES, VALUES, 1, done_cb, w, NULL, e);
}
static sl_status system_b(const void *c, const char *id, sl_error **e) {
  return sl_jellyfin_send_system_command(JF(c), id, "GoHome", e);
}
static sl_status system_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_jellyfin_send_system_command_async(JF(c), id, "GoHome", done_cb, w, NULL, e);
}
static sl_status message_b(const void *c, const char *id, sl_error **e) {
  return sl_jellyfin_send_message_command(JF(c), id, NULL, "hi", NULL, e);
}
static sl_status message_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_jellyfin_send_message_command_async(JF(c), id, NULL, "hi", NULL, done_cb, w, NULL, e);
}
static sl_status viewing_b(const void *c, const char *id, sl_error **e) {
  return sl_jellyfin_display_content(JF(c), id, "Movie", USER_GUID, "A film", e);
}
static sl_status viewing_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_jellyfin_display_content_async(JF(c), id, "Movie", USER_GUID, "A film", done_cb, w, NULL, e);
}
static sl_status add_user_b(const void *c, const char *id, sl_error **e) {
  return sl_jellyfin_add_user_to_session(JF(c), id, USER_GUID, e);
}
static sl_status add_user_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_jellyfin_add_user_to_session_async(JF(c), id, USER_GUID, done_cb, w, NULL, e);
}
static sl_status remove_user_b(const void *c, const char *id, sl_error **e) {
  return sl_jellyfin_remove_user_from_session(JF(c), id, USER_GUID, e);
}
static sl_status remove_user_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_jellyfin_remove_user_from_session_async(JF(c), id, USER_GUID, done_cb, w, NULL, e);
}

/* The G4 routes: every one takes the session id in its path. */
#define G4(c) ((const sl_g4_client *)(c))
static void g4_session_cb(void *user_data, sl_status status, sl_g4_session *result, const sl_error *error) {
  sl_g4_session_free(result);
  record((waiter *)user_data, status, error);
}
static sl_status g4_get_b(const void *c, const char *id, sl_error **e) {
  sl_g4_session *s = NULL;
  sl_status status = sl_g4_get_session(G4(c), id, &s, e);
  sl_g4_session_free(s);
  return status;
}
static sl_status g4_get_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_g4_get_session_async(G4(c), id, g4_session_cb, w, NULL, e);
}
static sl_status g4_static_b(const void *c, const char *id, sl_error **e) {
  sl_g4_session *s = NULL;
  sl_status status = sl_g4_get_static_session(G4(c), id, &s, e);
  sl_g4_session_free(s);
  return status;
}
static sl_status g4_static_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_g4_get_static_session_async(G4(c), id, g4_session_cb, w, NULL, e);
}
static sl_status g4_update_b(const void *c, const char *id, sl_error **e) {
  return sl_g4_update_session(G4(c), id, "{\"k\":1}", e);
}
static sl_status g4_update_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_g4_update_session_async(G4(c), id, "{\"k\":1}", done_cb, w, NULL, e);
}
static sl_status g4_delete_b(const void *c, const char *id, sl_error **e) { return sl_g4_delete_session(G4(c), id, e); }
static sl_status g4_delete_a(const void *c, const char *id, waiter *w, sl_error **e) {
  return sl_g4_delete_session_async(G4(c), id, done_cb, w, NULL, e);
}

static const route JELLYFIN_ROUTES[] = {
    {"/Sessions/", "/Playing", play_b, play_a},
    {"/Sessions/", "/Playing/Pause", pause_b, pause_a},
    {"/Sessions/", "/Command/GoHome", general_b, general_a},
    {"/Sessions/", "/Command", full_b, full_a},
    {"/Sessions/", "/System/GoHome", system_b, system_a},
    {"/Sessions/", "/Message", message_b, message_a},
    {"/Sessions/", "/Viewing", viewing_b, viewing_a},
    {"/Sessions/", "/User/" USER_GUID, add_user_b, add_user_a},
    {"/Sessions/", "/User/" USER_GUID, remove_user_b, remove_user_a},
};

static const route G4_ROUTES[] = {
    {"/g4/session/", "", g4_get_b, g4_get_a},
    {"/g4/static-session/", "", g4_static_b, g4_static_a},
    {"/g4/session/", "", g4_update_b, g4_update_a},
    {"/g4/session/", "", g4_delete_b, g4_delete_a},
};

/* One call of a route in either form: its status, and its message in `message`. */
static sl_status call_route(const route *r, const void *client, const char *id, int async, char *message, size_t size) {
  sl_error *err = NULL;
  sl_status status;
  if (!async) {
    status = r->blocking(client, id, &err);
  } else {
    waiter w;
    waiter_init(&w);
    status = r->async(client, id, &w, &err);
    if (status == SL_STATUS_OK) {
      status = wait_calls(&w, 1, 10000) == 1 ? w.status : (sl_status)-1;
      snprintf(message, size, "%s", w.message);
    }
    waiter_destroy(&w);
  }
  if (err) snprintf(message, size, "%s", sl_error_message(err));
  sl_error_free(err);
  return status;
}

/* Every id stays exactly one path segment, percent-encoded, as the server saw it (the server
 * then finds no such session); "." and ".." are refused before any request. */
static void check_routes(const route *routes, size_t n, const void *client) {
  for (int async = 0; async <= 1; async++) {
    for (size_t r = 0; r < n; r++) {
      for (size_t i = 0; i < sizeof IDS / sizeof IDS[0]; i++) {
        char message[512] = "";
        sl_status status = call_route(&routes[r], client, IDS[i][0], async, message, sizeof message);
        char want[256], path[512], query[512], detail[2048];
        snprintf(want, sizeof want, "%s%s%s", routes[r].prefix, IDS[i][1], routes[r].suffix);
        int seen = emu_last_request_target(path, sizeof path, query, sizeof query) == 0;
        if (status != SL_STATUS_NOT_FOUND || !seen || strcmp(path, want) != 0) {
          snprintf(detail, sizeof detail, "%s route %s..%s, id %s: %s (%s), server saw %s, want %s",
                   async ? "async" : "blocking", routes[r].prefix, routes[r].suffix, IDS[i][1],
                   sl_status_str((int)status), message, seen ? path : "(nothing)", want);
          sl_test_fail(__FILE__, __LINE__, "raw path", detail);
          return;
        }
      }
      const char *dots[] = {".", ".."};
      for (int d = 0; d < 2; d++) {
        int before = emu_request_count();
        char message[512] = "";
        sl_status status = call_route(&routes[r], client, dots[d], async, message, sizeof message);
        if (status != SL_STATUS_INVALID_ARGUMENT || emu_request_count() != before) {
          char detail[700];
          snprintf(detail, sizeof detail, "%s %s..%s with %s: %s (%s)", async ? "async" : "blocking", routes[r].prefix,
                   routes[r].suffix, dots[d], sl_status_str((int)status), message);
          sl_test_fail(__FILE__, __LINE__, "dot segment refused before I/O", detail);
          return;
        }
      }
    }
  }
}

static void ids_stay_one_segment_on_every_jellyfin_route(void) {
  async_submitter = pthread_self();
  sl_jellyfin_client *c = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(c);
  check_routes(JELLYFIN_ROUTES, sizeof JELLYFIN_ROUTES / sizeof JELLYFIN_ROUTES[0], c);
  /* Ids in a query are whole values. */
  sl_session_list *list = NULL;
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, "a b&c=d#e", NULL, &list, &err), &err);
  CHECK(sl_session_list_len(list) == 0);
  sl_session_list_free(list);
  char path[256], query[256];
  CHECK(emu_last_request_target(path, sizeof path, query, sizeof query) == 0);
  CHECK(strcmp(path, "/Sessions") == 0 && strcmp(query, "deviceId=a%20b%26c%3Dd%23e") == 0);
  sl_jellyfin_client_free(c);
}

static sl_g4_client *g4_service(void) {
  sl_g4_options o;
  sl_g4_options_init(&o);
  o.base_url = FX.g4_url;
  o.tenant = FX.g4_tenant;
  o.api_key = FX.g4_api_key;
  sl_g4_client *c = NULL;
  return sl_g4_client_new(&o, &c, NULL) == SL_STATUS_OK ? c : NULL;
}

static void ids_stay_one_segment_on_every_g4_route(void) {
  async_submitter = pthread_self();
  sl_g4_client *g = g4_service();
  CHECK(g);
  check_routes(G4_ROUTES, sizeof G4_ROUTES / sizeof G4_ROUTES[0], g);
  sl_g4_client_free(g);
}

/* sl_op_cancel while the server holds the request: the emulator recorded the request as
 * aborted (its connection closed before the response) and the command was never delivered. */
static void cancel_aborts_the_request_at_the_server(void) {
  async_submitter = pthread_self();
  sl_jellyfin_client *c = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(c);
  const char *s = FX.kitchen_session_id;
  char line[128];
  snprintf(line, sizeof line, "commands %s", s);
  char *commands_before = emu_control(line);
  CHECK(commands_before);
  CHECK(emu_ok("latency 600000") == 0);
  waiter w;
  waiter_init(&w);
  sl_op *op = NULL;
  sl_error *err = NULL;
  int64_t seek = 777000777;
  CHECK_OK(sl_jellyfin_send_playstate_command_async(c, s, "Seek", &seek, NULL, done_cb, &w, &op, &err), &err);
  CHECK(emu_ok("wait_in_flight 1 20000") == 0); /* the server holds it */
  CHECK_OK(sl_op_cancel(op, &err), &err);
  CHECK(wait_calls(&w, 1, 20000) == 1 && w.status == SL_STATUS_CANCELLED);
  CHECK(w.request_sent); /* it may have reached the server: a cancel cannot know */
  char *aborted = emu_control("wait_abort 20000");
  char want[256];
  snprintf(want, sizeof want, "\"raw_path\":\"/Sessions/%s/Playing/Seek\"", s);
  CHECK(aborted && strstr(aborted, "\"aborted\":true") && strstr(aborted, want));
  free(aborted);
  /* Aborted: the emulator dropped the held request unapplied, for good. */
  char *commands_after = emu_control(line);
  CHECK(commands_after && strcmp(commands_before, commands_after) == 0 && !strstr(commands_after, "777000777"));
  free(commands_before);
  free(commands_after);
  CHECK(wait_calls(&w, 2, 0) == 1);
  sl_op_free(op);
  waiter_destroy(&w);
  sl_jellyfin_client_free(c);
}

/* A bearer the service refreshes (x-g4-bearer) is the one the next call sends. */
static void g4_refreshed_bearer_is_sent_next(void) {
  sl_g4_client *g = g4_client_new();
  CHECK(g);
  sl_error *err = NULL;
  sl_g4_login *login = NULL;
  CHECK_OK(sl_g4_create_session(g, FX.g4_user, FX.g4_password, NULL, NULL, NULL, &login, &err), &err);
  char sid[256];
  snprintf(sid, sizeof sid, "%s", sl_g4_login_session_id(login));
  sl_g4_login_free(login);
  CHECK(emu_ok("status_json {\"status\":200,\"content_type\":\"application/json\",\"body\":\"{}\","
               "\"headers\":{\"x-g4-bearer\":\"c-refreshed-bearer-42\"}}") == 0);
  CHECK_OK(sl_g4_update_session(g, sid, "{\"k\":2}", &err), &err);
  sl_g4_session *session = NULL;
  sl_status status = sl_g4_get_session(g, sid, &session, &err);
  sl_g4_session_free(session);
  sl_error_free(err);
  (void)status; /* the emulator does not know that bearer: what matters is what was sent */
  char *last = emu_last_exchange();
  CHECK(last && strstr(last, "[\"authorization\",\"bearer c-refreshed-bearer-42\"]") != NULL);
  free(last);
  /* And the refreshed value never shows in an error. */
  err = NULL;
  status = sl_g4_get_session(g, sid, &session, &err);
  CHECK(status != SL_STATUS_OK && !strstr(sl_error_message(err), "c-refreshed-bearer-42"));
  sl_error_free(err);
  sl_g4_client_free(g);
}

/* A client inherited by a fork()ed child fails with FORKED, blocking and async, at the call
 * (no callback); a client made in the child works. */
static void forked_clients_fail_and_new_ones_work(void) {
  sl_jellyfin_client *c = jellyfin_login(NULL, NULL);
  CHECK(c);
  sl_session_list *list = NULL;
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), &err); /* the runtime runs */
  sl_session_list_free(list);
  fflush(NULL);
  /* The child reports through a pipe and then kills itself: an exit would run valgrind's or
   * LeakSanitizer's leak check in the child, where the parent's runtime threads, and what
   * only they referenced, are gone. */
  int report[2];
  CHECK(pipe(report) == 0);
  pid_t pid = fork();
  CHECK(pid >= 0);
  if (pid == 0) {
    close(report[0]);
    int code = 0;
    sl_session_list *l = NULL;
    sl_error *e = NULL;
    if (sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &l, &e) != SL_STATUS_FORKED || !e ||
        !strstr(sl_error_message(e), "fork"))
      code |= 1;
    sl_error_free(e);
    e = NULL;
    waiter w;
    waiter_init(&w);
    if (sl_jellyfin_get_sessions_async(c, NULL, NULL, NULL, list_cb, &w, NULL, &e) != SL_STATUS_FORKED) code |= 2;
    sl_error_free(e);
    e = NULL;
    sleep_ms(100);
    if (w.calls != 0) code |= 4;
    sl_jellyfin_client *fresh = jellyfin_client_with(FX.url, FX.api_key);
    if (!fresh || sl_jellyfin_get_sessions(fresh, NULL, NULL, NULL, &l, &e) != SL_STATUS_OK || sl_session_list_len(l) < 2)
      code |= 8;
    sl_session_list_free(l);
    sl_error_free(e);
    if (fresh) {
      waiter_destroy(&w);
      waiter_init(&w);
      if (sl_jellyfin_get_sessions_async(fresh, NULL, NULL, NULL, list_cb, &w, NULL, NULL) != SL_STATUS_OK ||
          wait_calls(&w, 1, 10000) != 1 || w.status != SL_STATUS_OK)
        code |= 16;
    }
    unsigned char byte = (unsigned char)code;
    if (write(report[1], &byte, 1) != 1) _exit(99);
    raise(SIGKILL);
  }
  close(report[1]);
  unsigned char code = 255;
  ssize_t got = read(report[0], &code, 1);
  close(report[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (got != 1 || code != 0) {
    char detail[64];
    snprintf(detail, sizeof detail, "child code %d (%zd bytes)", code, got);
    sl_test_fail(__FILE__, __LINE__, "forked child", detail);
    sl_jellyfin_client_free(c);
    return;
  }
  /* The parent's client is unaffected. */
  CHECK_OK(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err), &err);
  sl_session_list_free(list);
  sl_jellyfin_client_free(c);
}

static int has_device(const sl_session_list *list, const char *device_id) {
  for (size_t i = 0; i < sl_session_list_len(list); i++) {
    const char *d = sl_session_device_id(sl_session_list_get(list, i));
    if (d && strcmp(d, device_id) == 0) return 1;
  }
  return 0;
}

/* The filters select sessions: the returned ones are the ones that match. */
static void get_sessions_filters_select_the_sessions(void) {
  sl_jellyfin_client *admin = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(admin);
  sl_error *err = NULL;
  sl_session_list *all = NULL, *list = NULL;
  CHECK_OK(sl_jellyfin_get_sessions(admin, NULL, NULL, NULL, &all, &err), &err);

  CHECK_OK(sl_jellyfin_get_sessions(admin, NULL, "LIVING-ROOM-TV", NULL, &list, &err), &err);
  CHECK(sl_session_list_len(list) == 1 && strcmp(sl_session_device_id(sl_session_list_get(list, 0)), "living-room-tv") == 0);
  sl_session_list_free(list);

  /* Controllable by the admin: exactly the sessions that accept remote control. */
  CHECK_OK(sl_jellyfin_get_sessions(admin, FX.admin_id, NULL, NULL, &list, &err), &err);
  size_t controllable = 0;
  for (size_t i = 0; i < sl_session_list_len(all); i++) {
    const sl_session *s = sl_session_list_get(all, i);
    if (sl_session_supports_remote_control(s)) {
      controllable++;
      if (!has_device(list, sl_session_device_id(s))) {
        char *json = NULL;
        sl_session_json(s, &json, NULL);
        sl_test_fail(__FILE__, __LINE__, "a controllable session is missing", json);
        sl_string_free(json);
        return;
      }
    }
  }
  CHECK(controllable >= 1 && controllable < sl_session_list_len(all));
  CHECK(sl_session_list_len(list) == controllable);
  for (size_t i = 0; i < sl_session_list_len(list); i++) CHECK(sl_session_supports_remote_control(sl_session_list_get(list, i)));
  sl_session_list_free(list);

  /* Active within a second: a session active just now, not one quiet for a minute (the
   * emulator moves its last activity back, rather than the test waiting). */
  sl_jellyfin_client *quiet = jellyfin_login_device(FX.user, FX.user_password, "c-filter-quiet");
  CHECK(quiet);
  CHECK_OK(sl_jellyfin_get_sessions(admin, NULL, "c-filter-quiet", NULL, &list, &err), &err);
  CHECK(sl_session_list_len(list) == 1);
  if (sl_session_list_len(list) == 1) CHECK(emu_okf("idle %s 60000", sl_session_id(sl_session_list_get(list, 0))) == 0);
  sl_session_list_free(list);
  sl_jellyfin_client *busy = jellyfin_login_device(FX.user, FX.user_password, "c-filter-busy");
  CHECK(busy);
  int32_t within = 1;
  CHECK_OK(sl_jellyfin_get_sessions(admin, NULL, NULL, &within, &list, &err), &err);
  CHECK(has_device(list, "c-filter-busy") && !has_device(list, "c-filter-quiet"));
  CHECK(sl_session_list_len(list) < sl_session_list_len(all) + 2);
  sl_session_list_free(list);
  within = 3600;
  CHECK_OK(sl_jellyfin_get_sessions(admin, NULL, NULL, &within, &list, &err), &err);
  CHECK(has_device(list, "c-filter-busy") && has_device(list, "c-filter-quiet"));
  sl_session_list_free(list);
  sl_session_list_free(all);
  sl_jellyfin_client_free(quiet);
  sl_jellyfin_client_free(busy);
  sl_jellyfin_client_free(admin);
}

static int owned_equals(char *value, const char *want) {
  int same = value && strcmp(value, want) == 0;
  sl_string_free(value);
  return same;
}

/* No device given: the client sends this host's name and "sessionlink-<host>", and its own
 * session (found by sl_jellyfin_current_session) is that device's, whatever ran before. */
static void the_default_device_is_this_host(void) {
  char host[256];
  CHECK(gethostname(host, sizeof host) == 0);
  host[sizeof host - 1] = '\0';
  char want_id[300];
  snprintf(want_id, sizeof want_id, "sessionlink-%s", host);
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = FX.url;
  sl_jellyfin_client *c = NULL;
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_client_new(&o, &c, &err), &err);
  char *value = NULL;
  CHECK_OK(sl_jellyfin_client_device_id(c, &value, &err), &err);
  CHECK(owned_equals(value, want_id));
  CHECK_OK(sl_jellyfin_client_device_name(c, &value, &err), &err);
  CHECK(owned_equals(value, host));
  CHECK_OK(sl_jellyfin_client_name(c, &value, &err), &err);
  CHECK(owned_equals(value, "sessionlink"));
  CHECK_OK(sl_jellyfin_authenticate_by_name(c, FX.user, FX.user_password, NULL, &err), &err);
  sl_session_list *own = NULL;
  CHECK_OK(sl_jellyfin_current_session(c, &own, &err), &err);
  CHECK(sl_session_list_len(own) == 1);
  const sl_session *s = sl_session_list_get(own, 0);
  CHECK(strcmp(sl_session_device_id(s), want_id) == 0 && strcmp(sl_session_device_name(s), host) == 0);
  CHECK(strcmp(sl_session_client(s), "sessionlink") == 0 && strcmp(sl_session_user_name(s), FX.user) == 0);
  sl_session_list_free(own);
  char path[256], query[512];
  CHECK(emu_last_request_target(path, sizeof path, query, sizeof query) == 0);
  char want_query[400];
  snprintf(want_query, sizeof want_query, "deviceId=%s", want_id);
  CHECK(strcmp(path, "/Sessions") == 0 && strcmp(query, want_query) == 0);
  sl_jellyfin_client_free(c);
}

/* The client's own session: its device and client name pick it (not another application's
 * session on the same device), blocking and async; an API key has none. */
static void current_session_is_the_clients_own(void) {
  async_submitter = pthread_self();
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = FX.url;
  o.device_id = "c-current-device";
  o.device_name = "C current";
  o.client_name = "c-app-one";
  sl_jellyfin_client *one = NULL, *two = NULL;
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_client_new(&o, &one, &err), &err);
  o.client_name = "c-app-two";
  CHECK_OK(sl_jellyfin_client_new(&o, &two, &err), &err);
  CHECK_OK(sl_jellyfin_authenticate_by_name(one, FX.user, FX.user_password, NULL, &err), &err);
  CHECK_OK(sl_jellyfin_authenticate_by_name(two, FX.admin_user, FX.admin_password, NULL, &err), &err);
  sl_session_list *own = NULL;
  CHECK_OK(sl_jellyfin_current_session(one, &own, &err), &err);
  CHECK(sl_session_list_len(own) == 1 && strcmp(sl_session_client(sl_session_list_get(own, 0)), "c-app-one") == 0);
  CHECK(strcmp(sl_session_user_name(sl_session_list_get(own, 0)), FX.user) == 0);
  sl_session_list_free(own);
  waiter w;
  waiter_init(&w);
  CHECK_OK(sl_jellyfin_current_session_async(two, list_cb, &w, NULL, &err), &err);
  CHECK(wait_calls(&w, 1, 10000) == 1 && w.status == SL_STATUS_OK && w.sessions == 1);
  CHECK(strcmp(w.text, "C current") == 0);
  waiter_destroy(&w);
  /* An API key has no session of its own. */
  o.client_name = "c-app-key";
  o.device_id = "c-current-key";
  o.token = FX.api_key;
  sl_jellyfin_client *key = NULL;
  CHECK_OK(sl_jellyfin_client_new(&o, &key, &err), &err);
  CHECK_OK(sl_jellyfin_current_session(key, &own, &err), &err);
  CHECK(sl_session_list_len(own) == 0);
  sl_session_list_free(own);
  CHECK_STATUS(sl_jellyfin_current_session(NULL, &own, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_current_session(one, NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  char *value = NULL;
  CHECK_STATUS(sl_jellyfin_client_device_id(NULL, &value, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  sl_jellyfin_client_free(key);
  sl_jellyfin_client_free(one);
  sl_jellyfin_client_free(two);
}

const test_case route_tests[] = {
    {"ids_stay_one_segment_on_every_jellyfin_route", ids_stay_one_segment_on_every_jellyfin_route},
    {"ids_stay_one_segment_on_every_g4_route", ids_stay_one_segment_on_every_g4_route},
    {"cancel_aborts_the_request_at_the_server", cancel_aborts_the_request_at_the_server},
    {"g4_refreshed_bearer_is_sent_next", g4_refreshed_bearer_is_sent_next},
    {"forked_clients_fail_and_new_ones_work", forked_clients_fail_and_new_ones_work},
    {"get_sessions_filters_select_the_sessions", get_sessions_filters_select_the_sessions},
    {"the_default_device_is_this_host", the_default_device_is_this_host},
    {"current_session_is_the_clients_own", current_session_is_the_clients_own},
    {NULL, NULL},
};
