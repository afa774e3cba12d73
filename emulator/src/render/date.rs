//! Dates as the server writes them: seven fractional digits and a `Z`.

use std::time::{SystemTime, UNIX_EPOCH};

/// `DateTime.MinValue`, which the server writes for a session that never played.
pub(crate) const MIN_DATE: &str = "0001-01-01T00:00:00.0000000Z";

/// `2025-11-23T14:50:07.5126102Z`.
pub(crate) fn date(t: SystemTime) -> String {
    let since = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = since.as_secs();
    let (days, rem) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil_from_days(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:07}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60,
        since.subsec_nanos() / 100
    )
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian, days since 1970-01-01).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn dates_have_seven_fractional_digits() {
        let t = UNIX_EPOCH + Duration::new(1_763_909_407, 512_610_200);
        assert_eq!(date(t), "2025-11-23T14:50:07.5126102Z");
        assert_eq!(date(UNIX_EPOCH), "1970-01-01T00:00:00.0000000Z");
        assert_eq!(date(UNIX_EPOCH + Duration::from_secs(951_782_400)), "2000-02-29T00:00:00.0000000Z");
    }
}
