/* The async contract: argument errors are the return value and the callback never runs;
 * otherwise the callback runs exactly once, on a library thread, never inside the
 * submitting call; cancel gives SL_STATUS_CANCELLED; freeing the client mid-flight still
 * delivers; a blocking call inside a callback is SL_STATUS_WOULD_DEADLOCK. */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "harness.h"

static void copy(char *out, size_t size, const char *value) { snprintf(out, size, "%s", value ? value : "(null)"); }

static void auth_cb(void *user_data, sl_status status, sl_auth_result *result, const sl_error *error) {
  waiter *w = (waiter *)user_data;
  w->has_result = result != NULL;
  copy(w->text, sizeof w->text, sl_auth_result_user_name(result));
  copy(w->text2, sizeof w->text2, sl_auth_result_user_id(result));
  sl_auth_result_free(result);
  record(w, status, error);
}

static void pairs_cb(void *user_data, sl_status status, sl_name_id_list *result, const sl_error *error) {
  waiter *w = (waiter *)user_data;
  w->has_result = result != NULL;
  w->sessions = sl_name_id_list_len(result);
  copy(w->text, sizeof w->text, sl_name_id_list_name(result, 0));
  copy(w->text2, sizeof w->text2, sl_name_id_list_id(result, 0));
  sl_name_id_list_free(result);
  record(w, status, error);
}

static void g4_login_cb(void *user_data, sl_status status, sl_g4_login *result, const sl_error *error) {
  waiter *w = (waiter *)user_data;
  w->has_result = result != NULL;
  copy(w->text, sizeof w->text, sl_g4_login_session_id(result));
  int32_t user_id = 0;
  w->number = sl_g4_login_user_id(result, &user_id) ? user_id : -1;
  sl_g4_login_free(result);
  record(w, status, error);
}

static void g4_session_cb(void *user_data, sl_status status, sl_g4_session *result, const sl_error *error) {
  waiter *w = (waiter *)user_data;
  w->has_result = result != NULL;
  w->number = sl_g4_session_user_id(result);
  char *data = NULL;
  if (result) sl_g4_session_data_json(result, &data, NULL);
  copy(w->text, sizeof w->text, data);
  sl_string_free(data);
  sl_g4_session_free(result);
  record(w, status, error);
}

static void async_get_sessions_calls_back_once_on_a_library_thread(void) {
  async_submitter = pthread_self();
  sl_jellyfin_client *c = jellyfin_login(NULL, NULL);
  CHECK(c);
  waiter w;
  waiter_init(&w);
  sl_error *err = NULL;
  sl_op *op = NULL;
  CHECK_OK(sl_jellyfin_get_sessions_async(c, NULL, NULL, NULL, list_cb, &w, &op, &err), &err);
  CHECK(op != NULL);
  CHECK(wait_calls(&w, 1, 10000) == 1);
  CHECK(w.status == SL_STATUS_OK && w.sessions >= 2);
  CHECK(!w.on_submitting_thread);
  /* Cancelling a finished operation changes nothing. */
  CHECK_OK(sl_op_cancel(op, &err), &err);
  sleep_ms(200);
  CHECK(wait_calls(&w, 2, 0) == 1);
  sl_op_free(op);
  waiter_destroy(&w);
  sl_jellyfin_client_free(c);
}

static void async_argument_errors_are_returned_and_never_called_back(void) {
  async_submitter = pthread_self();
  sl_jellyfin_client *c = jellyfin_login(NULL, NULL);
  CHECK(c);
  waiter w;
  waiter_init(&w);
  sl_error *err = NULL;
  sl_op *op = NULL;
  CHECK_STATUS(sl_jellyfin_send_playstate_command_async(c, FX.kitchen_session_id, "Dance", NULL, NULL, done_cb, &w, &op, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "Pause") != NULL);
  sl_error_free(err);
  err = NULL;
  /* The core's own checks (here: a malformed GUID) are synchronous too. */
  const char *bad[] = {"not-a-guid"};
  CHECK_STATUS(sl_jellyfin_play_async(c, FX.kitchen_session_id, "PlayNow", bad, 1, NULL, NULL, NULL, NULL, NULL, done_cb,
                                      &w, &op, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_get_sessions_async(c, NULL, NULL, NULL, NULL, &w, &op, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_get_sessions_async(NULL, NULL, NULL, NULL, list_cb, &w, &op, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  CHECK(op == NULL);
  sleep_ms(300);
  CHECK(wait_calls(&w, 1, 0) == 0);
  waiter_destroy(&w);
  sl_jellyfin_client_free(c);
}

static void cancel_delivers_cancelled_once(void) {
  async_submitter = pthread_self();
  sl_jellyfin_client *c = jellyfin_login(NULL, NULL);
  CHECK(c);
  waiter w;
  waiter_init(&w);
  sl_error *err = NULL;
  sl_op *op = NULL;
  /* A delay no wait below comes near: the callback can only come from the cancel. */
  free(emu_control("latency 600000"));
  CHECK_OK(sl_jellyfin_get_sessions_async(c, NULL, NULL, NULL, list_cb, &w, &op, &err), &err);
  CHECK(emu_ok("wait_in_flight 1 20000") == 0); /* the server holds it */
  CHECK_OK(sl_op_cancel(op, &err), &err);
  CHECK_OK(sl_op_cancel(op, &err), &err);
  CHECK(wait_calls(&w, 1, 20000) == 1);
  CHECK(w.status == SL_STATUS_CANCELLED && w.sessions == 0);
  CHECK(!w.on_submitting_thread);
  /* The server saw the request dropped, long before its delay would have ended. */
  char *aborted = emu_control("wait_abort 20000");
  CHECK(aborted && strstr(aborted, "\"aborted\":true") != NULL);
  free(aborted);
  sleep_ms(300);
  CHECK(wait_calls(&w, 2, 0) == 1);
  sl_op_free(op);
  waiter_destroy(&w);
  sl_jellyfin_client_free(c);
}

static void freeing_the_client_mid_flight_still_calls_back(void) {
  async_submitter = pthread_self();
  sl_jellyfin_client *c = jellyfin_login(NULL, NULL);
  CHECK(c);
  waiter w;
  waiter_init(&w);
  sl_error *err = NULL;
  free(emu_control("latency 500"));
  /* No op handle: the caller does not have to keep one. */
  CHECK_OK(sl_jellyfin_send_playstate_command_async(c, FX.kitchen_session_id, "Stop", NULL, NULL, done_cb, &w, NULL, &err),
           &err);
  sl_jellyfin_client_free(c);
  CHECK(wait_calls(&w, 1, 10000) == 1);
  CHECK(w.status == SL_STATUS_OK);
  sleep_ms(200);
  CHECK(wait_calls(&w, 2, 0) == 1);
  waiter_destroy(&w);
}

static void nested_cb(void *user_data, sl_status status, sl_session_list *result, const sl_error *error) {
  waiter *w = (waiter *)user_data;
  sl_session_list_free(result);
  sl_session_list *list = NULL;
  sl_error *err = NULL;
  w->nested_blocking = sl_jellyfin_get_sessions(w->client, NULL, NULL, NULL, &list, &err);
  sl_error_free(err);
  sl_session_list_free(list);
  w->nested_async = sl_jellyfin_get_sessions_async(w->client, NULL, NULL, NULL, list_cb, w->nested, NULL, NULL);
  record(w, status, error);
}

static void blocking_inside_a_callback_would_deadlock(void) {
  async_submitter = pthread_self();
  sl_jellyfin_client *c = jellyfin_login(NULL, NULL);
  CHECK(c);
  waiter w, inner;
  waiter_init(&w);
  waiter_init(&inner);
  w.client = c;
  w.nested = &inner;
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_get_sessions_async(c, NULL, NULL, NULL, nested_cb, &w, NULL, &err), &err);
  CHECK(wait_calls(&w, 1, 10000) == 1);
  CHECK(w.nested_blocking == SL_STATUS_WOULD_DEADLOCK);
  /* The async API is the way to make calls from a callback. */
  CHECK(w.nested_async == SL_STATUS_OK);
  CHECK(wait_calls(&inner, 1, 10000) == 1 && inner.status == SL_STATUS_OK);
  waiter_destroy(&w);
  waiter_destroy(&inner);
  sl_jellyfin_client_free(c);
}

/* Whether the last command delivered to a session contains both needles. */
static int last_command_has(const char *session_id, const char *a, const char *b) {
  char *last = emu_last_command(session_id);
  int found = last && strstr(last, a) && (!b || strstr(last, b));
  free(last);
  return found;
}

/* Whether a device's session JSON (as `c` sees it) contains `needle`. */
static int session_has(const sl_jellyfin_client *c, const char *device_id, const char *needle) {
  char *json = session_json_of_device(c, device_id);
  int found = json && strstr(json, needle) != NULL;
  sl_string_free(json);
  return found;
}

static void every_jellyfin_operation_has_an_async_form(void) {
  async_submitter = pthread_self();
  const char *own = "sessionlink-c-async";
  sl_jellyfin_client *c = jellyfin_login_device(NULL, NULL, own);
  CHECK(c);
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_client_set_token(c, NULL, &err), &err);
  waiter wait_, *w = &wait_;
  waiter_init(w);
  const char *s = FX.kitchen_session_id;

  ASYNC(sl_jellyfin_authenticate_by_name_async(c, FX.admin_user, "wrong-async", auth_cb, w, NULL, &err),
        SL_STATUS_UNAUTHORIZED);
  CHECK(!w->has_result && w->http_status == 401 && strstr(w->message, "wrong-async") == NULL);
  CHECK(!sl_jellyfin_client_has_token(c));
  ASYNC(sl_jellyfin_authenticate_by_name_async(c, FX.admin_user, FX.admin_password, auth_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(w->has_result && strcmp(w->text, FX.admin_user) == 0 && strcmp(w->text2, FX.admin_id) == 0);
  CHECK(sl_jellyfin_client_has_token(c));

  ASYNC(sl_jellyfin_get_sessions_async(c, NULL, "kitchen-speaker", NULL, list_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(w->sessions == 1 && strcmp(w->text, "Kitchen Speaker") == 0);

  ASYNC(sl_jellyfin_send_playstate_command_async(c, "0123456789abcdef0123456789abcdef", "Pause", NULL, NULL, done_cb, w,
                                                 NULL, &err),
        SL_STATUS_NOT_FOUND);
  CHECK(w->http_status == 404);
  int64_t seek = 4242424242;
  ASYNC(sl_jellyfin_send_playstate_command_async(c, s, "Seek", &seek, NULL, done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(last_command_has(s, "\"Seek\"", "4242424242"));
  const char *items[] = {FX.episode_id};
  ASYNC(sl_jellyfin_play_async(c, s, "PlayNext", items, 1, NULL, NULL, NULL, NULL, NULL, done_cb, w, NULL, &err),
        SL_STATUS_OK);
  CHECK(last_command_has(s, "PlayNext", FX.episode_id));
  ASYNC(sl_jellyfin_send_general_command_async(c, s, "GoHome", done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(last_command_has(s, "GoHome", NULL));
  ASYNC(sl_jellyfin_send_system_command_async(c, s, "ToggleMute", done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(last_command_has(s, "ToggleMute", NULL));
  const char *names[] = {"Volume"}, *values[] = {"13"};
  ASYNC(sl_jellyfin_send_full_general_command_async(c, s, "SetVolume", names, values, 1, done_cb, w, NULL, &err),
        SL_STATUS_OK);
  CHECK(last_command_has(s, "SetVolume", "\"13\""));
  ASYNC(sl_jellyfin_send_message_command_async(c, s, NULL, "hello async", NULL, done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(last_command_has(s, "hello async", NULL));
  ASYNC(sl_jellyfin_display_content_async(c, s, "Movie", FX.movie_id, "m", done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(last_command_has(s, "DisplayContent", FX.movie_id));

  const char *types[] = {"Audio"}, *commands[] = {"DisplayMessage"};
  bool yes = true;
  ASYNC(sl_jellyfin_post_capabilities_async(c, NULL, types, 1, commands, 1, &yes, NULL, done_cb, w, NULL, &err),
        SL_STATUS_OK);
  CHECK(session_has(c, own, "\"SupportsMediaControl\":true") && session_has(c, own, "\"DisplayMessage\""));
  free(emu_control("clear"));
  ASYNC(sl_jellyfin_post_full_capabilities_async(c, NULL, "{}", done_cb, w, NULL, &err), SL_STATUS_OK);
  char *body = emu_last_request_body();
  CHECK(body && strcmp(body,
                       "{\"PlayableMediaTypes\":[],\"SupportedCommands\":[],\"SupportsMediaControl\":false,"
                       "\"SupportsPersistentIdentifier\":true}") == 0);
  free(body);
  CHECK(session_has(c, own, "\"SupportsMediaControl\":false") && !session_has(c, own, "\"DisplayMessage\""));
  ASYNC(sl_jellyfin_report_viewing_async(c, NULL, FX.movie_id, done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(session_has(c, own, "\"NowViewingItem\"") && session_has(c, own, FX.movie_id));

  ASYNC(sl_jellyfin_add_user_to_session_async(c, s, FX.user_id, done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(session_has(c, "kitchen-speaker", "\"AdditionalUsers\":[{") && session_has(c, "kitchen-speaker", FX.user_id));
  ASYNC(sl_jellyfin_remove_user_from_session_async(c, s, FX.user_id, done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(session_has(c, "kitchen-speaker", "\"Id\"") && !session_has(c, "kitchen-speaker", FX.user_id));

  ASYNC(sl_jellyfin_get_auth_providers_async(c, pairs_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(w->sessions == 1 && strcmp(w->text, "Default") == 0 && strstr(w->text2, "DefaultAuthenticationProvider"));
  ASYNC(sl_jellyfin_get_password_reset_providers_async(c, pairs_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(w->sessions == 1 && strstr(w->text2, "PasswordResetProvider") != NULL);

  ASYNC(sl_jellyfin_report_session_ended_async(c, done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(!sl_jellyfin_client_has_token(c));
  ASYNC(sl_jellyfin_get_sessions_async(c, NULL, NULL, NULL, list_cb, w, NULL, &err), SL_STATUS_UNAUTHORIZED);
  CHECK(!w->has_result && w->sessions == 0 && w->http_status == 401);
  waiter_destroy(w);
  sl_jellyfin_client_free(c);
}

static void every_g4_operation_has_an_async_form(void) {
  async_submitter = pthread_self();
  sl_g4_client *g = g4_client_new();
  CHECK(g);
  sl_error *err = NULL;
  waiter wait_, *w = &wait_;
  waiter_init(w);
  int32_t ttl = 600;
  ASYNC(sl_g4_create_session_async(g, FX.g4_user, FX.g4_password, "{\"a\":1}", &ttl, NULL, g4_login_cb, w, NULL, &err),
        SL_STATUS_OK);
  CHECK(w->has_result && strlen(w->text) > 0 && w->number == FX.g4_user_id);
  char sid[256];
  snprintf(sid, sizeof sid, "%s", w->text);
  ASYNC(sl_g4_get_session_async(g, sid, g4_session_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(w->number == FX.g4_user_id && strcmp(w->text, "{\"a\":1}") == 0);
  ASYNC(sl_g4_get_static_session_async(g, sid, g4_session_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(w->number == FX.g4_user_id && strcmp(w->text, "{\"a\":1}") == 0);
  ASYNC(sl_g4_update_session_async(g, sid, "[1,2,3]", done_cb, w, NULL, &err), SL_STATUS_OK);
  ASYNC(sl_g4_get_static_session_async(g, sid, g4_session_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(strcmp(w->text, "[1,2,3]") == 0);
  /* Another login gives a bearer to ask with once the first session is gone. */
  sl_g4_client *other = g4_client_new();
  CHECK(other);
  CHECK_OK(sl_g4_create_session(other, FX.g4_user, FX.g4_password, NULL, NULL, NULL, NULL, &err), &err);
  ASYNC(sl_g4_delete_session_async(g, sid, done_cb, w, NULL, &err), SL_STATUS_OK);
  ASYNC(sl_g4_get_session_async(other, sid, g4_session_cb, w, NULL, &err), SL_STATUS_NOT_FOUND);
  CHECK(!w->has_result && w->http_status == 204);
  ASYNC(sl_g4_create_session_async(g, FX.g4_user, "nope-async", NULL, NULL, NULL, g4_login_cb, w, NULL, &err),
        SL_STATUS_UNAUTHORIZED);
  CHECK(!w->has_result && strstr(w->message, "nope-async") == NULL);
  waiter_destroy(w);
  sl_g4_client_free(other);
  sl_g4_client_free(g);
}

/* The playback-reporting operations in their async form; what they report shows in the
 * session as a controller sees it. */
static void async_playback_reporting(void) {
  async_submitter = pthread_self();
  const char *device = "sessionlink-c-async-player";
  sl_jellyfin_client *player = jellyfin_login_device(FX.user, FX.user_password, device);
  sl_jellyfin_client *controller = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(player && controller);
  sl_error *err = NULL;
  waiter wait_, *w = &wait_;
  waiter_init(w);
  char info[256];
  snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":50000000}", FX.episode_id);
  ASYNC(sl_jellyfin_report_playback_start_async(player, info, done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(session_has(controller, device, "\"NowPlayingItem\"") && session_has(controller, device, FX.episode_id));
  snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":70000000,\"IsPaused\":true}", FX.episode_id);
  ASYNC(sl_jellyfin_report_playback_progress_async(player, info, done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(session_has(controller, device, "\"PositionTicks\":70000000") && session_has(controller, device, "\"IsPaused\":true"));
  ASYNC(sl_jellyfin_ping_playback_session_async(player, "c-async-play", done_cb, w, NULL, &err), SL_STATUS_OK);
  snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":70000000}", FX.episode_id);
  ASYNC(sl_jellyfin_report_playback_stopped_async(player, info, done_cb, w, NULL, &err), SL_STATUS_OK);
  CHECK(session_has(controller, device, "\"Id\"") && !session_has(controller, device, "\"NowPlayingItem\""));
  /* Argument errors are returned, as for every _async call. */
  CHECK_STATUS(sl_jellyfin_report_playback_start_async(player, "{\"ItemId\":\"x\"}", done_cb, w, NULL, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  waiter_destroy(w);
  sl_jellyfin_client_free(controller);
  sl_jellyfin_client_free(player);
}

const test_case async_tests[] = {
    {"async_get_sessions_calls_back_once_on_a_library_thread", async_get_sessions_calls_back_once_on_a_library_thread},
    {"async_argument_errors_are_returned_and_never_called_back", async_argument_errors_are_returned_and_never_called_back},
    {"cancel_delivers_cancelled_once", cancel_delivers_cancelled_once},
    {"freeing_the_client_mid_flight_still_calls_back", freeing_the_client_mid_flight_still_calls_back},
    {"blocking_inside_a_callback_would_deadlock", blocking_inside_a_callback_would_deadlock},
    {"every_jellyfin_operation_has_an_async_form", every_jellyfin_operation_has_an_async_form},
    {"every_g4_operation_has_an_async_form", every_g4_operation_has_an_async_form},
    {"async_playback_reporting", async_playback_reporting},
    {NULL, NULL},
};
