//! A scheduled action's `Schedule` (doc): `at(yyyy-mm-ddThh:mm:ss)` once,
//! or `cron(Minutes Hours Day-of-month Month Day-of-week Year)` as Amazon
//! EventBridge writes cron expressions (UTC), with invocations at least an
//! hour apart (doc). Supported in fields: `*`, `?`, numbers, names
//! (`JAN`, `MON`), ranges, lists, steps (`0/15`, `*/2`, `1-10/3`), `L` as
//! the day of month, `nL` and `n#k` as the day of week; not `W` (choice).

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};

use crate::model::Timestamp;

/// A schedule, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    At(Timestamp),
    Cron(Cron),
}

/// A set of values of a cron field, as a bit mask.
type Set = u64;

#[derive(Debug, Clone, PartialEq, Eq)]
enum DayOfMonth {
    Any,
    Days(Set),
    Last,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum DayOfWeek {
    Any,
    Days(Set),
    /// The last such weekday of the month (`5L`).
    Last(u32),
    /// The k-th such weekday of the month (`3#2`).
    Nth(u32, u32),
}

/// A cron expression, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    minute: u32,
    hours: Set,
    days: DayOfMonth,
    months: Set,
    weekdays: DayOfWeek,
    /// Years since 1970 (1970 to 2199, doc); `None`: every year.
    years: Option<(u64, u64, u64, u64)>,
}

const MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const WEEKDAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
/// How far ahead an invocation is looked for (choice: 30 years).
const HORIZON_DAYS: i64 = 30 * 366;

/// A value of a field: a number or one of `names` (1-based).
fn value(text: &str, names: &[&str], min: u32, max: u32) -> Result<u32, String> {
    let n = match names.iter().position(|n| n.eq_ignore_ascii_case(text)) {
        Some(i) => i as u32 + 1,
        None => text
            .parse()
            .map_err(|_| format!("{text:?} is not a value of the field"))?,
    };
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(format!("{n} is outside {min}-{max}"))
    }
}

/// A field of numbers (`*`, lists, ranges, steps) as a mask of bits `min..=max`.
fn set(field: &str, names: &[&str], min: u32, max: u32) -> Result<Set, String> {
    let mut mask = 0;
    for part in field.split(',') {
        let (range, step) = match part.split_once('/') {
            Some((r, s)) => (
                r,
                s.parse::<u32>()
                    .ok()
                    .filter(|s| *s > 0)
                    .ok_or(format!("bad step in {part:?}"))?,
            ),
            None => (part, 1),
        };
        let (lo, hi) = match range {
            "*" => (min, max),
            r => match r.split_once('-') {
                Some((a, b)) => (value(a, names, min, max)?, value(b, names, min, max)?),
                None if step > 1 => (value(r, names, min, max)?, max),
                None => {
                    let v = value(r, names, min, max)?;
                    (v, v)
                }
            },
        };
        if lo > hi {
            return Err(format!("{part:?} is an empty range"));
        }
        for v in (lo..=hi).step_by(step as usize) {
            mask |= 1u64 << (v - min);
        }
    }
    Ok(mask)
}

fn has(mask: Set, v: u32, min: u32) -> bool {
    mask & (1u64 << (v - min)) != 0
}

impl Schedule {
    /// Reads a `Schedule`; the error says what is wrong with it.
    pub fn parse(text: &str) -> Result<Schedule, String> {
        if let Some(inner) = text.strip_prefix("at(").and_then(|t| t.strip_suffix(')')) {
            let at = NaiveDateTime::parse_from_str(inner, "%Y-%m-%dT%H:%M:%S")
                .map_err(|_| format!("{inner:?} is not yyyy-mm-ddThh:mm:ss"))?;
            return Ok(Schedule::At(Timestamp::from_datetime(at.and_utc())));
        }
        let inner = text
            .strip_prefix("cron(")
            .and_then(|t| t.strip_suffix(')'))
            .ok_or("a schedule is at(...) or cron(...)")?;
        let fields: Vec<&str> = inner.split_whitespace().collect();
        let [minutes, hours, days, months, weekdays, years] = fields[..] else {
            return Err("a cron expression has 6 fields".into());
        };
        let minute_set = set(minutes, &[], 0, 59)?;
        if minute_set.count_ones() != 1 {
            return Err("invocations must be at least an hour apart".into());
        }
        let days = match days {
            "?" => DayOfMonth::Any,
            "L" => DayOfMonth::Last,
            d => DayOfMonth::Days(set(d, &[], 1, 31)?),
        };
        let weekdays = match weekdays {
            "?" => DayOfWeek::Any,
            w if w.ends_with('L') => DayOfWeek::Last(value(&w[..w.len() - 1], &WEEKDAYS, 1, 7)?),
            w => match w.split_once('#') {
                Some((d, k)) => DayOfWeek::Nth(value(d, &WEEKDAYS, 1, 7)?, value(k, &[], 1, 5)?),
                None => DayOfWeek::Days(set(w, &WEEKDAYS, 1, 7)?),
            },
        };
        if matches!(days, DayOfMonth::Any) == matches!(weekdays, DayOfWeek::Any) {
            return Err("one of day-of-month and day-of-week must be ?, and only one".into());
        }
        let years = match years {
            "*" => None,
            y => {
                // Four masks of 64 years each, from 1970.
                let mut masks = [0u64; 4];
                for part in y.split(',') {
                    year_in(part, 1970).ok_or(format!("{part:?} is not a year of 1970-2199"))?;
                }
                for v in 1970..=2199u32 {
                    if y.split(',').any(|part| year_in(part, v) == Some(true)) {
                        let i = (v - 1970) as usize;
                        masks[i / 64] |= 1 << (i % 64);
                    }
                }
                Some((masks[0], masks[1], masks[2], masks[3]))
            }
        };
        Ok(Schedule::Cron(Cron {
            minute: minute_set.trailing_zeros(),
            hours: set(hours, &[], 0, 23)?,
            days,
            months: set(months, &MONTHS, 1, 12)?,
            weekdays,
            years,
        }))
    }

    /// The first invocation after `after`, if there is one.
    pub fn next_after(&self, after: Timestamp) -> Option<Timestamp> {
        match self {
            Schedule::At(at) => (*at > after).then_some(*at),
            Schedule::Cron(cron) => cron.next_after(after),
        }
    }
}

/// Whether year `v` is in a part of the year field (`2030`, `2030-2040`, `2030/2`, `*/5`).
fn year_in(part: &str, v: u32) -> Option<bool> {
    let (range, step) = match part.split_once('/') {
        Some((r, s)) => (r, s.parse::<u32>().ok().filter(|s| *s > 0)?),
        None => (part, 1),
    };
    let (lo, hi) = match range {
        "*" => (1970, 2199),
        r => match r.split_once('-') {
            Some((a, b)) => (a.parse().ok()?, b.parse().ok()?),
            None if step > 1 => (r.parse().ok()?, 2199),
            None => {
                let y = r.parse().ok()?;
                (y, y)
            }
        },
    };
    if !(1970..=2199).contains(&lo) || !(1970..=2199).contains(&hi) {
        return None;
    }
    Some((lo..=hi).contains(&v) && (v - lo).is_multiple_of(step))
}

fn days_in_month(d: NaiveDate) -> u32 {
    let (y, m) = (d.year(), d.month());
    let next = if m == 12 {
        NaiveDate::from_ymd_opt(y + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(y, m + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).map_or(28, |l| l.day())
}

impl Cron {
    fn year_ok(&self, year: i32) -> bool {
        let Some((a, b, c, d)) = self.years else {
            return true;
        };
        let Some(i) = year.checked_sub(1970).and_then(|i| usize::try_from(i).ok()) else {
            return false;
        };
        let mask = [a, b, c, d].get(i / 64).copied().unwrap_or(0);
        mask & (1 << (i % 64)) != 0
    }

    fn day_ok(&self, d: NaiveDate) -> bool {
        let weekday = d.weekday().num_days_from_sunday() + 1;
        let last = days_in_month(d);
        let by_day = match &self.days {
            DayOfMonth::Any => true,
            DayOfMonth::Days(mask) => has(*mask, d.day(), 1),
            DayOfMonth::Last => d.day() == last,
        };
        let by_weekday = match &self.weekdays {
            DayOfWeek::Any => true,
            DayOfWeek::Days(mask) => has(*mask, weekday, 1),
            DayOfWeek::Last(w) => weekday == *w && d.day() + 7 > last,
            DayOfWeek::Nth(w, k) => weekday == *w && (d.day() - 1) / 7 + 1 == *k,
        };
        self.year_ok(d.year()) && has(self.months, d.month(), 1) && by_day && by_weekday
    }

    fn next_after(&self, after: Timestamp) -> Option<Timestamp> {
        let first_day = after.datetime().date_naive();
        for offset in 0..HORIZON_DAYS {
            let day = first_day.checked_add_signed(Duration::days(offset))?;
            if !self.day_ok(day) {
                continue;
            }
            for hour in (0..24).filter(|h| has(self.hours, *h, 0)) {
                let at = Timestamp::from_datetime(day.and_hms_opt(hour, self.minute, 0)?.and_utc());
                if at > after {
                    return Some(at);
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Timestamp {
        Timestamp::from_datetime(chrono::DateTime::parse_from_rfc3339(text).unwrap().into())
    }

    fn next(schedule: &str, after: &str) -> Option<Timestamp> {
        Schedule::parse(schedule).unwrap().next_after(t(after))
    }

    #[test]
    fn at_runs_once() {
        assert_eq!(
            next("at(2030-01-02T03:04:05)", "2030-01-01T00:00:00Z"),
            Some(t("2030-01-02T03:04:05Z"))
        );
        assert_eq!(
            next("at(2030-01-02T03:04:05)", "2030-01-02T03:04:05Z"),
            None
        );
        assert!(Schedule::parse("at(2030-01-02 03:04:05)").is_err());
    }

    #[test]
    fn cron_expressions() {
        // Every Monday at 10:00 (doc's example).
        assert_eq!(
            next("cron(0 10 ? * MON *)", "2030-01-01T00:00:00Z"),
            Some(t("2030-01-07T10:00:00Z"))
        );
        assert_eq!(
            next("cron(30 */6 * * ? *)", "2030-01-01T06:30:00Z"),
            Some(t("2030-01-01T12:30:00Z"))
        );
        assert_eq!(
            next("cron(0 0 L * ? *)", "2030-02-01T00:00:00Z"),
            Some(t("2030-02-28T00:00:00Z"))
        );
        assert_eq!(
            next("cron(0 9 ? * 2#1 *)", "2030-01-08T00:00:00Z"),
            Some(t("2030-02-04T09:00:00Z"))
        );
        assert_eq!(
            next("cron(0 9 ? * 6L *)", "2030-01-01T00:00:00Z"),
            Some(t("2030-01-25T09:00:00Z"))
        );
        assert_eq!(
            next("cron(0 0 1 JAN ? 2031)", "2030-06-01T00:00:00Z"),
            Some(t("2031-01-01T00:00:00Z"))
        );
        assert_eq!(next("cron(0 0 1 JAN ? 2031)", "2031-06-01T00:00:00Z"), None);
    }

    #[test]
    fn invalid_crons_say_why() {
        for bad in [
            "cron(0 10 * * MON *)",
            "cron(0 10 ? * ? *)",
            "cron(*/30 * * * ? *)",
            "cron(0 25 * * ? *)",
            "cron(0 10 * *)",
            "rate(1 hour)",
            "cron(0 0 1 1 ? 1800)",
        ] {
            assert!(Schedule::parse(bad).is_err(), "{bad}");
        }
    }
}
