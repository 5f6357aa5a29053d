//! A cluster's weekly maintenance window (`ddd:hh24:mi-ddd:hh24:mi`, UTC),
//! and when it next begins on the clock.

use chrono::{Datelike, Timelike};

use crate::errors::RedshiftError;
use crate::model::Timestamp;

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const WEEK_MINUTES: i64 = 7 * 24 * 60;

/// A weekly window: its start and end as minutes since Monday 00:00 UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaintenanceWindow {
    pub start: i64,
    pub end: i64,
}

/// Minutes since Monday 00:00 of `ddd:hh24:mi`.
fn minute_of_week(text: &str) -> Option<i64> {
    let mut parts = text.split(':');
    let (day, hour, minute) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || hour.len() != 2 || minute.len() != 2 {
        return None;
    }
    let day = DAYS.iter().position(|d| d.eq_ignore_ascii_case(day))? as i64;
    let hour: i64 = hour.parse().ok().filter(|h| (0..24).contains(h))?;
    let minute: i64 = minute.parse().ok().filter(|m| (0..60).contains(m))?;
    Some(day * 24 * 60 + hour * 60 + minute)
}

impl MaintenanceWindow {
    /// Reads `ddd:hh24:mi-ddd:hh24:mi` (days in any case).
    pub fn parse(text: &str) -> Option<MaintenanceWindow> {
        let (start, end) = text.split_once('-')?;
        Some(MaintenanceWindow {
            start: minute_of_week(start)?,
            end: minute_of_week(end)?,
        })
    }

    /// A window a request gives (doc: `ddd:hh24:mi-ddd:hh24:mi`, days `Mon`
    /// to `Sun`, at least 30 minutes), lowercased as AWS echoes it; or
    /// `InvalidParameterValue`.
    pub fn check(text: &str) -> Result<String, RedshiftError> {
        let window = MaintenanceWindow::parse(text)
            .ok_or_else(|| RedshiftError::InvalidMaintenanceWindow(text.to_owned()))?;
        if window.minutes() < 30 {
            return Err(RedshiftError::MaintenanceWindowTooShort(text.to_owned()));
        }
        Ok(text.to_ascii_lowercase())
    }

    /// How long the window lasts, in minutes (it may wrap past Sunday).
    pub fn minutes(&self) -> i64 {
        (self.end - self.start).rem_euclid(WEEK_MINUTES)
    }

    /// The first start of the window at or after `now`.
    pub fn next_start(&self, now: Timestamp) -> Timestamp {
        let t = now.datetime();
        let minute_now = t.weekday().num_days_from_monday() as i64 * 24 * 60
            + t.hour() as i64 * 60
            + t.minute() as i64;
        let into_minute = t.second() as i64 * 1_000_000 + t.timestamp_subsec_micros() as i64;
        let mut ahead = (self.start - minute_now).rem_euclid(WEEK_MINUTES);
        if ahead == 0 && into_minute > 0 {
            ahead = WEEK_MINUTES;
        }
        Timestamp(now.0 - into_minute + ahead * 60_000_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::testkit::T0; // 2024-03-05T06:07:08Z, a Tuesday

    #[test]
    fn windows_are_read_and_checked() {
        assert_eq!(
            MaintenanceWindow::parse("Sat:10:00-sat:10:30"),
            Some(MaintenanceWindow {
                start: 5 * 1440 + 600,
                end: 5 * 1440 + 630
            })
        );
        assert_eq!(
            MaintenanceWindow::check("Wed:07:30-Wed:08:00").unwrap(),
            "wed:07:30-wed:08:00"
        );
        assert_eq!(
            MaintenanceWindow::parse("sun:23:45-mon:00:15")
                .unwrap()
                .minutes(),
            30
        );
        for bad in [
            "",
            "sat:10:00",
            "sat:10:00-sat:10:60",
            "xyz:10:00-sat:11:00",
            "sat:1:00-sat:10:30",
            "sat:24:00-sun:01:00",
        ] {
            assert_eq!(
                MaintenanceWindow::check(bad).unwrap_err().code(),
                "InvalidParameterValue",
                "{bad}"
            );
        }
        assert!(MaintenanceWindow::check("sat:10:00-sat:10:29").is_err());
    }

    #[test]
    fn the_next_start_is_the_first_at_or_after_now() {
        let w = MaintenanceWindow::parse("tue:06:07-tue:06:40").unwrap();
        // T0 is 08 seconds into Tuesday 06:07: next week's.
        assert_eq!(w.next_start(T0), T0.plus_seconds(7.0 * 86_400.0 - 8.0));
        let w = MaintenanceWindow::parse("wed:00:00-wed:00:30").unwrap();
        let start = w.next_start(T0);
        assert_eq!(start.iso8601(), "2024-03-06T00:00:00.000Z");
        assert_eq!(w.next_start(start), start);
    }
}
