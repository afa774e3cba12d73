/* Session-socket figures (a benchmark, not a test), against the emulator:
 * - latency: from just before a Playstate command's POST to its message reaching on_message
 *   of a controllable session's socket, N times (median, p95, max);
 * - memory: the process's resident memory before and after opening K sockets (each with its
 *   own thread), per socket.
 *   socket URL [N] [K]        (see bench/c/socket.sh) */
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sessionlink.h"

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

typedef struct probe {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  int received;
  double at;
} probe;

static void on_message(void *user_data, const sl_socket_message *m) {
  probe *p = (probe *)user_data;
  if (strcmp(sl_socket_message_type(m), "Playstate") != 0) return;
  double t = now_us();
  pthread_mutex_lock(&p->lock);
  p->received++;
  p->at = t;
  pthread_cond_broadcast(&p->cond);
  pthread_mutex_unlock(&p->lock);
}

static void ignore(void *user_data, const sl_socket_message *m) {
  (void)user_data;
  (void)m;
}

static long rss_kib(void) {
  FILE *f = fopen("/proc/self/status", "r");
  if (!f) return -1;
  char line[256];
  long kib = -1;
  while (fgets(line, sizeof line, f))
    if (strncmp(line, "VmRSS:", 6) == 0) kib = atol(line + 6);
  fclose(f);
  return kib;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static sl_jellyfin_client *login(const char *url, const char *device, const char *user, const char *password) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = url;
  o.device_id = device;
  o.device_name = device;
  sl_jellyfin_client *c = NULL;
  if (sl_jellyfin_client_new(&o, &c, NULL) != SL_STATUS_OK) return NULL;
  if (sl_jellyfin_authenticate_by_name(c, user, password, NULL, NULL) != SL_STATUS_OK) {
    sl_jellyfin_client_free(c);
    return NULL;
  }
  return c;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s URL [N] [K]\n", argv[0]);
    return 2;
  }
  const char *url = argv[1];
  int n = argc > 2 ? atoi(argv[2]) : 500, k = argc > 3 ? atoi(argv[3]) : 50;
  sl_jellyfin_client *player = login(url, "bench-socket-player", "bob", "builder");
  sl_jellyfin_client *admin = login(url, "bench-socket-controller", "alice", "wonderland");
  if (!player || !admin) return 1;
  probe p;
  memset(&p, 0, sizeof p);
  pthread_mutex_init(&p.lock, NULL);
  pthread_cond_init(&p.cond, NULL);
  const char *media[] = {"Video"};
  sl_socket *socket = NULL;
  sl_error *err = NULL;
  if (sl_jellyfin_become_controllable(player, media, 1, NULL, 0, NULL, on_message, NULL, NULL, &p, &socket, &err) !=
      SL_STATUS_OK) {
    fprintf(stderr, "become controllable: %s\n", sl_error_message(err));
    return 1;
  }
  sl_session_list *list = NULL;
  if (sl_jellyfin_get_sessions(admin, NULL, "bench-socket-player", NULL, &list, NULL) != SL_STATUS_OK ||
      sl_session_list_len(list) != 1)
    return 1;
  char sid[64];
  snprintf(sid, sizeof sid, "%s", sl_session_id(sl_session_list_get(list, 0)));
  sl_session_list_free(list);

  double *lat = malloc(sizeof(double) * (size_t)n);
  for (int i = 0; i < n; i++) {
    double t0 = now_us();
    if (sl_jellyfin_send_playstate_command(admin, sid, "Pause", NULL, NULL, NULL) != SL_STATUS_OK) return 1;
    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 5;
    pthread_mutex_lock(&p.lock);
    while (p.received <= i && pthread_cond_timedwait(&p.cond, &p.lock, &deadline) == 0) {
    }
    int got = p.received > i;
    lat[i] = p.at - t0;
    pthread_mutex_unlock(&p.lock);
    if (!got) {
      fprintf(stderr, "command %d never arrived\n", i);
      return 1;
    }
  }
  qsort(lat, (size_t)n, sizeof(double), cmp);
  printf("command POST to on_message, %d commands: median %.0f us, p95 %.0f us, max %.0f us\n", n, lat[n / 2],
         lat[(n * 95) / 100], lat[n - 1]);
  free(lat);
  sl_socket_free(socket);

  sl_socket **sockets = calloc((size_t)k, sizeof *sockets);
  long before = rss_kib();
  for (int i = 0; i < k; i++) {
    if (sl_jellyfin_open_socket(player, NULL, ignore, NULL, NULL, NULL, &sockets[i], &err) != SL_STATUS_OK) {
      fprintf(stderr, "open socket %d: %s\n", i, sl_error_message(err));
      return 1;
    }
  }
  struct timespec settle = {0, 300000000L};
  nanosleep(&settle, NULL);
  long after = rss_kib();
  printf("%d open sockets: RSS %ld KiB -> %ld KiB, %.1f KiB per socket (thread stacks are virtual, not counted)\n", k,
         before, after, (double)(after - before) / k);
  for (int i = 0; i < k; i++) sl_socket_free(sockets[i]);
  free(sockets);
  sl_jellyfin_client_free(admin);
  sl_jellyfin_client_free(player);
  return 0;
}
