/* Bad input at the C boundary: NULLs where a value is required, invalid UTF-8, CR/LF in
 * header values, NULL frees, option validation. Each must give a status and a message,
 * never a crash, and must not write outputs. */
#include <stdlib.h>

#include "harness.h"

static const char INVALID_UTF8[] = {'a', (char)0xff, 'b', 0};

static void null_arguments_are_refused(void) {
  sl_jellyfin_client *c = jellyfin_login(NULL, NULL);
  CHECK(c);
  sl_error *err = NULL;
  sl_session_list *list = NULL;
  CHECK_STATUS(sl_jellyfin_get_sessions(NULL, NULL, NULL, NULL, &list, &err), SL_STATUS_NULL_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "client") != NULL && list == NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_get_sessions(c, NULL, NULL, NULL, NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_send_playstate_command(c, NULL, "Pause", NULL, NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "session_id") != NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_send_playstate_command(c, FX.kitchen_session_id, NULL, NULL, NULL, &err),
               SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_authenticate_by_name(c, FX.admin_user, NULL, NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_play(c, FX.kitchen_session_id, "PlayNow", NULL, 2, NULL, NULL, NULL, NULL, NULL, &err),
               SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  const char *with_null[] = {FX.movie_id, NULL};
  CHECK_STATUS(sl_jellyfin_play(c, FX.kitchen_session_id, "PlayNow", with_null, 2, NULL, NULL, NULL, NULL, NULL, &err),
               SL_STATUS_NULL_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "item_ids[1]") != NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_get_auth_providers(c, NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_g4_get_session(NULL, "x", NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  /* `err` itself is optional: the status alone still tells what happened. */
  CHECK(sl_jellyfin_get_sessions(NULL, NULL, NULL, NULL, &list, NULL) == SL_STATUS_NULL_ARGUMENT);
  CHECK(sl_jellyfin_client_new(NULL, NULL, NULL) == SL_STATUS_NULL_ARGUMENT);
  CHECK(sl_op_cancel(NULL, NULL) == SL_STATUS_NULL_ARGUMENT);
  CHECK(sl_session_json(NULL, NULL, NULL) == SL_STATUS_NULL_ARGUMENT);

  /* Accessors on NULL return neutral values instead of crashing. */
  CHECK(sl_session_list_len(NULL) == 0 && sl_session_list_get(NULL, 0) == NULL);
  CHECK(sl_session_device_name(NULL) == NULL && !sl_session_is_paused(NULL));
  int64_t ticks = 7;
  CHECK(!sl_session_position_ticks(NULL, &ticks) && ticks == 7);
  CHECK(sl_error_message(NULL) == NULL && sl_error_http_status(NULL) == 0);
  CHECK(sl_error_status(NULL) == SL_STATUS_NULL_ARGUMENT);
  CHECK(sl_g4_session_user_id(NULL) == 0 && sl_g4_login_session_id(NULL) == NULL);
  CHECK(sl_auth_result_session(NULL) == NULL && sl_name_id_list_len(NULL) == 0);
  sl_jellyfin_client_free(c);
}

static void free_functions_accept_null(void) {
  sl_jellyfin_client_free(NULL);
  sl_g4_client_free(NULL);
  sl_session_list_free(NULL);
  sl_auth_result_free(NULL);
  sl_name_id_list_free(NULL);
  sl_g4_login_free(NULL);
  sl_g4_session_free(NULL);
  sl_error_free(NULL);
  sl_string_free(NULL);
  sl_op_free(NULL);
  sl_jellyfin_options_init(NULL);
  sl_g4_options_init(NULL);
  CHECK(1);
}

static void invalid_utf8_is_refused(void) {
  sl_jellyfin_client *c = jellyfin_login(NULL, NULL);
  CHECK(c);
  sl_error *err = NULL;
  CHECK_STATUS(sl_jellyfin_send_general_command(c, INVALID_UTF8, "GoHome", &err), SL_STATUS_INVALID_UTF8, &err);
  CHECK(strstr(sl_error_message(err), "session_id") && strstr(sl_error_message(err), "UTF-8"));
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_authenticate_by_name(c, FX.admin_user, INVALID_UTF8, NULL, &err), SL_STATUS_INVALID_UTF8, &err);
  CHECK(strstr(sl_error_message(err), "password") != NULL);
  sl_error_free(err);
  err = NULL;
  sl_session_list *list = NULL;
  CHECK_STATUS(sl_jellyfin_get_sessions(c, NULL, INVALID_UTF8, NULL, &list, &err), SL_STATUS_INVALID_UTF8, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_g4_update_session(NULL, "x", INVALID_UTF8, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  sl_jellyfin_client_free(c);

  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = FX.url;
  o.device_name = INVALID_UTF8;
  o.device_id = "x";
  err = NULL;
  c = NULL;
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_UTF8, &err);
  CHECK(c == NULL && strstr(sl_error_message(err), "device_name"));
  sl_error_free(err);
}

static void header_values_with_cr_lf_are_refused(void) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = FX.url;
  o.device_name = "Evil\r\nX-Injected: yes";
  o.device_id = "x";
  sl_jellyfin_client *c = NULL;
  sl_error *err = NULL;
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(c == NULL && strstr(sl_error_message(err), "device_name"));
  sl_error_free(err);
  err = NULL;
  o.device_name = "fine";
  o.token = "secret-token-123\nX-Injected: yes";
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "secret-token-123") == NULL);
  sl_error_free(err);
  err = NULL;
  o.token = NULL;
  CHECK_OK(sl_jellyfin_client_new(&o, &c, &err), &err);
  CHECK_STATUS(sl_jellyfin_client_set_token(c, "abc\r\ndef", &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "abc") == NULL);
  sl_error_free(err);
  sl_jellyfin_client_free(c);
}

static void client_options_are_validated(void) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  CHECK(o.base_url == NULL && o.token == NULL);
  CHECK(o.transport.connect_timeout_ms == 10000 && o.transport.request_timeout_ms == 30000);
  CHECK(!o.transport.accept_invalid_certs && o.transport.extra_ca_pem == NULL);
  sl_jellyfin_client *c = NULL;
  sl_error *err = NULL;
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_NULL_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "base_url") != NULL);
  sl_error_free(err);
  err = NULL;
  o.base_url = "ftp://example.com";
  o.device_name = "d";
  o.device_id = "i";
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  o.base_url = FX.url;
  o.transport.request_timeout_ms = 0;
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  /* The core's rule and message: the binding converts, the core checks. */
  CHECK(strstr(sl_error_message(err), "request_timeout") != NULL);
  sl_error_free(err);
  err = NULL;
  o.transport.request_timeout_ms = 1000;
  o.transport.extra_ca_pem = "not a certificate";
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  o.transport.extra_ca_pem = NULL;
  o.device_name = "";
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(c == NULL);
  sl_error_free(err);
  err = NULL;
  /* The default device (no device given) is checked by the_default_device_is_this_host in
   * test_routes.c, on the client's own session. */
}

const test_case argument_tests[] = {
    {"null_arguments_are_refused", null_arguments_are_refused},
    {"free_functions_accept_null", free_functions_accept_null},
    {"invalid_utf8_is_refused", invalid_utf8_is_refused},
    {"header_values_with_cr_lf_are_refused", header_values_with_cr_lf_are_refused},
    {"client_options_are_validated", client_options_are_validated},
    {NULL, NULL},
};
