/* The floor of a native HTTP client, for the benchmarks (not a test): one libcurl easy
 * handle reused (one keep-alive connection), sequential requests, the body received into a
 * reused buffer and not decoded.
 *
 *   curl-loop METHOD URL SECONDS      prints "<calls per second>"
 *   curl-loop METHOD URL -n CALLS     makes exactly CALLS requests, prints "<calls>"
 *                                     (for instruction counts under callgrind)
 *
 * METHOD is GET, POST (empty body, as sessionlink sends its command POSTs) or DELETE. The
 * request carries the headers sessionlink's Jellyfin client sends (Accept, Authorization;
 * curl adds Host and, for POST, Content-Length: 0). Any status other than 2xx fails.
 *
 * Built by bench/python/setup.sh and bench/transport/run.sh:
 *   cc -O2 bench/curl/curl_loop.c -o curl-loop -lcurl */
#define _POSIX_C_SOURCE 200809L
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct buffer {
  char *data;
  size_t len, cap;
};

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The body goes into one buffer that is reused by every call, as a client that keeps the
 * body for a decoder would (sessionlink keeps it as one Bytes). */
static size_t collect(char *data, size_t size, size_t n, void *user) {
  struct buffer *b = user;
  size_t add = size * n;
  if (b->len + add > b->cap) {
    size_t cap = b->cap ? b->cap : 65536;
    while (cap < b->len + add) cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown) return 0;
    b->data = grown;
    b->cap = cap;
  }
  memcpy(b->data + b->len, data, add);
  b->len += add;
  return add;
}

int main(int argc, char **argv) {
  if (argc != 4 && !(argc == 5 && strcmp(argv[3], "-n") == 0)) {
    fprintf(stderr, "usage: curl-loop GET|POST|DELETE URL SECONDS | curl-loop METHOD URL -n CALLS\n");
    return 2;
  }
  const char *method = argv[1];
  long fixed = argc == 5 ? atol(argv[4]) : -1;
  double seconds = argc == 4 ? atof(argv[3]) : 0;
  curl_global_init(CURL_GLOBAL_DEFAULT);
  CURL *h = curl_easy_init();
  struct curl_slist *headers = NULL;
  headers = curl_slist_append(headers, "Accept: application/json");
  headers = curl_slist_append(headers,
                              "Authorization: MediaBrowser Client=\"bench\", Device=\"bench\", DeviceId=\"bench-curl\", "
                              "Version=\"0.1.0\", Token=\"0123456789abcdef0123456789abcdef\"");
  headers = curl_slist_append(headers, "Expect:");
  struct buffer body = {0};
  curl_easy_setopt(h, CURLOPT_URL, argv[2]);
  curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, collect);
  curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
  curl_easy_setopt(h, CURLOPT_USERAGENT, "curl-loop");
  /* No SIGPIPE juggling around every transfer (8 rt_sigaction calls per request otherwise). */
  curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
  if (strcmp(method, "POST") == 0) {
    curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
  } else if (strcmp(method, "GET") != 0) {
    curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
  }
  long calls = 0;
  size_t bytes = 0;
  double start = now(), end = start + seconds;
  while (fixed >= 0 ? calls < fixed : now() < end) {
    long code = 0;
    body.len = 0;
    CURLcode rc = curl_easy_perform(h);
    if (rc != CURLE_OK) return fprintf(stderr, "curl-loop: %s\n", curl_easy_strerror(rc)), 1;
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
    if (code < 200 || code > 299) return fprintf(stderr, "curl-loop: HTTP %ld\n", code), 1;
    bytes += body.len;
    calls++;
  }
  if (fixed >= 0)
    printf("%ld\n", calls);
  else
    printf("%.1f\n", (double)calls / (now() - start));
  if (strcmp(method, "GET") == 0 && bytes == 0) return fprintf(stderr, "curl-loop: no body received\n"), 1;
  free(body.data);
  curl_slist_free_all(headers);
  curl_easy_cleanup(h);
  curl_global_cleanup();
  return 0;
}
