//! The `UserDto` of a user, with its configuration and policy.

use serde_json::{json, Value};

use super::case::compact;
use super::date::date;
use crate::state::user::User;
use crate::state::State;

/// A `UserDto` with full `Configuration` and `Policy`, as `AuthenticateByName` returns it.
pub(crate) fn user_dto(state: &State, u: &User) -> Value {
    let has_password = !u.password.is_empty();
    compact(json!({
        "Name": u.name,
        "ServerId": state.server_id,
        "Id": u.id,
        "HasPassword": has_password,
        "HasConfiguredPassword": has_password,
        "HasConfiguredEasyPassword": false,
        "EnableAutoLogin": false,
        "LastLoginDate": u.last_login.map(date),
        "LastActivityDate": u.last_activity.map(date),
        "Configuration": {
            "PlayDefaultAudioTrack": true,
            "SubtitleLanguagePreference": "",
            "DisplayMissingEpisodes": false,
            "GroupedFolders": [],
            "SubtitleMode": "Default",
            "DisplayCollectionsView": false,
            "EnableLocalPassword": false,
            "OrderedViews": [],
            "LatestItemsExcludes": [],
            "MyMediaExcludes": [],
            "HidePlayedInLatest": true,
            "RememberAudioSelections": true,
            "RememberSubtitleSelections": true,
            "EnableNextEpisodeAutoPlay": true,
            "CastReceiverId": "F007D354",
        },
        "Policy": policy(u.admin),
    }))
}

fn policy(admin: bool) -> Value {
    // Two halves: one json! of 44 properties exceeds the macro recursion limit.
    let mut policy = json!({
        "IsAdministrator": admin,
        "IsHidden": false,
        "EnableCollectionManagement": admin,
        "EnableSubtitleManagement": admin,
        "EnableLyricManagement": admin,
        "IsDisabled": false,
        "BlockedTags": [],
        "AllowedTags": [],
        "EnableUserPreferenceAccess": true,
        "AccessSchedules": [],
        "BlockUnratedItems": [],
        "EnableRemoteControlOfOtherUsers": admin,
        "EnableSharedDeviceControl": true,
        "EnableRemoteAccess": true,
        "EnableLiveTvManagement": admin,
        "EnableLiveTvAccess": true,
        "EnableMediaPlayback": true,
        "EnableAudioPlaybackTranscoding": true,
        "EnableVideoPlaybackTranscoding": true,
        "EnablePlaybackRemuxing": true,
        "ForceRemoteSourceTranscoding": false,
        "EnableContentDeletion": admin,
        "EnableContentDeletionFromFolders": [],
        "EnableContentDownloading": true,
        "EnableSyncTranscoding": true,
        "EnableMediaConversion": true,
    });
    let rest = json!({
        "EnabledDevices": [],
        "EnableAllDevices": true,
        "EnabledChannels": [],
        "EnableAllChannels": true,
        "EnabledFolders": [],
        "EnableAllFolders": true,
        "InvalidLoginAttemptCount": 0,
        "LoginAttemptsBeforeLockout": -1,
        "MaxActiveSessions": 0,
        "EnablePublicSharing": true,
        "BlockedMediaFolders": [],
        "BlockedChannels": [],
        "RemoteClientBitrateLimit": 0,
        "AuthenticationProviderId": "Jellyfin.Server.Implementations.Users.DefaultAuthenticationProvider",
        "PasswordResetProviderId": "Jellyfin.Server.Implementations.Users.DefaultPasswordResetProvider",
        "SyncPlayAccess": "CreateAndJoinGroups",
    });
    if let (Some(policy), Value::Object(rest)) = (policy.as_object_mut(), rest) {
        policy.extend(rest);
    }
    policy
}
