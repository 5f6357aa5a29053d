//! Cron expressions, as Amazon EventBridge writes them and Amazon Redshift
//! takes them for snapshot schedules and scheduled actions (doc):
//! `Minutes Hours Day-of-month Month Day-of-week Year`, in UTC. A field lists
//! `*`, values (numbers, or `JAN`, `MON`...), ranges `a-b` (wrapping around
//! the field's end, as AWS's example `SAT-SUN`), increments `a/n`, `a-b/n`
//! and `*/n`, comma-separated; a day field may be `?`. Scheduled actions also
//! take `L` (the last day of the month), `nL` (the last weekday n of the
//! month) and `n#k` (the k-th weekday n); snapshot schedules take neither
//! those nor `W`, and also the short form `Minutes Hours Day-of-week`.

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};

use crate::model::Timestamp;

const MINUTE: i64 = 60_000_000;

/// Values one field may list, comma-separated (doc: snapshot schedules;
/// choice: scheduled actions too).
const MAX_VALUES_PER_FIELD: usize = 24;
/// The years an expression may name (doc).
pub const YEARS: (u32, u32) = (1970, 2199);

const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: &[&str] = &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Why an expression was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CronError {
    /// A wildcard the dialect does not take (`L`, `W`, `#`).
    Unsupported,
    /// Malformed, or outside AWS's limits, with the reason.
    Invalid(String),
}

fn invalid<T>(reason: impl Into<String>) -> Result<T, CronError> {
    Err(CronError::Invalid(reason.into()))
}

/// What a caller's expressions may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// Snapshot schedules: three or six fields, no `L`, `W` or `#`.
    SnapshotSchedule,
    /// Scheduled actions: six fields, `L`, `nL` and `n#k`, not `W`.
    ScheduledAction,
}

/// A day-of-week rule beyond a set of weekdays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Weekday {
    /// The last weekday n (1 Sunday to 7 Saturday) of the month: `nL`.
    Last(u32),
    /// The k-th weekday n of the month: `n#k`.
    Nth(u32, u32),
}

/// A cron expression: the values each field allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    minutes: Field,
    hours: Field,
    days_of_month: Field,
    /// `L` as the day of month.
    last_day_of_month: bool,
    months: Field,
    /// 1 (Sunday) to 7 (Saturday).
    days_of_week: Field,
    weekday: Option<Weekday>,
    years: Field,
}

/// The values of one field, from `min`.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Field {
    min: u32,
    allowed: Vec<bool>,
}

impl Field {
    fn new(min: u32, max: u32, on: bool) -> Field {
        Field {
            min,
            allowed: vec![on; (max - min + 1) as usize],
        }
    }

    fn contains(&self, value: u32) -> bool {
        value
            .checked_sub(self.min)
            .and_then(|i| self.allowed.get(i as usize))
            .copied()
            .unwrap_or(false)
    }

    /// The allowed values from `from`, in order.
    fn from(&self, from: u32) -> impl Iterator<Item = u32> + '_ {
        let min = self.min;
        self.allowed
            .iter()
            .enumerate()
            .filter(|(_, on)| **on)
            .map(move |(i, _)| min + i as u32)
            .filter(move |v| *v >= from)
    }

    /// How many values it allows.
    fn count(&self) -> usize {
        self.allowed.iter().filter(|on| **on).count()
    }

    /// Reads a field: comma-separated items, each `*`, a value or a range
    /// `a-b`, optionally with an increment `/n`.
    fn parse(
        text: &str,
        name: &str,
        (min, max): (u32, u32),
        names: &[&str],
    ) -> Result<Field, CronError> {
        let items: Vec<&str> = text.split(',').collect();
        if items.len() > MAX_VALUES_PER_FIELD {
            return invalid(format!(
                "the {name} field lists more than {MAX_VALUES_PER_FIELD} values"
            ));
        }
        let mut field = Field::new(min, max, false);
        for item in items {
            let (range, step) = match item.split_once('/') {
                Some((range, step)) => match step.parse::<u32>() {
                    Ok(step) if step >= 1 => (range, step),
                    _ => return invalid(format!("{item:?} is not a valid {name} increment")),
                },
                None => (item, 1),
            };
            let value = |t: &str| value(t, name, (min, max), names);
            let (first, last) = match range {
                "*" => (min, max),
                _ => match range.split_once('-') {
                    Some((a, b)) => (value(a)?, value(b)?),
                    // `a/n` runs from a to the end of the field.
                    None if item.contains('/') => (value(range)?, max),
                    None => {
                        let v = value(range)?;
                        (v, v)
                    }
                },
            };
            let span = if first <= last {
                last - first
            } else {
                last + (max - min + 1) - first
            };
            for offset in (0..=span).step_by(step as usize) {
                let v = min + (first - min + offset) % (max - min + 1);
                field.allowed[(v - min) as usize] = true;
            }
        }
        Ok(field)
    }
}

/// One value of a field: a number, or one of `names` (the first is `min`).
fn value(text: &str, name: &str, (min, max): (u32, u32), names: &[&str]) -> Result<u32, CronError> {
    let v = match names.iter().position(|n| n.eq_ignore_ascii_case(text)) {
        Some(i) => min + i as u32,
        None if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) => {
            text.parse().unwrap_or(u32::MAX)
        }
        None => return invalid(format!("{text:?} is not a {name} value")),
    };
    if (min..=max).contains(&v) {
        Ok(v)
    } else {
        invalid(format!(
            "{name} must be between {min} and {max}, got {text}"
        ))
    }
}

/// Whether a day field's text uses `L`, `W` or `#`.
fn special(text: &str) -> bool {
    text.contains(['L', 'W', '#'])
}

impl Cron {
    /// Reads the fields inside `cron(...)` as `dialect` takes them.
    pub fn parse(fields: &str, dialect: Dialect) -> Result<Cron, CronError> {
        let parts: Vec<&str> = fields.split_whitespace().collect();
        let (minutes, hours, dom, month, dow, year) = match (dialect, &parts[..]) {
            (Dialect::SnapshotSchedule, [m, h, dow]) => (*m, *h, "?", "*", *dow, "*"),
            (_, [m, h, dom, month, dow, year]) => {
                if (*dom == "?") == (*dow == "?") {
                    return invalid("one of Day-of-month and Day-of-week must be ?, and only one");
                }
                (*m, *h, *dom, *month, *dow, *year)
            }
            (Dialect::SnapshotSchedule, _) => {
                return invalid("a cron expression has 3 or 6 fields")
            }
            (Dialect::ScheduledAction, _) => return invalid("a cron expression has 6 fields"),
        };
        let specials = dialect == Dialect::ScheduledAction;
        if (special(dom) || special(dow)) && (!specials || dom.contains('W') || dow.contains('W')) {
            return Err(CronError::Unsupported);
        }
        let any = |text: &str| text == "?";
        let last_day_of_month = dom == "L";
        let days_of_month = if any(dom) || last_day_of_month {
            Field::new(1, 31, !last_day_of_month)
        } else {
            Field::parse(dom, "Day-of-month", (1, 31), &[])?
        };
        let weekday_value = |t: &str| value(t, "Day-of-week", (1, 7), DAYS);
        let (days_of_week, weekday) = if any(dow) {
            (Field::new(1, 7, true), None)
        } else if let Some(n) = dow.strip_suffix('L') {
            (
                Field::new(1, 7, true),
                Some(Weekday::Last(weekday_value(n)?)),
            )
        } else if let Some((n, k)) = dow.split_once('#') {
            let k = value(k, "week", (1, 5), &[])?;
            (
                Field::new(1, 7, true),
                Some(Weekday::Nth(weekday_value(n)?, k)),
            )
        } else {
            (Field::parse(dow, "Day-of-week", (1, 7), DAYS)?, None)
        };
        Ok(Cron {
            minutes: Field::parse(minutes, "Minutes", (0, 59), &[])?,
            hours: Field::parse(hours, "Hours", (0, 23), &[])?,
            days_of_month,
            last_day_of_month,
            months: Field::parse(month, "Month", (1, 12), MONTHS)?,
            days_of_week,
            weekday,
            years: Field::parse(year, "Year", YEARS, &[])?,
        })
    }

    /// How many minutes of an hour it names.
    pub fn minutes_per_hour(&self) -> usize {
        self.minutes.count()
    }

    fn day_matches(&self, date: NaiveDate) -> bool {
        let last = last_day_of_month(date);
        let weekday = date.weekday().num_days_from_sunday() + 1;
        let by_month = if self.last_day_of_month {
            date.day() == last
        } else {
            self.days_of_month.contains(date.day())
        };
        let by_week = match self.weekday {
            None => self.days_of_week.contains(weekday),
            Some(Weekday::Last(n)) => weekday == n && date.day() + 7 > last,
            Some(Weekday::Nth(n, k)) => weekday == n && (date.day() - 1) / 7 + 1 == k,
        };
        by_month && by_week
    }

    /// The first instant the expression names after `t`, if there is one.
    pub fn next_after(&self, t: Timestamp) -> Option<Timestamp> {
        let start = Utc
            .timestamp_micros(t.0.div_euclid(MINUTE) * MINUTE + MINUTE)
            .single()?;
        let mut date = start.date_naive();
        let mut from = Some((start.hour(), start.minute()));
        while date.year() as u32 <= YEARS.1 {
            if !self.years.contains(date.year() as u32) {
                date = NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)?;
            } else if !self.months.contains(date.month()) {
                date = first_of_next_month(date)?;
            } else {
                if self.day_matches(date) {
                    let (first_hour, first_minute) = from.unwrap_or((0, 0));
                    for hour in self.hours.from(first_hour) {
                        let minute_from = if hour == first_hour { first_minute } else { 0 };
                        if let Some(minute) = self.minutes.from(minute_from).next() {
                            let at = date.and_hms_opt(hour, minute, 0)?;
                            return Some(Timestamp::from_datetime(Utc.from_utc_datetime(&at)));
                        }
                    }
                }
                date = date.checked_add_signed(Duration::days(1))?;
            }
            from = None;
        }
        None
    }
}

fn first_of_next_month(date: NaiveDate) -> Option<NaiveDate> {
    let (year, month) = if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    };
    NaiveDate::from_ymd_opt(year, month, 1)
}

fn last_day_of_month(date: NaiveDate) -> u32 {
    first_of_next_month(date)
        .and_then(|d| d.pred_opt())
        .map_or(28, |d| d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Timestamp {
        Timestamp::from_datetime(chrono::DateTime::parse_from_rfc3339(text).unwrap().into())
    }

    fn next(dialect: Dialect, fields: &str, after: &str) -> Option<Timestamp> {
        Cron::parse(fields, dialect).unwrap().next_after(t(after))
    }

    #[test]
    fn both_dialects_read_the_common_fields() {
        for dialect in [Dialect::SnapshotSchedule, Dialect::ScheduledAction] {
            // Every Monday at 10:00 (doc's example).
            assert_eq!(
                next(dialect, "0 10 ? * MON *", "2030-01-01T00:00:00Z"),
                Some(t("2030-01-07T10:00:00Z"))
            );
            assert_eq!(
                next(dialect, "30 */6 * * ? *", "2030-01-01T06:30:00Z"),
                Some(t("2030-01-01T12:30:00Z"))
            );
            // A range wrapping around the week (doc: SAT-SUN).
            assert_eq!(
                next(dialect, "0 0 ? * SAT-SUN *", "2030-01-01T00:00:00Z"),
                Some(t("2030-01-05T00:00:00Z"))
            );
            assert_eq!(
                next(dialect, "0 0 1 JAN ? 2031", "2030-06-01T00:00:00Z"),
                Some(t("2031-01-01T00:00:00Z"))
            );
            assert_eq!(
                next(dialect, "0 0 1 JAN ? 2031", "2031-06-01T00:00:00Z"),
                None
            );
        }
    }

    #[test]
    fn scheduled_actions_take_the_last_and_nth_days() {
        let action = Dialect::ScheduledAction;
        assert_eq!(
            next(action, "0 0 L * ? *", "2030-02-01T00:00:00Z"),
            Some(t("2030-02-28T00:00:00Z"))
        );
        assert_eq!(
            next(action, "0 9 ? * 2#1 *", "2030-01-08T00:00:00Z"),
            Some(t("2030-02-04T09:00:00Z"))
        );
        assert_eq!(
            next(action, "0 9 ? * 6L *", "2030-01-01T00:00:00Z"),
            Some(t("2030-01-25T09:00:00Z"))
        );
        assert_eq!(
            Cron::parse("0 9 15W * ? *", action),
            Err(CronError::Unsupported)
        );
    }

    #[test]
    fn snapshot_schedules_take_three_fields_and_no_wildcards() {
        let schedule = Dialect::SnapshotSchedule;
        assert_eq!(
            next(schedule, "30 12 *", "2030-01-01T00:00:00Z"),
            Some(t("2030-01-01T12:30:00Z"))
        );
        for special in ["0 12 L * ? *", "0 12 ? * 6L *", "0 12 ? * 2#1 *"] {
            assert_eq!(Cron::parse(special, schedule), Err(CronError::Unsupported));
        }
        assert!(Cron::parse("30 12 *", Dialect::ScheduledAction).is_err());
    }

    #[test]
    fn invalid_expressions_say_why() {
        for bad in [
            "0 10 * * MON *",
            "0 10 ? * ? *",
            "0 25 * * ? *",
            "0 10 * *",
            "0 0 1 1 ? 1800",
            "0/0 1 * * ? *",
            "0 1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,0,1 * * ? *",
        ] {
            assert!(
                matches!(
                    Cron::parse(bad, Dialect::ScheduledAction),
                    Err(CronError::Invalid(_))
                ),
                "{bad}"
            );
        }
        assert_eq!(
            Cron::parse("60 1 *", Dialect::SnapshotSchedule),
            Err(CronError::Invalid(
                "Minutes must be between 0 and 59, got 60".into()
            ))
        );
    }
}
