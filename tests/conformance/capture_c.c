/* Drives every operation of both APIs at least once through libsessionlink against a running
 * sessionlink-emulator; capture_c.py records what the emulator received and validate.py checks
 * it against the contracts.
 *
 * Usage: capture_c JELLYFIN_URL G4_URL TV_SESSION KITCHEN_SESSION MOVIE_ID BOB_ID TENANT USER PASSWORD
 * Prints one line per call ("<scenario>\t<status>") and exits non-zero if a call that should
 * succeed did not. */
#include <stdint.h>
#include <stdio.h>

#include "sessionlink.h"

static int failures = 0;

/* `expect_ok`: the scenario is a success path; anything else is a failure of the driver. */
static void report(const char *scenario, enum sl_status status, struct sl_error *err, int expect_ok) {
    printf("%s\t%d%s%s\n", scenario, (int)status, err ? "\t" : "", err ? sl_error_message(err) : "");
    if (expect_ok && status != SL_STATUS_OK) {
        failures++;
    }
    sl_error_free(err);
}

int main(int argc, char **argv) {
    if (argc != 10) {
        fprintf(stderr, "usage: capture_c JELLYFIN_URL G4_URL TV KITCHEN MOVIE BOB_ID TENANT USER PASSWORD\n");
        return 2;
    }
    const char *url = argv[1], *g4_url = argv[2], *tv = argv[3], *kitchen = argv[4], *movie = argv[5],
               *bob_id = argv[6], *tenant = argv[7], *user = argv[8], *password = argv[9];
    struct sl_error *err = NULL;
    enum sl_status st;

    struct sl_jellyfin_options jo = {0};
    jo.base_url = url;
    jo.device_name = "C \"Runner\", ü";
    jo.device_id = "c-conformance";
    jo.client_name = "conformance-c";
    jo.client_version = "3.0+c";
    jo.transport.connect_timeout_ms = 10000;
    jo.transport.request_timeout_ms = 30000;
    struct sl_jellyfin_client *jf = NULL;
    st = sl_jellyfin_client_new(&jo, &jf, &err);
    report("jellyfin client", st, err, 1);
    if (st != SL_STATUS_OK) {
        return 1;
    }

    err = NULL;
    struct sl_auth_result *auth = NULL;
    st = sl_jellyfin_authenticate_by_name(jf, "alice", "wonderland", &auth, &err);
    report("AuthenticateByName", st, err, 1);
    sl_auth_result_free(auth);

    err = NULL;
    struct sl_session_list *sessions = NULL;
    int32_t within = 600;
    st = sl_jellyfin_get_sessions(jf, NULL, NULL, NULL, &sessions, &err);
    report("GetSessions", st, err, 1);
    sl_session_list_free(sessions);
    err = NULL;
    sessions = NULL;
    st = sl_jellyfin_get_sessions(jf, bob_id, "living-room-tv", &within, &sessions, &err);
    report("GetSessions with every filter", st, err, 1);
    sl_session_list_free(sessions);

    const char *items[] = {movie};
    int64_t start = 10, seek = 600000000, timeout_ms = 5000;
    int32_t audio = 1, subtitle = 2, start_index = 0;
    err = NULL;
    st = sl_jellyfin_play(jf, tv, "PlayNext", items, 1, &start, movie, &audio, &subtitle, &start_index, &err);
    report("Play", st, err, 1);
    err = NULL;
    st = sl_jellyfin_send_playstate_command(jf, tv, "Seek", &seek, bob_id, &err);
    report("SendPlaystateCommand", st, err, 1);
    err = NULL;
    st = sl_jellyfin_send_general_command(jf, tv, "VolumeUp", &err);
    report("SendGeneralCommand", st, err, 1);
    err = NULL;
    st = sl_jellyfin_send_system_command(jf, tv, "GoHome", &err);
    report("SendSystemCommand", st, err, 1);
    const char *names[] = {"Volume"}, *values[] = {"25"};
    err = NULL;
    st = sl_jellyfin_send_full_general_command(jf, tv, "SetVolume", names, values, 1, &err);
    report("SendFullGeneralCommand", st, err, 1);
    err = NULL;
    st = sl_jellyfin_send_message_command(jf, tv, "From C", "Hello, \"world\"", &timeout_ms, &err);
    report("SendMessageCommand", st, err, 1);
    err = NULL;
    st = sl_jellyfin_display_content(jf, tv, "Movie", movie, "Big Buck Bunny", &err);
    report("DisplayContent", st, err, 1);
    const char *media[] = {"Audio", "Video"}, *commands[] = {"Mute", "DisplayMessage"};
    bool yes = true, no = false;
    err = NULL;
    st = sl_jellyfin_post_capabilities(jf, NULL, media, 2, commands, 2, &yes, &no, &err);
    report("PostCapabilities", st, err, 1);
    err = NULL;
    st = sl_jellyfin_post_full_capabilities(
        jf, NULL, "{\"PlayableMediaTypes\":[\"Video\"],\"SupportedCommands\":[\"Mute\"],\"SupportsMediaControl\":true}", &err);
    report("PostFullCapabilities", st, err, 1);
    err = NULL;
    st = sl_jellyfin_report_viewing(jf, NULL, movie, &err);
    report("ReportViewing", st, err, 1);
    err = NULL;
    st = sl_jellyfin_add_user_to_session(jf, kitchen, bob_id, &err);
    report("AddUserToSession", st, err, 1);
    err = NULL;
    st = sl_jellyfin_remove_user_from_session(jf, kitchen, bob_id, &err);
    report("RemoveUserFromSession", st, err, 1);
    struct sl_name_id_list *providers = NULL;
    err = NULL;
    st = sl_jellyfin_get_auth_providers(jf, &providers, &err);
    report("GetAuthProviders", st, err, 1);
    sl_name_id_list_free(providers);
    providers = NULL;
    err = NULL;
    st = sl_jellyfin_get_password_reset_providers(jf, &providers, &err);
    report("GetPasswordResetProviders", st, err, 1);
    sl_name_id_list_free(providers);
    err = NULL;
    st = sl_jellyfin_send_general_command(jf, "ffffffffffffffffffffffffffffffff", "Mute", &err);
    report("SendGeneralCommand on an unknown session (404)", st, err, 0);
    err = NULL;
    st = sl_jellyfin_report_session_ended(jf, &err);
    report("ReportSessionEnded", st, err, 1);
    sl_jellyfin_client_free(jf);

    struct sl_g4_options go = {0};
    go.base_url = g4_url;
    go.tenant = tenant;
    go.application = "conformance-c";
    go.transport = jo.transport;
    struct sl_g4_client *g4 = NULL;
    err = NULL;
    st = sl_g4_client_new(&go, &g4, &err);
    report("g4 client", st, err, 1);
    if (st != SL_STATUS_OK) {
        return 1;
    }
    struct sl_g4_login *login = NULL;
    int32_t ttl = 600;
    err = NULL;
    st = sl_g4_create_session(g4, user, password, "{\"from\":\"c\"}", &ttl, "{\"agent\":\"c\"}", &login, &err);
    report("session_post", st, err, 1);
    char id[256] = "missing";
    if (login && sl_g4_login_session_id(login)) {
        snprintf(id, sizeof id, "%s", sl_g4_login_session_id(login));
    }
    sl_g4_login_free(login);
    struct sl_g4_session *session = NULL;
    err = NULL;
    st = sl_g4_get_session(g4, id, &session, &err);
    report("session_id_get", st, err, 1);
    sl_g4_session_free(session);
    session = NULL;
    err = NULL;
    st = sl_g4_get_static_session(g4, id, &session, &err);
    report("static_session_id_get", st, err, 1);
    sl_g4_session_free(session);
    err = NULL;
    st = sl_g4_update_session(g4, id, "[1,2,{\"x\":null}]", &err);
    report("session_id_put", st, err, 1);
    err = NULL;
    st = sl_g4_delete_session(g4, id, &err);
    report("session_id_delete", st, err, 1);
    sl_g4_client_free(g4);
    return failures ? 1 : 0;
}
