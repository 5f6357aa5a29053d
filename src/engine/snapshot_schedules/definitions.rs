//! Schedule definitions and the instants they name (doc, Management Guide,
//! "Automated snapshot schedules"): `rate(<value> <unit>)` and Amazon
//! Redshift's cron expressions ([`crate::engine::cron`]),
//! `cron(Minutes Hours Day-of-week)` as AWS's examples write them or the
//! full `cron(Minutes Hours Day-of-month Month Day-of-week Year)`, in UTC.

use crate::engine::cron::{Cron, CronError, Dialect};
use crate::model::Timestamp;

const MINUTE: i64 = 60_000_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

/// How many of a schedule's next invocations are checked to be an hour or
/// more apart (choice: AWS does not say how far it looks).
const CHECKED_INVOCATIONS: usize = 200;

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
            "cron" => Cron::parse(inner, Dialect::SnapshotSchedule)
                .map(Definition::Cron)
                .map_err(|e| match e {
                    CronError::Unsupported => Problem::Unsupported,
                    CronError::Invalid(reason) => Problem::Invalid(reason),
                }),
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
