/* The test harness shared by the C test files: a tiny check/report framework, the
 * emulator child process, and the fixtures it seeds. */
#ifndef SL_TEST_HARNESS_H
#define SL_TEST_HARNESS_H

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

#ifdef __cplusplus
}
#endif

#endif
