/* UDP discovery from C: the emulator found at its loopback discovery address, bad options
 * refused with a status and a message, and the result's accessors out of range. Every
 * datagram goes to 127.0.0.1: targets only, broadcast never. */
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static sl_discovery_options loopback_only(const char *const *targets, size_t len) {
  sl_discovery_options o;
  sl_discovery_options_init(&o);
  o.targets = targets;
  o.targets_len = len;
  o.broadcast = SL_DISCOVERY_BROADCAST_NEVER;
  o.timeout_ms = 30000; /* generous: the limit returns as soon as the emulator answered */
  o.limit = 1;
  return o;
}

static void finds_the_emulator(void) {
  char *before = emu_control("discovery_queries");
  CHECK(before);
  long queries = strtol(before, NULL, 10);
  free(before);
  const char *targets[] = {FX.discovery_address};
  sl_discovery_options o = loopback_only(targets, 1);
  sl_discovered_servers *servers = NULL;
  sl_error *err = NULL;
  CHECK_OK(sl_discover_servers(&o, &servers, &err), &err);
  CHECK(sl_discovered_servers_len(servers) == 1);
  CHECK(strcmp(sl_discovered_servers_address(servers, 0), FX.url) == 0);
  CHECK(strcmp(sl_discovered_servers_name(servers, 0), "sessionlink-emulator") == 0);
  CHECK(strlen(sl_discovered_servers_id(servers, 0)) == 32);
  CHECK(sl_discovered_servers_endpoint_address(servers, 0) == NULL);
  CHECK(strcmp(sl_discovered_servers_responder(servers, 0), FX.discovery_address) == 0);
  /* Strings stay valid (and the same) until the list is freed. */
  CHECK(sl_discovered_servers_address(servers, 0) == sl_discovered_servers_address(servers, 0));
  char *json = NULL;
  CHECK_OK(sl_discovered_servers_json(servers, 0, &json, &err), &err);
  CHECK(strstr(json, "\"EndpointAddress\":null") != NULL);
  CHECK(strstr(json, FX.url) != NULL);
  sl_string_free(json);
  /* Out of range: NULL, 0 and a status, never a crash. */
  CHECK(sl_discovered_servers_address(servers, 1) == NULL);
  CHECK(sl_discovered_servers_responder(servers, 99) == NULL);
  CHECK_STATUS(sl_discovered_servers_json(servers, 1, &json, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "out of range") != NULL);
  sl_error_free(err);
  err = NULL;
  sl_discovered_servers_free(servers);
  CHECK(sl_discovered_servers_len(NULL) == 0 && sl_discovered_servers_name(NULL, 0) == NULL);
  sl_discovered_servers_free(NULL);
  char *after = emu_control("discovery_queries");
  CHECK(after);
  CHECK(strtol(after, NULL, 10) == queries + 1);
  free(after);
}

static void a_silent_target_ends_at_the_timeout_with_none(void) {
  /* The emulator's HTTP port: nothing listens for UDP there. */
  const char *port = strrchr(FX.url, ':');
  CHECK(port);
  char target[64];
  snprintf(target, sizeof target, "127.0.0.1%s", port);
  const char *targets[] = {target};
  sl_discovery_options o = loopback_only(targets, 1);
  o.timeout_ms = 200;
  sl_discovered_servers *servers = NULL;
  sl_error *err = NULL;
  CHECK_OK(sl_discover_servers(&o, &servers, &err), &err);
  CHECK(sl_discovered_servers_len(servers) == 0);
  sl_discovered_servers_free(servers);
}

static void bad_options_are_refused(void) {
  sl_error *err = NULL;
  sl_discovered_servers *servers = NULL;
  const char *v6[] = {"[::1]:7359"};
  sl_discovery_options o = loopback_only(v6, 1);
  CHECK_STATUS(sl_discover_servers(&o, &servers, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "IPv4 only") != NULL);
  sl_error_free(err);
  err = NULL;
  CHECK(servers == NULL);

  sl_discovery_options none = loopback_only(NULL, 0);
  CHECK_STATUS(sl_discover_servers(&none, &servers, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "nowhere to ask") != NULL);
  sl_error_free(err);
  err = NULL;

  const char *targets[] = {FX.discovery_address};
  sl_discovery_options zero = loopback_only(targets, 1);
  zero.timeout_ms = 0;
  CHECK_STATUS(sl_discover_servers(&zero, &servers, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  err = NULL;

  sl_discovery_options wrong = loopback_only(targets, 1);
  wrong.broadcast = 7;
  CHECK_STATUS(sl_discover_servers(&wrong, &servers, &err), SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "sl_discovery_broadcast") != NULL);
  sl_error_free(err);
  err = NULL;

  const char *with_null[] = {FX.discovery_address, NULL};
  sl_discovery_options holes = loopback_only(with_null, 2);
  CHECK_STATUS(sl_discover_servers(&holes, &servers, &err), SL_STATUS_NULL_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "targets[1]") != NULL);
  sl_error_free(err);
  err = NULL;

  CHECK_STATUS(sl_discover_servers(&o, NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  sl_discovery_options_init(NULL);
}

const test_case discovery_tests[] = {
    {"discovery_finds_the_emulator", finds_the_emulator},
    {"discovery_a_silent_target_ends_at_the_timeout_with_none", a_silent_target_ends_at_the_timeout_with_none},
    {"discovery_bad_options_are_refused", bad_options_are_refused},
    {NULL, NULL},
};
