//! Schedule definitions: what reads, what is refused, and the instants each
//! names (AWS's own examples from the Management Guide among them).

use chrono::DateTime;

use super::*;

/// An instant written in RFC 3339.
fn t(text: &str) -> Timestamp {
    Timestamp::from_datetime(DateTime::parse_from_rfc3339(text).unwrap().into())
}

/// 2030-01-01T00:00:00Z, a Tuesday.
fn start() -> Timestamp {
    t("2030-01-01T00:00:00Z")
}

/// The next `count` instants of one definition after [`start`].
fn next(definition: &str, count: usize) -> Vec<String> {
    let parsed = Definition::parse(definition).unwrap_or_else(|p| panic!("{definition}: {p:?}"));
    Definitions(vec![parsed])
        .invocations(start(), count)
        .into_iter()
        .map(Timestamp::iso8601)
        .collect()
}

fn refused(definition: &str) -> Problem {
    Definition::parse(definition).expect_err(definition)
}

#[test]
fn rates_run_at_whole_multiples_since_the_epoch() {
    assert_eq!(
        next("rate(12 hours)", 3),
        [
            "2030-01-01T12:00:00.000Z",
            "2030-01-02T00:00:00.000Z",
            "2030-01-02T12:00:00.000Z"
        ]
    );
    assert_eq!(next("rate(1 day)", 1), ["2030-01-02T00:00:00.000Z"]);
    assert_eq!(next(" rate(60 minutes) ", 1), ["2030-01-01T01:00:00.000Z"]);
    assert_eq!(next("rate(1 hour)", 1), ["2030-01-01T01:00:00.000Z"]);
    assert_eq!(next("rate(24 hours)", 1), ["2030-01-02T00:00:00.000Z"]);
}

#[test]
fn rates_are_between_an_hour_and_a_day() {
    for bad in [
        "rate(30 minutes)",
        "rate(59 minutes)",
        "rate(25 hours)",
        "rate(2 days)",
        "rate(0 hours)",
        "rate(-12 hours)",
        "rate(12 weeks)",
        "rate(12)",
        "rate(twelve hours)",
        "rate(12 hours",
        "rate 12 hours",
    ] {
        assert!(matches!(refused(bad), Problem::Invalid(_)), "{bad}");
    }
}

#[test]
fn three_field_crons_are_minutes_hours_and_day_of_week() {
    // Doc: "cron(30 12 *)", every day at 12:30.
    assert_eq!(
        next("cron(30 12 *)", 2),
        ["2030-01-01T12:30:00.000Z", "2030-01-02T12:30:00.000Z"]
    );
    // Doc: "Every night at 9:00pm Monday–Friday" (2030-01-04 is a Friday).
    assert_eq!(
        next("cron(0 21 MON-FRI)", 5),
        [
            "2030-01-01T21:00:00.000Z",
            "2030-01-02T21:00:00.000Z",
            "2030-01-03T21:00:00.000Z",
            "2030-01-04T21:00:00.000Z",
            "2030-01-07T21:00:00.000Z"
        ]
    );
    // Doc: "Every 6-hour increment on Saturday and Sunday starting at 00:30".
    assert_eq!(
        next("cron(30 0/6 SAT-SUN)", 5),
        [
            "2030-01-05T00:30:00.000Z",
            "2030-01-05T06:30:00.000Z",
            "2030-01-05T12:30:00.000Z",
            "2030-01-05T18:30:00.000Z",
            "2030-01-06T00:30:00.000Z"
        ]
    );
    // Doc: "Every 4-hour increment starting at 12:30 each day: [12:30, 16:30, 20:30]".
    assert_eq!(
        next("cron(30 12/4 *)", 4),
        [
            "2030-01-01T12:30:00.000Z",
            "2030-01-01T16:30:00.000Z",
            "2030-01-01T20:30:00.000Z",
            "2030-01-02T12:30:00.000Z"
        ]
    );
    // Doc: "Every hour between 2pm and 8pm on Tuesday".
    let tuesdays = next("cron(0 14-20/1 TUE)", 8);
    assert_eq!(tuesdays[0], "2030-01-01T14:00:00.000Z");
    assert_eq!(tuesdays[6], "2030-01-01T20:00:00.000Z");
    assert_eq!(tuesdays[7], "2030-01-08T14:00:00.000Z");
    // Day numbers (1 is Sunday), lists and lowercase names.
    assert_eq!(next("cron(0 0 1,7)", 1), ["2030-01-05T00:00:00.000Z"]);
    assert_eq!(next("cron(0 0 sun)", 1), ["2030-01-06T00:00:00.000Z"]);
    assert_eq!(next("cron(15 * ?)", 1), ["2030-01-01T00:15:00.000Z"]);
    // A range wraps around the field's end.
    assert_eq!(
        next("cron(0 23-1 *)", 3),
        [
            "2030-01-01T01:00:00.000Z",
            "2030-01-01T23:00:00.000Z",
            "2030-01-02T00:00:00.000Z"
        ]
    );
}

#[test]
fn six_field_crons_name_days_of_the_month_months_and_years() {
    assert_eq!(
        next("cron(0 12 ? * MON *)", 1),
        ["2030-01-07T12:00:00.000Z"]
    );
    assert_eq!(
        next("cron(15 10 1 * ? *)", 2),
        ["2030-01-01T10:15:00.000Z", "2030-02-01T10:15:00.000Z"]
    );
    assert_eq!(
        next("cron(0 0 29 FEB ? *)", 1),
        ["2032-02-29T00:00:00.000Z"]
    );
    assert_eq!(
        next("cron(0 6 ? JUN-AUG SAT 2031-2032)", 1),
        ["2031-06-07T06:00:00.000Z"]
    );
    assert!(next("cron(0 0 1 1 ? 2029)", 1).is_empty());
    assert!(next("cron(0 0 31 FEB ? *)", 1).is_empty());
}

#[test]
fn malformed_crons_are_invalid() {
    for bad in [
        "cron(60 12 *)",
        "cron(0 24 *)",
        "cron(0 12 8)",
        "cron(0 12 FOO)",
        "cron(0 12)",
        "cron(0 12 * * *)",
        "cron(0 12 1 * MON *)",
        "cron(0 12 ? 13 * *)",
        "cron(0 12 ? * * 1969)",
        "cron(0 12/0 *)",
        "cron(0 ? *)",
        "cron(0 1,,2 *)",
        "cron(L 12 *)",
        "cron(0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24 * *)",
        "cron(30 12 *",
        "every day",
        "(30 12 *)",
    ] {
        assert!(matches!(refused(bad), Problem::Invalid(_)), "{bad}");
    }
}

#[test]
fn what_the_fake_does_not_evaluate_is_unsupported() {
    for unsupported in [
        "at(2030-01-01T00:00:00)",
        "cron(0 12 L * ? *)",
        "cron(0 12 15W * ? *)",
        "cron(0 12 ? * 3#2 *)",
        "cron(0 12 ? * 6L *)",
        "cron(0 12 L)",
    ] {
        assert_eq!(refused(unsupported), Problem::Unsupported, "{unsupported}");
    }
}

#[test]
fn a_schedule_takes_snapshots_at_most_once_an_hour_and_some_to_come() {
    let parse = |texts: &[&str]| Definitions::parse(texts, start());
    assert!(parse(&["rate(12 hours)", "cron(30 6 *)"]).is_ok());
    // The same instant twice is one snapshot.
    let twice = parse(&["rate(12 hours)", "cron(0 0 *)"]).unwrap();
    assert_eq!(
        twice.invocations(start(), 2),
        [t("2030-01-01T12:00:00Z"), t("2030-01-02T00:00:00Z")]
    );
    for too_close in [
        &["cron(30 12 *)", "cron(0 12 *)"][..],
        &["cron(0,30 * *)"],
        &["rate(1 hour)", "cron(30 * *)"],
        &["cron(* 3 *)"],
    ] {
        let (definition, problem) = parse(too_close).unwrap_err();
        assert_eq!(definition, too_close.join(", "));
        assert!(
            matches!(&problem, Problem::Invalid(why) if why.contains("less than 1 hour apart")),
            "{problem:?}"
        );
    }
    let (_, never) = parse(&["cron(0 0 1 1 ? 2020)"]).unwrap_err();
    assert!(matches!(never, Problem::Invalid(why) if why.contains("never")));
    // The first definition that does not read is named.
    let (definition, problem) = parse(&["rate(12 hours)", "at(x)", "bad"]).unwrap_err();
    assert_eq!(
        (definition.as_str(), problem),
        ("at(x)", Problem::Unsupported)
    );
    // Stored definitions read back, whatever does not read left out.
    assert_eq!(
        Definitions::checked(&["rate(12 hours)", "bad"]).next_after(start()),
        Some(t("2030-01-01T12:00:00Z"))
    );
}
