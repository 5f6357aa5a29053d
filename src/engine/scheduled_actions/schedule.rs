//! A scheduled action's `Schedule` (doc): `at(yyyy-mm-ddThh:mm:ss)` once,
//! or `cron(Minutes Hours Day-of-month Month Day-of-week Year)` as Amazon
//! EventBridge writes cron expressions ([`crate::engine::cron`], UTC), with
//! invocations at least an hour apart (doc): one minute of the hour.

use chrono::NaiveDateTime;

use crate::engine::cron::{Cron, CronError, Dialect};
use crate::model::Timestamp;

/// A schedule, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    At(Timestamp),
    Cron(Cron),
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
        let cron = Cron::parse(inner, Dialect::ScheduledAction).map_err(|e| match e {
            CronError::Unsupported => "the W wildcard is not supported".to_owned(),
            CronError::Invalid(reason) => reason,
        })?;
        if cron.minutes_per_hour() != 1 {
            return Err("invocations must be at least an hour apart".into());
        }
        Ok(Schedule::Cron(cron))
    }

    /// The first invocation after `after`, if there is one.
    pub fn next_after(&self, after: Timestamp) -> Option<Timestamp> {
        match self {
            Schedule::At(at) => (*at > after).then_some(*at),
            Schedule::Cron(cron) => cron.next_after(after),
        }
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
    fn crons_run_at_most_hourly() {
        assert_eq!(
            next("cron(0 10 ? * MON *)", "2030-01-01T00:00:00Z"),
            Some(t("2030-01-07T10:00:00Z"))
        );
        for bad in [
            "cron(*/30 * * * ? *)",
            "cron(0 10 * *)",
            "cron(0 22 15W * ? *)",
            "rate(1 hour)",
        ] {
            assert!(Schedule::parse(bad).is_err(), "{bad}");
        }
    }
}
