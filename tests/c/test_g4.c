/* Every G4 Sessions operation, blocking, against the emulator, with the login failures and
 * the "204 means no such session" rule. */
#include <stdlib.h>

#include "harness.h"

static void g4_session_lifecycle(void) {
  sl_g4_client *c = g4_client_new();
  CHECK(c);
  sl_error *err = NULL;
  sl_g4_login *login = NULL;
  int32_t timeout = 600;
  CHECK_OK(sl_g4_create_session(c, FX.g4_user, FX.g4_password, "{\"cart\":[1,2]}", &timeout,
                                "{\"remoteAddress\":\"127.0.0.1\"}", &login, &err),
           &err);
  CHECK(sl_g4_login_valid_credentials(login) && sl_g4_login_access_allowed(login));
  int32_t user_id = 0;
  CHECK(sl_g4_login_user_id(login, &user_id) && user_id == FX.g4_user_id);
  CHECK(sl_g4_login_username(login) && strcmp(sl_g4_login_username(login), FX.g4_user) == 0);
  const char *sid = sl_g4_login_session_id(login);
  CHECK(sid && strlen(sid) > 0);
  char *json = NULL;
  CHECK_OK(sl_g4_login_json(login, &json, &err), &err);
  CHECK(strstr(json, "\"validCredentials\":true") && strstr(json, sid));
  sl_string_free(json);

  sl_g4_session *s = NULL;
  CHECK_OK(sl_g4_get_session(c, sid, &s, &err), &err);
  CHECK(sl_g4_session_user_id(s) == FX.g4_user_id);
  CHECK(sl_g4_session_bearer(s) != NULL);
  CHECK_OK(sl_g4_session_data_json(s, &json, &err), &err);
  CHECK(strcmp(json, "{\"cart\":[1,2]}") == 0);
  sl_string_free(json);
  CHECK_OK(sl_g4_session_json(s, &json, &err), &err);
  CHECK(strstr(json, "\"userId\":42") != NULL);
  sl_string_free(json);
  sl_g4_session_free(s);

  CHECK_OK(sl_g4_update_session(c, sid, "{\"cart\":[],\"note\":\"caf\xc3\xa9\"}", &err), &err);
  CHECK_OK(sl_g4_get_static_session(c, sid, &s, &err), &err);
  CHECK_OK(sl_g4_session_data_json(s, &json, &err), &err);
  CHECK(strstr(json, "caf\xc3\xa9") && strstr(json, "\"cart\":[]"));
  sl_string_free(json);
  sl_g4_session_free(s);

  CHECK_STATUS(sl_g4_update_session(c, sid, "{nope", &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;

  /* The session id is the bearer: it must not leak into error messages. */
  char line[256];
  snprintf(line, sizeof line, "expire %s %s", FX.g4_tenant, sid);
  free(emu_control(line));
  s = NULL;
  CHECK_STATUS(sl_g4_get_static_session(c, sid, &s, &err), SL_STATUS_NOT_FOUND, &err);
  CHECK(sl_error_http_status(err) == 204 && s == NULL);
  CHECK(strstr(sl_error_message(err), sid) == NULL);
  sl_error_free(err);
  err = NULL;
  sl_g4_login_free(login);

  /* A fresh login, then delete it: afterwards it is gone. */
  CHECK_OK(sl_g4_create_session(c, FX.g4_user, FX.g4_password, NULL, NULL, NULL, &login, &err), &err);
  char sid2[256];
  snprintf(sid2, sizeof sid2, "%s", sl_g4_login_session_id(login));
  sl_g4_login_free(login);
  CHECK_OK(sl_g4_delete_session(c, sid2, &err), &err);
  CHECK_OK(sl_g4_client_set_bearer(c, NULL, &err), &err);
  sl_g4_client_free(c);
  c = g4_client_new();
  CHECK(c);
  /* Another login provides a valid bearer to ask with. */
  CHECK_OK(sl_g4_create_session(c, FX.g4_user, FX.g4_password, NULL, NULL, NULL, NULL, &err), &err);
  CHECK_STATUS(sl_g4_get_session(c, sid2, &s, &err), SL_STATUS_NOT_FOUND, &err);
  sl_error_free(err);
  sl_g4_client_free(c);
}

static void g4_login_failures(void) {
  sl_g4_client *c = g4_client_new();
  CHECK(c);
  sl_error *err = NULL;
  sl_g4_login *login = NULL;
  CHECK_STATUS(sl_g4_create_session(c, FX.g4_user, "wrong-horse-battery", NULL, NULL, NULL, &login, &err),
               SL_STATUS_UNAUTHORIZED, &err);
  CHECK(login == NULL);
  CHECK(strstr(sl_error_message(err), "wrong-horse-battery") == NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_g4_create_session(c, FX.g4_noaccess_user, FX.g4_noaccess_password, NULL, NULL, NULL, &login, &err),
               SL_STATUS_FORBIDDEN, &err);
  sl_error_free(err);
  err = NULL;
  int32_t zero = 0;
  CHECK_STATUS(sl_g4_create_session(c, FX.g4_user, FX.g4_password, NULL, &zero, NULL, &login, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_g4_create_session(c, FX.g4_user, FX.g4_password, NULL, NULL, "[1]", &login, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_g4_create_session(c, "", FX.g4_password, NULL, NULL, NULL, &login, &err), SL_STATUS_INVALID_ARGUMENT,
               &err);
  sl_error_free(err);
  sl_g4_client_free(c);

  /* Client options are checked before any I/O. */
  sl_g4_options o;
  sl_g4_options_init(&o);
  o.base_url = FX.g4_url;
  o.tenant = FX.g4_tenant;
  o.bearer = "b";
  o.api_key = "k";
  c = NULL;
  err = NULL;
  CHECK_STATUS(sl_g4_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(c == NULL);
  sl_error_free(err);
  err = NULL;
  o.bearer = NULL;
  o.api_key = FX.g4_api_key;
  o.tenant = "acme\r\nX-Injected: 1";
  CHECK_STATUS(sl_g4_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
}

const test_case g4_tests[] = {
    {"g4_session_lifecycle", g4_session_lifecycle},
    {"g4_login_failures", g4_login_failures},
    {NULL, NULL},
};
