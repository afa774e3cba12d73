/* One benchmark client, measured for a fixed time:
 *   bench sessionlink|curl get|post URL SECONDS
 * Prints "<calls per second>". "get" is GET /Sessions (sessionlink: decoded, then every
 * session's DeviceName and NowPlayingItem.Name read through the accessors; curl: body
 * received, not decoded);
 * "post" is POST /Sessions/{id}/Playing/Pause. */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sessionlink.h"

#define SESSION_ID "f35ffbefd4cbca5559a7c33d2a049e18"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static size_t sink(char *data, size_t size, size_t n, void *user) {
  (void)data;
  *(size_t *)user += size * n;
  return size * n;
}

static int run_curl(int get, const char *url, double seconds) {
  CURL *h = curl_easy_init();
  char target[512];
  snprintf(target, sizeof target, get ? "%s/Sessions" : "%s/Sessions/" SESSION_ID "/Playing/Pause", url);
  struct curl_slist *headers = NULL;
  headers = curl_slist_append(headers, "Accept: application/json");
  headers = curl_slist_append(headers,
                              "Authorization: MediaBrowser Client=\"bench\", Device=\"bench\", DeviceId=\"bench-1\", "
                              "Version=\"0.1.0\", Token=\"0123456789abcdef0123456789abcdef\"");
  size_t bytes = 0;
  curl_easy_setopt(h, CURLOPT_URL, target);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, sink);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &bytes);
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (!get) curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
  long calls = 0;
  double start = now(), end = start + seconds;
  while (now() < end) {
    long code = 0;
    if (curl_easy_perform(h) != CURLE_OK) return fprintf(stderr, "curl failed\n"), 1;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    if (code != (get ? 200 : 204)) return fprintf(stderr, "curl: HTTP %ld\n", code), 1;
    calls++;
  }
  printf("%.0f\n", (double)calls / (now() - start));
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  return 0;
}

static int run_sessionlink(int get, const char *url, double seconds) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = url;
  o.device_name = "bench";
  o.device_id = "bench-1";
  o.token = "0123456789abcdef0123456789abcdef";
  sl_jellyfin_client *c = NULL;
  sl_error *err = NULL;
  if (sl_jellyfin_client_new(&o, &c, &err) != SL_STATUS_OK) return fprintf(stderr, "%s\n", sl_error_message(err)), 1;
  long calls = 0;
  size_t names = 0;
  double start = now(), end = start + seconds;
  while (now() < end) {
    sl_status st;
    if (get) {
      sl_session_list *list = NULL;
      st = sl_jellyfin_get_sessions(c, NULL, NULL, NULL, &list, &err);
      for (size_t i = 0; st == SL_STATUS_OK && i < sl_session_list_len(list); i++) {
        const sl_session *s = sl_session_list_get(list, i);
        const char *device = sl_session_device_name(s), *item = sl_session_now_playing_item_name(s);
        names += (device ? strlen(device) : 0) + (item ? strlen(item) : 0);
      }
      sl_session_list_free(list);
    } else {
      st = sl_jellyfin_send_playstate_command(c, SESSION_ID, "Pause", NULL, NULL, &err);
    }
    if (st != SL_STATUS_OK) return fprintf(stderr, "%s: %s\n", sl_status_str((int)st), sl_error_message(err)), 1;
    calls++;
  }
  printf("%.0f\n", (double)calls / (now() - start));
  if (get && names == 0) return fprintf(stderr, "no device names read\n"), 1;
  sl_jellyfin_client_free(c);
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 5) return fprintf(stderr, "usage: bench sessionlink|curl get|post URL SECONDS\n"), 2;
  int get = strcmp(argv[2], "get") == 0;
  double seconds = atof(argv[4]);
  if (strcmp(argv[1], "curl") == 0) return run_curl(get, argv[3], seconds);
  return run_sessionlink(get, argv[3], seconds);
}
