/* The test harness shared by the C test files: a tiny check/report framework, the
 * emulator child process, and the fixtures it seeds. */
#ifndef SL_TEST_HARNESS_H
#define SL_TEST_HARNESS_H

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "sessionlink.h"

#ifdef __cplusplus
extern "C" {
#endif

extern int sl_test_failures;
void sl_test_fail(const char *file, int line, const char *what, const char *detail);

/* Stops the current test function on the first failed check: later checks usually depend on
 * earlier ones, and a crash after a failed check would hide the real problem. */
#define CHECK(cond)                                                      \
  do {                                                                   \
    if (!(cond)) {                                                       \
      sl_test_fail(__FILE__, __LINE__, #cond, NULL);                     \
      return;                                                            \
    }                                                                    \
  } while (0)

/* Checks a status and prints the error message when it differs. Frees *errp. */
#define CHECK_STATUS(expr, want, errp)                                                   \
  do {                                                                                   \
    sl_status got_ = (expr);                                                             \
    if (got_ != (want)) {                                                                \
      char buf_[512];                                                                    \
      snprintf(buf_, sizeof buf_, "got %s, want %s: %s", sl_status_str((int)got_),       \
               sl_status_str((int)(want)),                                              \
               *(errp) ? sl_error_message(*(errp)) : "(no error)");                      \
      sl_test_fail(__FILE__, __LINE__, #expr, buf_);                                     \
      sl_error_free(*(errp));                                                            \
      *(errp) = NULL;                                                                    \
      return;                                                                            \
    }                                                                                    \
  } while (0)

#define CHECK_OK(expr, errp) CHECK_STATUS(expr, SL_STATUS_OK, errp)

/* The running emulator and its fixtures (filled by harness_start). */
typedef struct fixtures {
  char url[256];
  char g4_url[256];
  char discovery_address[64]; /* 127.0.0.1:PORT, where the emulator answers UDP discovery */
  char admin_user[64], admin_password[64], admin_id[64];
  char user[64], user_password[64], user_id[64];
  char passwordless_user[64];
  char api_key[128];
  char living_room_session_id[64], kitchen_session_id[64];
  char episode_id[64], movie_id[64];
  char g4_tenant[64], g4_user[128], g4_password[128], g4_noaccess_user[128], g4_noaccess_password[128];
  char g4_api_key[128];
  int g4_user_id;
} fixtures;

extern fixtures FX;

/* Sends one control line to the emulator and returns its one-line JSON answer (malloc'd). */
char *emu_control(const char *line);

/* Copies the string value of the first `"key":"..."` in json into out. Returns 0 if found. */
int json_string(const char *json, const char *key, char *out, size_t size);

/* The last command the emulator delivered to a session, as JSON (malloc'd), or NULL: unlike
 * a search of every command, it tells whether the call under test delivered it. */
char *emu_last_command(const char *session_id);

/* The body of the last request the emulator received, as sent (malloc'd), or NULL. */
char *emu_last_request_body(void);

/* How many requests the emulator has received. */
int emu_request_count(void);

/* A client logged in as the given user (NULL user: with the admin API key). */
sl_jellyfin_client *jellyfin_login(const char *user, const char *password);
sl_jellyfin_client *jellyfin_client_with(const char *url, const char *token);
/* As jellyfin_login, from a device id of the test's own, so that its session is its own. */
sl_jellyfin_client *jellyfin_login_device(const char *user, const char *password, const char *device_id);
/* The JSON of the (first) session of a device as `client` sees it, or NULL; free it with
 * sl_string_free. */
char *session_json_of_device(const sl_jellyfin_client *client, const char *device_id);
sl_g4_client *g4_client_new(void);

/* Sends a control line whose answer is an object with "ok":true ({"ok":true},
 * {"dropped":1,"ok":true}); returns 0 when it was (and prints the answer otherwise). */
int emu_ok(const char *line);
/* emu_ok of a formatted line. */
#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
int emu_okf(const char *format, ...);

/* The raw path (still percent-encoded) and query ("" when none) of the last request the
 * emulator recorded. Returns 0 when there was one. */
int emu_last_request_target(char *path, size_t path_size, char *query, size_t query_size);

/* The last exchange the emulator recorded, as JSON (malloc'd), or NULL. */
char *emu_last_exchange(void);

void sleep_ms(long ms);

/* What an async callback received, and a condition to wait for it on. */
typedef struct waiter {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int calls;
  int on_submitting_thread;
  sl_status status;
  char message[512];
  int http_status;
  bool request_sent;
  int64_t retry_after_ms;
  char location[256];
  char body[512];
  /* What the callback received: whether a result object came, and values read from it. */
  int has_result;
  size_t sessions;
  long number;
  char text[256], text2[256];
  /* For the callback that makes calls of its own. */
  sl_jellyfin_client *client;
  sl_status nested_blocking;
  sl_status nested_async;
  struct waiter *nested;
} waiter;

/* The thread that submits async calls: callbacks record whether they ran on it. */
extern pthread_t async_submitter;

void waiter_init(waiter *w);
void waiter_destroy(waiter *w);
/* Records one callback: its status and what its error says. */
void record(waiter *w, sl_status status, const sl_error *error);
/* Waits until the callback has run `n` times or `ms` elapsed; returns the count. */
int wait_calls(waiter *w, int n, int ms);
/* An sl_done_callback recording into the waiter passed as user data. */
void done_cb(void *user_data, sl_status status, const sl_error *error);
/* An sl_session_list_callback recording the list's length and first device name. */
void list_cb(void *user_data, sl_status status, sl_session_list *result, const sl_error *error);

/* Runs one async call with the waiter `w` (reset first), waits for its callback and checks
 * the status it received; the caller then checks the values it received. */
#define ASYNC(call, want)                                                                          \
  do {                                                                                             \
    waiter_destroy(w);                                                                             \
    waiter_init(w);                                                                                \
    CHECK_OK(call, &err);                                                                          \
    CHECK(wait_calls(w, 1, 20000) == 1);                                                           \
    if (w->status != (want)) {                                                                     \
      char detail_[700];                                                                           \
      snprintf(detail_, sizeof detail_, "got %s: %s", sl_status_str((int)w->status), w->message); \
      sl_test_fail(__FILE__, __LINE__, #call, detail_);                                            \
      return;                                                                                      \
    }                                                                                              \
  } while (0)

/* Test files register their tests through these tables. */
typedef struct test_case {
  const char *name;
  void (*run)(void);
} test_case;

extern const test_case jellyfin_tests[];
extern const test_case g4_tests[];
extern const test_case argument_tests[];
extern const test_case thread_tests[];
extern const test_case async_tests[];
extern const test_case cpp_tests[];
extern const test_case fault_tests[];
extern const test_case socket_tests[];
extern const test_case liveness_tests[];
extern const test_case callback_order_tests[];
extern const test_case server_text_tests[];
extern const test_case route_tests[];
extern const test_case log_tests[];
extern const test_case discovery_tests[];
extern const test_case quick_connect_tests[];

#ifdef __cplusplus
}
#endif

#endif
