//! Schedule definitions and the instants they name (doc, Management Guide,
//! "Automated snapshot schedules"): `rate(<value> <unit>)` and Amazon
//! Redshift's cron expressions, `cron(Minutes Hours Day-of-week)` as AWS's
//! examples write them or the full `cron(Minutes Hours Day-of-month Month
//! Day-of-week Year)`, in UTC.

use chrono::{Datelike, Duration, NaiveDate, TimeZone, Timelike, Utc};

use crate::model::Timestamp;

const MINUTE: i64 = 60_000_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// Values one field of a cron expression may list, comma-separated (doc).
const MAX_VALUES_PER_FIELD: usize = 24;
/// The years a cron expression may name (doc).
const YEARS: (u32, u32) = (1970, 2199);
/// How many of a schedule's next invocations are checked to be an hour or
/// more apart (choice: AWS does not say how far it looks).
const CHECKED_INVOCATIONS: usize = 200;

const MONTHS: &[&str] = &[
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const DAYS: &[&str] = &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Why a definition was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not a kind of definition the fake evaluates (`at(...)`, the `L`, `W`
    /// and `#` wildcards): `ScheduleDefinitionTypeUnsupported`.
    Unsupported,
    /// Malformed, or outside AWS's limits: `InvalidSchedule`, with the reason.
    Invalid(String),
}

fn invalid<T>(reason: impl Into<String>) -> Result<T, Problem> {
    Err(Problem::Invalid(reason.into()))
}

/// One schedule definition, parsed.
#[derive(Debug, Clone, PartialEq)]
pub enum Definition {
    /// Every `every` microseconds, at whole multiples of it since the Unix
    /// epoch (choice: AWS does not say where a rate starts), so
    /// `rate(12 hours)` snapshots at 00:00 and 12:00 UTC.
    Rate {
        every: i64,
    },
    Cron(Cron),
}

/// A cron expression: the values each field allows.
#[derive(Debug, Clone, PartialEq)]
pub struct Cron {
    minutes: Field,
    hours: Field,
    days_of_month: Field,
    months: Field,
    /// 1 (Sunday) to 7 (Saturday).
    days_of_week: Field,
    years: Field,
}

/// The values of one field, from `min`.
#[derive(Debug, Clone, PartialEq)]
struct Field {
    min: u32,
    allowed: Vec<bool>,
}

impl Field {
    fn all(min: u32, max: u32) -> Field {
        Field {
            min,
            allowed: vec![true; (max - min + 1) as usize],
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

    /// Reads a field: comma-separated items, each `*`, a value or a range
    /// `a-b`, optionally with an increment `/n`; `?` in a day field (`any`).
    fn parse(
        text: &str,
        name: &str,
        (min, max): (u32, u32),
        names: &[&str],
        any: bool,
    ) -> Result<Field, Problem> {
        if any && text == "?" {
            return Ok(Field::all(min, max));
        }
        let items: Vec<&str> = text.split(',').collect();
        if items.len() > MAX_VALUES_PER_FIELD {
            return invalid(format!(
                "the {name} field lists more than {MAX_VALUES_PER_FIELD} values"
            ));
        }
        let mut field = Field {
            min,
            allowed: vec![false; (max - min + 1) as usize],
        };
        for item in items {
            let (range, step) = match item.split_once('/') {
                Some((range, step)) => match step.parse::<u32>() {
                    Ok(step) if step >= 1 => (range, step),
                    _ => return invalid(format!("{item:?} is not a valid {name} increment")),
                },
                None => (item, 1),
            };
            let value = |t: &str| -> Result<u32, Problem> {
                let v = match names.iter().position(|n| n.eq_ignore_ascii_case(t)) {
                    Some(i) => min + i as u32,
                    None if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) => {
                        t.parse().unwrap_or(u32::MAX)
                    }
                    // The day fields' L, W and # wildcards (doc), which the
                    // fake does not evaluate.
                    None if any && t.contains(['L', 'W', '#']) => return Err(Problem::Unsupported),
                    None => return invalid(format!("{t:?} is not a {name} value")),
                };
                if (min..=max).contains(&v) {
                    Ok(v)
                } else {
                    invalid(format!("{name} must be between {min} and {max}, got {t}"))
                }
            };
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
            // A range may wrap around the field's end (doc: AWS's example
            // `SAT-SUN`).
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

impl Cron {
    /// Reads the fields inside `cron(...)`.
    fn parse(fields: &str) -> Result<Cron, Problem> {
        let parts: Vec<&str> = fields.split_whitespace().collect();
        let field =
            |text: &str, name, range, names, any| Field::parse(text, name, range, names, any);
        let (minutes, hours) = match parts[..] {
            [m, h, ..] => (
                field(m, "Minutes", (0, 59), &[], false)?,
                field(h, "Hours", (0, 23), &[], false)?,
            ),
            _ => return invalid("a cron expression has 3 or 6 fields"),
        };
        let (dom, month, dow, year) = match parts[..] {
            [_, _, dow] => ("?", "*", dow, "*"),
            [_, _, dom, month, dow, year] => {
                if dom != "?" && dow != "?" {
                    return invalid(
                        "Day-of-month and Day-of-week cannot both be given: one of them must be ?",
                    );
                }
                (dom, month, dow, year)
            }
            _ => return invalid("a cron expression has 3 or 6 fields"),
        };
        Ok(Cron {
            minutes,
            hours,
            days_of_month: field(dom, "Day-of-month", (1, 31), &[], true)?,
            months: field(month, "Month", (1, 12), MONTHS, false)?,
            days_of_week: field(dow, "Day-of-week", (1, 7), DAYS, true)?,
            years: field(year, "Year", YEARS, &[], false)?,
        })
    }

    fn day_matches(&self, date: NaiveDate) -> bool {
        self.days_of_month.contains(date.day())
            && self
                .days_of_week
                .contains(date.weekday().num_days_from_sunday() + 1)
    }

    /// The first instant the expression names after `t`, if there is one.
    fn next_after(&self, t: Timestamp) -> Option<Timestamp> {
        let start = Utc
            .timestamp_micros(t.0.div_euclid(MINUTE) * MINUTE + MINUTE)
            .single()?;
        let mut date = start.date_naive();
        let mut from = Some((start.hour(), start.minute()));
        while date.year() as u32 <= YEARS.1 {
            let (year, month) = (date.year() as u32, date.month());
            if !self.years.contains(year) {
                date = NaiveDate::from_ymd_opt(date.year() + 1, 1, 1)?;
            } else if !self.months.contains(month) {
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

impl Definition {
    /// Reads one definition (doc): `rate(<value> <unit>)` with a unit of
    /// minutes, hours or days, between one hour and one day; or
    /// `cron(<fields>)`.
    pub fn parse(text: &str) -> Result<Definition, Problem> {
        let text = text.trim();
        let Some((kind, rest)) = text.split_once('(') else {
            return invalid("a definition is rate(...) or cron(...)");
        };
        let Some(inner) = rest.strip_suffix(')') else {
            return invalid("a definition ends with )");
        };
        match kind.trim() {
            "rate" => Definition::rate(inner),
            "cron" => Cron::parse(inner).map(Definition::Cron),
            other if !other.is_empty() && other.bytes().all(|b| b.is_ascii_alphabetic()) => {
                Err(Problem::Unsupported)
            }
            _ => invalid("a definition is rate(...) or cron(...)"),
        }
    }

    fn rate(inner: &str) -> Result<Definition, Problem> {
        let parts: Vec<&str> = inner.split_whitespace().collect();
        let [value, unit] = parts[..] else {
            return invalid("a rate is rate(<value> <unit>)");
        };
        let Ok(value) = value.parse::<i64>() else {
            return invalid(format!("{value:?} is not a whole number"));
        };
        let unit = match unit {
            "minute" | "minutes" => MINUTE,
            "hour" | "hours" => HOUR,
            "day" | "days" => DAY,
            other => return invalid(format!("{other:?} is not minutes, hours or days")),
        };
        let every = value.saturating_mul(unit);
        // Doc: snapshots at most once an hour and at least once a day.
        if !(HOUR..=DAY).contains(&every) {
            return invalid("a rate must be between 1 hour and 1 day");
        }
        Ok(Definition::Rate { every })
    }

    /// The first instant the definition names after `t`, if there is one.
    pub fn next_after(&self, t: Timestamp) -> Option<Timestamp> {
        match self {
            Definition::Rate { every } => {
                t.0.div_euclid(*every)
                    .checked_add(1)
                    .and_then(|n| n.checked_mul(*every))
                    .map(Timestamp)
            }
            Definition::Cron(cron) => cron.next_after(t),
        }
    }
}

/// A schedule's definitions, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Definitions(Vec<Definition>);

impl Definitions {
    /// Reads and checks every definition of a schedule (doc): each valid,
    /// none scheduling snapshots less than an hour after another, and some
    /// snapshot still to come after `now`. The error names the definition.
    pub fn parse<S: AsRef<str>>(
        texts: &[S],
        now: Timestamp,
    ) -> Result<Definitions, (String, Problem)> {
        let mut parsed = Vec::with_capacity(texts.len());
        for text in texts {
            let text = text.as_ref();
            parsed.push(Definition::parse(text).map_err(|p| (text.to_owned(), p))?);
        }
        let definitions = Definitions(parsed);
        let all = texts
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<&str>>()
            .join(", ");
        let mut previous = definitions.next_after(now).ok_or_else(|| {
            (
                all.clone(),
                Problem::Invalid("it never takes a snapshot after now".into()),
            )
        })?;
        for _ in 1..CHECKED_INVOCATIONS {
            let Some(next) = definitions.next_after(previous) else {
                break;
            };
            if next.0 - previous.0 < HOUR {
                return Err((
                    all,
                    Problem::Invalid(format!(
                        "it takes snapshots at {} and {}, less than 1 hour apart",
                        previous.iso8601(),
                        next.iso8601()
                    )),
                ));
            }
            previous = next;
        }
        Ok(definitions)
    }

    /// Reads definitions already checked (a stored schedule's); any that
    /// does not read is left out.
    pub fn checked<S: AsRef<str>>(texts: &[S]) -> Definitions {
        Definitions(
            texts
                .iter()
                .filter_map(|t| Definition::parse(t.as_ref()).ok())
                .collect(),
        )
    }

    /// The first instant any definition names after `t`.
    pub fn next_after(&self, t: Timestamp) -> Option<Timestamp> {
        self.0.iter().filter_map(|d| d.next_after(t)).min()
    }

    /// The next `count` instants after `t`.
    pub fn invocations(&self, t: Timestamp, count: usize) -> Vec<Timestamp> {
        let mut out = Vec::with_capacity(count);
        let mut at = t;
        while out.len() < count {
            match self.next_after(at) {
                Some(next) => {
                    out.push(next);
                    at = next;
                }
                None => break,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests;
