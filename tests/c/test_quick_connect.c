/* Quick Connect from C: the five operations, and sl_jellyfin_quick_connect (blocking and
 * async), whose code callback approves, expires or ignores the code through the emulator's
 * control lines at the moment the test chooses; the async form cancelled with sl_op_cancel
 * once the emulator recorded the polls. Also GetSystemInfo and GetCurrentUser. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>

#include "harness.h"

/* A call that must fail with `want`; the error it returned is freed. */
#define CHECK_FAILS(expr, want)          \
  do {                                   \
    CHECK_STATUS(expr, want, &err);      \
    sl_error_free(err);                  \
    err = NULL;                          \
  } while (0)

/* A client that is not logged in, on a device of its own. */
static sl_jellyfin_client *kiosk(const char *device_id) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = FX.url;
  o.device_name = "Lobby Kiosk";
  o.device_id = device_id;
  sl_jellyfin_client *c = NULL;
  if (sl_jellyfin_client_new(&o, &c, NULL) != SL_STATUS_OK) return NULL;
  return c;
}

/* What the code callback does with the code, and what it and the final callback saw. */
typedef enum { ON_CODE_APPROVE, ON_CODE_EXPIRE, ON_CODE_NOTHING } on_code_action;

typedef struct flow {
  on_code_action action;
  const char *user_id;
  waiter code; /* text: the code; calls: how often on_code ran */
  waiter done; /* the async form's outcome; text: the user name */
  int control_ok;
} flow;

static void on_code(void *user_data, const char *code) {
  flow *f = (flow *)user_data;
  snprintf(f->code.text, sizeof f->code.text, "%s", code ? code : "(null)");
  /* The emulator's control lines are plain pipe I/O, no sessionlink call: fine on this
   * library thread. */
  if (f->action == ON_CODE_APPROVE) f->control_ok = emu_okf("approve_quick_connect %s %s", code, f->user_id) == 0;
  if (f->action == ON_CODE_EXPIRE) f->control_ok = emu_ok("expire_quick_connect") == 0;
  record(&f->code, SL_STATUS_OK, NULL);
}

static void flow_done(void *user_data, sl_status status, sl_auth_result *result, const sl_error *error) {
  flow *f = (flow *)user_data;
  f->done.has_result = result != NULL;
  snprintf(f->done.text, sizeof f->done.text, "%s", result && sl_auth_result_user_name(result) ? sl_auth_result_user_name(result) : "(null)");
  sl_auth_result_free(result);
  record(&f->done, status, error);
}

static void flow_init(flow *f, on_code_action action, const char *user_id) {
  memset(f, 0, sizeof *f);
  f->action = action;
  f->user_id = user_id;
  waiter_init(&f->code);
  waiter_init(&f->done);
}

static void flow_destroy(flow *f) {
  waiter_destroy(&f->code);
  waiter_destroy(&f->done);
}

static void operations_step_by_step(void) {
  sl_jellyfin_client *device = kiosk("c-kiosk-ops");
  sl_jellyfin_client *alice = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(device && alice);
  sl_error *err = NULL;
  bool enabled = false;
  CHECK_OK(sl_jellyfin_get_quick_connect_enabled(device, &enabled, &err), &err);
  CHECK(enabled);
  sl_quick_connect_result *r = NULL;
  CHECK_OK(sl_jellyfin_initiate_quick_connect(device, &r, &err), &err);
  char code[16], secret[80];
  snprintf(code, sizeof code, "%s", sl_quick_connect_result_code(r));
  snprintf(secret, sizeof secret, "%s", sl_quick_connect_result_secret(r));
  CHECK(strlen(code) == 6 && strlen(secret) == 64 && !sl_quick_connect_result_authenticated(r));
  CHECK(strcmp(sl_quick_connect_result_device_name(r), "Lobby Kiosk") == 0);
  sl_quick_connect_result_free(r);
  r = NULL;
  CHECK_FAILS(sl_jellyfin_authenticate_with_quick_connect(device, secret, NULL, &err), SL_STATUS_NOT_FOUND);
  bool approved = false;
  CHECK_OK(sl_jellyfin_authorize_quick_connect(alice, code, NULL, &approved, &err), &err);
  CHECK(approved);
  CHECK_FAILS(sl_jellyfin_authorize_quick_connect(alice, code, NULL, &approved, &err), SL_STATUS_SERVER);
  CHECK_OK(sl_jellyfin_get_quick_connect_state(device, secret, &r, &err), &err);
  CHECK(sl_quick_connect_result_authenticated(r));
  sl_quick_connect_result_free(r);
  sl_auth_result *login = NULL;
  CHECK_OK(sl_jellyfin_authenticate_with_quick_connect(device, secret, &login, &err), &err);
  CHECK(strcmp(sl_auth_result_user_name(login), FX.admin_user) == 0);
  sl_auth_result_free(login);
  sl_user *me = NULL;
  CHECK_OK(sl_jellyfin_get_current_user(device, &me, &err), &err);
  CHECK(strcmp(sl_user_name(me), FX.admin_user) == 0 && strcmp(sl_user_id(me), FX.admin_id) == 0);
  sl_user_free(me);
  /* Bad arguments: a status before anything is sent. */
  int before = emu_request_count();
  CHECK_FAILS(sl_jellyfin_get_quick_connect_state(device, "", &r, &err), SL_STATUS_INVALID_ARGUMENT);
  CHECK_FAILS(sl_jellyfin_authorize_quick_connect(alice, code, "not-a-guid", &approved, &err), SL_STATUS_INVALID_ARGUMENT);
  CHECK_FAILS(sl_jellyfin_get_quick_connect_state(device, NULL, &r, &err), SL_STATUS_NULL_ARGUMENT);
  CHECK(emu_request_count() == before);
  sl_jellyfin_client_free(device);
  sl_jellyfin_client_free(alice);
}

static void system_info_and_current_user(void) {
  sl_jellyfin_client *bob = jellyfin_login(FX.user, FX.user_password);
  sl_jellyfin_client *key = jellyfin_login(NULL, NULL);
  CHECK(bob && key);
  sl_error *err = NULL;
  sl_system_info *info = NULL;
  CHECK_OK(sl_jellyfin_get_system_info(bob, &info, &err), &err);
  CHECK(strcmp(sl_system_info_product_name(info), "Jellyfin Server") == 0);
  CHECK(!sl_system_info_has_pending_restart(info));
  int32_t port = 0;
  CHECK(sl_system_info_web_socket_port_number(info, &port) && port > 0);
  sl_system_info_free(info);
  sl_user *me = NULL;
  CHECK_OK(sl_jellyfin_get_current_user(bob, &me, &err), &err);
  CHECK(strcmp(sl_user_name(me), FX.user) == 0);
  sl_user_free(me);
  me = NULL;
  CHECK_FAILS(sl_jellyfin_get_current_user(key, &me, &err), SL_STATUS_BAD_REQUEST);
  CHECK(me == NULL);
  sl_jellyfin_client_free(bob);
  sl_jellyfin_client_free(key);
}

static void the_flow_hands_the_code_to_the_callback(void) {
  sl_jellyfin_client *c = kiosk("c-kiosk-flow");
  CHECK(c);
  flow f;
  flow_init(&f, ON_CODE_APPROVE, FX.user_id);
  sl_error *err = NULL;
  sl_auth_result *login = NULL;
  CHECK_OK(sl_jellyfin_quick_connect(c, 60000, 20, on_code, &f, &login, &err), &err);
  CHECK(f.code.calls == 1 && strlen(f.code.text) == 6 && f.control_ok);
  CHECK(strcmp(sl_auth_result_user_name(login), FX.user) == 0);
  sl_auth_result_free(login);
  char *user_id = NULL;
  CHECK_OK(sl_jellyfin_client_user_id(c, &user_id, &err), &err);
  CHECK(user_id && strcmp(user_id, FX.user_id) == 0);
  sl_string_free(user_id);
  flow_destroy(&f);
  sl_jellyfin_client_free(c);
}

static void the_flow_reports_expiry_deadline_and_a_disabled_server(void) {
  sl_jellyfin_client *c = kiosk("c-kiosk-errors");
  CHECK(c);
  sl_error *err = NULL;
  flow f;
  flow_init(&f, ON_CODE_EXPIRE, FX.user_id);
  CHECK_FAILS(sl_jellyfin_quick_connect(c, 60000, 20, on_code, &f, NULL, &err), SL_STATUS_NOT_FOUND);
  CHECK(f.code.calls == 1 && f.control_ok);
  flow_destroy(&f);

  flow_init(&f, ON_CODE_NOTHING, FX.user_id);
  sl_status s = sl_jellyfin_quick_connect(c, 100, 20, on_code, &f, NULL, &err);
  CHECK(s == SL_STATUS_TIMEOUT && err && strstr(sl_error_message(err), f.code.text));
  sl_error_free(err);
  err = NULL;
  flow_destroy(&f);

  CHECK(emu_ok("quick_connect off") == 0);
  flow_init(&f, ON_CODE_NOTHING, FX.user_id);
  s = sl_jellyfin_quick_connect(c, 0, 0, on_code, &f, NULL, &err);
  CHECK(emu_ok("quick_connect on") == 0);
  CHECK(s == SL_STATUS_UNAUTHORIZED && err && strstr(sl_error_message(err), "turned off"));
  sl_error_free(err);
  err = NULL;
  CHECK(f.code.calls == 0);
  /* Bad arguments: a status, and no callback. */
  CHECK_FAILS(sl_jellyfin_quick_connect(c, 0, 0, NULL, &f, NULL, &err), SL_STATUS_NULL_ARGUMENT);
  CHECK_FAILS(sl_jellyfin_quick_connect(NULL, 0, 0, on_code, &f, NULL, &err), SL_STATUS_NULL_ARGUMENT);
  sl_op *op = NULL;
  CHECK_FAILS(sl_jellyfin_quick_connect_async(c, 0, 0, on_code, NULL, &f, &op, &err), SL_STATUS_NULL_ARGUMENT);
  CHECK(op == NULL && f.code.calls == 0);
  flow_destroy(&f);
  sl_jellyfin_client_free(c);
}

static void the_async_flow_delivers_and_cancels(void) {
  async_submitter = pthread_self();
  sl_jellyfin_client *c = kiosk("c-kiosk-async");
  CHECK(c);
  sl_error *err = NULL;
  flow f;
  flow_init(&f, ON_CODE_APPROVE, FX.admin_id);
  CHECK_OK(sl_jellyfin_quick_connect_async(c, 60000, 20, on_code, flow_done, &f, NULL, &err), &err);
  CHECK(wait_calls(&f.done, 1, 20000) == 1 && f.done.status == SL_STATUS_OK);
  CHECK(f.code.calls == 1 && strcmp(f.done.text, FX.admin_user) == 0);
  flow_destroy(&f);

  /* Cancelled while it polls: once the code came and the emulator recorded two more
   * requests (polls), sl_op_cancel ends it with SL_STATUS_CANCELLED. */
  flow_init(&f, ON_CODE_NOTHING, FX.admin_id);
  sl_op *op = NULL;
  CHECK_OK(sl_jellyfin_quick_connect_async(c, 60000, 20, on_code, flow_done, &f, &op, &err), &err);
  CHECK(wait_calls(&f.code, 1, 20000) == 1);
  CHECK(emu_okf("wait_requests %d 20000", emu_request_count() + 2) == 0);
  CHECK_OK(sl_op_cancel(op, &err), &err);
  CHECK(wait_calls(&f.done, 1, 20000) == 1 && f.done.status == SL_STATUS_CANCELLED && !f.done.has_result);
  char *pending = emu_control("quick_connect_codes");
  CHECK(pending && strstr(pending, f.code.text)); /* nothing approved it */
  free(pending);
  sl_op_free(op);
  flow_destroy(&f);
  sl_jellyfin_client_free(c);
}

const test_case quick_connect_tests[] = {
    {"quick_connect_operations_step_by_step", operations_step_by_step},
    {"system_info_and_current_user", system_info_and_current_user},
    {"quick_connect_flow_hands_the_code_to_the_callback", the_flow_hands_the_code_to_the_callback},
    {"quick_connect_flow_reports_expiry_deadline_and_a_disabled_server", the_flow_reports_expiry_deadline_and_a_disabled_server},
    {"quick_connect_async_flow_delivers_and_cancels", the_async_flow_delivers_and_cancels},
    {NULL, NULL},
};
