/* A failing or hostile server, blocking and async: every fault the emulator injects gives the
 * status that tells the truth (was the request sent?), the cause in sl_error_message, the
 * right sl_error_request_sent, and the next call on the same client works. Also the retry
 * rule on reused connections, 503 + Retry-After with and without retry_unavailable,
 * redirects (Location without credentials), the size limit with and without
 * Content-Length, credentials a server echoes, and URLs over the limit refused before I/O.
 *
 * Each test runs twice (the table has a _blocking and an _async entry): the same calls
 * through sl_X and through sl_X_async, compared by what the caller sees. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>

#include "harness.h"

/* What one call gave its caller, the same way for both forms. */
typedef struct outcome {
  sl_status status;
  char message[512];
  bool request_sent;
  int http_status;
  int64_t retry_after_ms;
  char location[256];
  char body[512];
  size_t sessions;
} outcome;

static void from_error(outcome *o, sl_status status, const sl_error *err) {
  o->status = status;
  snprintf(o->message, sizeof o->message, "%s", err ? sl_error_message(err) : "");
  o->request_sent = sl_error_request_sent(err);
  o->http_status = sl_error_http_status(err);
  o->retry_after_ms = sl_error_retry_after_ms(err);
  const char *location = sl_error_location(err), *body = sl_error_body_json(err);
  snprintf(o->location, sizeof o->location, "%s", location ? location : "");
  snprintf(o->body, sizeof o->body, "%s", body ? body : "");
}

static void from_waiter(outcome *o, const waiter *w) {
  o->status = w->status;
  snprintf(o->message, sizeof o->message, "%s", w->message);
  o->request_sent = w->request_sent;
  o->http_status = w->http_status;
  o->retry_after_ms = w->retry_after_ms;
  snprintf(o->location, sizeof o->location, "%s", w->location);
  snprintf(o->body, sizeof o->body, "%s", w->body);
  o->sessions = w->sessions;
}

/* Waits for an async call that was submitted with status `submitted`; a submission error is
 * the outcome itself (argument errors never call back). */
static outcome finish_async(waiter *w, sl_status submitted, sl_error *err) {
  outcome o;
  memset(&o, 0, sizeof o);
  if (submitted != SL_STATUS_OK) {
    from_error(&o, submitted, err);
  } else if (wait_calls(w, 1, 30000) != 1) {
    o.status = (sl_status)-1;
    snprintf(o.message, sizeof o.message, "the callback did not run");
  } else {
    from_waiter(&o, w);
  }
  sl_error_free(err);
  waiter_destroy(w);
  return o;
}

/* GET /Sessions. */
static outcome get_sessions(const sl_jellyfin_client *c, int async) {
  outcome o;
  memset(&o, 0, sizeof o);
  sl_error *err = NULL;
  if (!async) {
    sl_session_list *list = NULL;
    sl_status status = sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err);
    from_error(&o, status, err);
    o.sessions = sl_session_list_len(list);
    sl_session_list_free(list);
    sl_error_free(err);
    return o;
  }
  waiter w;
  waiter_init(&w);
  sl_status submitted = sl_jellyfin_get_sessions_async(c, NULL, NULL, NULL, list_cb, &w, NULL, &err);
  return finish_async(&w, submitted, err);
}

/* POST /Sessions/{id}/Playing/Pause: not idempotent as far as the transport knows. */
static outcome pause_session(const sl_jellyfin_client *c, const char *session_id, int async) {
  outcome o;
  memset(&o, 0, sizeof o);
  sl_error *err = NULL;
  if (!async) {
    sl_status status = sl_jellyfin_send_playstate_command(c, session_id, "Pause", NULL, NULL, &err);
    from_error(&o, status, err);
    sl_error_free(err);
    return o;
  }
  waiter w;
  waiter_init(&w);
  sl_status submitted = sl_jellyfin_send_playstate_command_async(c, session_id, "Pause", NULL, NULL, done_cb, &w, NULL, &err);
  return finish_async(&w, submitted, err);
}

#define EXPECT(o, want)                                                                             \
  do {                                                                                              \
    if ((o).status != (want)) {                                                                     \
      char detail_[700];                                                                            \
      snprintf(detail_, sizeof detail_, "got %s, want %s: %s", sl_status_str((int)(o).status),     \
               sl_status_str((int)(want)), (o).message);                                            \
      sl_test_fail(__FILE__, __LINE__, #o, detail_);                                                \
      return;                                                                                       \
    }                                                                                               \
  } while (0)

#define CHECK_MSG(o, needle)                                             \
  do {                                                                   \
    if (!strstr((o).message, (needle))) {                                \
      sl_test_fail(__FILE__, __LINE__, "message has " needle, (o).message); \
      return;                                                            \
    }                                                                    \
  } while (0)

/* A client with the admin API key and the given transport settings (NULL: defaults). */
static sl_jellyfin_client *client_with(const char *device_id, const sl_transport_options *transport) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = FX.url;
  o.device_name = "C fault tests";
  o.device_id = device_id;
  o.token = FX.api_key;
  if (transport) o.transport = *transport;
  sl_jellyfin_client *c = NULL;
  sl_error *err = NULL;
  if (sl_jellyfin_client_new(&o, &c, &err) != SL_STATUS_OK) {
    fprintf(stderr, "client_new: %s\n", sl_error_message(err));
    sl_error_free(err);
  }
  return c;
}

/* The `connection` numbers of the last `n` recorded exchanges, oldest first, and whether the
 * first of them carries `fault`. Returns 0 when there were n. Exchanges are objects with
 * sorted keys, so each starts with `{"aborted":`. */
static int last_connections(int n, long *out, const char *fault) {
  char *all = emu_control("requests_json");
  if (!all) return -1;
  const char *starts[1024];
  int count = 0;
  for (const char *p = strstr(all, "{\"aborted\":"); p && count < 1024; p = strstr(p + 1, "{\"aborted\":"))
    starts[count++] = p;
  int ok = count >= n;
  for (int i = 0; ok && i < n; i++) {
    const char *from = starts[count - n + i];
    const char *to = i + 1 < n ? starts[count - n + i + 1] : from + strlen(from);
    const char *conn = strstr(from, "\"connection\":");
    ok = conn && conn < to;
    if (ok) out[i] = atol(conn + strlen("\"connection\":"));
    if (ok && i == 0 && fault) {
      char needle[128];
      snprintf(needle, sizeof needle, "\"fault\":\"%s\"", fault);
      const char *hit = strstr(from, needle);
      ok = hit && hit < to;
    }
  }
  free(all);
  return ok ? 0 : -1;
}

/* reset_before_headers: on a reused connection a GET is retried once on a new connection and
 * succeeds; a POST may have been applied, so it fails with CONNECTION_LOST, not retried. */
static void reset_before_headers(int async) {
  sl_jellyfin_client *c = client_with("c-faults-reset", NULL);
  CHECK(c);
  outcome o = get_sessions(c, async); /* leaves a pooled connection */
  EXPECT(o, SL_STATUS_OK);
  int before = emu_request_count();
  CHECK(emu_ok("reset_before_headers") == 0);
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  CHECK(o.sessions >= 2);
  CHECK(emu_request_count() - before == 2);
  long conns[2];
  CHECK(last_connections(2, conns, "reset_before_headers") == 0);
  CHECK(conns[0] != conns[1]); /* the retry used a new connection */

  before = emu_request_count();
  CHECK(emu_ok("reset_before_headers") == 0);
  o = pause_session(c, FX.kitchen_session_id, async);
  EXPECT(o, SL_STATUS_CONNECTION_LOST);
  CHECK(o.request_sent);
  CHECK(o.http_status == 0);
  CHECK_MSG(o, "POST /Sessions/{sessionId}/Playing/{command}");
  CHECK_MSG(o, "before a response arrived");
  CHECK(emu_request_count() - before == 1); /* not retried */
  o = pause_session(c, FX.kitchen_session_id, async);
  EXPECT(o, SL_STATUS_OK);
  sl_jellyfin_client_free(c);
}

/* A reset or a clean close in the middle of the body: the status arrived, the body did not. */
static void broken_bodies(int async) {
  sl_jellyfin_client *c = client_with("c-faults-body", NULL);
  CHECK(c);
  const char *faults[] = {"reset_mid_body", "truncated_body"};
  for (int i = 0; i < 2; i++) {
    CHECK(emu_ok(faults[i]) == 0);
    outcome o = get_sessions(c, async);
    EXPECT(o, SL_STATUS_CONNECTION_LOST);
    CHECK(o.request_sent && o.sessions == 0);
    CHECK_MSG(o, "GET /Sessions");
    CHECK_MSG(o, "while reading the response (status 200)");
    o = get_sessions(c, async);
    EXPECT(o, SL_STATUS_OK);
    CHECK(o.sessions >= 2);
  }
  sl_jellyfin_client_free(c);
}

/* Headers and half a body, then silence: the request timeout ends it, as sent. */
static void stalled_response(int async) {
  sl_transport_options t;
  sl_jellyfin_options defaults;
  sl_jellyfin_options_init(&defaults);
  t = defaults.transport;
  /* Generous enough for the next call under valgrind on a loaded machine; the stall far longer. */
  t.request_timeout_ms = 5000;
  sl_jellyfin_client *c = client_with("c-faults-stall", &t);
  CHECK(c);
  CHECK(emu_ok("stall 600000") == 0);
  outcome o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_TIMEOUT);
  CHECK(o.request_sent);
  CHECK_MSG(o, "request_timeout");
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  sl_jellyfin_client_free(c);
}

/* A body over max_response_bytes is refused without being read, whether its size is
 * declared (Content-Length) or only found while reading (chunked). */
static void oversized_bodies(int async) {
  sl_jellyfin_options defaults;
  sl_jellyfin_options_init(&defaults);
  CHECK(defaults.transport.max_response_bytes == 32u * 1024 * 1024);
  sl_transport_options t = defaults.transport;
  t.max_response_bytes = 64 * 1024;
  sl_jellyfin_client *c = client_with("c-faults-big", &t);
  CHECK(c);
  const char *faults[] = {"oversized 1073741824", "oversized 1073741824 chunked"};
  for (int i = 0; i < 2; i++) {
    CHECK(emu_ok(faults[i]) == 0);
    outcome o = get_sessions(c, async);
    EXPECT(o, SL_STATUS_RESPONSE_TOO_LARGE);
    CHECK(o.request_sent);
    CHECK_MSG(o, "65536 bytes");
    CHECK_MSG(o, "max_response_bytes");
    if (i == 0) CHECK_MSG(o, "1073741824 bytes"); /* the declared size is named */
    o = get_sessions(c, async);
    EXPECT(o, SL_STATUS_OK);
    CHECK(o.sessions >= 2);
  }
  /* Just under the limit is read whole (a JSON array of that size, with no session). */
  CHECK(emu_ok("oversized 65536 chunked") == 0);
  outcome o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  CHECK(o.sessions == 0);
  sl_jellyfin_client_free(c);
}

/* The server closes a keep-alive connection as the next request arrives on it: a GET does
 * not notice, a POST fails honestly. */
static void stale_connections(int async) {
  sl_jellyfin_client *c = client_with("c-faults-stale", NULL);
  CHECK(c);
  CHECK(emu_ok("stale_connection") == 0);
  outcome o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  CHECK(o.sessions >= 2);
  char *last = emu_last_exchange();
  CHECK(last && strstr(last, "\"status\":200") != NULL);
  free(last);

  CHECK(emu_ok("stale_connection") == 0);
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  o = pause_session(c, FX.kitchen_session_id, async);
  EXPECT(o, SL_STATUS_CONNECTION_LOST);
  CHECK(o.request_sent);
  o = pause_session(c, FX.kitchen_session_id, async);
  EXPECT(o, SL_STATUS_OK);
  sl_jellyfin_client_free(c);
}

/* 503 with Retry-After: the wait is on the error; with retry_unavailable the client waits
 * and retries by itself. */
static void service_unavailable(int async) {
  sl_jellyfin_client *c = client_with("c-faults-503", NULL);
  CHECK(c);
  CHECK(emu_ok("unavailable 1") == 0);
  outcome o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_SERVER);
  CHECK(o.http_status == 503 && o.retry_after_ms == 1000);
  CHECK(o.request_sent);
  CHECK_MSG(o, "retry after 1 s");
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  CHECK(o.retry_after_ms == -1);
  sl_jellyfin_client_free(c);

  sl_jellyfin_options defaults;
  sl_jellyfin_options_init(&defaults);
  CHECK(defaults.transport.retry_unavailable == 0 && defaults.transport.retry_after_cap_ms == 10000);
  sl_transport_options t = defaults.transport;
  t.retry_unavailable = 2;
  t.retry_after_cap_ms = 100; /* caps the 1 s the server asks for */
  sl_jellyfin_client *patient = client_with("c-faults-patient", &t);
  CHECK(patient);
  int before = emu_request_count();
  CHECK(emu_ok("unavailable 1") == 0);
  CHECK(emu_ok("unavailable 1") == 0);
  o = get_sessions(patient, async);
  EXPECT(o, SL_STATUS_OK);
  CHECK(o.sessions >= 2);
  CHECK(emu_request_count() - before == 3);
  /* Three in a row are one too many: the last 503 is the error. */
  CHECK(emu_ok("unavailable 0") == 0);
  CHECK(emu_ok("unavailable 0") == 0);
  CHECK(emu_ok("unavailable 0") == 0);
  o = get_sessions(patient, async);
  EXPECT(o, SL_STATUS_SERVER);
  CHECK(o.retry_after_ms == 0);
  sl_jellyfin_client_free(patient);
}

/* A redirect is not followed (it would resend the token elsewhere); the error names where it
 * pointed, without the credentials the Location held. */
static void redirects(int async) {
  sl_jellyfin_client *c = client_with("c-faults-redirect", NULL);
  CHECK(c);
  int before = emu_request_count();
  CHECK(emu_ok("redirect 302 https://admin:hunter2@elsewhere.example/login") == 0);
  outcome o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_HTTP);
  CHECK(o.http_status == 302);
  CHECK(strcmp(o.location, "https://elsewhere.example/login") == 0);
  CHECK_MSG(o, "https://elsewhere.example/login");
  CHECK(!strstr(o.message, "hunter2") && !strstr(o.location, "hunter2"));
  CHECK(emu_request_count() - before == 1); /* nothing followed */
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  CHECK(o.location[0] == '\0');
  sl_jellyfin_client_free(c);
}

/* The server's reason is in the message for every status, its JSON body on the error; the
 * client's token echoed by a server (raw, percent-encoded, JSON-escaped) is replaced. */
static void server_text(int async) {
  sl_jellyfin_client *c = client_with("c-faults-text", NULL);
  CHECK(c);
  CHECK(emu_ok("status_json {\"status\":404,\"content_type\":\"application/json\","
               "\"body\":\"{\\\"Message\\\":\\\"Session not found\\\"}\"}") == 0);
  outcome o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_NOT_FOUND);
  CHECK(strcmp(o.message, "GET /Sessions: Not Found: Session not found") == 0);
  CHECK(strcmp(o.body, "{\"Message\":\"Session not found\"}") == 0);

  char line[1024];
  snprintf(line, sizeof line,
           "status_json {\"status\":401,\"content_type\":\"application/problem+json\","
           "\"body\":\"{\\\"title\\\":\\\"bad token %s\\\",\\\"detail\\\":\\\"Token=\\\\\\\"%s\\\\\\\"\\\"}\"}",
           FX.api_key, FX.api_key);
  CHECK(emu_ok(line) == 0);
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_UNAUTHORIZED);
  CHECK(o.http_status == 401);
  CHECK(!strstr(o.message, FX.api_key) && !strstr(o.body, FX.api_key));
  CHECK(strstr(o.body, "bad token ***") != NULL);
  CHECK(strstr(o.message, "***") != NULL);
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  CHECK(o.body[0] == '\0');
  sl_jellyfin_client_free(c);
}

/* A URL over 8 KiB (a huge id, ten thousand items) is refused before any request. */
static void overlong_urls(int async) {
  sl_jellyfin_client *c = client_with("c-faults-url", NULL);
  CHECK(c);
  int before = emu_request_count();
  size_t n = 1 << 20;
  char *huge = malloc(n + 1);
  CHECK(huge);
  memset(huge, 'x', n);
  huge[n] = '\0';
  outcome o = pause_session(c, huge, async);
  free(huge);
  EXPECT(o, SL_STATUS_INVALID_ARGUMENT);
  CHECK(!o.request_sent);
  CHECK_MSG(o, "8192");

  enum { ITEMS = 10000 };
  char(*ids)[33] = malloc(sizeof(*ids) * ITEMS);
  const char **items = malloc(sizeof(*items) * ITEMS);
  CHECK(ids && items);
  for (int i = 0; i < ITEMS; i++) {
    snprintf(ids[i], sizeof ids[i], "%032x", i);
    items[i] = ids[i];
  }
  sl_error *err = NULL;
  sl_status status;
  if (async) {
    waiter w;
    waiter_init(&w);
    status = sl_jellyfin_play_async(c, FX.kitchen_session_id, "PlayNow", items, ITEMS, NULL, NULL, NULL, NULL, NULL,
                                    done_cb, &w, NULL, &err);
    waiter_destroy(&w);
  } else {
    status = sl_jellyfin_play(c, FX.kitchen_session_id, "PlayNow", items, ITEMS, NULL, NULL, NULL, NULL, NULL, &err);
  }
  free(ids);
  free(items);
  int sent = sl_error_request_sent(err);
  sl_error_free(err);
  CHECK(status == SL_STATUS_INVALID_ARGUMENT && !sent);
  CHECK(emu_request_count() == before);
  sl_jellyfin_client_free(c);
}

/* The new transport fields are validated by the core like the old ones. */
static void transport_options_are_checked(void) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  CHECK(o.transport.pool_idle_timeout_ms == 30000);
  o.base_url = FX.url;
  o.transport.max_response_bytes = 0;
  sl_jellyfin_client *c = NULL;
  sl_error *err = NULL;
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "max_response_bytes") != NULL);
  CHECK(!sl_error_request_sent(err) && sl_error_retry_after_ms(err) == -1);
  CHECK(sl_error_location(err) == NULL && sl_error_body_json(err) == NULL);
  sl_error_free(err);
  CHECK(c == NULL);
  /* No pooling at all still works: every call on a new connection. */
  o.transport.max_response_bytes = 1 << 20;
  o.transport.pool_idle_timeout_ms = 0;
  o.device_id = "c-faults-nopool";
  o.token = FX.api_key;
  err = NULL;
  CHECK_OK(sl_jellyfin_client_new(&o, &c, &err), &err);
  outcome r = get_sessions(c, 0);
  EXPECT(r, SL_STATUS_OK);
  r = get_sessions(c, 0);
  EXPECT(r, SL_STATUS_OK);
  long conns[2];
  CHECK(last_connections(2, conns, NULL) == 0 && conns[0] != conns[1]);
  sl_jellyfin_client_free(c);
  /* The accessors of a NULL error are neutral. */
  CHECK(!sl_error_request_sent(NULL) && sl_error_retry_after_ms(NULL) == -1);
  CHECK(sl_error_location(NULL) == NULL && sl_error_body_json(NULL) == NULL);
}

/* Compressed responses: asked for by default (Accept-Encoding: br, gzip), decoded, and held
 * to max_response_bytes once decoded (a compression bomb); `compression = false` asks for
 * nothing. */
static void compressed_bodies(int async) {
  sl_jellyfin_options defaults;
  sl_jellyfin_options_init(&defaults);
  CHECK(defaults.transport.compression && defaults.transport.webpki_roots && !defaults.transport.system_roots);
  CHECK(defaults.transport.proxy == NULL && defaults.transport.proxy_from_env);
  sl_transport_options t = defaults.transport;
  t.proxy_from_env = false;
  t.max_response_bytes = 1 << 20;
  sl_jellyfin_client *c = client_with("c-faults-compressed", &t);
  CHECK(c);
  outcome o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  CHECK(o.sessions >= 2);
  char *last = emu_last_exchange();
  CHECK(last && strstr(last, "[\"accept-encoding\",\"br, gzip\"]") && strstr(last, "[\"content-encoding\",\"br\"]"));
  free(last);
  const char *bombs[] = {"bomb gzip 8388608", "bomb br 8388608"};
  for (int i = 0; i < 2; i++) {
    CHECK(emu_ok(bombs[i]) == 0);
    o = get_sessions(c, async);
    EXPECT(o, SL_STATUS_RESPONSE_TOO_LARGE);
    CHECK(o.request_sent);
    CHECK_MSG(o, "once decompressed");
    o = get_sessions(c, async);
    EXPECT(o, SL_STATUS_OK);
  }
  sl_jellyfin_client_free(c);
  t.compression = false;
  c = client_with("c-faults-uncompressed", &t);
  CHECK(c);
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  last = emu_last_exchange();
  CHECK(last && !strstr(last, "accept-encoding") && !strstr(last, "content-encoding"));
  free(last);
  sl_jellyfin_client_free(c);
}

/* A proxy: requests carried by tinyproxy (tests/c/run.sh starts it on 127.0.0.1 and names it
 * in SL_TEST_PROXY_URL; the emulator sees its Via header), its 407 without credentials, and a
 * proxy that is not there: SL_STATUS_PROXY, nothing sent, the password never shown. */
static void proxies(int async) {
  const char *proxy = getenv("SL_TEST_PROXY_URL");
  CHECK(proxy != NULL); /* run.sh starts tinyproxy; without it this is not tested */
  sl_jellyfin_options defaults;
  sl_jellyfin_options_init(&defaults);
  sl_transport_options t = defaults.transport;
  char url[256];
  snprintf(url, sizeof url, "http://alice:pr0xy-s3cret@%s", proxy + strlen("http://"));
  t.proxy = url;
  sl_jellyfin_client *c = client_with("c-faults-proxied", &t);
  CHECK(c);
  outcome o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_OK);
  char *last = emu_last_exchange();
  CHECK(last && strstr(last, "tinyproxy") != NULL);
  free(last);
  sl_jellyfin_client_free(c);

  int before = emu_request_count();
  t.proxy = proxy; /* no credentials */
  c = client_with("c-faults-proxied-anonymous", &t);
  CHECK(c);
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_PROXY);
  CHECK(!o.request_sent && o.http_status == 407);
  CHECK_MSG(o, "needs credentials");
  sl_jellyfin_client_free(c);

  t.proxy = "http://alice:pr0xy-s3cret@127.0.0.1:9"; /* the discard port: nothing listens */
  c = client_with("c-faults-proxy-gone", &t);
  CHECK(c);
  o = get_sessions(c, async);
  EXPECT(o, SL_STATUS_PROXY);
  CHECK(!o.request_sent);
  CHECK_MSG(o, "cannot connect to the proxy 127.0.0.1:9");
  CHECK(strstr(o.message, "pr0xy-s3cret") == NULL);
  CHECK(emu_request_count() == before);
  sl_jellyfin_client_free(c);
}

/* Bad proxy and certificate-store settings are refused when the client is made. */
static void transport_trust_options_are_checked(void) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = FX.url;
  const char *bad[] = {"socks5://127.0.0.1:1080", "http://"};
  for (int i = 0; i < 2; i++) {
    o.transport.proxy = bad[i];
    sl_jellyfin_client *c = NULL;
    sl_error *err = NULL;
    CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
    sl_error_free(err);
    CHECK(c == NULL);
  }
  o.transport.proxy = "http://\xff:1";
  sl_jellyfin_client *c = NULL;
  sl_error *err = NULL;
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_UTF8, &err);
  sl_error_free(err);
  o.transport.proxy = NULL;
  o.transport.webpki_roots = false;
  err = NULL;
  CHECK_STATUS(sl_jellyfin_client_new(&o, &c, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "no certificate is trusted") != NULL);
  sl_error_free(err);
  o.transport.system_roots = true;
  err = NULL;
  CHECK_OK(sl_jellyfin_client_new(&o, &c, &err), &err);
  sl_jellyfin_client_free(c);
}

#define BOTH(name)                                       \
  static void name##_blocking(void) { name(0); }         \
  static void name##_async(void) {                       \
    async_submitter = pthread_self();                    \
    name(1);                                             \
  }
BOTH(reset_before_headers)
BOTH(broken_bodies)
BOTH(stalled_response)
BOTH(oversized_bodies)
BOTH(stale_connections)
BOTH(service_unavailable)
BOTH(redirects)
BOTH(server_text)
BOTH(overlong_urls)
BOTH(compressed_bodies)
BOTH(proxies)

#define ENTRIES(name) {"fault_" #name "_blocking", name##_blocking}, {"fault_" #name "_async", name##_async}

const test_case fault_tests[] = {
    ENTRIES(reset_before_headers),
    ENTRIES(broken_bodies),
    ENTRIES(stalled_response),
    ENTRIES(oversized_bodies),
    ENTRIES(stale_connections),
    ENTRIES(service_unavailable),
    ENTRIES(redirects),
    ENTRIES(server_text),
    ENTRIES(overlong_urls),
    ENTRIES(compressed_bodies),
    ENTRIES(proxies),
    {"fault_transport_options_are_checked", transport_options_are_checked},
    {"fault_transport_trust_options_are_checked", transport_trust_options_are_checked},
    {NULL, NULL},
};
