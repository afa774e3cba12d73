/*
 * sessionlink: C API for the Jellyfin Session API and the G4 Sessions API.
 *
 * Each type's comment lists its functions; the functions follow in that order, type by type
 * (create, operations, accessors, free). Functions not tied to a type:
 *
 * - `sl_version`: the library version, equal to `SESSIONLINK_VERSION`.
 * - `sl_string_free`: frees a string returned through a `char **` out parameter.
 *
 * Conventions (every function follows them; its own comment says what is specific):
 *
 * - Every fallible function returns `sl_status` (`SL_STATUS_OK` == 0) and takes an optional
 *   `sl_error **err` last: on failure, when `err` is not NULL, `*err` receives an error the
 *   caller frees with `sl_error_free`. Out parameters are written only on success.
 * - Handles are opaque; each owned one has a `_free` function, and `_free(NULL)` is a no-op.
 * - "Ownership: borrows all arguments" means they are only read during the call (strings
 *   are copied). Strings passed in must be UTF-8; invalid UTF-8 is `SL_STATUS_INVALID_UTF8`.
 *   Strings returned as `const char *` are borrowed from the object they came from; strings
 *   returned through `char **` are owned by the caller and freed with `sl_string_free`.
 * - Initialise option structs with `sl_*_options_init()` before setting fields.
 * - Enum parameters are the contract's wire names as strings ("Pause", "PlayNow", "Movie");
 *   an unknown name is `SL_STATUS_INVALID_ARGUMENT` with the allowed names in the message.
 * - Optional strings may be NULL; optional numbers and flags are passed by pointer, NULL
 *   meaning "leave it out of the request". A NULL where a function's comment allows none is
 *   `SL_STATUS_NULL_ARGUMENT`; accessors given a NULL object return a neutral value (NULL,
 *   0, false).
 * - JSON arguments are UTF-8 JSON text with the wire's field names; malformed JSON is
 *   `SL_STATUS_INVALID_ARGUMENT`.
 * - Clients are thread-safe: one client may serve many threads and async operations at once.
 *
 * Blocking and async: every operation `sl_X` (for example `sl_jellyfin_get_sessions`) blocks
 * the calling thread until the response is in, and has a twin `sl_X_async` taking the same
 * arguments, without the result out parameter, followed by
 * `(callback, void *user_data, sl_op **op_out, sl_error **err)`:
 *
 * - Argument errors are its return value, and the callback then never runs. They are found
 *   before anything is sent, in both forms.
 * - Otherwise it returns `SL_STATUS_OK` and the callback runs exactly once, on a library
 *   thread and never inside the call: with the result (a new object the callback owns, or
 *   none for `sl_done_callback`) and `SL_STATUS_OK`, or with the failure's status and an
 *   `sl_error` borrowed for the duration of the callback. It also runs when the client is
 *   freed while the request is in flight.
 * - `user_data` is passed back untouched; making it safe to use from another thread is the
 *   caller's part.
 * - When `op_out` is not NULL, `*op_out` receives a handle the caller frees with
 *   `sl_op_free`; `sl_op_cancel` drops the request, and the callback then runs with
 *   `SL_STATUS_CANCELLED`.
 * - Callbacks must return normally (no C++ exception, no `longjmp`) and must not block on
 *   sessionlink: a blocking call made on a library thread returns
 *   `SL_STATUS_WOULD_DEADLOCK`. Make further calls there with the `_async` forms.
 *
 * Session sockets (`sl_socket`, opened by `sl_jellyfin_open_socket` or
 * `sl_jellyfin_become_controllable`):
 *
 * - Each socket has a thread of its own on which all its callbacks run, one at a time, in the
 *   order the events happened: `on_state` (connected, disconnected with the reason and the
 *   reconnect delay, reconnected), `on_message` (every message, in the order received), and
 *   last `on_end`, exactly once. None of them runs inside the call that opened the socket.
 * - It is not a runtime thread: blocking sessionlink calls are allowed in these callbacks
 *   (reporting playback from `on_message`, say); they delay the next event. A callback that
 *   blocks never makes the socket lose a message: past the socket's buffer it stops reading
 *   the connection until the callback returns (the server then waits).
 * - The `sl_socket_message` given to `on_message`, and the reason given to `on_state`, are
 *   borrowed for the duration of that callback only.
 * - `user_data` is passed to every callback until `on_end` has returned.
 * - `sl_socket_close`, `_subscribe_sessions` and `_unsubscribe_sessions` may be called from
 *   any thread, inside the callbacks too. `sl_socket_free` waits until `on_end` has returned
 *   (no callback runs after it), except inside the socket's own callbacks, where it cannot
 *   wait and `on_end` runs as soon as the current callback returns.
 * - The socket reconnects by itself after drops and server restarts (with backoff and
 *   jitter), re-posting its capabilities; only a refused reconnect (a revoked token) or a
 *   close ends it.
 *
 * Logging: `sl_set_log_callback` sends the library's log records (level, target, message,
 * never a credential) to a callback of yours, on the threads that log them.
 */

#ifndef SESSIONLINK_H
#define SESSIONLINK_H

/* Generated by cbindgen from bindings-c/src (bindings-c/gen-header.sh). Do not edit. */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#define SESSIONLINK_VERSION_MAJOR 0
#define SESSIONLINK_VERSION_MINOR 1
#define SESSIONLINK_VERSION_PATCH 0
#define SESSIONLINK_VERSION "0.1.0"


/**
 * The outcome of a call. `SL_STATUS_OK` is 0; every other value is a failure whose details
 * are in the `sl_error` the call wrote (when the caller asked for one).
 *
 * Functions:
 * - `sl_status_str`: the name of a status.
 */
typedef enum sl_status {
  SL_STATUS_OK = 0,
  /**
   * A required pointer argument was NULL.
   */
  SL_STATUS_NULL_ARGUMENT = 1,
  /**
   * A string argument was not valid UTF-8.
   */
  SL_STATUS_INVALID_UTF8 = 2,
  /**
   * An argument was rejected before any I/O (empty id, unknown enum name, bad JSON...).
   */
  SL_STATUS_INVALID_ARGUMENT = 3,
  /**
   * No connection could be made, or it closed before the request was sent (refused, DNS,
   * TLS handshake). Nothing reached the server: retrying is always safe.
   */
  SL_STATUS_CONNECT = 4,
  /**
   * The connect or request timeout elapsed (`sl_error_request_sent` tells whether the
   * request may have been applied).
   */
  SL_STATUS_TIMEOUT = 5,
  /**
   * HTTP 401: credentials missing, refused or revoked (also G4's invalid login).
   */
  SL_STATUS_UNAUTHORIZED = 6,
  /**
   * HTTP 403 (also G4's login without access to the tenant).
   */
  SL_STATUS_FORBIDDEN = 7,
  /**
   * HTTP 404, or G4's 204 "no such session".
   */
  SL_STATUS_NOT_FOUND = 8,
  /**
   * HTTP 400; `sl_error_problem_json` has the ProblemDetails when the server sent them.
   */
  SL_STATUS_BAD_REQUEST = 9,
  /**
   * HTTP 5xx.
   */
  SL_STATUS_SERVER = 10,
  /**
   * Any other unexpected HTTP status.
   */
  SL_STATUS_HTTP = 11,
  /**
   * The response body was not the contract's shape.
   */
  SL_STATUS_DECODE = 12,
  /**
   * The operation was cancelled (`sl_op_cancel`).
   */
  SL_STATUS_CANCELLED = 13,
  /**
   * A blocking call was made on a library thread (inside a callback), where it would
   * deadlock; use the `_async` variant there.
   */
  SL_STATUS_WOULD_DEADLOCK = 14,
  /**
   * A client created before `fork()` was used in the child process.
   */
  SL_STATUS_FORKED = 15,
  /**
   * A bug in sessionlink.
   */
  SL_STATUS_INTERNAL = 16,
  /**
   * A panic inside sessionlink was caught at the C boundary (a bug in sessionlink).
   */
  SL_STATUS_PANIC = 17,
  /**
   * The connection failed after the request was sent and before a complete, valid
   * response arrived (reset, closed, truncated or malformed). The server **may have
   * applied** the request: retry only what is safe to apply twice.
   */
  SL_STATUS_CONNECTION_LOST = 18,
  /**
   * The response body was larger than the transport's `max_response_bytes`; the rest of
   * it was not read. The request was applied.
   */
  SL_STATUS_RESPONSE_TOO_LARGE = 19,
  /**
   * The proxy could not be reached, or refused to carry the request (`http_status` 407:
   * its credentials are missing or wrong; 403: it does not allow the destination).
   * Nothing reached the server.
   */
  SL_STATUS_PROXY = 20,
} sl_status;

/**
 * The level of a log record, and the most detailed level `sl_set_log_callback` delivers.
 * The numbers are stable.
 *
 * Functions:
 * - `sl_set_log_callback`: sends the library's log records to a callback, or stops.
 */
typedef enum sl_log_level {
  /**
   * No records (as a `max_level`).
   */
  SL_LOG_OFF = 0,
  SL_LOG_ERROR = 1,
  SL_LOG_WARN = 2,
  SL_LOG_INFO = 3,
  /**
   * Each request's route, status and time; retries; socket drops.
   */
  SL_LOG_DEBUG = 4,
  SL_LOG_TRACE = 5,
} sl_log_level;

/**
 * The connection events of a socket, given to its `sl_socket_state_callback`.
 */
typedef enum sl_socket_state {
  /**
   * The first connection is up (capabilities posted, subscription sent).
   */
  SL_SOCKET_CONNECTED = 0,
  /**
   * The socket is up again after a drop: capabilities re-posted, subscription renewed.
   */
  SL_SOCKET_RECONNECTED = 1,
  /**
   * The connection dropped; the socket reconnects after the given delay.
   */
  SL_SOCKET_DISCONNECTED = 2,
} sl_socket_state;

/**
 * Whether discovery also broadcasts (to `255.255.255.255` on the options' port).
 */
typedef enum sl_discovery_broadcast {
  /**
   * Broadcast only when no target is given (the default).
   */
  SL_DISCOVERY_BROADCAST_AUTO = 0,
  /**
   * Never broadcast: ask the targets only.
   */
  SL_DISCOVERY_BROADCAST_NEVER = 1,
  /**
   * Broadcast and ask the targets.
   */
  SL_DISCOVERY_BROADCAST_ALSO = 2,
} sl_discovery_broadcast;

/**
 * The result of `sl_jellyfin_authenticate_by_name`.
 *
 * Functions:
 * - `sl_auth_result_access_token`, `sl_auth_result_user_id`, `sl_auth_result_user_name`,
 *   `sl_auth_result_server_id`: string fields.
 * - `sl_auth_result_is_administrator`: the user's administrator flag.
 * - `sl_auth_result_session`: the session the login created.
 * - `sl_auth_result_json`: the whole result as the server's JSON.
 * - `sl_auth_result_free`.
 */
typedef struct sl_auth_result sl_auth_result;

/**
 * The servers that answered discovery, in the order they first answered.
 *
 * Functions:
 * - `sl_discovery_options_init`: fills the options with the defaults.
 * - `sl_discover_servers`: asks and waits for the replies.
 * - `sl_discovered_servers_len`: the number of servers.
 * - `sl_discovered_servers_address`, `sl_discovered_servers_id`,
 *   `sl_discovered_servers_name`, `sl_discovered_servers_endpoint_address`,
 *   `sl_discovered_servers_responder`: the fields of a server.
 * - `sl_discovered_servers_json`: a server's reply as it sent it.
 * - `sl_discovered_servers_free`.
 */
typedef struct sl_discovered_servers sl_discovered_servers;

/**
 * The details of a failed call. Nothing in it (message, body, location) contains the
 * client's own credentials (tokens, passwords, API keys, G4 bearers and session ids): server
 * text that echoes them has them replaced by `***`.
 *
 * Functions:
 * - `sl_error_status`: the status of the failure.
 * - `sl_error_message`: the human-readable message, with the cause and the server's reason.
 * - `sl_error_request_sent`: whether the request may have reached the server.
 * - `sl_error_http_status`: the HTTP status of the response, 0 without one.
 * - `sl_error_retry_after_ms`: the server's `Retry-After`, -1 without one.
 * - `sl_error_location`: where a 3xx pointed (`Location`, without credentials).
 * - `sl_error_body_json`: the error response's body, when it was JSON.
 * - `sl_error_problem_json`: the server's RFC 7807 ProblemDetails, when it sent them.
 * - `sl_error_free`.
 */
typedef struct sl_error sl_error;

/**
 * A client for the G4 Sessions API, for one tenant. Thread-safe: one client may be used from
 * many threads and by many calls at once; they share its connections and bearer token.
 *
 * Functions (each operation also has an `_async` form):
 * - `sl_g4_options_init`: fills `options` with the defaults: every string NULL, timeouts 10 s / 30 s.
 * - `sl_g4_client_new`: creates a client.
 * - `sl_g4_create_session`: `POST /session`: logs in and creates a session.
 * - `sl_g4_get_session`: `GET /session/{id}`: reads a session and restarts its time-to-live.
 * - `sl_g4_get_static_session`: `GET /static-session/{id}`: reads a session without touching its time-to-live.
 * - `sl_g4_update_session`: `PUT /session/{id}`: replaces the session's data document.
 * - `sl_g4_delete_session`: `DELETE /session/{id}`: ends the session.
 * - `sl_g4_client_set_bearer`: replaces the client's credentials with a bearer token (a session id); NULL forgets them.
 * - `sl_g4_client_free`: frees a client.
 */
typedef struct sl_g4_client sl_g4_client;

/**
 * The result of `sl_g4_create_session`.
 *
 * Functions:
 * - `sl_g4_login_session_id`, `sl_g4_login_bearer`, `sl_g4_login_username`,
 *   `sl_g4_login_fullname`, `sl_g4_login_email`: string fields.
 * - `sl_g4_login_user_id`: the user id.
 * - `sl_g4_login_valid_credentials`, `sl_g4_login_access_allowed`: the login's flags.
 * - `sl_g4_login_json`: the whole response as the service's JSON.
 * - `sl_g4_login_free`.
 */
typedef struct sl_g4_login sl_g4_login;

/**
 * The result of `sl_g4_get_session` and `sl_g4_get_static_session`.
 *
 * Functions:
 * - `sl_g4_session_bearer`: the session's bearer token.
 * - `sl_g4_session_user_id`: the session's user id.
 * - `sl_g4_session_data_json`: the session's data document as JSON.
 * - `sl_g4_session_json`: the whole response as the service's JSON.
 * - `sl_g4_session_free`.
 */
typedef struct sl_g4_session sl_g4_session;

/**
 * A client for the Jellyfin Session API. Thread-safe: one client may be used from many
 * threads and by many calls at once; they share its connections and login state.
 *
 * Functions (each operation also has an `_async` form):
 * - `sl_jellyfin_options_init`: fills `options` with the defaults: every string NULL, timeouts 10 s / 30 s.
 * - `sl_jellyfin_client_new`: creates a client.
 * - `sl_jellyfin_get_sessions`: `GET /Sessions`: the sessions the caller may see.
 * - `sl_jellyfin_current_session`: the caller's own session: `GET /Sessions` for this client's device id, then the session the server keys on this client's name and device id (so not another application's session on the same device).
 * - `sl_jellyfin_find_session`: `GET /Sessions`, then the one session that `target` names: its id, or else its device name ignoring case, for tools that let a user say "the living room TV" rather than a session id.
 * - `sl_jellyfin_report_session_ended`: `POST /Sessions/Logout`: ends the caller's session and **revokes its token** on the server; the client forgets the token too.
 * - `sl_jellyfin_authenticate_by_name`: `POST /Users/AuthenticateByName`: logs in and keeps the returned access token and user id on the client.
 * - `sl_jellyfin_play`: `POST /Sessions/{sessionId}/Playing`: tells a session to play items.
 * - `sl_jellyfin_send_playstate_command`: `POST /Sessions/{sessionId}/Playing/{command}`: pause, seek, stop...
 * - `sl_jellyfin_send_general_command`: `POST /Sessions/{sessionId}/Command/{command}`: a command without arguments.
 * - `sl_jellyfin_send_system_command`: `POST /Sessions/{sessionId}/System/{command}`: the server treats it exactly as `send_general_command` (a command without arguments).
 * - `sl_jellyfin_send_full_general_command`: `POST /Sessions/{sessionId}/Command`: a command with string arguments (for example `SetVolume` with `Volume`).
 * - `sl_jellyfin_send_message_command`: `POST /Sessions/{sessionId}/Message`: shows a message on the session.
 * - `sl_jellyfin_display_content`: `POST /Sessions/{sessionId}/Viewing`: tells the session's UI to browse to an item.
 * - `sl_jellyfin_post_capabilities`: `POST /Sessions/Capabilities`: replaces (does not merge) the session's capabilities.
 * - `sl_jellyfin_post_full_capabilities`: `POST /Sessions/Capabilities/Full`: replaces the capabilities with a full body.
 * - `sl_jellyfin_report_viewing`: `POST /Sessions/Viewing`: reports that a session is viewing an item.
 * - `sl_jellyfin_report_playback_start`: `POST /Sessions/Playing`: the caller's session started playing `info.item_id` (a GUID, required), for example `{"ItemId": "...", "PositionTicks": 0, "CanSeek": true}`.
 * - `sl_jellyfin_report_playback_progress`: `POST /Sessions/Playing/Progress`: position, pause, volume...
 * - `sl_jellyfin_report_playback_stopped`: `POST /Sessions/Playing/Stopped`: playback of `info.item_id` ended.
 * - `sl_jellyfin_ping_playback_session`: `POST /Sessions/Playing/Ping`: keeps a transcoding play session alive.
 * - `sl_jellyfin_add_user_to_session`: `POST /Sessions/{sessionId}/User/{userId}`: adds a user to a session.
 * - `sl_jellyfin_remove_user_from_session`: `DELETE /Sessions/{sessionId}/User/{userId}`: removes an additional user.
 * - `sl_jellyfin_get_auth_providers`: `GET /Auth/Providers` (administrators only): ids are .NET type names, not GUIDs.
 * - `sl_jellyfin_get_password_reset_providers`: `GET /Auth/PasswordResetProviders` (administrators only).
 * - `sl_jellyfin_get_current_user`: `GET /Users/Me`: the user this client's token belongs to.
 * - `sl_jellyfin_ping_system`: `GET /System/Ping`: whether a server answers at the base URL, and its product name (`"Jellyfin Server"`).
 * - `sl_jellyfin_get_public_system_info`: `GET /System/Info/Public`: the server's name, version and id, which a client checks before it logs in.
 * - `sl_jellyfin_get_system_info`: `GET /System/Info`: the public facts and the server's state (a pending restart, shutting down).
 * - `sl_jellyfin_get_quick_connect_enabled`: `GET /QuickConnect/Enabled`: whether the server's administrator turned Quick Connect on.
 * - `sl_jellyfin_initiate_quick_connect`: `POST /QuickConnect/Initiate`: starts a Quick Connect request for this client's device and returns its code (to show) and secret (to keep).
 * - `sl_jellyfin_get_quick_connect_state`: `GET /QuickConnect/Connect`: the state of the request with this secret; its `authenticated` turns true once a user approved the code.
 * - `sl_jellyfin_authorize_quick_connect`: `POST /QuickConnect/Authorize`: approves the pending request with this code, logging its device in as the caller, or as `user_id` (administrators only for another user).
 * - `sl_jellyfin_authenticate_with_quick_connect`: `POST /Users/AuthenticateWithQuickConnect`: exchanges the secret of an approved request for the access token, and keeps the token and user id on the client (as `authenticate_by_name` does).
 * - `sl_jellyfin_client_set_token`: replaces the client's access token or API key; NULL forgets it.
 * - `sl_jellyfin_client_has_token`: whether the client holds an access token or API key.
 * - `sl_jellyfin_client_user_id`: the user id learnt from the last successful `sl_jellyfin_authenticate_by_name`; `*user_id_out` is NULL when the client has not logged in.
 * - `sl_jellyfin_client_device_id`: the device id the client sends (`DeviceId=`: the given one, or the default made from the host name).
 * - `sl_jellyfin_client_device_name`: the device name the client sends (`Device=`), as other clients show it.
 * - `sl_jellyfin_client_name`: the application name the client sends (`Client=`).
 * - `sl_jellyfin_client_free`: frees a client.
 * - `sl_jellyfin_quick_connect`: logs in with Quick Connect in one call: `POST /QuickConnect/Initiate`, then `on_code` with the code to show, then `GET /QuickConnect/Connect` every `poll_interval_ms` (0: every 5 s) until a signed-in user approved the code, then `POST /Users/AuthenticateWithQuickConnect`; the client keeps the token and user id.
 * - `sl_jellyfin_quick_connect_async`: async `sl_jellyfin_quick_connect`: returns at once; `on_code` and then `callback` run on library threads, both with `user_data`.
 * - `sl_jellyfin_open_socket`: opens the session's WebSocket (`ws(s)://<base URL>/socket`, authenticated as the HTTP calls are; the client needs a token) and posts `options->capabilities_json` if set.
 * - `sl_jellyfin_become_controllable`: makes the client a remote-controllable session in one call: opens its socket as `sl_jellyfin_open_socket` does, posting capabilities with `SupportsMediaControl` true and the given playable media types (`MediaType` names) and supported commands (`GeneralCommandType` names) after every (re)connect.
 */
typedef struct sl_jellyfin_client sl_jellyfin_client;

/**
 * A list of name/id pairs (authentication providers).
 *
 * Functions:
 * - `sl_name_id_list_len`: the number of pairs.
 * - `sl_name_id_list_name`, `sl_name_id_list_id`: the name and id of a pair.
 * - `sl_name_id_list_json`: the whole list as the server's JSON.
 * - `sl_name_id_list_free`.
 */
typedef struct sl_name_id_list sl_name_id_list;

/**
 * An async operation in flight. Thread-safe. Freeing it does not cancel the operation.
 *
 * Functions:
 * - `sl_op_cancel`: cancels the operation; its callback gets `SL_STATUS_CANCELLED`.
 * - `sl_op_free`.
 */
typedef struct sl_op sl_op;

/**
 * What a server tells anyone before logging in: its name, version and id. Clients check
 * it before they show a login (it is the server's identity, and the version says which
 * API it speaks).
 *
 * Functions:
 * - `sl_public_system_info_local_address`: The address the server believes it is reachable at on the local network. (`LocalAddress`)
 * - `sl_public_system_info_server_name`: `ServerName`.
 * - `sl_public_system_info_version`: The server's version (`10.11.11`). (`Version`)
 * - `sl_public_system_info_product_name`: `Jellyfin Server` for Jellyfin. (`ProductName`)
 * - `sl_public_system_info_operating_system`: Deprecated by the server; usually empty. (`OperatingSystem`)
 * - `sl_public_system_info_id`: The server's id, stable across restarts (32 hex digits). (`Id`)
 * - `sl_public_system_info_startup_wizard_completed`: Whether the server has been set up (a new server answers `false` until then). (`StartupWizardCompleted`)
 * - `sl_public_system_info_json`: the whole result as JSON, with nothing left out.
 * - `sl_public_system_info_free`.
 */
typedef struct sl_public_system_info sl_public_system_info;

/**
 * A Quick Connect request, as `InitiateQuickConnect` creates it and
 * `GetQuickConnectState` reports it. The device shows `code`; it keeps `secret`, which
 * turns into an access token once a user approved the code. `Debug` never shows the
 * secret. A request lasts 10 minutes on the server (11 once approved).
 *
 * Functions:
 * - `sl_quick_connect_result_authenticated`: Whether a user approved the code. (`Authenticated`)
 * - `sl_quick_connect_result_secret`: What the device exchanges for a token (64 hex digits on Jellyfin): a credential. (`Secret`)
 * - `sl_quick_connect_result_code`: The six digits a user types on another device to approve this one. (`Code`)
 * - `sl_quick_connect_result_device_id`: `DeviceId`.
 * - `sl_quick_connect_result_device_name`: `DeviceName`.
 * - `sl_quick_connect_result_app_name`: `AppName`.
 * - `sl_quick_connect_result_app_version`: `AppVersion`.
 * - `sl_quick_connect_result_date_added`: When the request was made (pushed one minute ahead when it is approved). (`DateAdded`)
 * - `sl_quick_connect_result_json`: the whole result as JSON, with nothing left out.
 * - `sl_quick_connect_result_free`.
 */
typedef struct sl_quick_connect_result sl_quick_connect_result;

/**
 * One session (`SessionInfoDto`), borrowed from an `sl_session_list` or an `sl_auth_result`
 * and never freed on its own.
 *
 * Functions:
 * - `sl_session_id`, `sl_session_user_id`, `sl_session_user_name`, `sl_session_client`,
 *   `sl_session_device_name`, `sl_session_device_id`, `sl_session_application_version`,
 *   `sl_session_last_activity_date`: string fields.
 * - `sl_session_supports_remote_control`, `sl_session_supports_media_control`: flags.
 * - `sl_session_now_playing_item_id`, `sl_session_now_playing_item_name`,
 *   `sl_session_now_playing_item_type`, `sl_session_now_playing_item_run_time_ticks`: what
 *   it plays (`NowPlayingItem`).
 * - `sl_session_position_ticks`, `sl_session_is_paused`, `sl_session_is_muted`,
 *   `sl_session_volume_level`: its `PlayState`.
 * - `sl_session_json`: the whole session as the server's JSON.
 */
typedef struct sl_session sl_session;

/**
 * The sessions returned by `sl_jellyfin_get_sessions`. Read-only, so safe to read from many
 * threads at once.
 *
 * Functions:
 * - `sl_session_list_len`: the number of sessions.
 * - `sl_session_list_get`: the session at an index.
 * - `sl_session_list_json`: the whole list as the server's JSON.
 * - `sl_session_list_free`: frees the list and every session borrowed from it.
 */
typedef struct sl_session_list sl_session_list;

/**
 * An open session socket (`/socket`): the way a session receives remote-control commands
 * and live session lists. Its events go to the callbacks given when it was opened, on a
 * thread of the socket's own (see "Session sockets" in the preamble).
 *
 * Functions:
 * - `sl_socket_options_init`: fills the options with the defaults.
 * - `sl_jellyfin_open_socket`: opens a socket (a dashboard subscribes to `Sessions`).
 * - `sl_jellyfin_become_controllable`: posts capabilities that make the session
 *   controllable and opens its socket, in one call.
 * - `sl_socket_subscribe_sessions`, `sl_socket_unsubscribe_sessions`: `SessionsStart` /
 *   `SessionsStop`.
 * - `sl_socket_close`: closes it cleanly; `on_end` then runs with `SL_STATUS_OK`.
 * - `sl_socket_free`: closes it if needed and waits for `on_end`.
 */
typedef struct sl_socket sl_socket;

/**
 * One message from the server (`MessageType`, `MessageId`, `Data`), borrowed for the
 * duration of the `sl_socket_message_callback` that received it: copy what you need to keep.
 *
 * Functions:
 * - `sl_socket_message_type`, `sl_socket_message_id`: the envelope's kind and id.
 * - `sl_socket_message_is_known`: whether this version types the kind.
 * - `sl_socket_message_json`, `sl_socket_message_data_json`: the whole envelope and its
 *   `Data`, as JSON (unknown kinds and fields included).
 * - `sl_socket_message_playstate_command`, `sl_socket_message_seek_position_ticks`: a
 *   `Playstate` message.
 * - `sl_socket_message_play_command`, `sl_socket_message_item_ids_len`,
 *   `sl_socket_message_item_id`, `sl_socket_message_start_position_ticks`: a `Play` message.
 * - `sl_socket_message_command_name`, `sl_socket_message_argument`: a `GeneralCommand`
 *   message (also `DisplayMessage`, `SetVolume`, ... and `DisplayContent`).
 * - `sl_socket_message_sessions`: a `Sessions` message, as an owned `sl_session_list`.
 */
typedef struct sl_socket_message sl_socket_message;

/**
 * What a server tells a signed-in user about itself (`GET /System/Info`): the public
 * facts and its state (a pending restart, shutting down). The deprecated paths and
 * flags of the contract are kept as unknown fields and re-sent unchanged.
 *
 * Functions:
 * - `sl_system_info_local_address`: `LocalAddress`.
 * - `sl_system_info_server_name`: `ServerName`.
 * - `sl_system_info_version`: The server's version (`10.11.11`). (`Version`)
 * - `sl_system_info_product_name`: `ProductName`.
 * - `sl_system_info_operating_system`: Deprecated by the server; usually empty. (`OperatingSystem`)
 * - `sl_system_info_id`: The server's id, stable across restarts (32 hex digits). (`Id`)
 * - `sl_system_info_startup_wizard_completed`: `StartupWizardCompleted`.
 * - `sl_system_info_package_name`: How the server was packaged (`jellyfin-server`, a container image...). (`PackageName`)
 * - `sl_system_info_has_pending_restart`: Whether the server waits for a restart to apply a change. (`HasPendingRestart`)
 * - `sl_system_info_is_shutting_down`: Whether the server is shutting down (it answers 503 then, and sessions end). (`IsShuttingDown`)
 * - `sl_system_info_supports_library_monitor`: `SupportsLibraryMonitor`.
 * - `sl_system_info_web_socket_port_number`: `WebSocketPortNumber`.
 * - `sl_system_info_json`: the whole result as JSON, with nothing left out.
 * - `sl_system_info_free`.
 */
typedef struct sl_system_info sl_system_info;

/**
 * A user account.
 *
 * Functions:
 * - `sl_user_name`: `Name`.
 * - `sl_user_server_id`: `ServerId`.
 * - `sl_user_server_name`: `ServerName`.
 * - `sl_user_id`: `Id`.
 * - `sl_user_primary_image_tag`: `PrimaryImageTag`.
 * - `sl_user_has_password`: `HasPassword`.
 * - `sl_user_has_configured_password`: `HasConfiguredPassword`.
 * - `sl_user_enable_auto_login`: `EnableAutoLogin`.
 * - `sl_user_last_login_date`: `LastLoginDate`.
 * - `sl_user_last_activity_date`: `LastActivityDate`.
 * - `sl_user_json`: the whole result as JSON, with nothing left out.
 * - `sl_user_free`.
 */
typedef struct sl_user sl_user;

/**
 * Receives one log record: its level, its target (`sessionlink::transport`,
 * `sessionlink::socket`, `sessionlink::g4`, or a dependency's, such as `rustls::...`) and its
 * message. Both strings are borrowed for the duration of the callback.
 */
typedef void (*sl_log_callback)(void *user_data, enum sl_log_level level, const char *target, const char *message);

/**
 * Transport settings shared by both clients (a field of their option structs). Fields are
 * only ever appended; `sl_*_options_init` fills every one with the core's default.
 */
typedef struct sl_transport_options {
  /**
   * Time allowed to establish a connection, in milliseconds; must be > 0. Default 10000.
   */
  uint32_t connect_timeout_ms;
  /**
   * Time allowed for a whole request, in milliseconds; must be > 0. Default 30000.
   */
  uint32_t request_timeout_ms;
  /**
   * An extra CA certificate (PEM, NUL-terminated) to trust; NULL for none. Copied.
   */
  const char *extra_ca_pem;
  /**
   * Accept any TLS certificate: only for testing against self-signed servers.
   */
  bool accept_invalid_certs;
  /**
   * The largest response body read, in bytes; must be > 0. A larger one fails with
   * `SL_STATUS_RESPONSE_TOO_LARGE` without being read (checked against Content-Length
   * first, then while reading). Default 33554432 (32 MiB).
   */
  uint64_t max_response_bytes;
  /**
   * How long an idle connection is kept for reuse, in milliseconds; 0 never reuses one.
   * Default 30000, below common servers' keep-alive timeouts. A request that fails on a
   * reused connection before any response byte arrived is retried once on a new one when
   * that is safe: always if nothing was sent, and for GET, PUT and DELETE also after
   * sending.
   */
  uint32_t pool_idle_timeout_ms;
  /**
   * How many times a 503 or 429 answer is retried, waiting as its `Retry-After` asks (at
   * most `retry_after_cap_ms`, and only while the request timeout allows). Default 0: off.
   * Safe for every method: the server refused the request without applying it.
   */
  uint32_t retry_unavailable;
  /**
   * The longest wait before one such retry, in milliseconds. Default 10000.
   */
  uint32_t retry_after_cap_ms;
  /**
   * Ask for compressed responses (`Accept-Encoding: br, gzip`) and decode them; the
   * decoded body is held to `max_response_bytes` too. Default true.
   */
  bool compression;
  /**
   * Trust the WebPKI roots built into the library (Mozilla's list). Default true.
   */
  bool webpki_roots;
  /**
   * Trust the operating system's certificate store too (read once per process; on Linux
   * `SSL_CERT_FILE`/`SSL_CERT_DIR`, then the distribution's bundle). Default false.
   */
  bool system_roots;
  /**
   * The proxy every request and the session socket go through,
   * `http://[user:password@]host:port` (NUL-terminated; copied), whatever the environment
   * says; NULL for none. Its credentials never appear in error messages.
   */
  const char *proxy;
  /**
   * Without `proxy`: take the proxy from `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and
   * `NO_PROXY` (upper or lower case, as curl reads them) when the client is made. Default
   * true; false connects directly.
   */
  bool proxy_from_env;
} sl_transport_options;

/**
 * Configuration of an `sl_jellyfin_client`; fill it with `sl_jellyfin_options_init` first.
 * Strings are borrowed for the duration of `sl_jellyfin_client_new` only (they are copied).
 */
typedef struct sl_jellyfin_options {
  /**
   * Server URL, with its path prefix if any (for example `http://host:8096/jellyfin`).
   * Required.
   */
  const char *base_url;
  /**
   * Human-readable device name (`Device=`); NULL means this machine's host name.
   */
  const char *device_name;
  /**
   * Stable device identifier (`DeviceId=`); NULL means `sessionlink-<host name>`. Pass a
   * per-installation id where you can: logging in again from the same id replaces the
   * previous token of that user.
   */
  const char *device_id;
  /**
   * Application name (`Client=`); NULL means `"sessionlink"`.
   */
  const char *client_name;
  /**
   * Application version (`Version=`); NULL means the library version.
   */
  const char *client_version;
  /**
   * An access token or API key (`Token=`); NULL for none (log in with
   * `sl_jellyfin_authenticate_by_name`).
   */
  const char *token;
  struct sl_transport_options transport;
} sl_jellyfin_options;

/**
 * Receives the result of `sl_jellyfin_get_sessions_async`: on `SL_STATUS_OK` a new list the
 * callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed for the
 * duration of the callback.
 */
typedef void (*sl_session_list_callback)(void *user_data, enum sl_status status, struct sl_session_list *result, const struct sl_error *error);

/**
 * Receives the outcome of an `_async` operation without a result object: `error` is NULL on
 * `SL_STATUS_OK`, otherwise borrowed for the duration of the callback.
 */
typedef void (*sl_done_callback)(void *user_data, enum sl_status status, const struct sl_error *error);

/**
 * Receives the result of `sl_jellyfin_authenticate_by_name_async`: on `SL_STATUS_OK` a new
 * result the callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed
 * for the duration of the callback.
 */
typedef void (*sl_auth_result_callback)(void *user_data, enum sl_status status, struct sl_auth_result *result, const struct sl_error *error);

/**
 * Receives the result of the `*_providers_async` calls: on `SL_STATUS_OK` a new list the
 * callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed for the
 * duration of the callback.
 */
typedef void (*sl_name_id_list_callback)(void *user_data, enum sl_status status, struct sl_name_id_list *result, const struct sl_error *error);

/**
 * Receives the result of an `_async` operation returning a `sl_user`: on `SL_STATUS_OK` a new
 * object the callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed
 * for the duration of the callback.
 */
typedef void (*sl_user_callback)(void *user_data, enum sl_status status, struct sl_user *result, const struct sl_error *error);

/**
 * Receives the outcome of an `_async` operation whose result is a text: on `SL_STATUS_OK` a
 * new string the callback owns (`sl_string_free`) and NULL `error`; otherwise NULL `value`
 * and an `error` borrowed for the duration of the callback.
 */
typedef void (*sl_string_callback)(void *user_data, enum sl_status status, char *value, const struct sl_error *error);

/**
 * Receives the result of an `_async` operation returning a `sl_public_system_info`: on `SL_STATUS_OK` a new
 * object the callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed
 * for the duration of the callback.
 */
typedef void (*sl_public_system_info_callback)(void *user_data, enum sl_status status, struct sl_public_system_info *result, const struct sl_error *error);

/**
 * Receives the result of an `_async` operation returning a `sl_system_info`: on `SL_STATUS_OK` a new
 * object the callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed
 * for the duration of the callback.
 */
typedef void (*sl_system_info_callback)(void *user_data, enum sl_status status, struct sl_system_info *result, const struct sl_error *error);

/**
 * Receives the outcome of an `_async` operation whose result is a flag: `value` is meaningful
 * on `SL_STATUS_OK` only; `error` is NULL then, otherwise borrowed for the duration of the
 * callback.
 */
typedef void (*sl_bool_callback)(void *user_data, enum sl_status status, bool value, const struct sl_error *error);

/**
 * Receives the result of an `_async` operation returning a `sl_quick_connect_result`: on `SL_STATUS_OK` a new
 * object the callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed
 * for the duration of the callback.
 */
typedef void (*sl_quick_connect_result_callback)(void *user_data, enum sl_status status, struct sl_quick_connect_result *result, const struct sl_error *error);

/**
 * Receives the Quick Connect code to show (six digits), once, before the polling starts.
 * `code` is borrowed for the duration of the callback. It runs on a library thread: it must
 * not call blocking sessionlink functions (they fail with `SL_STATUS_WOULD_DEADLOCK`); it
 * may call `sl_op_cancel`.
 */
typedef void (*sl_quick_connect_code_callback)(void *user_data, const char *code);

/**
 * How a socket behaves; fill it with `sl_socket_options_init` first.
 */
typedef struct sl_socket_options {
  /**
   * Capabilities posted (`POST /Sessions/Capabilities/Full`) after the socket opens and
   * after every reconnect, as `ClientCapabilitiesDto` JSON (fields left out take the same
   * defaults as in `sl_jellyfin_post_full_capabilities`); NULL posts none. Copied.
   */
  const char *capabilities_json;
  /**
   * Subscribe to `Sessions` pushes as soon as the socket opens (renewed after reconnects).
   * The server sends the whole list after each session event (a session starts or ends,
   * playback starts, stops or progresses, capabilities change: at once), and nothing
   * before the first one.
   */
  bool subscribe_sessions;
  /**
   * With `subscribe_sessions`: sent as the subscription's initial delay, in milliseconds;
   * the server keeps it without using it. Default 0.
   */
  uint32_t sessions_initial_delay_ms;
  /**
   * With `subscribe_sessions`: for other activity, at most one push per this many
   * milliseconds. Default 1000.
   */
  uint32_t sessions_interval_ms;
  /**
   * How many events may wait for the callbacks (at least 1). When full, the socket stops
   * reading the connection until the callbacks catch up (no command is ever dropped); a
   * newer `Sessions` list replaces a waiting one. Default 256.
   */
  size_t buffer;
  /**
   * The wait before the first reconnect attempt, in milliseconds (> 0). Default 1000.
   */
  uint32_t reconnect_initial_ms;
  /**
   * The longest wait between reconnect attempts, in milliseconds (>= the initial one).
   * Default 60000.
   */
  uint32_t reconnect_max_ms;
  /**
   * How much the wait grows after each failed attempt (>= 1; each wait is jittered between
   * half and all of it). Default 2.
   */
  double reconnect_factor;
} sl_socket_options;

/**
 * Receives one message (every kind the server sends, in order, keep-alives and unknown
 * kinds included). `message` is borrowed for the duration of the callback.
 */
typedef void (*sl_socket_message_callback)(void *user_data, const struct sl_socket_message *message);

/**
 * Receives a connection event: `reason` (why the connection dropped, borrowed for the
 * callback) and `retry_in_ms` (when the socket reconnects) are set for
 * `SL_SOCKET_DISCONNECTED`, NULL and 0 otherwise.
 */
typedef void (*sl_socket_state_callback)(void *user_data, enum sl_socket_state state, const char *reason, uint64_t retry_in_ms);

/**
 * Runs exactly once, last, when the socket has ended: `SL_STATUS_OK` after `sl_socket_close`
 * (closed), `SL_STATUS_CANCELLED` when `sl_socket_free` closed it, `SL_STATUS_UNAUTHORIZED`
 * or `SL_STATUS_FORBIDDEN` when the server refused to reconnect it (the token was revoked).
 * `error` is NULL on `SL_STATUS_OK`, otherwise borrowed for the duration of the callback.
 */
typedef void (*sl_socket_end_callback)(void *user_data, enum sl_status status, const struct sl_error *error);

/**
 * How `sl_discover_servers` asks; fill it with `sl_discovery_options_init` first.
 */
typedef struct sl_discovery_options {
  /**
   * Addresses to ask directly, `"host"` or `"host:port"` (IPv4); `targets_len` of them.
   * Borrowed for the duration of the call. NULL with `targets_len` 0: none.
   */
  const char *const *targets;
  /**
   * How many strings `targets` holds.
   */
  size_t targets_len;
  /**
   * How long to listen for replies, in milliseconds (> 0, at most one hour). Default 1000.
   */
  uint32_t timeout_ms;
  /**
   * Whether to broadcast: an `sl_discovery_broadcast` value (a plain integer, so that a
   * wrong one is an error, not undefined behaviour). Default `SL_DISCOVERY_BROADCAST_AUTO`.
   */
  uint32_t broadcast;
  /**
   * The port of the broadcast and of targets without one. Default 7359.
   */
  uint16_t port;
  /**
   * Return as soon as this many distinct servers answered; 0 (the default) listens until
   * the timeout.
   */
  size_t limit;
} sl_discovery_options;

/**
 * Configuration of an `sl_g4_client`; fill it with `sl_g4_options_init` first. Strings are
 * borrowed for the duration of `sl_g4_client_new` only (they are copied).
 */
typedef struct sl_g4_options {
  /**
   * Service URL, with its path prefix if any. Required.
   */
  const char *base_url;
  /**
   * Sent as `x-g4-tenant` on every call. Required.
   */
  const char *tenant;
  /**
   * Sent as `x-g4-application`; NULL to leave it out.
   */
  const char *application;
  /**
   * A bearer token (a session id); NULL for none. At most one of `bearer` and `api_key`.
   */
  const char *bearer;
  /**
   * An API key; NULL for none.
   */
  const char *api_key;
  struct sl_transport_options transport;
} sl_g4_options;

/**
 * Receives the result of `sl_g4_create_session_async`: on `SL_STATUS_OK` a new login the
 * callback owns and NULL `error`; otherwise NULL `result` and an `error` borrowed for the
 * duration of the callback.
 */
typedef void (*sl_g4_login_callback)(void *user_data, enum sl_status status, struct sl_g4_login *result, const struct sl_error *error);

/**
 * Receives the result of `sl_g4_get_session_async` and `sl_g4_get_static_session_async`: on
 * `SL_STATUS_OK` a new session the callback owns and NULL `error`; otherwise NULL `result`
 * and an `error` borrowed for the duration of the callback.
 */
typedef void (*sl_g4_session_callback)(void *user_data, enum sl_status status, struct sl_g4_session *result, const struct sl_error *error);

#ifdef __cplusplus
extern "C" {
#endif // __cplusplus

/**
 * The library version, for example `"0.1.0"`, equal to the `SESSIONLINK_VERSION` macro of
 * the header the library was built with.
 *
 * Ownership: returns a static string; never free it. Thread-safe.
 */
const char *sl_version(void);

/**
 * The name of a status, for example `"SL_STATUS_NOT_FOUND"`; `"SL_STATUS_UNKNOWN"` for a
 * number this version does not know. Takes an `int` so that any value is safe to pass.
 *
 * Ownership: returns a static string; never free it. Thread-safe.
 */
const char *sl_status_str(int status);

/**
 * The status of an error; `SL_STATUS_NULL_ARGUMENT` when `error` is NULL.
 *
 * Ownership: borrows `error`.
 */
enum sl_status sl_error_status(const struct sl_error *error);

/**
 * The human-readable message (the server's text where it sent one); NULL when `error` is
 * NULL.
 *
 * Ownership: borrows `error`; the string is valid until `sl_error_free(error)`.
 */
const char *sl_error_message(const struct sl_error *error);

/**
 * Whether the request may have reached the server, and so may have been applied. False
 * means nothing was sent, so retrying cannot apply it twice: argument errors,
 * `SL_STATUS_CONNECT`, a connect timeout. True for `SL_STATUS_CONNECTION_LOST`, every HTTP
 * status, a request timeout and an operation cancelled in flight. False when `error` is
 * NULL.
 *
 * Ownership: borrows `error`.
 */
bool sl_error_request_sent(const struct sl_error *error);

/**
 * The HTTP status of the response behind the error, or 0 when there was no response (or
 * `error` is NULL). G4's "no such session" is 204 with `SL_STATUS_NOT_FOUND`.
 *
 * Ownership: borrows `error`.
 */
uint16_t sl_error_http_status(const struct sl_error *error);

/**
 * How long the server asked the client to wait before retrying (`Retry-After` on a 503 or
 * 429), in milliseconds; -1 when it did not say (or `error` is NULL). With the transport's
 * `retry_unavailable` set, sessionlink has already waited and retried that many times.
 *
 * Ownership: borrows `error`.
 */
int64_t sl_error_retry_after_ms(const struct sl_error *error);

/**
 * Where a 3xx response pointed (`Location`), without any credentials it held; NULL when
 * there was none. sessionlink never follows redirects (they would resend credentials to
 * another address): a 3xx is `SL_STATUS_HTTP`.
 *
 * Ownership: borrows `error`; the string is valid until `sl_error_free(error)`.
 */
const char *sl_error_location(const struct sl_error *error);

/**
 * The error response's body as JSON text (parsed and re-encoded, the client's credentials
 * replaced by `***`), for any status; NULL when there was no response or its body was not
 * JSON (the message then carries the server's text).
 *
 * Ownership: borrows `error`; the string is valid until `sl_error_free(error)`.
 */
const char *sl_error_body_json(const struct sl_error *error);

/**
 * The RFC 7807 ProblemDetails the server sent with a 400, as JSON; NULL when there were none.
 *
 * Ownership: borrows `error`; the string is valid until `sl_error_free(error)`.
 */
const char *sl_error_problem_json(const struct sl_error *error);

/**
 * Frees an error. NULL is a no-op.
 *
 * Ownership: takes `error`.
 */
void sl_error_free(struct sl_error *error);

/**
 * Frees a string returned through a `char **` out parameter (the `*_json` accessors,
 * `sl_jellyfin_client_user_id`). NULL is a no-op. Not for the `const char *` accessors'
 * strings: those belong to their result object.
 *
 * Ownership: takes `s`.
 */
void sl_string_free(char *s);

/**
 * Sends the library's log records to `callback`, replacing the previous callback, or stops
 * them when `callback` is NULL or `max_level` is `SL_LOG_OFF`.
 *
 * `max_level` (an `sl_log_level`) is the most detailed level delivered for sessionlink's own
 * records; other libraries' records (TLS, WebSocket) are delivered from `SL_LOG_WARN` up. The
 * records, and their targets, are those of the Rust crate's `log` records (see the guide's
 * Rust page); none contains a credential: tokens, passwords, API keys and G4 session ids
 * are replaced by `***`, also where a server echoes them.
 *
 * Threads: the callback runs on the thread that logs the record (a library thread, or the
 * thread of a blocking call), possibly on several threads at once: it must be thread-safe,
 * and quick, since the operation that logs waits for it. It must
 * not call sessionlink functions: records it would cause on its own thread are dropped, and
 * `sl_set_log_callback` from inside it returns `SL_STATUS_WOULD_DEADLOCK`. When this
 * function returns, no call of the previous callback is running or will start, so its
 * `user_data` may be freed.
 *
 * Errors: `SL_STATUS_INVALID_ARGUMENT` for a `max_level` outside `sl_log_level`;
 * `SL_STATUS_INTERNAL` when another Rust `log` implementation was installed in this process
 * first (only possible when the library is linked into a Rust program).
 *
 * Ownership: borrows `user_data` until the callback is replaced or stopped (it is only
 * passed back to the callback, never dereferenced).
 */
enum sl_status sl_set_log_callback(sl_log_callback callback, void *user_data, int max_level, struct sl_error **err);

/**
 * Cancels an operation: if its callback has not started yet, the request is dropped (its
 * connection closed) and the callback runs once with `SL_STATUS_CANCELLED`, on a library
 * thread, soon after this call returns. If the operation already completed, nothing
 * happens. Either way the result is `SL_STATUS_OK`; the callback tells which happened.
 * May be called from inside a callback.
 *
 * Ownership: borrows `op`.
 */
enum sl_status sl_op_cancel(const struct sl_op *op, struct sl_error **err);

/**
 * Frees an operation handle. It does not cancel the operation: the callback still runs.
 * NULL is a no-op.
 *
 * Ownership: takes `op`.
 */
void sl_op_free(struct sl_op *op);

/**
 * Fills `options` with the defaults: every string NULL, timeouts 10 s / 30 s. NULL is a
 * no-op.
 *
 * Ownership: borrows `options`.
 */
void sl_jellyfin_options_init(struct sl_jellyfin_options *options);

/**
 * Creates a client. Nothing is sent over the network; the options are checked (URL,
 * identity without control characters, timeouts).
 *
 * Ownership: borrows `options`; `*client_out` is owned by the caller (`sl_jellyfin_client_free`).
 */
enum sl_status sl_jellyfin_client_new(const struct sl_jellyfin_options *options, struct sl_jellyfin_client **client_out, struct sl_error **err);

/**
 * `GET /Sessions`: the sessions the caller may see.
 *
 * Arguments:
 * - `controllable_by_user_id`: a string; NULL leaves it out. Only sessions this user may remote-control (a GUID).
 * - `device_id`: a string; NULL leaves it out. Only sessions of this device id (matched case-insensitively by the server).
 * - `active_within_seconds`: a pointer to an `i32`; NULL leaves it out. Only sessions active within this many seconds.
 *
 * Ownership: borrows all arguments; `*sessions_out` is owned by the caller (`sl_session_list_free`).
 */
enum sl_status sl_jellyfin_get_sessions(const struct sl_jellyfin_client *client, const char *controllable_by_user_id, const char *device_id, const int32_t *active_within_seconds, struct sl_session_list **sessions_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_get_sessions`.
 *
 * Ownership: borrows all arguments; the callback owns the list (`sl_session_list_free`).
 */
enum sl_status sl_jellyfin_get_sessions_async(const struct sl_jellyfin_client *client, const char *controllable_by_user_id, const char *device_id, const int32_t *active_within_seconds, sl_session_list_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * The caller's own session: `GET /Sessions` for this client's device id, then the
 * session the server keys on this client's name and device id (so not another
 * application's session on the same device). None when the server has none: before
 * logging in, with an API key (which has no session of its own), or after
 * `report_session_ended`.
 *
 * The session comes as a list of one (`sl_session_list_get(list, 0)`), or an empty list for none.
 *
 * Ownership: borrows all arguments; `*session_out` is owned by the caller (`sl_session_list_free`).
 */
enum sl_status sl_jellyfin_current_session(const struct sl_jellyfin_client *client, struct sl_session_list **session_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_current_session`.
 *
 * Ownership: borrows all arguments; the callback owns the list (`sl_session_list_free`).
 */
enum sl_status sl_jellyfin_current_session_async(const struct sl_jellyfin_client *client, sl_session_list_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /Sessions`, then the one session that `target` names: its id, or else its device
 * name ignoring case, for tools that let a user say "the living room TV" rather than a
 * session id. No match is a `NotFound` error (listing the device names there are); a
 * device name several sessions share is an `InvalidArgument` error, listing them with
 * their ids (see `select_session`).
 *
 * Arguments:
 * - `target`: a string.
 *
 * The session comes as a list of one (`sl_session_list_get(list, 0)`).
 *
 * Ownership: borrows all arguments; `*session_out` is owned by the caller (`sl_session_list_free`).
 */
enum sl_status sl_jellyfin_find_session(const struct sl_jellyfin_client *client, const char *target, struct sl_session_list **session_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_find_session`.
 *
 * Ownership: borrows all arguments; the callback owns the list (`sl_session_list_free`).
 */
enum sl_status sl_jellyfin_find_session_async(const struct sl_jellyfin_client *client, const char *target, sl_session_list_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/Logout`: ends the caller's session and **revokes its token** on the
 * server; the client forgets the token too.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_session_ended(const struct sl_jellyfin_client *client, struct sl_error **err);

/**
 * Async `sl_jellyfin_report_session_ended`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_session_ended_async(const struct sl_jellyfin_client *client, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Users/AuthenticateByName`: logs in and keeps the returned access token and
 * user id on the client. Logging in again from the same device id revokes the previous
 * token of that user. `password` may be empty; wrong credentials are an `Unauthorized`
 * error.
 *
 * Arguments:
 * - `username`: a string.
 * - `password`: a string.
 *
 * Ownership: borrows all arguments; `*result_out` (`result_out` may be NULL) is owned by the caller (`sl_auth_result_free`).
 */
enum sl_status sl_jellyfin_authenticate_by_name(const struct sl_jellyfin_client *client, const char *username, const char *password, struct sl_auth_result **result_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_authenticate_by_name`.
 *
 * Ownership: borrows all arguments; the callback owns the result (`sl_auth_result_free`).
 */
enum sl_status sl_jellyfin_authenticate_by_name_async(const struct sl_jellyfin_client *client, const char *username, const char *password, sl_auth_result_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/{sessionId}/Playing`: tells a session to play items. `item_ids` are
 * GUIDs (at least one); `start_position_ticks` is in .NET ticks (10,000 per millisecond).
 *
 * Arguments:
 * - `session_id`: a string.
 * - `play_command`: a `PlayCommand` wire name (`"PlayNow"`, `"PlayNext"`, `"PlayLast"`, `"PlayInstantMix"`, `"PlayShuffle"`).
 * - `item_ids`, `item_ids_len`: an array of strings and its length.
 * - `start_position_ticks`: a pointer to an `i64`; NULL leaves it out. Start position of the first item, in .NET ticks (10,000 per millisecond).
 * - `media_source_id`: a string; NULL leaves it out. The media source to play (for items with several versions).
 * - `audio_stream_index`: a pointer to an `i32`; NULL leaves it out. The audio stream to start with.
 * - `subtitle_stream_index`: a pointer to an `i32`; NULL leaves it out. The subtitle stream to start with.
 * - `start_index`: a pointer to an `i32`; NULL leaves it out. The index of the first item to play in `item_ids`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_play(const struct sl_jellyfin_client *client, const char *session_id, const char *play_command, const char *const *item_ids, size_t item_ids_len, const int64_t *start_position_ticks, const char *media_source_id, const int32_t *audio_stream_index, const int32_t *subtitle_stream_index, const int32_t *start_index, struct sl_error **err);

/**
 * Async `sl_jellyfin_play`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_play_async(const struct sl_jellyfin_client *client, const char *session_id, const char *play_command, const char *const *item_ids, size_t item_ids_len, const int64_t *start_position_ticks, const char *media_source_id, const int32_t *audio_stream_index, const int32_t *subtitle_stream_index, const int32_t *start_index, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/{sessionId}/Playing/{command}`: pause, seek, stop... a session.
 * `seek_position_ticks` matters for `Seek`. The server replaces `controlling_user_id`
 * with the caller's user when the caller has one.
 *
 * Arguments:
 * - `session_id`: a string.
 * - `command`: a `PlaystateCommand` wire name (`"Stop"`, `"Pause"`, `"Unpause"`, `"NextTrack"`, `"PreviousTrack"`, `"Seek"`, `"Rewind"`, `"FastForward"`, `"PlayPause"`).
 * - `seek_position_ticks`: a pointer to an `i64`; NULL leaves it out.
 * - `controlling_user_id`: a string; NULL leaves it out.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_playstate_command(const struct sl_jellyfin_client *client, const char *session_id, const char *command, const int64_t *seek_position_ticks, const char *controlling_user_id, struct sl_error **err);

/**
 * Async `sl_jellyfin_send_playstate_command`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_playstate_command_async(const struct sl_jellyfin_client *client, const char *session_id, const char *command, const int64_t *seek_position_ticks, const char *controlling_user_id, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/{sessionId}/Command/{command}`: a command without arguments.
 *
 * Arguments:
 * - `session_id`: a string.
 * - `command`: a `GeneralCommandType` wire name (`"MoveUp"`, `"MoveDown"`, `"MoveLeft"`, `"MoveRight"`, ...).
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_general_command(const struct sl_jellyfin_client *client, const char *session_id, const char *command, struct sl_error **err);

/**
 * Async `sl_jellyfin_send_general_command`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_general_command_async(const struct sl_jellyfin_client *client, const char *session_id, const char *command, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/{sessionId}/System/{command}`: the server treats it exactly as
 * `send_general_command` (a command without arguments).
 *
 * Arguments:
 * - `session_id`: a string.
 * - `command`: a `GeneralCommandType` wire name (`"MoveUp"`, `"MoveDown"`, `"MoveLeft"`, `"MoveRight"`, ...).
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_system_command(const struct sl_jellyfin_client *client, const char *session_id, const char *command, struct sl_error **err);

/**
 * Async `sl_jellyfin_send_system_command`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_system_command_async(const struct sl_jellyfin_client *client, const char *session_id, const char *command, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/{sessionId}/Command`: a command with string arguments (for example
 * `SetVolume` with `Volume`).
 *
 * for example `"SetVolume"` with names `{"Volume"}` and values `{"50"}`.
 *
 * Arguments:
 * - `session_id`: a string.
 * - `name`: a `GeneralCommandType` wire name (`"MoveUp"`, `"MoveDown"`, `"MoveLeft"`, `"MoveRight"`, ...).
 * - `arguments_names`, `arguments_values`, `arguments_len`: parallel arrays of names and values and their length (both may be NULL when it is 0). The command's arguments by name, as strings (`{"Volume": "50"}` for `SetVolume`; `Header`, `Text` and `TimeoutMs` for `DisplayMessage`; `ItemId`, `ItemName` and `ItemType` for `DisplayContent`).
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_full_general_command(const struct sl_jellyfin_client *client, const char *session_id, const char *name, const char *const *arguments_names, const char *const *arguments_values, size_t arguments_len, struct sl_error **err);

/**
 * Async `sl_jellyfin_send_full_general_command`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_full_general_command_async(const struct sl_jellyfin_client *client, const char *session_id, const char *name, const char *const *arguments_names, const char *const *arguments_values, size_t arguments_len, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/{sessionId}/Message`: shows a message on the session. The text must
 * not be empty (the server answers 400 otherwise, so it is refused here first).
 *
 * Arguments:
 * - `session_id`: a string.
 * - `header`: a string; NULL leaves it out.
 * - `text`: a string.
 * - `timeout_ms`: a pointer to an `i64`; NULL leaves it out.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_message_command(const struct sl_jellyfin_client *client, const char *session_id, const char *header, const char *text, const int64_t *timeout_ms, struct sl_error **err);

/**
 * Async `sl_jellyfin_send_message_command`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_send_message_command_async(const struct sl_jellyfin_client *client, const char *session_id, const char *header, const char *text, const int64_t *timeout_ms, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/{sessionId}/Viewing`: tells the session's UI to browse to an item.
 *
 * Arguments:
 * - `session_id`: a string.
 * - `item_type`: a `BaseItemKind` wire name (`"AggregateFolder"`, `"Audio"`, `"AudioBook"`, `"BasePluginFolder"`, ...).
 * - `item_id`: a string.
 * - `item_name`: a string.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_display_content(const struct sl_jellyfin_client *client, const char *session_id, const char *item_type, const char *item_id, const char *item_name, struct sl_error **err);

/**
 * Async `sl_jellyfin_display_content`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_display_content_async(const struct sl_jellyfin_client *client, const char *session_id, const char *item_type, const char *item_id, const char *item_name, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/Capabilities`: replaces (does not merge) the session's capabilities.
 * Arguments left out are left out of the request (the server then uses its defaults).
 *
 * Arguments:
 * - `id`: a string; NULL leaves it out. The session id; absent means the caller's own session.
 * - `playable_media_types`, `playable_media_types_len`: an array of `MediaType` wire names and its length; NULL with length 0 leaves it out. `playableMediaTypes`: what the session can play.
 * - `supported_commands`, `supported_commands_len`: an array of `GeneralCommandType` wire names and its length; NULL with length 0 leaves it out. `supportedCommands`: the general commands the session accepts.
 * - `supports_media_control`: a pointer to a `bool`; NULL leaves it out. `supportsMediaControl`: whether others may control its playback.
 * - `supports_persistent_identifier`: a pointer to a `bool`; NULL leaves it out. `supportsPersistentIdentifier`: whether its device id is stable.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_post_capabilities(const struct sl_jellyfin_client *client, const char *id, const char *const *playable_media_types, size_t playable_media_types_len, const char *const *supported_commands, size_t supported_commands_len, const bool *supports_media_control, const bool *supports_persistent_identifier, struct sl_error **err);

/**
 * Async `sl_jellyfin_post_capabilities`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_post_capabilities_async(const struct sl_jellyfin_client *client, const char *id, const char *const *playable_media_types, size_t playable_media_types_len, const char *const *supported_commands, size_t supported_commands_len, const bool *supports_media_control, const bool *supports_persistent_identifier, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/Capabilities/Full`: replaces the capabilities with a full body. Typed
 * fields left out take the values of `ClientCapabilitiesDto::new` (the server's
 * defaults), in every language; unknown fields are sent as given.
 *
 * Arguments:
 * - `id`: a string; NULL leaves it out.
 * - `capabilities_json`: JSON text of a `ClientCapabilitiesDto` (PascalCase, as on the wire; typed fields left out take their defaults).
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_post_full_capabilities(const struct sl_jellyfin_client *client, const char *id, const char *capabilities_json, struct sl_error **err);

/**
 * Async `sl_jellyfin_post_full_capabilities`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_post_full_capabilities_async(const struct sl_jellyfin_client *client, const char *id, const char *capabilities_json, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/Viewing`: reports that a session is viewing an item. `item_id` must be
 * a GUID: the server parses it as one and answers 500 otherwise.
 *
 * Arguments:
 * - `session_id`: a string; NULL leaves it out.
 * - `item_id`: a string.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_viewing(const struct sl_jellyfin_client *client, const char *session_id, const char *item_id, struct sl_error **err);

/**
 * Async `sl_jellyfin_report_viewing`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_viewing_async(const struct sl_jellyfin_client *client, const char *session_id, const char *item_id, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/Playing`: the caller's session started playing `info.item_id` (a GUID,
 * required), for example `{"ItemId": "...", "PositionTicks": 0, "CanSeek": true}`.
 *
 * Arguments:
 * - `info_json`: JSON text of a `PlaybackStartInfo` (PascalCase, as on the wire; typed fields left out take their defaults).
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_playback_start(const struct sl_jellyfin_client *client, const char *info_json, struct sl_error **err);

/**
 * Async `sl_jellyfin_report_playback_start`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_playback_start_async(const struct sl_jellyfin_client *client, const char *info_json, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/Playing/Progress`: position, pause, volume... of the playing item.
 * Players report every few seconds and on every change.
 *
 * Arguments:
 * - `info_json`: JSON text of a `PlaybackStartInfo` (PascalCase, as on the wire; typed fields left out take their defaults).
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_playback_progress(const struct sl_jellyfin_client *client, const char *info_json, struct sl_error **err);

/**
 * Async `sl_jellyfin_report_playback_progress`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_playback_progress_async(const struct sl_jellyfin_client *client, const char *info_json, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/Playing/Stopped`: playback of `info.item_id` ended.
 *
 * Arguments:
 * - `info_json`: JSON text of a `PlaybackStopInfo` (PascalCase, as on the wire; typed fields left out take their defaults).
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_playback_stopped(const struct sl_jellyfin_client *client, const char *info_json, struct sl_error **err);

/**
 * Async `sl_jellyfin_report_playback_stopped`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_report_playback_stopped_async(const struct sl_jellyfin_client *client, const char *info_json, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/Playing/Ping`: keeps a transcoding play session alive. The server
 * requires `play_session_id` (400 without it), though the contract does not say so.
 *
 * Arguments:
 * - `play_session_id`: a string.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_ping_playback_session(const struct sl_jellyfin_client *client, const char *play_session_id, struct sl_error **err);

/**
 * Async `sl_jellyfin_ping_playback_session`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_ping_playback_session_async(const struct sl_jellyfin_client *client, const char *play_session_id, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Sessions/{sessionId}/User/{userId}`: adds a user to a session.
 *
 * Arguments:
 * - `session_id`: a string.
 * - `user_id`: a string.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_add_user_to_session(const struct sl_jellyfin_client *client, const char *session_id, const char *user_id, struct sl_error **err);

/**
 * Async `sl_jellyfin_add_user_to_session`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_add_user_to_session_async(const struct sl_jellyfin_client *client, const char *session_id, const char *user_id, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `DELETE /Sessions/{sessionId}/User/{userId}`: removes an additional user.
 *
 * Arguments:
 * - `session_id`: a string.
 * - `user_id`: a string.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_remove_user_from_session(const struct sl_jellyfin_client *client, const char *session_id, const char *user_id, struct sl_error **err);

/**
 * Async `sl_jellyfin_remove_user_from_session`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_remove_user_from_session_async(const struct sl_jellyfin_client *client, const char *session_id, const char *user_id, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /Auth/Providers` (administrators only): ids are .NET type names, not GUIDs.
 *
 * Ownership: borrows all arguments; `*providers_out` is owned by the caller (`sl_name_id_list_free`).
 */
enum sl_status sl_jellyfin_get_auth_providers(const struct sl_jellyfin_client *client, struct sl_name_id_list **providers_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_get_auth_providers`.
 *
 * Ownership: borrows all arguments; the callback owns the list (`sl_name_id_list_free`).
 */
enum sl_status sl_jellyfin_get_auth_providers_async(const struct sl_jellyfin_client *client, sl_name_id_list_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /Auth/PasswordResetProviders` (administrators only).
 *
 * Ownership: borrows all arguments; `*providers_out` is owned by the caller (`sl_name_id_list_free`).
 */
enum sl_status sl_jellyfin_get_password_reset_providers(const struct sl_jellyfin_client *client, struct sl_name_id_list **providers_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_get_password_reset_providers`.
 *
 * Ownership: borrows all arguments; the callback owns the list (`sl_name_id_list_free`).
 */
enum sl_status sl_jellyfin_get_password_reset_providers_async(const struct sl_jellyfin_client *client, sl_name_id_list_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /Users/Me`: the user this client's token belongs to. An API key belongs to no
 * user: the server answers 400, a `BadRequest` error.
 *
 * Ownership: borrows all arguments; `*user_out` is owned by the caller (`sl_user_free`).
 */
enum sl_status sl_jellyfin_get_current_user(const struct sl_jellyfin_client *client, struct sl_user **user_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_get_current_user`.
 *
 * Ownership: borrows all arguments; the callback owns the result (`sl_user_free`).
 */
enum sl_status sl_jellyfin_get_current_user_async(const struct sl_jellyfin_client *client, sl_user_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /System/Ping`: whether a server answers at the base URL, and its product name
 * (`"Jellyfin Server"`). Needs no login.
 *
 * Ownership: borrows all arguments; `*result_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_jellyfin_ping_system(const struct sl_jellyfin_client *client, char **result_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_ping_system`.
 *
 * Ownership: borrows all arguments; the callback owns the string (`sl_string_free`).
 */
enum sl_status sl_jellyfin_ping_system_async(const struct sl_jellyfin_client *client, sl_string_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /System/Info/Public`: the server's name, version and id, which a client checks
 * before it logs in. Needs no login.
 *
 * Ownership: borrows all arguments; `*public_system_info_out` is owned by the caller (`sl_public_system_info_free`).
 */
enum sl_status sl_jellyfin_get_public_system_info(const struct sl_jellyfin_client *client, struct sl_public_system_info **public_system_info_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_get_public_system_info`.
 *
 * Ownership: borrows all arguments; the callback owns the result (`sl_public_system_info_free`).
 */
enum sl_status sl_jellyfin_get_public_system_info_async(const struct sl_jellyfin_client *client, sl_public_system_info_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /System/Info`: the public facts and the server's state (a pending restart,
 * shutting down). Needs a login; a user who may not see it (outside the parental
 * schedule) is a `Forbidden` error. Clients such as jellyfin-apiclient-python call it
 * first after connecting.
 *
 * Ownership: borrows all arguments; `*system_info_out` is owned by the caller (`sl_system_info_free`).
 */
enum sl_status sl_jellyfin_get_system_info(const struct sl_jellyfin_client *client, struct sl_system_info **system_info_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_get_system_info`.
 *
 * Ownership: borrows all arguments; the callback owns the result (`sl_system_info_free`).
 */
enum sl_status sl_jellyfin_get_system_info_async(const struct sl_jellyfin_client *client, sl_system_info_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /QuickConnect/Enabled`: whether the server's administrator turned Quick Connect
 * on. Needs no login.
 *
 * Ownership: borrows all arguments; writes `*result_out`.
 */
enum sl_status sl_jellyfin_get_quick_connect_enabled(const struct sl_jellyfin_client *client, bool *result_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_get_quick_connect_enabled`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_get_quick_connect_enabled_async(const struct sl_jellyfin_client *client, sl_bool_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /QuickConnect/Initiate`: starts a Quick Connect request for this client's device
 * and returns its code (to show) and secret (to keep). Needs no login. A server with
 * Quick Connect turned off answers `Unauthorized`. The request expires after 10 minutes.
 *
 * Ownership: borrows all arguments; `*quick_connect_result_out` is owned by the caller (`sl_quick_connect_result_free`).
 */
enum sl_status sl_jellyfin_initiate_quick_connect(const struct sl_jellyfin_client *client, struct sl_quick_connect_result **quick_connect_result_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_initiate_quick_connect`.
 *
 * Ownership: borrows all arguments; the callback owns the result (`sl_quick_connect_result_free`).
 */
enum sl_status sl_jellyfin_initiate_quick_connect_async(const struct sl_jellyfin_client *client, sl_quick_connect_result_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /QuickConnect/Connect`: the state of the request with this secret; its
 * `authenticated` turns true once a user approved the code. An unknown or expired secret
 * is a `NotFound` error; Quick Connect turned off is `Unauthorized`.
 *
 * Arguments:
 * - `secret`: a string.
 *
 * Ownership: borrows all arguments; `*quick_connect_result_out` is owned by the caller (`sl_quick_connect_result_free`).
 */
enum sl_status sl_jellyfin_get_quick_connect_state(const struct sl_jellyfin_client *client, const char *secret, struct sl_quick_connect_result **quick_connect_result_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_get_quick_connect_state`.
 *
 * Ownership: borrows all arguments; the callback owns the result (`sl_quick_connect_result_free`).
 */
enum sl_status sl_jellyfin_get_quick_connect_state_async(const struct sl_jellyfin_client *client, const char *secret, sl_quick_connect_result_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /QuickConnect/Authorize`: approves the pending request with this code, logging
 * its device in as the caller, or as `user_id` (administrators only for another user).
 * Needs a login. An unknown or expired code is a `NotFound` error; a code approved
 * before is a `Server` error (the server answers 500).
 *
 * Arguments:
 * - `code`: a string.
 * - `user_id`: a string; NULL leaves it out.
 *
 * Ownership: borrows all arguments; writes `*result_out`.
 */
enum sl_status sl_jellyfin_authorize_quick_connect(const struct sl_jellyfin_client *client, const char *code, const char *user_id, bool *result_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_authorize_quick_connect`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_authorize_quick_connect_async(const struct sl_jellyfin_client *client, const char *code, const char *user_id, sl_bool_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `POST /Users/AuthenticateWithQuickConnect`: exchanges the secret of an approved
 * request for the access token, and keeps the token and user id on the client (as
 * `authenticate_by_name` does). The server hands out the same token for the secret until
 * the request expires. A secret not (or no longer) approved is a `NotFound` error.
 *
 * Arguments:
 * - `secret`: a string.
 *
 * Ownership: borrows all arguments; `*result_out` (`result_out` may be NULL) is owned by the caller (`sl_auth_result_free`).
 */
enum sl_status sl_jellyfin_authenticate_with_quick_connect(const struct sl_jellyfin_client *client, const char *secret, struct sl_auth_result **result_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_authenticate_with_quick_connect`.
 *
 * Ownership: borrows all arguments; the callback owns the result (`sl_auth_result_free`).
 */
enum sl_status sl_jellyfin_authenticate_with_quick_connect_async(const struct sl_jellyfin_client *client, const char *secret, sl_auth_result_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * The address the server believes it is reachable at on the local network. (`LocalAddress`); NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_public_system_info_local_address(const struct sl_public_system_info *info);

/**
 * `ServerName`; NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_public_system_info_server_name(const struct sl_public_system_info *info);

/**
 * The server's version (`10.11.11`). (`Version`); NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_public_system_info_version(const struct sl_public_system_info *info);

/**
 * `Jellyfin Server` for Jellyfin. (`ProductName`); NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_public_system_info_product_name(const struct sl_public_system_info *info);

/**
 * Deprecated by the server; usually empty. (`OperatingSystem`); NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_public_system_info_operating_system(const struct sl_public_system_info *info);

/**
 * The server's id, stable across restarts (32 hex digits). (`Id`); NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_public_system_info_id(const struct sl_public_system_info *info);

/**
 * Whether the server has been set up (a new server answers `false` until then). (`StartupWizardCompleted`): writes it to `*out` and returns true, or returns false when it is absent
 * (or `info` or `out` is NULL).
 *
 * Ownership: borrows `info`.
 */
bool sl_public_system_info_startup_wizard_completed(const struct sl_public_system_info *info, bool *out);

/**
 * The whole result as JSON text, with the wire's field names and nothing left out.
 *
 * Ownership: borrows `info`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_public_system_info_json(const struct sl_public_system_info *info, char **json_out, struct sl_error **err);

/**
 * Frees the object and the strings borrowed from it. NULL is a no-op.
 *
 * Ownership: takes `info`.
 */
void sl_public_system_info_free(struct sl_public_system_info *info);

/**
 * Whether a user approved the code. (`Authenticated`); false when `result` is NULL.
 *
 * Ownership: borrows `result`.
 */
bool sl_quick_connect_result_authenticated(const struct sl_quick_connect_result *result);

/**
 * What the device exchanges for a token (64 hex digits on Jellyfin): a credential. (`Secret`); NULL when absent or `result` is NULL.
 *
 * Ownership: borrows `result`; the string lives as long as `result`.
 */
const char *sl_quick_connect_result_secret(const struct sl_quick_connect_result *result);

/**
 * The six digits a user types on another device to approve this one. (`Code`); NULL when absent or `result` is NULL.
 *
 * Ownership: borrows `result`; the string lives as long as `result`.
 */
const char *sl_quick_connect_result_code(const struct sl_quick_connect_result *result);

/**
 * `DeviceId`; NULL when absent or `result` is NULL.
 *
 * Ownership: borrows `result`; the string lives as long as `result`.
 */
const char *sl_quick_connect_result_device_id(const struct sl_quick_connect_result *result);

/**
 * `DeviceName`; NULL when absent or `result` is NULL.
 *
 * Ownership: borrows `result`; the string lives as long as `result`.
 */
const char *sl_quick_connect_result_device_name(const struct sl_quick_connect_result *result);

/**
 * `AppName`; NULL when absent or `result` is NULL.
 *
 * Ownership: borrows `result`; the string lives as long as `result`.
 */
const char *sl_quick_connect_result_app_name(const struct sl_quick_connect_result *result);

/**
 * `AppVersion`; NULL when absent or `result` is NULL.
 *
 * Ownership: borrows `result`; the string lives as long as `result`.
 */
const char *sl_quick_connect_result_app_version(const struct sl_quick_connect_result *result);

/**
 * When the request was made (pushed one minute ahead when it is approved). (`DateAdded`); NULL when absent or `result` is NULL.
 *
 * Ownership: borrows `result`; the string lives as long as `result`.
 */
const char *sl_quick_connect_result_date_added(const struct sl_quick_connect_result *result);

/**
 * The whole result as JSON text, with the wire's field names and nothing left out.
 *
 * Ownership: borrows `result`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_quick_connect_result_json(const struct sl_quick_connect_result *result, char **json_out, struct sl_error **err);

/**
 * Frees the object and the strings borrowed from it. NULL is a no-op.
 *
 * Ownership: takes `result`.
 */
void sl_quick_connect_result_free(struct sl_quick_connect_result *result);

/**
 * `LocalAddress`; NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_system_info_local_address(const struct sl_system_info *info);

/**
 * `ServerName`; NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_system_info_server_name(const struct sl_system_info *info);

/**
 * The server's version (`10.11.11`). (`Version`); NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_system_info_version(const struct sl_system_info *info);

/**
 * `ProductName`; NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_system_info_product_name(const struct sl_system_info *info);

/**
 * Deprecated by the server; usually empty. (`OperatingSystem`); NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_system_info_operating_system(const struct sl_system_info *info);

/**
 * The server's id, stable across restarts (32 hex digits). (`Id`); NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_system_info_id(const struct sl_system_info *info);

/**
 * `StartupWizardCompleted`: writes it to `*out` and returns true, or returns false when it is absent
 * (or `info` or `out` is NULL).
 *
 * Ownership: borrows `info`.
 */
bool sl_system_info_startup_wizard_completed(const struct sl_system_info *info, bool *out);

/**
 * How the server was packaged (`jellyfin-server`, a container image...). (`PackageName`); NULL when absent or `info` is NULL.
 *
 * Ownership: borrows `info`; the string lives as long as `info`.
 */
const char *sl_system_info_package_name(const struct sl_system_info *info);

/**
 * Whether the server waits for a restart to apply a change. (`HasPendingRestart`); false when `info` is NULL.
 *
 * Ownership: borrows `info`.
 */
bool sl_system_info_has_pending_restart(const struct sl_system_info *info);

/**
 * Whether the server is shutting down (it answers 503 then, and sessions end). (`IsShuttingDown`); false when `info` is NULL.
 *
 * Ownership: borrows `info`.
 */
bool sl_system_info_is_shutting_down(const struct sl_system_info *info);

/**
 * `SupportsLibraryMonitor`; false when `info` is NULL.
 *
 * Ownership: borrows `info`.
 */
bool sl_system_info_supports_library_monitor(const struct sl_system_info *info);

/**
 * `WebSocketPortNumber`: writes it to `*out` and returns true, or returns false when it is absent
 * (or `info` or `out` is NULL).
 *
 * Ownership: borrows `info`.
 */
bool sl_system_info_web_socket_port_number(const struct sl_system_info *info, int32_t *out);

/**
 * The whole result as JSON text, with the wire's field names and nothing left out.
 *
 * Ownership: borrows `info`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_system_info_json(const struct sl_system_info *info, char **json_out, struct sl_error **err);

/**
 * Frees the object and the strings borrowed from it. NULL is a no-op.
 *
 * Ownership: takes `info`.
 */
void sl_system_info_free(struct sl_system_info *info);

/**
 * `Name`; NULL when absent or `user` is NULL.
 *
 * Ownership: borrows `user`; the string lives as long as `user`.
 */
const char *sl_user_name(const struct sl_user *user);

/**
 * `ServerId`; NULL when absent or `user` is NULL.
 *
 * Ownership: borrows `user`; the string lives as long as `user`.
 */
const char *sl_user_server_id(const struct sl_user *user);

/**
 * `ServerName`; NULL when absent or `user` is NULL.
 *
 * Ownership: borrows `user`; the string lives as long as `user`.
 */
const char *sl_user_server_name(const struct sl_user *user);

/**
 * `Id`; NULL when absent or `user` is NULL.
 *
 * Ownership: borrows `user`; the string lives as long as `user`.
 */
const char *sl_user_id(const struct sl_user *user);

/**
 * `PrimaryImageTag`; NULL when absent or `user` is NULL.
 *
 * Ownership: borrows `user`; the string lives as long as `user`.
 */
const char *sl_user_primary_image_tag(const struct sl_user *user);

/**
 * `HasPassword`; false when `user` is NULL.
 *
 * Ownership: borrows `user`.
 */
bool sl_user_has_password(const struct sl_user *user);

/**
 * `HasConfiguredPassword`; false when `user` is NULL.
 *
 * Ownership: borrows `user`.
 */
bool sl_user_has_configured_password(const struct sl_user *user);

/**
 * `EnableAutoLogin`: writes it to `*out` and returns true, or returns false when it is absent
 * (or `user` or `out` is NULL).
 *
 * Ownership: borrows `user`.
 */
bool sl_user_enable_auto_login(const struct sl_user *user, bool *out);

/**
 * `LastLoginDate`; NULL when absent or `user` is NULL.
 *
 * Ownership: borrows `user`; the string lives as long as `user`.
 */
const char *sl_user_last_login_date(const struct sl_user *user);

/**
 * `LastActivityDate`; NULL when absent or `user` is NULL.
 *
 * Ownership: borrows `user`; the string lives as long as `user`.
 */
const char *sl_user_last_activity_date(const struct sl_user *user);

/**
 * The whole result as JSON text, with the wire's field names and nothing left out.
 *
 * Ownership: borrows `user`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_user_json(const struct sl_user *user, char **json_out, struct sl_error **err);

/**
 * Frees the object and the strings borrowed from it. NULL is a no-op.
 *
 * Ownership: takes `user`.
 */
void sl_user_free(struct sl_user *user);

/**
 * Replaces the client's access token or API key; NULL forgets it. Calls already in flight
 * keep the token they started with.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_jellyfin_client_set_token(const struct sl_jellyfin_client *client, const char *token, struct sl_error **err);

/**
 * Whether the client holds an access token or API key. False when `client` is NULL.
 *
 * Ownership: borrows `client`.
 */
bool sl_jellyfin_client_has_token(const struct sl_jellyfin_client *client);

/**
 * The user id learnt from the last successful `sl_jellyfin_authenticate_by_name`;
 * `*user_id_out` is NULL when the client has not logged in.
 *
 * Ownership: borrows `client`; `*user_id_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_jellyfin_client_user_id(const struct sl_jellyfin_client *client, char **user_id_out, struct sl_error **err);

/**
 * The device id the client sends (`DeviceId=`: the given one, or the default made from the
 * host name). The server keys sessions on it and the client name, which is how
 * `sl_jellyfin_current_session` finds the client's own session.
 *
 * Ownership: borrows `client`; `*device_id_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_jellyfin_client_device_id(const struct sl_jellyfin_client *client, char **device_id_out, struct sl_error **err);

/**
 * The device name the client sends (`Device=`), as other clients show it.
 *
 * Ownership: borrows `client`; `*device_name_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_jellyfin_client_device_name(const struct sl_jellyfin_client *client, char **device_name_out, struct sl_error **err);

/**
 * The application name the client sends (`Client=`).
 *
 * Ownership: borrows `client`; `*client_name_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_jellyfin_client_name(const struct sl_jellyfin_client *client, char **client_name_out, struct sl_error **err);

/**
 * Frees a client. NULL is a no-op. Operations still in flight keep what they need alive and
 * complete normally: each callback still runs exactly once, possibly after this returns.
 *
 * Ownership: takes `client`; no other thread may be inside a blocking call on it.
 */
void sl_jellyfin_client_free(struct sl_jellyfin_client *client);

/**
 * The number of sessions; 0 when `list` is NULL.
 *
 * Ownership: borrows `list`.
 */
size_t sl_session_list_len(const struct sl_session_list *list);

/**
 * The session at `index`, or NULL when `list` is NULL or `index` is out of range.
 *
 * Ownership: borrows `list`; the session is valid until `sl_session_list_free(list)`.
 */
const struct sl_session *sl_session_list_get(const struct sl_session_list *list, size_t index);

/**
 * The whole list as the server's JSON array (lossless).
 *
 * Ownership: borrows `list`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_session_list_json(const struct sl_session_list *list, char **json_out, struct sl_error **err);

/**
 * Frees a session list and every session and string borrowed from it. NULL is a no-op.
 *
 * Ownership: takes `list`.
 */
void sl_session_list_free(struct sl_session_list *list);

/**
 * The session id (`Id`: 32 hex characters), the value the command operations take.
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_id(const struct sl_session *session);

/**
 * The user id (`UserId`; all zeros for API-key sessions).
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_user_id(const struct sl_session *session);

/**
 * The user name (`UserName`).
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_user_name(const struct sl_session *session);

/**
 * The client application (`Client`).
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_client(const struct sl_session *session);

/**
 * The device name (`DeviceName`).
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_device_name(const struct sl_session *session);

/**
 * The device id (`DeviceId`).
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_device_id(const struct sl_session *session);

/**
 * The client application's version (`ApplicationVersion`).
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_application_version(const struct sl_session *session);

/**
 * The last activity time (`LastActivityDate`) as the server wrote it (ISO 8601, UTC).
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_last_activity_date(const struct sl_session *session);

/**
 * Whether the session accepts remote control (`SupportsRemoteControl`); false when NULL.
 *
 * Ownership: borrows `session`.
 */
bool sl_session_supports_remote_control(const struct sl_session *session);

/**
 * Whether the session accepts media control (`SupportsMediaControl`); false when NULL.
 *
 * Ownership: borrows `session`.
 */
bool sl_session_supports_media_control(const struct sl_session *session);

/**
 * The id of the item playing (`NowPlayingItem.Id`); NULL when nothing plays.
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_now_playing_item_id(const struct sl_session *session);

/**
 * The name of the item playing (`NowPlayingItem.Name`); NULL when nothing plays.
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_now_playing_item_name(const struct sl_session *session);

/**
 * The kind of the item playing (`NowPlayingItem.Type`, for example `"Episode"`); NULL when
 * nothing plays.
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_session_now_playing_item_type(const struct sl_session *session);

/**
 * Writes the run time of the item playing (`NowPlayingItem.RunTimeTicks`, 10,000 ticks per
 * millisecond) to `*ticks_out` and returns true; returns false and writes nothing when
 * nothing plays, the value is absent, or an argument is NULL.
 *
 * Ownership: borrows `session`.
 */
bool sl_session_now_playing_item_run_time_ticks(const struct sl_session *session, int64_t *ticks_out);

/**
 * Writes the playback position (`PlayState.PositionTicks`) to `*ticks_out` and returns
 * true; returns false and writes nothing when it is absent or an argument is NULL.
 *
 * Ownership: borrows `session`.
 */
bool sl_session_position_ticks(const struct sl_session *session, int64_t *ticks_out);

/**
 * Whether playback is paused (`PlayState.IsPaused`); false when there is no play state.
 *
 * Ownership: borrows `session`.
 */
bool sl_session_is_paused(const struct sl_session *session);

/**
 * Whether the player is muted (`PlayState.IsMuted`); false when there is no play state.
 *
 * Ownership: borrows `session`.
 */
bool sl_session_is_muted(const struct sl_session *session);

/**
 * Writes the volume (`PlayState.VolumeLevel`, 0-100) to `*volume_out` and returns true;
 * returns false and writes nothing when it is absent or an argument is NULL.
 *
 * Ownership: borrows `session`.
 */
bool sl_session_volume_level(const struct sl_session *session, int32_t *volume_out);

/**
 * The whole session as the server's JSON (lossless: unknown fields included).
 *
 * Ownership: borrows `session`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_session_json(const struct sl_session *session, char **json_out, struct sl_error **err);

/**
 * The access token of the new login (`AccessToken`). The client has already adopted it;
 * read it only to store it (it is a secret).
 *
 * Ownership: borrows `result`; the string lives as long as the result.
 */
const char *sl_auth_result_access_token(const struct sl_auth_result *result);

/**
 * The logged-in user's id (`User.Id`).
 *
 * Ownership: borrows `result`; the string lives as long as the result.
 */
const char *sl_auth_result_user_id(const struct sl_auth_result *result);

/**
 * The logged-in user's name (`User.Name`).
 *
 * Ownership: borrows `result`; the string lives as long as the result.
 */
const char *sl_auth_result_user_name(const struct sl_auth_result *result);

/**
 * The server id (`ServerId`).
 *
 * Ownership: borrows `result`; the string lives as long as the result.
 */
const char *sl_auth_result_server_id(const struct sl_auth_result *result);

/**
 * Whether the logged-in user is an administrator (`User.Policy.IsAdministrator`).
 *
 * Ownership: borrows `result`.
 */
bool sl_auth_result_is_administrator(const struct sl_auth_result *result);

/**
 * The session the login created (`SessionInfo`); NULL when absent.
 *
 * Ownership: borrows `result`; the session is valid until `sl_auth_result_free(result)`.
 */
const struct sl_session *sl_auth_result_session(const struct sl_auth_result *result);

/**
 * The whole login result as the server's JSON (it contains the access token).
 *
 * Ownership: borrows `result`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_auth_result_json(const struct sl_auth_result *result, char **json_out, struct sl_error **err);

/**
 * Frees a login result and everything borrowed from it. NULL is a no-op.
 *
 * Ownership: takes `result`.
 */
void sl_auth_result_free(struct sl_auth_result *result);

/**
 * The number of pairs; 0 when `list` is NULL.
 *
 * Ownership: borrows `list`.
 */
size_t sl_name_id_list_len(const struct sl_name_id_list *list);

/**
 * The name of pair `index`; NULL when absent or out of range.
 *
 * Ownership: borrows `list`; the string is valid until `sl_name_id_list_free(list)`.
 */
const char *sl_name_id_list_name(const struct sl_name_id_list *list, size_t index);

/**
 * The id of pair `index` (for providers a .NET type name, not a GUID); NULL when absent or
 * out of range.
 *
 * Ownership: borrows `list`; the string is valid until `sl_name_id_list_free(list)`.
 */
const char *sl_name_id_list_id(const struct sl_name_id_list *list, size_t index);

/**
 * The whole list as the server's JSON array.
 *
 * Ownership: borrows `list`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_name_id_list_json(const struct sl_name_id_list *list, char **json_out, struct sl_error **err);

/**
 * Frees a name/id list and every string borrowed from it. NULL is a no-op.
 *
 * Ownership: takes `list`.
 */
void sl_name_id_list_free(struct sl_name_id_list *list);

/**
 * Logs in with Quick Connect in one call: `POST /QuickConnect/Initiate`, then `on_code` with the code to
 * show, then `GET /QuickConnect/Connect` every `poll_interval_ms` (0: every 5 s) until a
 * signed-in user approved the code, then `POST /Users/AuthenticateWithQuickConnect`; the
 * client keeps the token and user id. Blocks until then. Errors:
 * `SL_STATUS_UNAUTHORIZED` (Quick Connect is turned off on the server),
 * `SL_STATUS_NOT_FOUND` (the code expired), `SL_STATUS_TIMEOUT` (no approval within
 * `timeout_ms`; 0: 10 minutes, the code's lifetime). To cancel, use the `_async` form and
 * `sl_op_cancel`.
 *
 * Arguments:
 * - `timeout_ms`, `poll_interval_ms`: milliseconds; 0 takes the default.
 * - `on_code`: receives the code once, on a library thread (see
 *   `sl_quick_connect_code_callback`); `user_data` is passed to it.
 *
 * Ownership: borrows all arguments; `*result_out` (`result_out` may be NULL) is owned by the
 * caller (`sl_auth_result_free`).
 */
enum sl_status sl_jellyfin_quick_connect(const struct sl_jellyfin_client *client, uint32_t timeout_ms, uint32_t poll_interval_ms, sl_quick_connect_code_callback on_code, void *user_data, struct sl_auth_result **result_out, struct sl_error **err);

/**
 * Async `sl_jellyfin_quick_connect`: returns at once; `on_code` and then `callback` run on
 * library threads, both with `user_data`. `sl_op_cancel` stops the flow wherever it is (the
 * polling included); `callback` then gets `SL_STATUS_CANCELLED`.
 *
 * Ownership: borrows all arguments; the callback owns the result (`sl_auth_result_free`).
 */
enum sl_status sl_jellyfin_quick_connect_async(const struct sl_jellyfin_client *client, uint32_t timeout_ms, uint32_t poll_interval_ms, sl_quick_connect_code_callback on_code, sl_auth_result_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * Fills `options` with the defaults: no capabilities, no subscription, a buffer of 256,
 * reconnects after 1 s doubling up to 60 s. NULL is a no-op.
 *
 * Ownership: borrows `options`.
 */
void sl_socket_options_init(struct sl_socket_options *options);

/**
 * Opens the session's WebSocket (`ws(s)://<base URL>/socket`, authenticated as the HTTP
 * calls are; the client needs a token) and posts `options->capabilities_json` if set.
 * Blocks until the first connection is up: its failure is the return value, and then no
 * callback ever runs. From then on the callbacks run on the socket's own thread, as the
 * preamble's "Session sockets" says; later drops reconnect by themselves. `options` NULL
 * means the defaults; `on_message` is required, `on_state` and `on_end` may be NULL.
 *
 * Ownership: borrows all arguments (`user_data` is passed to the callbacks until `on_end`
 * has returned); `*socket_out` is owned by the caller (`sl_socket_free`).
 */
enum sl_status sl_jellyfin_open_socket(const struct sl_jellyfin_client *client, const struct sl_socket_options *options, sl_socket_message_callback on_message, sl_socket_state_callback on_state, sl_socket_end_callback on_end, void *user_data, struct sl_socket **socket_out, struct sl_error **err);

/**
 * Makes the client a remote-controllable session in one call: opens its socket as
 * `sl_jellyfin_open_socket` does, posting capabilities with `SupportsMediaControl` true and
 * the given playable media types (`MediaType` names) and supported commands
 * (`GeneralCommandType` names) after every (re)connect. `options->capabilities_json`, when
 * set, is the base those three fields are set on (for a `DeviceProfile`, say). The
 * `Play`, `Playstate` and `GeneralCommand` messages sent to the session then arrive at
 * `on_message`; report what plays with `sl_jellyfin_report_playback_start` and the others.
 * Arrays may be NULL when their length is 0.
 *
 * Ownership: borrows all arguments (`user_data` as in `sl_jellyfin_open_socket`);
 * `*socket_out` is owned by the caller (`sl_socket_free`).
 */
enum sl_status sl_jellyfin_become_controllable(const struct sl_jellyfin_client *client, const char *const *playable_media_types, size_t playable_media_types_len, const char *const *supported_commands, size_t supported_commands_len, const struct sl_socket_options *options, sl_socket_message_callback on_message, sl_socket_state_callback on_state, sl_socket_end_callback on_end, void *user_data, struct sl_socket **socket_out, struct sl_error **err);

/**
 * Starts `Sessions` pushes (`SessionsStart`): the server pushes the list on session events,
 * at most one per `interval_ms` (it ignores `initial_delay_ms`, and sends nothing on
 * subscribing); renewed after reconnects, and subscribing again replaces the subscription.
 * `SL_STATUS_INVALID_ARGUMENT` once the socket has ended (its `on_end` has run, or is
 * running).
 *
 * Ownership: borrows `socket`.
 */
enum sl_status sl_socket_subscribe_sessions(const struct sl_socket *socket, uint32_t initial_delay_ms, uint32_t interval_ms, struct sl_error **err);

/**
 * Stops `Sessions` pushes (`SessionsStop`). `SL_STATUS_INVALID_ARGUMENT` once the socket has
 * ended (its `on_end` has run, or is running).
 *
 * Ownership: borrows `socket`.
 */
enum sl_status sl_socket_unsubscribe_sessions(const struct sl_socket *socket, struct sl_error **err);

/**
 * Closes the socket cleanly (a WebSocket close); returns at once. Events already received
 * are still delivered, then `on_end` runs with `SL_STATUS_OK`, on the socket's thread.
 * Closing again, or after the socket ended, does nothing. May be called from any thread,
 * inside the socket's callbacks too.
 *
 * Ownership: borrows `socket`.
 */
enum sl_status sl_socket_close(const struct sl_socket *socket, struct sl_error **err);

/**
 * Frees a socket, closing it first if it is open (`on_end` then gets `SL_STATUS_CANCELLED`,
 * or `SL_STATUS_OK` after `sl_socket_close`); events not delivered yet are dropped. Waits
 * until `on_end` has returned, so that no callback runs after this returns and `user_data`
 * may be freed (a reconnect attempt in progress is let finish first, within the transport's
 * timeouts). Inside one of the socket's own callbacks it cannot wait: `on_end` then runs
 * right after that callback returns. NULL is a no-op.
 *
 * Ownership: takes `socket`; no other thread may use it during or after this call.
 */
void sl_socket_free(struct sl_socket *socket);

/**
 * The kind (`MessageType`, for example `"Playstate"`, `"KeepAlive"` or a kind this version
 * does not know); NULL when `message` is NULL.
 *
 * Ownership: borrows `message`; the string lives as long as the message.
 */
const char *sl_socket_message_type(const struct sl_socket_message *message);

/**
 * The message id (`MessageId`, shared by every recipient of a broadcast); NULL when absent.
 *
 * Ownership: borrows `message`; the string lives as long as the message.
 */
const char *sl_socket_message_id(const struct sl_socket_message *message);

/**
 * Whether this version types the kind (`ForceKeepAlive`, `KeepAlive`, `GeneralCommand`,
 * `Play`, `Playstate`, `Sessions`, `UserDataChanged`, `RestartRequired`,
 * `ServerRestarting`, `ServerShuttingDown`). Other kinds are delivered all the same, with
 * their data as sent. False when `message` is NULL.
 *
 * Ownership: borrows `message`.
 */
bool sl_socket_message_is_known(const struct sl_socket_message *message);

/**
 * The whole envelope as received (`{"MessageType":..,"MessageId":..,"Data":..}`, unknown
 * fields included) as JSON text; NULL when `message` is NULL.
 *
 * Ownership: borrows `message`; the string lives as long as the message.
 */
const char *sl_socket_message_json(const struct sl_socket_message *message);

/**
 * The message's `Data` as JSON text, as sent; NULL when it has none.
 *
 * Ownership: borrows `message`; the string lives as long as the message.
 */
const char *sl_socket_message_data_json(const struct sl_socket_message *message);

/**
 * The command of a `Playstate` message (a `PlaystateCommand` name: `"Pause"`, `"Seek"`,
 * ...); NULL for other kinds.
 *
 * Ownership: borrows `message`; the string lives as long as the message.
 */
const char *sl_socket_message_playstate_command(const struct sl_socket_message *message);

/**
 * Writes a `Playstate` message's `SeekPositionTicks` (10,000 per millisecond) to
 * `*ticks_out` and returns true; false, writing nothing, for other kinds, when it is absent
 * or an argument is NULL.
 *
 * Ownership: borrows `message`.
 */
bool sl_socket_message_seek_position_ticks(const struct sl_socket_message *message, int64_t *ticks_out);

/**
 * The command of a `Play` message (a `PlayCommand` name: `"PlayNow"`, `"PlayNext"`, ...);
 * NULL for other kinds.
 *
 * Ownership: borrows `message`; the string lives as long as the message.
 */
const char *sl_socket_message_play_command(const struct sl_socket_message *message);

/**
 * The number of item ids of a `Play` message; 0 for other kinds.
 *
 * Ownership: borrows `message`.
 */
size_t sl_socket_message_item_ids_len(const struct sl_socket_message *message);

/**
 * The item id at `index` of a `Play` message; NULL out of range or for other kinds.
 *
 * Ownership: borrows `message`; the string lives as long as the message.
 */
const char *sl_socket_message_item_id(const struct sl_socket_message *message, size_t index);

/**
 * Writes a `Play` message's `StartPositionTicks` to `*ticks_out` and returns true; false,
 * writing nothing, for other kinds, when it is absent or an argument is NULL.
 *
 * Ownership: borrows `message`.
 */
bool sl_socket_message_start_position_ticks(const struct sl_socket_message *message, int64_t *ticks_out);

/**
 * The command of a `GeneralCommand` message (a `GeneralCommandType` name:
 * `"DisplayMessage"`, `"SetVolume"`, `"DisplayContent"`, ...); NULL for other kinds.
 *
 * Ownership: borrows `message`; the string lives as long as the message.
 */
const char *sl_socket_message_command_name(const struct sl_socket_message *message);

/**
 * The value of the argument `name` (exact, for example `"Header"`, `"Text"`,
 * `"TimeoutMs"`, `"Volume"`, `"ItemId"`) of a `GeneralCommand` message; NULL when it has no
 * such argument (or a null value), for other kinds, or when `name` is NULL or not UTF-8.
 *
 * Ownership: borrows all arguments; the string lives as long as the message.
 */
const char *sl_socket_message_argument(const struct sl_socket_message *message, const char *name);

/**
 * The sessions of a `Sessions` message, as a new list (a copy the caller owns, which may
 * outlive the message). `SL_STATUS_INVALID_ARGUMENT` for other kinds.
 *
 * Ownership: borrows `message`; `*sessions_out` is owned by the caller (`sl_session_list_free`).
 */
enum sl_status sl_socket_message_sessions(const struct sl_socket_message *message, struct sl_session_list **sessions_out, struct sl_error **err);

/**
 * Fills `options` with the defaults: no targets, 1000 ms, broadcast when no target is
 * given, port 7359, no limit. NULL is a no-op.
 *
 * Ownership: borrows `options`.
 */
void sl_discovery_options_init(struct sl_discovery_options *options);

/**
 * Asks for Jellyfin servers over UDP and blocks until `timeout_ms` passed (or `limit`
 * servers answered); `*servers_out` then holds those that answered (possibly none).
 * Replies that are not a server's answer are skipped. Never blocks past the timeout.
 * Broadcast reaches the networks of this host's interfaces only: give a server on another
 * network (or in a container) as a target.
 *
 * Errors: `SL_STATUS_INVALID_ARGUMENT` (a bad target, timeout, port, or no targets with
 * `SL_DISCOVERY_BROADCAST_NEVER`), `SL_STATUS_CONNECT` (a target that does not resolve, no
 * socket), `SL_STATUS_TIMEOUT` (resolving the targets took the whole timeout).
 *
 * Ownership: borrows `options` (NULL: the defaults, which broadcast) and its strings;
 * `*servers_out` is owned by the caller (`sl_discovered_servers_free`).
 */
enum sl_status sl_discover_servers(const struct sl_discovery_options *options, struct sl_discovered_servers **servers_out, struct sl_error **err);

/**
 * The number of servers; 0 when `servers` is NULL.
 *
 * Ownership: borrows `servers`.
 */
size_t sl_discovered_servers_len(const struct sl_discovered_servers *servers);

/**
 * The base URL of server `index` (`http://192.168.1.20:8096`): what to give
 * `sl_jellyfin_options.base_url`. NULL out of range.
 *
 * Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
 */
const char *sl_discovered_servers_address(const struct sl_discovered_servers *servers, size_t index);

/**
 * The id of server `index` (32 hex digits). NULL out of range.
 *
 * Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
 */
const char *sl_discovered_servers_id(const struct sl_discovered_servers *servers, size_t index);

/**
 * The friendly name of server `index`. NULL out of range.
 *
 * Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
 */
const char *sl_discovered_servers_name(const struct sl_discovered_servers *servers, size_t index);

/**
 * The endpoint address of server `index`; NULL when it sent none (current servers send
 * `null`) or out of range.
 *
 * Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
 */
const char *sl_discovered_servers_endpoint_address(const struct sl_discovered_servers *servers, size_t index);

/**
 * `host:port` the reply of server `index` came from. NULL out of range.
 *
 * Ownership: borrows `servers`; the string is valid until `sl_discovered_servers_free`.
 */
const char *sl_discovered_servers_responder(const struct sl_discovered_servers *servers, size_t index);

/**
 * The reply of server `index` as its JSON (`ServerDiscoveryInfo`, unknown fields kept).
 * `SL_STATUS_INVALID_ARGUMENT` out of range.
 *
 * Ownership: borrows `servers`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_discovered_servers_json(const struct sl_discovered_servers *servers, size_t index, char **json_out, struct sl_error **err);

/**
 * Frees the servers and every string borrowed from them. NULL is a no-op.
 *
 * Ownership: takes `servers`.
 */
void sl_discovered_servers_free(struct sl_discovered_servers *servers);

/**
 * Fills `options` with the defaults: every string NULL, timeouts 10 s / 30 s. NULL is a
 * no-op.
 *
 * Ownership: borrows `options`.
 */
void sl_g4_options_init(struct sl_g4_options *options);

/**
 * Creates a client. Nothing is sent over the network; the options are checked (URL, tenant,
 * header values without control characters, at most one credential, timeouts).
 *
 * Ownership: borrows `options`; `*client_out` is owned by the caller (`sl_g4_client_free`).
 */
enum sl_status sl_g4_client_new(const struct sl_g4_options *options, struct sl_g4_client **client_out, struct sl_error **err);

/**
 * `POST /session`: logs in and creates a session. On success the client uses the new
 * session id (or the bearer the service returns) as its bearer token from then on.
 * Wrong credentials (`validCredentials: false`) are an `Unauthorized` error; a valid user
 * without access to the tenant (`accessAllowed: false`) a `Forbidden` one; both with HTTP
 * status 200. `data` is any JSON value, `timeout` a sliding time-to-live in seconds (> 0),
 * `detail` a JSON object.
 *
 * Arguments:
 * - `username`: a string.
 * - `password`: a string (a credential: never logged).
 * - `data_json`: JSON text of any value; NULL leaves it out. Any JSON value; becomes the session's initial data.
 * - `timeout`: a pointer to an `i32`; NULL leaves it out. Sliding time-to-live in seconds; absent means the service's default.
 * - `detail_json`: JSON text of an object; NULL leaves it out. Free-form details about the login (for example the remote address), for audit.
 *
 * Ownership: borrows all arguments; `*login_out` (`login_out` may be NULL) is owned by the caller (`sl_g4_login_free`).
 */
enum sl_status sl_g4_create_session(const struct sl_g4_client *client, const char *username, const char *password, const char *data_json, const int32_t *timeout, const char *detail_json, struct sl_g4_login **login_out, struct sl_error **err);

/**
 * Async `sl_g4_create_session`.
 *
 * Ownership: borrows all arguments; the callback owns the login (`sl_g4_login_free`).
 */
enum sl_status sl_g4_create_session_async(const struct sl_g4_client *client, const char *username, const char *password, const char *data_json, const int32_t *timeout, const char *detail_json, sl_g4_login_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /session/{id}`: reads a session and restarts its time-to-live. A session that does
 * not exist or has expired is a `NotFound` error (HTTP status 204).
 *
 * Arguments:
 * - `id`: a string.
 *
 * Ownership: borrows all arguments; `*session_out` is owned by the caller (`sl_g4_session_free`).
 */
enum sl_status sl_g4_get_session(const struct sl_g4_client *client, const char *id, struct sl_g4_session **session_out, struct sl_error **err);

/**
 * Async `sl_g4_get_session`.
 *
 * Ownership: borrows all arguments; the callback owns the session (`sl_g4_session_free`).
 */
enum sl_status sl_g4_get_session_async(const struct sl_g4_client *client, const char *id, sl_g4_session_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `GET /static-session/{id}`: reads a session without touching its time-to-live.
 *
 * Arguments:
 * - `id`: a string.
 *
 * Ownership: borrows all arguments; `*session_out` is owned by the caller (`sl_g4_session_free`).
 */
enum sl_status sl_g4_get_static_session(const struct sl_g4_client *client, const char *id, struct sl_g4_session **session_out, struct sl_error **err);

/**
 * Async `sl_g4_get_static_session`.
 *
 * Ownership: borrows all arguments; the callback owns the session (`sl_g4_session_free`).
 */
enum sl_status sl_g4_get_static_session_async(const struct sl_g4_client *client, const char *id, sl_g4_session_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `PUT /session/{id}`: replaces the session's data document. `data` is any JSON value.
 *
 * Arguments:
 * - `id`: a string.
 * - `data_json`: JSON text of any value.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_g4_update_session(const struct sl_g4_client *client, const char *id, const char *data_json, struct sl_error **err);

/**
 * Async `sl_g4_update_session`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_g4_update_session_async(const struct sl_g4_client *client, const char *id, const char *data_json, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * `DELETE /session/{id}`: ends the session. If it was this client's bearer, the client
 * forgets it.
 *
 * Arguments:
 * - `id`: a string.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_g4_delete_session(const struct sl_g4_client *client, const char *id, struct sl_error **err);

/**
 * Async `sl_g4_delete_session`.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_g4_delete_session_async(const struct sl_g4_client *client, const char *id, sl_done_callback callback, void *user_data, struct sl_op **op_out, struct sl_error **err);

/**
 * Replaces the client's credentials with a bearer token (a session id); NULL forgets them.
 *
 * Ownership: borrows all arguments.
 */
enum sl_status sl_g4_client_set_bearer(const struct sl_g4_client *client, const char *bearer, struct sl_error **err);

/**
 * Frees a client. NULL is a no-op. Operations still in flight complete normally: each
 * callback still runs exactly once, possibly after this returns.
 *
 * Ownership: takes `client`; no other thread may be inside a blocking call on it.
 */
void sl_g4_client_free(struct sl_g4_client *client);

/**
 * The new session's id (`sessionId`); the client already uses it (or `bearer`) as its
 * bearer token.
 *
 * Ownership: borrows `login`; the string lives as long as the login.
 */
const char *sl_g4_login_session_id(const struct sl_g4_login *login);

/**
 * The bearer token the service returned (`bearer`); NULL when it sent none.
 *
 * Ownership: borrows `login`; the string lives as long as the login.
 */
const char *sl_g4_login_bearer(const struct sl_g4_login *login);

/**
 * The user name (`username`).
 *
 * Ownership: borrows `login`; the string lives as long as the login.
 */
const char *sl_g4_login_username(const struct sl_g4_login *login);

/**
 * The user's full name (`fullname`).
 *
 * Ownership: borrows `login`; the string lives as long as the login.
 */
const char *sl_g4_login_fullname(const struct sl_g4_login *login);

/**
 * The user's e-mail address (`email`).
 *
 * Ownership: borrows `login`; the string lives as long as the login.
 */
const char *sl_g4_login_email(const struct sl_g4_login *login);

/**
 * Writes the user id (`userId`) to `*user_id_out` and returns true; returns false and
 * writes nothing when it is absent or an argument is NULL.
 *
 * Ownership: borrows `login`.
 */
bool sl_g4_login_user_id(const struct sl_g4_login *login, int32_t *user_id_out);

/**
 * `validCredentials` (always true in a result: false is `SL_STATUS_UNAUTHORIZED`).
 *
 * Ownership: borrows `login`.
 */
bool sl_g4_login_valid_credentials(const struct sl_g4_login *login);

/**
 * `accessAllowed` (always true in a result: false is `SL_STATUS_FORBIDDEN`).
 *
 * Ownership: borrows `login`.
 */
bool sl_g4_login_access_allowed(const struct sl_g4_login *login);

/**
 * The whole login response as the service's JSON (it contains the session id).
 *
 * Ownership: borrows `login`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_g4_login_json(const struct sl_g4_login *login, char **json_out, struct sl_error **err);

/**
 * Frees a login result. NULL is a no-op.
 *
 * Ownership: takes `login`.
 */
void sl_g4_login_free(struct sl_g4_login *login);

/**
 * The session's bearer token (`bearer`).
 *
 * Ownership: borrows `session`; the string lives as long as the session.
 */
const char *sl_g4_session_bearer(const struct sl_g4_session *session);

/**
 * The session's user id (`userId`); 0 when `session` is NULL.
 *
 * Ownership: borrows `session`.
 */
int32_t sl_g4_session_user_id(const struct sl_g4_session *session);

/**
 * The session's data document as JSON (`"null"` when it has none).
 *
 * Ownership: borrows `session`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_g4_session_data_json(const struct sl_g4_session *session, char **json_out, struct sl_error **err);

/**
 * The whole session response as the service's JSON (it contains the bearer).
 *
 * Ownership: borrows `session`; `*json_out` is owned by the caller (`sl_string_free`).
 */
enum sl_status sl_g4_session_json(const struct sl_g4_session *session, char **json_out, struct sl_error **err);

/**
 * Frees a session result. NULL is a no-op.
 *
 * Ownership: takes `session`.
 */
void sl_g4_session_free(struct sl_g4_session *session);

#ifdef __cplusplus
}  // extern "C"
#endif  // __cplusplus

#endif  /* SESSIONLINK_H */
