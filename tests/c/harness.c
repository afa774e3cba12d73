/* Test runner: starts the sessionlink-emulator binary (path in $SESSIONLINK_EMULATOR) as a
 * child with pipes on stdin/stdout, reads its URL and fixtures, runs every test table (or
 * the tests whose name contains argv[1]), and exits non-zero on any failure. */
#define _POSIX_C_SOURCE 200809L
#include "harness.h"

#include <pthread.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

int sl_test_failures = 0;
fixtures FX;

static FILE *emu_in;
static FILE *emu_out;
static pid_t emu_pid;
static pthread_mutex_t emu_lock = PTHREAD_MUTEX_INITIALIZER;
static const char *current_test = "";

void sl_test_fail(const char *file, int line, const char *what, const char *detail) {
  __atomic_add_fetch(&sl_test_failures, 1, __ATOMIC_SEQ_CST);
  fprintf(stderr, "FAIL %s (%s:%d): %s%s%s\n", current_test, file, line, what, detail ? ": " : "",
          detail ? detail : "");
}

static char *read_line(FILE *f) {
  char *line = NULL;
  size_t cap = 0;
  ssize_t n = getline(&line, &cap, f);
  if (n < 0) {
    free(line);
    return NULL;
  }
  if (n > 0 && line[n - 1] == '\n') line[n - 1] = '\0';
  return line;
}

char *emu_control(const char *line) {
  pthread_mutex_lock(&emu_lock);
  fprintf(emu_in, "%s\n", line);
  fflush(emu_in);
  char *answer = read_line(emu_out);
  pthread_mutex_unlock(&emu_lock);
  return answer;
}

int json_string(const char *json, const char *key, char *out, size_t size) {
  char pattern[128];
  snprintf(pattern, sizeof pattern, "\"%s\":\"", key);
  const char *p = strstr(json, pattern);
  if (!p) return -1;
  p += strlen(pattern);
  const char *end = strchr(p, '"');
  if (!end || (size_t)(end - p) >= size) return -1;
  memcpy(out, p, (size_t)(end - p));
  out[end - p] = '\0';
  return 0;
}

char *emu_last_command(const char *session_id) {
  char line[160];
  snprintf(line, sizeof line, "commands %s", session_id);
  char *answer = emu_control(line);
  if (!answer) return NULL;
  /* Each command is an object whose first key is "data" (the keys are sorted; the data's own
   * keys are PascalCase): the last command starts at the last `{"data":`. */
  char *last = NULL;
  for (char *p = strstr(answer, "{\"data\":"); p; p = strstr(p + 1, "{\"data\":")) last = p;
  char *copy = last ? strdup(last) : NULL;
  free(answer);
  return copy;
}

int emu_request_count(void) {
  char *answer = emu_control("requests");
  int n = answer ? atoi(answer) : -1;
  free(answer);
  return n;
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  size_t cap = 4096, len = 0;
  char *buf = malloc(cap);
  size_t n;
  while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
    len += n;
    if (cap - len <= 1) {
      char *bigger = realloc(buf, cap *= 2);
      if (!bigger) free(buf);
      buf = bigger;
    }
  }
  fclose(f);
  if (buf) buf[len] = '\0';
  return buf;
}

/* Decodes the JSON string starting at `p` (just after its opening quote). ASCII escapes
 * only: the bodies checked here are ASCII. */
static char *json_unescape(const char *p) {
  char *out = malloc(strlen(p) + 1), *o = out;
  if (!out) return NULL;
  for (; *p && *p != '"'; p++) {
    if (*p != '\\') {
      *o++ = *p;
      continue;
    }
    p++;
    switch (*p) {
      case 'n': *o++ = '\n'; break;
      case 't': *o++ = '\t'; break;
      case 'r': *o++ = '\r'; break;
      case 'u': *o++ = '?'; p += 4; break;
      default: *o++ = *p; break;
    }
  }
  *o = '\0';
  return out;
}

char *emu_last_request_body(void) {
  char path[256], line[300];
  const char *tmp = getenv("TMPDIR");
  snprintf(path, sizeof path, "%s/sl-c-tests-%ld-exchanges.json", tmp && *tmp ? tmp : "/tmp", (long)getpid());
  snprintf(line, sizeof line, "dump %s", path);
  char *answer = emu_control(line);
  int ok = answer && strstr(answer, "\"ok\":true");
  free(answer);
  char *all = ok ? read_file(path) : NULL;
  unlink(path);
  if (!all) return NULL;
  /* The last request's "body" (not a "response_body"). */
  const char *last = NULL;
  for (const char *p = strstr(all, "\"body\":\""); p; p = strstr(p + 1, "\"body\":\""))
    if (p == all || p[-1] != '_') last = p;
  char *body = last ? json_unescape(last + strlen("\"body\":\"")) : NULL;
  free(all);
  return body;
}

int emu_ok(const char *line) {
  char *answer = emu_control(line);
  /* Keys come sorted: {"dropped":1,"ok":true} as well as {"ok":true}. */
  int ok = answer && answer[0] == '{' && strstr(answer, "\"ok\":true") != NULL && !strstr(answer, "\"error\"");
  if (!ok) fprintf(stderr, "control %s: %s\n", line, answer ? answer : "(no answer)");
  free(answer);
  return ok ? 0 : -1;
}

int emu_okf(const char *format, ...) {
  char line[2048];
  va_list args;
  va_start(args, format);
  vsnprintf(line, sizeof line, format, args);
  va_end(args);
  return emu_ok(line);
}

char *emu_last_exchange(void) {
  char *answer = emu_control("last_request");
  if (answer && strcmp(answer, "null") == 0) {
    free(answer);
    return NULL;
  }
  return answer;
}

int emu_last_request_target(char *path, size_t path_size, char *query, size_t query_size) {
  char *last = emu_last_exchange();
  if (!last) return -1;
  int bad = json_string(last, "raw_path", path, path_size);
  if (json_string(last, "raw_query", query, query_size) != 0) query[0] = '\0';
  free(last);
  return bad;
}

void sleep_ms(long ms) {
  struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
  nanosleep(&t, NULL);
}

pthread_t async_submitter;

void waiter_init(waiter *w) {
  memset(w, 0, sizeof *w);
  pthread_mutex_init(&w->lock, NULL);
  pthread_cond_init(&w->cond, NULL);
  w->status = (sl_status)-1;
}

void waiter_destroy(waiter *w) {
  pthread_mutex_destroy(&w->lock);
  pthread_cond_destroy(&w->cond);
}

void record(waiter *w, sl_status status, const sl_error *error) {
  pthread_mutex_lock(&w->lock);
  w->calls++;
  w->status = status;
  if (pthread_equal(pthread_self(), async_submitter)) w->on_submitting_thread = 1;
  snprintf(w->message, sizeof w->message, "%s", error ? sl_error_message(error) : "");
  w->http_status = error ? sl_error_http_status(error) : 0;
  w->request_sent = sl_error_request_sent(error);
  w->retry_after_ms = sl_error_retry_after_ms(error);
  const char *location = sl_error_location(error), *body = sl_error_body_json(error);
  snprintf(w->location, sizeof w->location, "%s", location ? location : "");
  snprintf(w->body, sizeof w->body, "%s", body ? body : "");
  pthread_cond_broadcast(&w->cond);
  pthread_mutex_unlock(&w->lock);
}

int wait_calls(waiter *w, int n, int ms) {
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_sec += ms / 1000;
  deadline.tv_nsec += (long)(ms % 1000) * 1000000L;
  if (deadline.tv_nsec >= 1000000000L) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000L;
  }
  pthread_mutex_lock(&w->lock);
  while (w->calls < n && pthread_cond_timedwait(&w->cond, &w->lock, &deadline) == 0) {
  }
  int calls = w->calls;
  pthread_mutex_unlock(&w->lock);
  return calls;
}

void done_cb(void *user_data, sl_status status, const sl_error *error) { record((waiter *)user_data, status, error); }

void list_cb(void *user_data, sl_status status, sl_session_list *result, const sl_error *error) {
  waiter *w = (waiter *)user_data;
  w->has_result = result != NULL;
  w->sessions = sl_session_list_len(result);
  const char *name = sl_session_device_name(sl_session_list_get(result, 0));
  snprintf(w->text, sizeof w->text, "%s", name ? name : "(null)");
  sl_session_list_free(result);
  record(w, status, error);
}

static int json_int(const char *json, const char *key, int *out) {
  char pattern[128];
  snprintf(pattern, sizeof pattern, "\"%s\":", key);
  const char *p = strstr(json, pattern);
  if (!p) return -1;
  *out = atoi(p + strlen(pattern));
  return 0;
}

/* The fixtures object has a "jellyfin" and a "g4" part with overlapping key names. */
static int load_fixtures(const char *hello) {
  const char *jf = strstr(hello, "\"jellyfin\":");
  const char *g4 = strstr(hello, "\"g4\":");
  if (!jf || !g4) return -1;
  int bad = 0;
  bad |= json_string(hello, "url", FX.url, sizeof FX.url);
  bad |= json_string(hello, "g4_url", FX.g4_url, sizeof FX.g4_url);
  bad |= json_string(hello, "discovery_address", FX.discovery_address, sizeof FX.discovery_address);
  bad |= json_string(jf, "admin_user", FX.admin_user, sizeof FX.admin_user);
  bad |= json_string(jf, "admin_password", FX.admin_password, sizeof FX.admin_password);
  bad |= json_string(jf, "admin_id", FX.admin_id, sizeof FX.admin_id);
  bad |= json_string(jf, "user", FX.user, sizeof FX.user);
  bad |= json_string(jf, "user_password", FX.user_password, sizeof FX.user_password);
  bad |= json_string(jf, "user_id", FX.user_id, sizeof FX.user_id);
  bad |= json_string(jf, "passwordless_user", FX.passwordless_user, sizeof FX.passwordless_user);
  bad |= json_string(jf, "api_key", FX.api_key, sizeof FX.api_key);
  bad |= json_string(jf, "living_room_session_id", FX.living_room_session_id, sizeof FX.living_room_session_id);
  bad |= json_string(jf, "kitchen_session_id", FX.kitchen_session_id, sizeof FX.kitchen_session_id);
  bad |= json_string(jf, "episode_id", FX.episode_id, sizeof FX.episode_id);
  bad |= json_string(jf, "movie_id", FX.movie_id, sizeof FX.movie_id);
  bad |= json_string(g4, "tenant", FX.g4_tenant, sizeof FX.g4_tenant);
  bad |= json_string(g4, "user", FX.g4_user, sizeof FX.g4_user);
  bad |= json_string(g4, "password", FX.g4_password, sizeof FX.g4_password);
  bad |= json_string(g4, "noaccess_user", FX.g4_noaccess_user, sizeof FX.g4_noaccess_user);
  bad |= json_string(g4, "noaccess_password", FX.g4_noaccess_password, sizeof FX.g4_noaccess_password);
  bad |= json_string(g4, "api_key", FX.g4_api_key, sizeof FX.g4_api_key);
  bad |= json_int(g4, "user_id", &FX.g4_user_id);
  return bad ? -1 : 0;
}

static int start_emulator(void) {
  const char *path = getenv("SESSIONLINK_EMULATOR");
  if (!path) {
    fprintf(stderr, "SESSIONLINK_EMULATOR is not set\n");
    return -1;
  }
  int to_child[2], from_child[2];
  if (pipe(to_child) || pipe(from_child)) return -1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_child[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_child[1], 1);
  posix_spawn_file_actions_addclose(&actions, to_child[1]);
  posix_spawn_file_actions_addclose(&actions, from_child[0]);
  char *argv[] = {(char *)path, NULL};
  int rc = posix_spawn(&emu_pid, path, &actions, NULL, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  close(to_child[0]);
  close(from_child[1]);
  if (rc != 0) {
    fprintf(stderr, "cannot start %s\n", path);
    return -1;
  }
  emu_in = fdopen(to_child[1], "w");
  emu_out = fdopen(from_child[0], "r");
  char *url = read_line(emu_out);
  char *hello = read_line(emu_out);
  int ok = url && hello && load_fixtures(hello) == 0 && strcmp(url, FX.url) == 0;
  if (!ok) fprintf(stderr, "unexpected emulator greeting: %s / %s\n", url ? url : "(none)", hello ? hello : "(none)");
  free(url);
  free(hello);
  return ok ? 0 : -1;
}

static void stop_emulator(void) {
  fclose(emu_in); /* EOF on its stdin stops it */
  fclose(emu_out);
  int status;
  waitpid(emu_pid, &status, 0);
}

static sl_jellyfin_client *client_for_device(const char *url, const char *token, const char *device_id) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = url;
  o.device_name = "C tests";
  o.device_id = device_id;
  o.client_name = "sessionlink-c-tests";
  o.token = token;
  sl_jellyfin_client *c = NULL;
  sl_error *err = NULL;
  if (sl_jellyfin_client_new(&o, &c, &err) != SL_STATUS_OK) {
    fprintf(stderr, "client_new: %s\n", sl_error_message(err));
    sl_error_free(err);
    return NULL;
  }
  return c;
}

sl_jellyfin_client *jellyfin_client_with(const char *url, const char *token) {
  return client_for_device(url, token, "sessionlink-c-tests");
}

sl_jellyfin_client *jellyfin_login(const char *user, const char *password) {
  return jellyfin_login_device(user, password, "sessionlink-c-tests");
}

char *session_json_of_device(const sl_jellyfin_client *client, const char *device_id) {
  sl_session_list *list = NULL;
  char *json = NULL;
  if (sl_jellyfin_get_sessions(client, NULL, device_id, NULL, &list, NULL) == SL_STATUS_OK)
    sl_session_json(sl_session_list_get(list, 0), &json, NULL);
  sl_session_list_free(list);
  return json;
}

sl_jellyfin_client *jellyfin_login_device(const char *user, const char *password, const char *device_id) {
  sl_jellyfin_client *c = client_for_device(FX.url, user ? NULL : FX.api_key, device_id);
  if (!c || !user) return c;
  sl_error *err = NULL;
  if (sl_jellyfin_authenticate_by_name(c, user, password, NULL, &err) != SL_STATUS_OK) {
    fprintf(stderr, "login as %s: %s\n", user, sl_error_message(err));
    sl_error_free(err);
    sl_jellyfin_client_free(c);
    return NULL;
  }
  return c;
}

sl_g4_client *g4_client_new(void) {
  sl_g4_options o;
  sl_g4_options_init(&o);
  o.base_url = FX.g4_url;
  o.tenant = FX.g4_tenant;
  o.application = "sessionlink-c-tests";
  sl_g4_client *c = NULL;
  sl_error *err = NULL;
  if (sl_g4_client_new(&o, &c, &err) != SL_STATUS_OK) {
    fprintf(stderr, "g4 client_new: %s\n", sl_error_message(err));
    sl_error_free(err);
    return NULL;
  }
  return c;
}

static int run_table(const test_case *table, const char *filter) {
  int ran = 0;
  for (const test_case *t = table; t->name; t++) {
    if (filter && !strstr(t->name, filter)) continue;
    current_test = t->name;
    int before = sl_test_failures;
    t->run();
    fprintf(stderr, "%s %s\n", sl_test_failures == before ? "ok  " : "FAIL", t->name);
    ran++;
  }
  return ran;
}

int main(int argc, char **argv) {
  const char *filter = argc > 1 ? argv[1] : NULL;
  if (start_emulator() != 0) return 2;
  const test_case *tables[] = {jellyfin_tests, g4_tests, argument_tests, thread_tests, async_tests, cpp_tests, fault_tests, route_tests, socket_tests, liveness_tests, callback_order_tests, server_text_tests, log_tests, quick_connect_tests, discovery_tests};
  int ran = 0;
  for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++) ran += run_table(tables[i], filter);
  stop_emulator();
  fprintf(stderr, "%d tests, %d failed checks\n", ran, sl_test_failures);
  return (sl_test_failures == 0 && ran > 0) ? 0 : 1;
}
