/* The session socket in C, against the emulator's /socket: every command kind received with
 * its arguments, keep-alive over more than two periods, reconnect after a drop and after a
 * simulated restart with the capabilities re-posted, a revoked token ending the socket with
 * UNAUTHORIZED, close and free ending it exactly once, a slow consumer losing nothing,
 * unknown kinds kept, the Sessions subscription of a watcher, blocking calls allowed in the
 * callbacks, and argument errors returned before anything opens. */
#define _POSIX_C_SOURCE 200809L
#include <stdlib.h>
#include <time.h>

#include "harness.h"

/* ---- What a socket's callbacks saw ---------------------------------------------------- */

#define MAX_ENTRIES 512
/* How long a test waits for an event that must come: generous, since the suite also runs
 * under valgrind; a wait ends as soon as the event is there. */
#define WAIT_MS 20000

typedef struct entry {
  char type[48], id[64];
  int known;
  char playstate[32];
  int64_t seek; /* -1: none */
  char play[32], items[256];
  int64_t start; /* -1: none */
  char command[48], args[512];
  int sessions; /* -1: not a Sessions message */
  char devices[512];
  char data[512], json[1024];
} entry;

typedef struct socket_log {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  entry *entries;
  int count;
  int connected, reconnected, disconnected;
  char reason[256];
  uint64_t retry_in_ms;
  int ends;
  sl_status end_status;
  char end_message[256];
  int after_end; /* callbacks after on_end: must stay 0 */
  pthread_t thread;
  int threads_seen; /* 1 when every callback ran on one thread */
  int on_opening_thread;
  long sleep_ms; /* a slow consumer: each on_message sleeps this long */
  /* A blocking call made from on_message, for the first Playstate. */
  sl_jellyfin_client *reporter;
  sl_status reported;
  /* Frees its own socket from inside on_message, at the first Playstate message. */
  sl_socket **free_inside;
} socket_log;

static pthread_t opening_thread;

static void log_init(socket_log *l) {
  memset(l, 0, sizeof *l);
  pthread_mutex_init(&l->lock, NULL);
  pthread_cond_init(&l->cond, NULL);
  l->entries = calloc(MAX_ENTRIES, sizeof(entry));
  l->end_status = (sl_status)-1;
  l->reported = (sl_status)-1;
  opening_thread = pthread_self();
}

/* Logs live on the heap: a failed check returns early, leaving its socket open, and its
 * callbacks must not write into a dead stack frame. */
static socket_log *log_new(void) {
  socket_log *l = malloc(sizeof *l);
  log_init(l);
  return l;
}

static void log_free(socket_log *l) {
  free(l->entries);
  pthread_mutex_destroy(&l->lock);
  pthread_cond_destroy(&l->cond);
  free(l);
}

static void copy(char *out, size_t size, const char *value) { snprintf(out, size, "%s", value ? value : ""); }

/* Called with the lock held, at the start of every callback. */
static void note_thread(socket_log *l) {
  if (l->threads_seen == 0) {
    l->thread = pthread_self();
    l->threads_seen = 1;
  } else if (!pthread_equal(l->thread, pthread_self())) {
    l->threads_seen = 2;
  }
  if (pthread_equal(pthread_self(), opening_thread)) l->on_opening_thread = 1;
  if (l->ends) l->after_end++;
}

static void on_message(void *user_data, const sl_socket_message *m) {
  socket_log *l = (socket_log *)user_data;
  if (l->sleep_ms) sleep_ms(l->sleep_ms);
  entry e;
  memset(&e, 0, sizeof e);
  copy(e.type, sizeof e.type, sl_socket_message_type(m));
  copy(e.id, sizeof e.id, sl_socket_message_id(m));
  e.known = sl_socket_message_is_known(m);
  copy(e.playstate, sizeof e.playstate, sl_socket_message_playstate_command(m));
  if (!sl_socket_message_seek_position_ticks(m, &e.seek)) e.seek = -1;
  copy(e.play, sizeof e.play, sl_socket_message_play_command(m));
  for (size_t i = 0; i < sl_socket_message_item_ids_len(m); i++) {
    size_t used = strlen(e.items);
    snprintf(e.items + used, sizeof e.items - used, "%s%s", i ? "," : "", sl_socket_message_item_id(m, i));
  }
  if (!sl_socket_message_start_position_ticks(m, &e.start)) e.start = -1;
  copy(e.command, sizeof e.command, sl_socket_message_command_name(m));
  const char *names[] = {"Header", "Text", "TimeoutMs", "Volume", "ItemType", "ItemId", "ItemName", "NoSuchArgument"};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    const char *v = sl_socket_message_argument(m, names[i]);
    if (!v) continue;
    size_t used = strlen(e.args);
    snprintf(e.args + used, sizeof e.args - used, "%s=%s;", names[i], v);
  }
  e.sessions = -1;
  sl_session_list *list = NULL;
  if (sl_socket_message_sessions(m, &list, NULL) == SL_STATUS_OK) {
    e.sessions = (int)sl_session_list_len(list);
    for (size_t i = 0; i < sl_session_list_len(list); i++) {
      size_t used = strlen(e.devices);
      const char *d = sl_session_device_id(sl_session_list_get(list, i));
      snprintf(e.devices + used, sizeof e.devices - used, "%s,", d ? d : "?");
    }
    sl_session_list_free(list);
  }
  copy(e.data, sizeof e.data, sl_socket_message_data_json(m));
  copy(e.json, sizeof e.json, sl_socket_message_json(m));

  /* A blocking call is allowed here: this is the socket's own thread, not a runtime one. */
  if (l->reporter && strcmp(e.type, "Playstate") == 0 && l->reported == (sl_status)-1) {
    char info[256];
    snprintf(info, sizeof info, "{\"ItemId\":\"%s\",\"PositionTicks\":%lld,\"IsPaused\":true}", FX.movie_id,
             (long long)(e.seek > 0 ? e.seek : 0));
    sl_status s = sl_jellyfin_report_playback_start(l->reporter, info, NULL);
    pthread_mutex_lock(&l->lock);
    l->reported = s;
    pthread_mutex_unlock(&l->lock);
  }
  if (l->free_inside && *l->free_inside && strcmp(e.type, "Playstate") == 0) {
    sl_socket *self = *l->free_inside;
    *l->free_inside = NULL;
    sl_socket_free(self); /* cannot wait here: on_end follows this callback */
  }

  pthread_mutex_lock(&l->lock);
  note_thread(l);
  if (l->count < MAX_ENTRIES) l->entries[l->count] = e;
  l->count++;
  pthread_cond_broadcast(&l->cond);
  pthread_mutex_unlock(&l->lock);
}

static void on_state(void *user_data, sl_socket_state state, const char *reason, uint64_t retry_in_ms) {
  socket_log *l = (socket_log *)user_data;
  pthread_mutex_lock(&l->lock);
  note_thread(l);
  switch (state) {
    case SL_SOCKET_CONNECTED: l->connected++; break;
    case SL_SOCKET_RECONNECTED: l->reconnected++; break;
    case SL_SOCKET_DISCONNECTED:
      l->disconnected++;
      copy(l->reason, sizeof l->reason, reason);
      l->retry_in_ms = retry_in_ms;
      break;
  }
  pthread_cond_broadcast(&l->cond);
  pthread_mutex_unlock(&l->lock);
}

static void on_end(void *user_data, sl_status status, const sl_error *error) {
  socket_log *l = (socket_log *)user_data;
  pthread_mutex_lock(&l->lock);
  note_thread(l);
  l->ends++;
  l->end_status = status;
  copy(l->end_message, sizeof l->end_message, error ? sl_error_message(error) : "");
  pthread_cond_broadcast(&l->cond);
  pthread_mutex_unlock(&l->lock);
}

static int deadline_passed(const struct timespec *deadline) {
  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  return now.tv_sec > deadline->tv_sec || (now.tv_sec == deadline->tv_sec && now.tv_nsec >= deadline->tv_nsec);
}

static struct timespec in_ms(long ms) {
  struct timespec t;
  clock_gettime(CLOCK_REALTIME, &t);
  t.tv_sec += ms / 1000;
  t.tv_nsec += (ms % 1000) * 1000000L;
  if (t.tv_nsec >= 1000000000L) {
    t.tv_sec++;
    t.tv_nsec -= 1000000000L;
  }
  return t;
}

/* Waits until `*counter` (a field of the log) reaches n; returns its value. */
static int wait_count(socket_log *l, const int *counter, int n, long ms) {
  struct timespec deadline = in_ms(ms);
  pthread_mutex_lock(&l->lock);
  while (*counter < n && !deadline_passed(&deadline)) pthread_cond_timedwait(&l->cond, &l->lock, &deadline);
  int value = *counter;
  pthread_mutex_unlock(&l->lock);
  return value;
}

/* The index of the first message of `type` at or after `from`, waiting up to `ms`; -1. */
static int wait_message(socket_log *l, const char *type, int from, long ms) {
  struct timespec deadline = in_ms(ms);
  pthread_mutex_lock(&l->lock);
  int found = -1;
  for (;;) {
    for (int i = from; i < l->count && i < MAX_ENTRIES; i++)
      if (strcmp(l->entries[i].type, type) == 0) {
        found = i;
        break;
      }
    if (found >= 0 || deadline_passed(&deadline)) break;
    pthread_cond_timedwait(&l->cond, &l->lock, &deadline);
  }
  pthread_mutex_unlock(&l->lock);
  return found;
}

static int message_count(socket_log *l) {
  pthread_mutex_lock(&l->lock);
  int n = l->count;
  pthread_mutex_unlock(&l->lock);
  return n;
}

/* ---- The emulator's socket controls (the table in emulator/src/bin/sessionlink-emulator/main.rs) */

/* How many KeepAlive messages the session's clients sent. */
static int emu_keepalives(const char *session_id) {
  char line[128];
  snprintf(line, sizeof line, "keepalives %s", session_id);
  char *answer = emu_control(line);
  int n = answer && answer[0] >= '0' && answer[0] <= '9' ? atoi(answer) : -1;
  if (n < 0) fprintf(stderr, "%s: %s\n", line, answer ? answer : "(none)");
  free(answer);
  return n;
}

/* How many of those the clients sent unprompted (no ForceKeepAlive since the previous one):
 * a keep-alive timer's, not answers to the server's reminders. */
static int emu_unprompted_keepalives(const char *session_id) {
  char line[128];
  snprintf(line, sizeof line, "unprompted_keepalives %s", session_id);
  char *answer = emu_control(line);
  int n = answer && answer[0] >= '0' && answer[0] <= '9' ? atoi(answer) : -1;
  if (n < 0) fprintf(stderr, "%s: %s\n", line, answer ? answer : "(none)");
  free(answer);
  return n;
}

/* How many exchanges of `method raw_path` the emulator recorded. */
static int emu_count_requests(const char *method, const char *path) {
  char *all = emu_control("requests_json");
  if (!all) return -1;
  char needle[256];
  snprintf(needle, sizeof needle, "\"method\":\"%s\"", method);
  char path_needle[256];
  snprintf(path_needle, sizeof path_needle, "\"raw_path\":\"%s\"", path);
  int n = 0;
  /* Exchanges are objects with sorted keys: each starts with {"aborted": */
  for (char *p = strstr(all, "{\"aborted\":"); p; p = strstr(p + 1, "{\"aborted\":")) {
    char *next = strstr(p + 1, "{\"aborted\":");
    char saved = 0;
    if (next) {
      saved = *next;
      *next = '\0';
    }
    if (strstr(p, needle) && strstr(p, path_needle)) n++;
    if (next) *next = saved;
  }
  free(all);
  return n;
}

/* ---- Fixtures -------------------------------------------------------------------------- */

/* A player logged in as bob on its own device; its token in `token` when given. */
static sl_jellyfin_client *player_client(const char *device_id, char *token, size_t token_size) {
  sl_jellyfin_options o;
  sl_jellyfin_options_init(&o);
  o.base_url = FX.url;
  o.device_name = device_id;
  o.device_id = device_id;
  o.client_name = "sessionlink-c-socket";
  sl_jellyfin_client *c = NULL;
  if (sl_jellyfin_client_new(&o, &c, NULL) != SL_STATUS_OK) return NULL;
  sl_auth_result *auth = NULL;
  if (sl_jellyfin_authenticate_by_name(c, FX.user, FX.user_password, &auth, NULL) != SL_STATUS_OK) {
    sl_jellyfin_client_free(c);
    return NULL;
  }
  if (token) copy(token, token_size, sl_auth_result_access_token(auth));
  sl_auth_result_free(auth);
  return c;
}

/* The session id of a device, as the admin sees it; 0 when found. */
static int session_of_device(const sl_jellyfin_client *admin, const char *device_id, char *out, size_t size) {
  sl_session_list *list = NULL;
  if (sl_jellyfin_get_sessions(admin, NULL, device_id, NULL, &list, NULL) != SL_STATUS_OK) return -1;
  const char *id = sl_session_id(sl_session_list_get(list, 0));
  int found = id != NULL;
  if (found) copy(out, size, id);
  sl_session_list_free(list);
  return found ? 0 : -1;
}

/* Fast reconnects, for the tests that drop the connection. */
static sl_socket_options quick_options(void) {
  sl_socket_options o;
  sl_socket_options_init(&o);
  o.reconnect_initial_ms = 50;
  o.reconnect_max_ms = 400;
  return o;
}

static const char *MEDIA[] = {"Audio", "Video"};
static const char *COMMANDS[] = {"DisplayMessage", "SetVolume", "GoHome", "ToggleMute", "DisplayContent"};

/* A controllable player (bob, on its own device) with its socket open, the admin that
 * controls it, and the player's session id. */
typedef struct fixture {
  socket_log *l;
  sl_jellyfin_client *player, *admin;
  sl_socket *s;
  char sid[64];
} fixture;

/* Opens the player's socket with `l`'s callbacks, the media types, the commands when
 * `with_commands`, and `o` (NULL: the defaults). Returns 0 when it is up. */
static int fixture_open(fixture *f, const char *device, socket_log *l, int with_commands, const sl_socket_options *o) {
  memset(f, 0, sizeof *f);
  f->l = l;
  f->player = player_client(device, NULL, 0);
  f->admin = jellyfin_login(FX.admin_user, FX.admin_password);
  if (!f->player || !f->admin) return -1;
  sl_error *err = NULL;
  sl_status status = sl_jellyfin_become_controllable(f->player, MEDIA, 2, with_commands ? COMMANDS : NULL,
                                                     with_commands ? 5 : 0, o, on_message, on_state, on_end, l, &f->s, &err);
  if (status != SL_STATUS_OK) {
    fprintf(stderr, "become_controllable: %s: %s\n", sl_status_str((int)status), sl_error_message(err));
    sl_error_free(err);
    return -1;
  }
  return session_of_device(f->admin, device, f->sid, sizeof f->sid);
}

/* Frees the socket (its on_end has run when this returns), the clients and the log. */
static void fixture_close(fixture *f) {
  sl_socket_free(f->s);
  sl_jellyfin_client_free(f->admin);
  sl_jellyfin_client_free(f->player);
  log_free(f->l);
}

/* ---- Tests ------------------------------------------------------------------------------ */

static void socket_options_have_defaults_and_are_checked(void) {
  sl_socket_options o;
  sl_socket_options_init(&o);
  CHECK(o.capabilities_json == NULL && !o.subscribe_sessions && o.buffer == 256);
  CHECK(o.reconnect_initial_ms == 1000 && o.reconnect_max_ms == 60000 && o.reconnect_factor == 2.0);
  CHECK(o.sessions_interval_ms == 1000);
  sl_socket_options_init(NULL);

  socket_log *l = log_new();
  sl_jellyfin_client *player = player_client("c-socket-args", NULL, 0);
  CHECK(player);
  sl_socket *s = NULL;
  sl_error *err = NULL;
  int before = emu_request_count();
  CHECK_STATUS(sl_jellyfin_open_socket(NULL, NULL, on_message, on_state, on_end, l, &s, &err), SL_STATUS_NULL_ARGUMENT,
               &err);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_open_socket(player, NULL, NULL, on_state, on_end, l, &s, &err), SL_STATUS_NULL_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "on_message") != NULL);
  sl_error_free(err);
  err = NULL;
  CHECK_STATUS(sl_jellyfin_open_socket(player, NULL, on_message, on_state, on_end, l, NULL, &err), SL_STATUS_NULL_ARGUMENT,
               &err);
  sl_error_free(err);
  err = NULL;
  o.buffer = 0;
  CHECK_STATUS(sl_jellyfin_open_socket(player, &o, on_message, on_state, on_end, l, &s, &err), SL_STATUS_INVALID_ARGUMENT,
               &err);
  sl_error_free(err);
  err = NULL;
  sl_socket_options_init(&o);
  o.reconnect_factor = 0.5;
  CHECK_STATUS(sl_jellyfin_open_socket(player, &o, on_message, on_state, on_end, l, &s, &err), SL_STATUS_INVALID_ARGUMENT,
               &err);
  sl_error_free(err);
  err = NULL;
  sl_socket_options_init(&o);
  o.capabilities_json = "{\"PlayableMediaTypes\":";
  CHECK_STATUS(sl_jellyfin_open_socket(player, &o, on_message, on_state, on_end, l, &s, &err), SL_STATUS_INVALID_ARGUMENT,
               &err);
  sl_error_free(err);
  err = NULL;
  const char *bad[] = {"Hologram"};
  CHECK_STATUS(sl_jellyfin_become_controllable(player, bad, 1, NULL, 0, NULL, on_message, on_state, on_end, l, &s, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  CHECK(strstr(sl_error_message(err), "Audio") != NULL); /* names the allowed values */
  sl_error_free(err);
  err = NULL;
  /* A client without a token cannot open a socket. */
  sl_jellyfin_client *anonymous = jellyfin_client_with(FX.url, NULL);
  CHECK(anonymous);
  CHECK_STATUS(sl_jellyfin_open_socket(anonymous, NULL, on_message, on_state, on_end, l, &s, &err),
               SL_STATUS_INVALID_ARGUMENT, &err);
  sl_error_free(err);
  CHECK(s == NULL);
  CHECK(emu_request_count() == before); /* nothing was sent */
  sleep_ms(100);
  CHECK(l->connected == 0 && l->count == 0 && l->ends == 0); /* no callback ever ran */
  CHECK_STATUS(sl_socket_close(NULL, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  sl_socket_free(NULL);
  sl_jellyfin_client_free(anonymous);
  sl_jellyfin_client_free(player);
  log_free(l);
}

/* Every command kind the HTTP operations send arrives at on_message with its arguments. */
static void socket_receives_every_command_kind(void) {
  const char *device = "c-socket-commands";
  fixture f;
  CHECK(fixture_open(&f, device, log_new(), 1, NULL) == 0);
  socket_log *l = f.l;
  sl_jellyfin_client *admin = f.admin;
  const char *sid = f.sid;
  sl_error *err = NULL;
  CHECK(wait_count(l, &l->connected, 1, WAIT_MS) == 1);
  char *json = session_json_of_device(admin, device);
  CHECK(json && strstr(json, "\"SupportsRemoteControl\":true") && strstr(json, "\"SupportsMediaControl\":true"));
  CHECK(strstr(json, "\"IsActive\":true") && strstr(json, "\"DisplayContent\""));
  sl_string_free(json);

  int from = message_count(l);
  CHECK_OK(sl_jellyfin_send_playstate_command(admin, sid, "Pause", NULL, NULL, &err), &err);
  int i = wait_message(l, "Playstate", from, WAIT_MS);
  CHECK(i >= 0 && strcmp(l->entries[i].playstate, "Pause") == 0 && l->entries[i].seek == -1 && l->entries[i].known);
  CHECK(strlen(l->entries[i].id) > 0 && strstr(l->entries[i].json, "\"MessageType\":\"Playstate\""));
  CHECK(strstr(l->entries[i].data, "\"Command\":\"Pause\"") != NULL);

  int64_t ticks = 1234567890;
  CHECK_OK(sl_jellyfin_send_playstate_command(admin, sid, "Seek", &ticks, NULL, &err), &err);
  i = wait_message(l, "Playstate", i + 1, WAIT_MS);
  CHECK(i >= 0 && strcmp(l->entries[i].playstate, "Seek") == 0 && l->entries[i].seek == 1234567890);

  const char *items[] = {FX.episode_id, FX.movie_id};
  int64_t start = 50000000;
  CHECK_OK(sl_jellyfin_play(admin, sid, "PlayNow", items, 2, &start, NULL, NULL, NULL, NULL, &err), &err);
  i = wait_message(l, "Play", from, WAIT_MS);
  char both[128];
  snprintf(both, sizeof both, "%s,%s", FX.episode_id, FX.movie_id);
  CHECK(i >= 0 && strcmp(l->entries[i].play, "PlayNow") == 0 && strcmp(l->entries[i].items, both) == 0);
  CHECK(l->entries[i].start == 50000000 && l->entries[i].playstate[0] == '\0');

  int g = message_count(l);
  CHECK_OK(sl_jellyfin_send_general_command(admin, sid, "GoHome", &err), &err);
  i = wait_message(l, "GeneralCommand", g, WAIT_MS);
  CHECK(i >= 0 && strcmp(l->entries[i].command, "GoHome") == 0 && l->entries[i].args[0] == '\0');

  CHECK_OK(sl_jellyfin_send_system_command(admin, sid, "ToggleMute", &err), &err);
  i = wait_message(l, "GeneralCommand", i + 1, WAIT_MS);
  CHECK(i >= 0 && strcmp(l->entries[i].command, "ToggleMute") == 0);

  const char *names[] = {"Volume"}, *values[] = {"13"};
  CHECK_OK(sl_jellyfin_send_full_general_command(admin, sid, "SetVolume", names, values, 1, &err), &err);
  i = wait_message(l, "GeneralCommand", i + 1, WAIT_MS);
  CHECK(i >= 0 && strcmp(l->entries[i].command, "SetVolume") == 0 && strcmp(l->entries[i].args, "Volume=13;") == 0);

  int64_t timeout_ms = 4000;
  CHECK_OK(sl_jellyfin_send_message_command(admin, sid, "Hi", "from C", &timeout_ms, &err), &err);
  i = wait_message(l, "GeneralCommand", i + 1, WAIT_MS);
  CHECK(i >= 0 && strcmp(l->entries[i].command, "DisplayMessage") == 0);
  CHECK(strcmp(l->entries[i].args, "Header=Hi;Text=from C;TimeoutMs=4000;") == 0);

  CHECK_OK(sl_jellyfin_display_content(admin, sid, "Movie", FX.movie_id, "The Movie", &err), &err);
  i = wait_message(l, "GeneralCommand", i + 1, WAIT_MS);
  char args[256];
  snprintf(args, sizeof args, "ItemType=Movie;ItemId=%s;ItemName=The Movie;", FX.movie_id);
  CHECK(i >= 0 && strcmp(l->entries[i].command, "DisplayContent") == 0 && strcmp(l->entries[i].args, args) == 0);

  /* Kinds this version does not type are kept, with their data as sent. */
  int u = message_count(l);
  CHECK(emu_okf("socket_send %s LibraryChanged %s", sid, "{\"ItemsAdded\":[\"x\"],\"Future\":1}") == 0);
  i = wait_message(l, "LibraryChanged", u, WAIT_MS);
  CHECK(i >= 0 && !l->entries[i].known && strcmp(l->entries[i].data, "{\"Future\":1,\"ItemsAdded\":[\"x\"]}") == 0);
  CHECK(strstr(l->entries[i].json, "\"MessageType\":\"LibraryChanged\"") != NULL);
  CHECK(l->entries[i].command[0] == '\0' && l->entries[i].sessions == -1);

  CHECK(l->threads_seen == 1 && !l->on_opening_thread);
  sl_socket_free(f.s);
  f.s = NULL;
  CHECK(l->ends == 1 && l->end_status == SL_STATUS_CANCELLED && l->after_end == 0);
  fixture_close(&f);
}

/* The library keeps the connection alive by itself: over more than two periods it sends
 * KeepAlive on its own timer (not only as answers to the server's reminders, which a client
 * without a timer would need), the connection stays up and the session active. */
static void socket_keeps_alive_over_two_periods(void) {
  const char *device = "c-socket-keepalive";
  CHECK(emu_okf("keepalive_seconds %d", 2) == 0);
  fixture f;
  CHECK(fixture_open(&f, device, log_new(), 0, NULL) == 0);
  socket_log *l = f.l;
  int i = wait_message(l, "ForceKeepAlive", 0, WAIT_MS);
  CHECK(i >= 0 && strcmp(l->entries[i].data, "2") == 0);
  /* Two and a half periods at one KeepAlive per half period (the first answers ForceKeepAlive). */
  CHECK(emu_okf("wait_socket_messages %s received KeepAlive %d %d", f.sid, 6, WAIT_MS) == 0);
  int unprompted = emu_unprompted_keepalives(f.sid);
  if (unprompted < 3) {
    char why[64];
    snprintf(why, sizeof why, "%d of %d", unprompted, emu_keepalives(f.sid));
    sl_test_fail(__FILE__, __LINE__, "KeepAlive sent unprompted (at least 3)", why);
  }
  CHECK(l->disconnected == 0 && l->ends == 0);
  char *json = session_json_of_device(f.admin, device);
  CHECK(json && strstr(json, "\"IsActive\":true") != NULL);
  sl_string_free(json);
  /* The server answers each KeepAlive: those reach on_message too. */
  CHECK(wait_message(l, "KeepAlive", 0, WAIT_MS) >= 0);
  emu_okf("keepalive_seconds %d", 60);
  fixture_close(&f);
}

/* After a drop, and after a simulated restart, the socket reconnects by itself, re-posts the
 * capabilities, and commands flow again. */
static void socket_reconnects_after_a_drop_and_a_restart(void) {
  const char *device = "c-socket-reconnect";
  sl_socket_options o = quick_options();
  int posted = emu_count_requests("POST", "/Sessions/Capabilities/Full");
  fixture f;
  CHECK(fixture_open(&f, device, log_new(), 1, &o) == 0);
  CHECK(emu_count_requests("POST", "/Sessions/Capabilities/Full") == posted + 1);
  socket_log *l = f.l;
  sl_jellyfin_client *admin = f.admin;
  char *sid = f.sid;
  sl_error *err = NULL;

  CHECK(emu_ok("drop_sockets") == 0);
  CHECK(wait_count(l, &l->disconnected, 1, WAIT_MS) == 1);
  CHECK(strlen(l->reason) > 0 && l->retry_in_ms <= 400);
  CHECK(wait_count(l, &l->reconnected, 1, WAIT_MS) == 1);
  CHECK(emu_count_requests("POST", "/Sessions/Capabilities/Full") == posted + 2);
  CHECK(session_of_device(admin, device, sid, sizeof f.sid) == 0);
  int from = message_count(l);
  CHECK_OK(sl_jellyfin_send_playstate_command(admin, sid, "Stop", NULL, NULL, &err), &err);
  int i = wait_message(l, "Playstate", from, WAIT_MS);
  CHECK(i >= 0 && strcmp(l->entries[i].playstate, "Stop") == 0);

  /* A restart: ServerRestarting, the connection drops, upgrades get 503 for a while. */
  from = message_count(l);
  CHECK(emu_okf("restart %d", 600) == 0);
  CHECK(wait_message(l, "ServerRestarting", from, WAIT_MS) >= 0);
  CHECK(wait_count(l, &l->reconnected, 2, 15000) == 2);
  CHECK(l->disconnected >= 2);
  CHECK(emu_count_requests("POST", "/Sessions/Capabilities/Full") >= posted + 3);
  char *json = session_json_of_device(admin, device);
  CHECK(json && strstr(json, "\"SupportsRemoteControl\":true") && strstr(json, "\"SetVolume\""));
  sl_string_free(json);
  CHECK(session_of_device(admin, device, sid, sizeof f.sid) == 0);
  from = message_count(l);
  CHECK_OK(sl_jellyfin_send_general_command(admin, sid, "GoHome", &err), &err);
  CHECK(wait_message(l, "GeneralCommand", from, WAIT_MS) >= 0);
  CHECK(l->ends == 0 && l->threads_seen == 1);
  CHECK_OK(sl_socket_close(f.s, &err), &err);
  CHECK(wait_count(l, &l->ends, 1, WAIT_MS) == 1 && l->end_status == SL_STATUS_OK);
  sl_socket_free(f.s);
  f.s = NULL;
  CHECK(l->ends == 1 && l->after_end == 0);
  fixture_close(&f);
}

/* A revoked token ends the socket with UNAUTHORIZED instead of retrying forever. */
static void socket_with_a_revoked_token_ends_unauthorized(void) {
  const char *device = "c-socket-revoked";
  socket_log *l = log_new();
  char token[128];
  sl_jellyfin_client *player = player_client(device, token, sizeof token);
  CHECK(player);
  sl_socket_options o = quick_options();
  sl_socket *s = NULL;
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_open_socket(player, &o, on_message, on_state, on_end, l, &s, &err), &err);
  CHECK(emu_okf("revoke %s", token) == 0);
  CHECK(emu_ok("drop_sockets") == 0);
  int ended = wait_count(l, &l->ends, 1, WAIT_MS);
  /* Ended: subscribing fails, closing does nothing. */
  sl_status subscribe = sl_socket_subscribe_sessions(s, 0, 1000, NULL);
  sl_status close = sl_socket_close(s, NULL);
  sl_socket_free(s);
  sleep_ms(200);
  /* Checked after the clean-up, so that a failure here does not leave the socket open. */
  socket_log seen = *l;
  seen.entries = NULL;
  log_free(l);
  sl_jellyfin_client_free(player);
  CHECK(ended == 1 && seen.ends == 1 && seen.after_end == 0);
  if (seen.end_status != SL_STATUS_UNAUTHORIZED) {
    sl_test_fail(__FILE__, __LINE__, "on_end status", sl_status_str((int)seen.end_status));
    return;
  }
  CHECK(strlen(seen.end_message) > 0 && strstr(seen.end_message, token) == NULL);
  CHECK(seen.reconnected == 0 && seen.disconnected == 1);
  CHECK(subscribe == SL_STATUS_INVALID_ARGUMENT && close == SL_STATUS_OK);
}

/* on_end runs exactly once however the socket ends: close (OK), close twice, free without
 * close (CANCELLED, before free returns), free from inside its own callback. */
static void socket_close_and_free_end_it_once(void) {
  sl_jellyfin_client *player = player_client("c-socket-close", NULL, 0);
  CHECK(player);
  sl_error *err = NULL;
  socket_log *a = log_new(), *b = log_new(), *c = log_new();

  sl_socket *s = NULL;
  CHECK_OK(sl_jellyfin_open_socket(player, NULL, on_message, on_state, on_end, a, &s, &err), &err);
  CHECK(wait_count(a, &a->connected, 1, WAIT_MS) == 1);
  CHECK_OK(sl_socket_close(s, &err), &err);
  CHECK_OK(sl_socket_close(s, &err), &err);
  CHECK(wait_count(a, &a->ends, 1, WAIT_MS) == 1);
  CHECK(a->end_status == SL_STATUS_OK && strlen(a->end_message) == 0);
  sl_socket_free(s);
  sleep_ms(100);
  CHECK(a->ends == 1 && a->after_end == 0 && !a->on_opening_thread);

  /* Freed while open: on_end has run when free returns, with CANCELLED. */
  CHECK_OK(sl_jellyfin_open_socket(player, NULL, on_message, on_state, on_end, b, &s, &err), &err);
  sl_socket_free(s);
  CHECK(b->ends == 1 && b->end_status == SL_STATUS_CANCELLED && strstr(b->end_message, "sl_socket_free") != NULL);

  /* Freed from inside its own on_message: on_end follows that callback. (Another device:
   * the session of the first one ends with its last socket.) */
  sl_socket *self = NULL;
  c->free_inside = &self;
  sl_jellyfin_client *admin = jellyfin_login(FX.admin_user, FX.admin_password);
  sl_jellyfin_client *other = player_client("c-socket-close-inside", NULL, 0);
  CHECK(admin && other);
  CHECK_OK(sl_jellyfin_become_controllable(other, MEDIA, 1, NULL, 0, NULL, on_message, on_state, on_end, c, &self, &err),
           &err);
  char sid[64];
  CHECK(session_of_device(admin, "c-socket-close-inside", sid, sizeof sid) == 0);
  CHECK_OK(sl_jellyfin_send_playstate_command(admin, sid, "Pause", NULL, NULL, &err), &err); /* any message */
  CHECK(wait_count(c, &c->ends, 1, WAIT_MS) == 1 && c->end_status == SL_STATUS_CANCELLED);
  sleep_ms(100);
  CHECK(c->ends == 1 && c->after_end == 0 && self == NULL);
  sl_jellyfin_client_free(other);
  sl_jellyfin_client_free(admin);
  sl_jellyfin_client_free(player);
  log_free(a);
  log_free(b);
  log_free(c);
}

/* A callback that blocks loses nothing: with a buffer of 2 and 40 ms per message, 25 seeks
 * sent back to back all arrive, in order. A blocking call from the callback is allowed. */
static void socket_slow_consumer_loses_no_command(void) {
  const char *device = "c-socket-slow";
  socket_log *l = log_new();
  l->sleep_ms = 40;
  sl_socket_options o;
  sl_socket_options_init(&o);
  o.buffer = 2;
  fixture f;
  CHECK(fixture_open(&f, device, l, 0, &o) == 0);
  l->reporter = f.player; /* before any Playstate: the commands are sent below */
  sl_jellyfin_client *admin = f.admin;
  const char *sid = f.sid;
  sl_error *err = NULL;
  enum { N = 25 };
  for (int64_t k = 1; k <= N; k++) CHECK_OK(sl_jellyfin_send_playstate_command(admin, sid, "Seek", &k, NULL, &err), &err);
  int seen = 0, from = 0;
  for (int64_t k = 1; k <= N; k++) {
    int i = wait_message(l, "Playstate", from, WAIT_MS);
    if (i < 0) break;
    if (l->entries[i].seek != k) break;
    seen++;
    from = i + 1;
  }
  CHECK(seen == N);
  /* The blocking report made from on_message went through (not WOULD_DEADLOCK). */
  CHECK(l->reported == SL_STATUS_OK);
  char *json = session_json_of_device(admin, device);
  CHECK(json && strstr(json, "\"NowPlayingItem\"") && strstr(json, "\"IsPaused\":true"));
  sl_string_free(json);
  fixture_close(&f);
}

/* The first Sessions message at or after `from` whose device ids include `device`; -1. */
static int wait_sessions_with(socket_log *l, int from, const char *device, long ms) {
  for (;;) {
    int j = wait_message(l, "Sessions", from, ms);
    if (j < 0 || strstr(l->entries[j].devices, device)) return j;
    from = j + 1;
  }
}

/* Waits until the emulator has received `n` `kind` messages on session `sid`'s socket: a
 * subscription only sees events after the server has it. */
static int wait_received(const char *sid, const char *kind, int n) {
  return emu_okf("wait_socket_messages %s received %s %d %d", sid, kind, n, WAIT_MS);
}

/* A watcher: after subscribing, a session event pushes the list (as the server does, only
 * on events), as owned session lists; unsubscribe stops the pushes; subscribe again. */
static void socket_watches_sessions_live(void) {
  socket_log *l = log_new();
  sl_jellyfin_client *admin = jellyfin_login(FX.admin_user, FX.admin_password);
  CHECK(admin);
  sl_socket_options o;
  sl_socket_options_init(&o);
  o.subscribe_sessions = true;
  o.sessions_interval_ms = 100;
  sl_socket *s = NULL;
  sl_error *err = NULL;
  CHECK_OK(sl_jellyfin_open_socket(admin, &o, on_message, on_state, on_end, l, &s, &err), &err);
  CHECK(wait_count(l, &l->connected, 1, WAIT_MS) == 1);
  sl_session_list *own = NULL;
  CHECK_OK(sl_jellyfin_current_session(admin, &own, &err), &err);
  char sid[64];
  copy(sid, sizeof sid, sl_session_id(sl_session_list_get(own, 0)));
  sl_session_list_free(own);
  CHECK(wait_received(sid, "SessionsStart", 1) == 0);
  /* A new session is an event: the list that follows has it, and the seeded ones. */
  sl_jellyfin_client *first = jellyfin_login_device(FX.user, FX.user_password, "c-socket-newcomer");
  CHECK(first);
  int i = wait_sessions_with(l, 0, "c-socket-newcomer", WAIT_MS);
  if (i >= 0 && !strstr(l->entries[i].devices, "living-room-tv"))
    sl_test_fail(__FILE__, __LINE__, "the seeded sessions are listed", l->entries[i].devices);
  CHECK(i >= 0 && l->entries[i].sessions >= 3 && strstr(l->entries[i].devices, "living-room-tv") != NULL);
  CHECK(l->entries[i].known && l->entries[i].json[0] == '{');

  CHECK_OK(sl_socket_unsubscribe_sessions(s, &err), &err);
  CHECK(wait_received(sid, "SessionsStop", 1) == 0);
  int after = message_count(l);
  sl_jellyfin_client *second = jellyfin_login_device(FX.user, FX.user_password, "c-socket-second");
  CHECK(second);
  /* Nothing pushed for it: up to a marker the server sends after the login, no list. */
  CHECK(emu_okf("socket_send %s Marker", sid) == 0);
  int marker = wait_message(l, "Marker", after, WAIT_MS);
  CHECK(marker >= 0);
  int listed = wait_message(l, "Sessions", after, 0);
  CHECK(listed < 0 || listed > marker);

  CHECK_OK(sl_socket_subscribe_sessions(s, 0, 100, &err), &err);
  CHECK(wait_received(sid, "SessionsStart", 2) == 0);
  sl_jellyfin_client *third = jellyfin_login_device(FX.user, FX.user_password, "c-socket-third");
  CHECK(third);
  CHECK(wait_sessions_with(l, after, "c-socket-third", WAIT_MS) >= 0);

  /* NULL messages: neutral accessors. */
  sl_session_list *list = NULL;
  CHECK_STATUS(sl_socket_message_sessions(NULL, &list, &err), SL_STATUS_NULL_ARGUMENT, &err);
  sl_error_free(err);
  CHECK(sl_socket_message_type(NULL) == NULL && sl_socket_message_item_ids_len(NULL) == 0);
  CHECK(sl_socket_message_argument(NULL, "Text") == NULL && !sl_socket_message_is_known(NULL));
  sl_socket_free(s);
  CHECK(l->ends == 1 && l->end_status == SL_STATUS_CANCELLED);
  sl_jellyfin_client_free(first);
  sl_jellyfin_client_free(second);
  sl_jellyfin_client_free(third);
  sl_jellyfin_client_free(admin);
  log_free(l);
}

const test_case socket_tests[] = {
    {"socket_options_have_defaults_and_are_checked", socket_options_have_defaults_and_are_checked},
    {"socket_receives_every_command_kind", socket_receives_every_command_kind},
    {"socket_keeps_alive_over_two_periods", socket_keeps_alive_over_two_periods},
    {"socket_reconnects_after_a_drop_and_a_restart", socket_reconnects_after_a_drop_and_a_restart},
    {"socket_with_a_revoked_token_ends_unauthorized", socket_with_a_revoked_token_ends_unauthorized},
    {"socket_close_and_free_end_it_once", socket_close_and_free_end_it_once},
    {"socket_slow_consumer_loses_no_command", socket_slow_consumer_loses_no_command},
    {"socket_watches_sessions_live", socket_watches_sessions_live},
    {NULL, NULL},
};
