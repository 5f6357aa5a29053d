//! Events: the catalog, the record each transition makes, the window of
//! DescribeEvents, and the log's keeping.

use std::collections::HashSet;

use serde_json::json;

use super::*;
use crate::engine::clusters::ClusterStatus;
use crate::engine::testkit::{at, ctx, ok, refused, world, T0};
use crate::model::operations as op;

/// The event ids of the default caller's events, oldest first.
fn ids(w: &mut World, now: Timestamp, params: serde_json::Value) -> Vec<String> {
    ok::<op::DescribeEvents>(w, &ctx(now), params)
        .events
        .unwrap_or_default()
        .into_iter()
        .filter_map(|e| e.event_id.map(String::from))
        .collect()
}

#[test]
fn the_catalog_has_one_entry_per_id_and_fills_every_placeholder() {
    let unique: HashSet<_> = CATALOG.iter().map(|e| e.id).collect();
    assert_eq!(unique.len(), CATALOG.len());
    for e in CATALOG {
        assert!(e.id.starts_with("REDSHIFT-EVENT-"), "{}", e.id);
        assert!([
            "configuration",
            "management",
            "monitoring",
            "security",
            "pending"
        ]
        .contains(&e.category));
        assert!(["INFO", "ERROR"].contains(&e.severity));
        assert_eq!(by_id(e.id), Some(*e));
        let record = EventRecord {
            seq: 1,
            at: T0,
            event: EventRef(e),
            source: Name::from("src"),
            args: Args::from(vec![Name::from("a"), Name::from("b")]),
        };
        let message = record.message();
        assert!(!message.contains('{'), "{}: {message}", e.id);
    }
}

#[test]
fn messages_write_names_and_times_as_aws_does() {
    let record = EventRecord {
        seq: 1,
        at: T0,
        event: EventRef(CLUSTER_DELETED),
        source: Name::from("c1"),
        args: Args::One(Name::from("was not")),
    };
    assert_eq!(
        record.message(),
        "Amazon Redshift cluster 'c1' has been deleted at 2024-03-05 06:07 UTC. A final snapshot was not saved."
    );
}

#[test]
fn each_cluster_transition_records_awss_events() {
    for (status, began, settled) in [
        (
            ClusterStatus::Pausing,
            Some("REDSHIFT-EVENT-3618"),
            Some("REDSHIFT-EVENT-3619"),
        ),
        (
            ClusterStatus::Resuming,
            Some("REDSHIFT-EVENT-3620"),
            Some("REDSHIFT-EVENT-3621"),
        ),
        (
            ClusterStatus::Resizing,
            Some("REDSHIFT-EVENT-2006"),
            Some("REDSHIFT-EVENT-3002"),
        ),
        (ClusterStatus::Rebooting, None, Some("REDSHIFT-EVENT-3000")),
        (ClusterStatus::Renaming, None, Some("REDSHIFT-EVENT-2013")),
        (ClusterStatus::Modifying, None, None),
    ] {
        let mut w = world();
        let before = ids(&mut w, at(60.0), json!({"SourceType": "cluster"})).len();
        w.begin_cluster_transition(&ctx(at(60.0)), &Name::from("c1"), status, 30.0);
        let started = ids(&mut w, at(60.0), json!({"SourceType": "cluster"}));
        assert_eq!(
            started[before..].first().map(String::as_str),
            began,
            "{status:?}"
        );
        let done = ids(&mut w, at(120.0), json!({"SourceType": "cluster"}));
        let expected: Vec<&str> = began.into_iter().chain(settled).collect();
        assert_eq!(
            done[before..]
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>(),
            expected,
            "{status:?}"
        );
    }
}

#[test]
fn the_log_keeps_14_days() {
    let mut log = EventLog::default();
    log.push(T0, CLUSTER_CREATED, Name::from("old"), Vec::new());
    log.push(at(86_400.0), CLUSTER_CREATED, Name::from("mid"), Vec::new());
    log.push(
        at(15.0 * 86_400.0),
        CLUSTER_CREATED,
        Name::from("new"),
        Vec::new(),
    );
    let kept: Vec<&str> = log.iter().map(|e| e.source.as_str()).collect();
    assert_eq!(kept, ["mid", "new"]);
    let text = serde_json::to_string(&log).unwrap();
    let back: EventLog = serde_json::from_str(&text).unwrap();
    assert_eq!(back, log);
    assert!(serde_json::from_str::<EventLog>(
        r#"[{"seq":1,"at":0,"event":"REDSHIFT-EVENT-1","source":"x"}]"#
    )
    .is_err());
}

#[test]
fn an_event_of_an_earlier_instant_takes_its_place_by_date() {
    let mut log = EventLog::default();
    for (seconds, source) in [(10.0, "b"), (20.0, "d"), (10.0, "c"), (5.0, "a")] {
        log.push(at(seconds), CLUSTER_CREATED, Name::from(source), Vec::new());
    }
    let order: Vec<&str> = log.iter().map(|e| e.source.as_str()).collect();
    assert_eq!(order, ["a", "b", "c", "d"]);
    let from: Vec<&str> = log.from((at(10.0), 3)).map(|e| e.source.as_str()).collect();
    assert_eq!(from, ["c", "d"]);
    let text = serde_json::to_string(&log).unwrap();
    assert_eq!(serde_json::from_str::<EventLog>(&text).unwrap(), log);
    assert!(serde_json::from_str::<EventLog>(
        r#"[{"seq":1,"at":0,"event":"REDSHIFT-EVENT-2000","source":"x"},{"seq":1,"at":5,"event":"REDSHIFT-EVENT-2000","source":"y"}]"#
    )
    .is_err());
}

#[test]
fn describe_events_refuses_what_aws_documents() {
    let mut w = world();
    refused::<op::DescribeEvents>(
        &mut w,
        &ctx(T0),
        json!({"SourceIdentifier": "c1"}),
        "InvalidParameterCombination",
    );
    refused::<op::DescribeEvents>(
        &mut w,
        &ctx(T0),
        json!({"SourceType": "clusters"}),
        "InvalidParameterValue",
    );
    refused::<op::DescribeEvents>(
        &mut w,
        &ctx(T0),
        json!({"Duration": -5}),
        "InvalidParameterValue",
    );
    refused::<op::DescribeEvents>(
        &mut w,
        &ctx(T0),
        json!({"MaxRecords": 10}),
        "InvalidParameterValue",
    );
    refused::<op::DescribeEventCategories>(
        &mut w,
        &ctx(T0),
        json!({"SourceType": "x"}),
        "InvalidParameterValue",
    );
}

#[test]
fn describe_events_answers_the_window_oldest_first() {
    let mut w = world();
    let later = at(7200.0);
    crate::engine::testkit::cluster(&mut w, &ctx(later), "c2", json!({}));
    assert_eq!(
        ids(&mut w, later, json!({"SourceType": "cluster"})),
        ["REDSHIFT-EVENT-2000"]
    );
    let all = ids(
        &mut w,
        later,
        json!({"SourceType": "cluster", "Duration": 180}),
    );
    assert_eq!(all, ["REDSHIFT-EVENT-2000", "REDSHIFT-EVENT-2000"]);
}
