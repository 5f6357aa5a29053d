//! CreateClusterSnapshot and CopyClusterSnapshot: the two ways a new manual
//! snapshot comes into being.

use serde_json::{json, Value};

use super::{delete, world_s1};
use crate::engine::snapshots::{Retention, SnapshotKind, SnapshotStatus};
use crate::engine::testkit::{
    at, call, ctx, described_one, force, has_snapshot, ok, record, refused, snapshot_with, world,
    world_with, AUTOMATED, DAY, T0,
};
use crate::engine::Settings;
use crate::errors::RedshiftError;
use crate::model::operations as op;
use crate::model::Tag;

fn snapshot_of(id: &str, cluster: &str) -> Value {
    json!({"SnapshotIdentifier": id, "ClusterIdentifier": cluster})
}

#[test]
fn create_answers_creating_and_becomes_available() {
    let mut w = world_s1(Settings::default());
    let made = ok::<op::CreateClusterSnapshot>(&mut w, &ctx(T0), snapshot_of("S2", "C1"))
        .snapshot
        .unwrap();
    assert_eq!(made.status.as_deref(), Some("creating"));
    assert_eq!(made.snapshot_identifier.as_deref(), Some("s2"));
    assert_eq!(made.cluster_identifier.as_deref(), Some("c1"));
    assert_eq!(made.manual_snapshot_retention_period, Some(-1));
    assert_eq!(made.tags, Some(Vec::new()));
    assert_eq!(
        made.snapshot_arn.as_deref(),
        Some("arn:aws:redshift:us-east-1:123456789012:snapshot:c1/s2")
    );
    let seen = described_one(&mut w, T0, "s2").unwrap();
    assert_eq!(seen.status.as_deref(), Some("available"));
    // The new snapshot shares its cluster's facts rather than copying them.
    let cluster = w
        .own::<crate::engine::clusters::ClusterRecord>(&ctx(T0), "c1")
        .unwrap();
    assert!(std::sync::Arc::ptr_eq(
        &record(&w, "s2").unwrap().facts,
        &cluster.facts
    ));
}

#[test]
fn progress_members_follow_the_status() {
    let mut w = world_s1(Settings {
        snapshot_creation_seconds: 100.0,
        ..Settings::default()
    });
    ok::<op::CreateClusterSnapshot>(&mut w, &ctx(T0), snapshot_of("s2", "c1"));
    let half = described_one(&mut w, at(50.0), "s2").unwrap();
    assert_eq!(half.status.as_deref(), Some("creating"));
    assert_eq!(half.elapsed_time_in_seconds, Some(50));
    assert_eq!(half.estimated_seconds_to_completion, Some(50));
    assert_eq!(
        half.backup_progress_in_mega_bytes,
        half.total_backup_size_in_mega_bytes.map(|t| t / 2.0)
    );
    let done = described_one(&mut w, at(100.0), "s2").unwrap();
    assert_eq!(done.status.as_deref(), Some("available"));
    assert_eq!(done.estimated_seconds_to_completion, Some(0));
    assert_eq!(
        done.backup_progress_in_mega_bytes,
        done.total_backup_size_in_mega_bytes
    );
}

#[test]
fn create_refusals_change_nothing() {
    let mut w = world_s1(Settings::default());
    let mut create =
        |params, code| refused::<op::CreateClusterSnapshot>(&mut w, &ctx(T0), params, code);
    let err = create(snapshot_of("s2", "c9"), "ClusterNotFound");
    assert_eq!(err.to_string(), "Cluster c9 not found.");
    create(snapshot_of("S1", "c1"), "ClusterSnapshotAlreadyExists");
    create(snapshot_of("s--2", "c1"), "InvalidParameterValue");
    for days in [0, -2, 3654] {
        let mut params = snapshot_of("s2", "c1");
        params["ManualSnapshotRetentionPeriod"] = json!(days);
        create(params, "InvalidRetentionPeriodFault");
    }
    let tags = |n: usize, key: &str| -> Vec<Tag> {
        (0..n)
            .map(|i| Tag {
                key: Some(format!("{key}{i}").into()),
                value: Some("v".into()),
            })
            .collect()
    };
    for (tags, code) in [
        (tags(51, "k"), "TagLimitExceededFault"),
        (tags(1, "aws:"), "InvalidTagFault"),
        (tags(1, "AWS:"), "InvalidTagFault"),
    ] {
        let mut params = snapshot_of("s2", "c1");
        params["Tags"] = serde_json::to_value(tags).unwrap();
        create(params, code);
    }
}

#[test]
fn create_keeps_tags_and_retention() {
    let mut w = world_s1(Settings::default());
    let tags = vec![Tag {
        key: Some("team".into()),
        value: Some("data".into()),
    }];
    snapshot_with(
        &mut w,
        "s2",
        T0,
        json!({"Tags": tags, "ManualSnapshotRetentionPeriod": 3}),
    );
    let seen = described_one(&mut w, at(DAY), "s2").unwrap();
    assert_eq!(seen.tags, Some(tags));
    assert_eq!(seen.manual_snapshot_retention_period, Some(3));
    assert_eq!(seen.manual_snapshot_remaining_days, Some(2));
    assert_eq!(seen.snapshot_retention_start_time, Some(T0));
}

#[test]
fn the_clusters_manual_retention_is_the_default() {
    let mut w = world();
    crate::engine::testkit::cluster(
        &mut w,
        &ctx(T0),
        "c2",
        json!({"ManualSnapshotRetentionPeriod": 5}),
    );
    let made = ok::<op::CreateClusterSnapshot>(&mut w, &ctx(T0), snapshot_of("s2", "c2"))
        .snapshot
        .unwrap();
    assert_eq!(made.manual_snapshot_retention_period, Some(5));
    assert_eq!(made.manual_snapshot_remaining_days, Some(5));
}

#[test]
fn manual_snapshot_quota_per_account_and_region() {
    let mut w = world_s1(Settings {
        manual_snapshot_quota: 2,
        ..Settings::default()
    });
    ok::<op::CreateClusterSnapshot>(&mut w, &ctx(T0), snapshot_of("s2", "c1"));
    let err = refused::<op::CreateClusterSnapshot>(
        &mut w,
        &ctx(T0),
        snapshot_of("s3", "c1"),
        "ClusterSnapshotQuotaExceeded",
    );
    assert!(err.to_string().contains('2'));
    ok::<op::DeleteClusterSnapshot>(&mut w, &ctx(T0), delete("s2", None));
    ok::<op::CreateClusterSnapshot>(&mut w, &ctx(T0), snapshot_of("s3", "c1"));
}

#[test]
fn retention_removes_a_manual_snapshot_when_its_period_ends() {
    let mut w = world_s1(Settings::default());
    snapshot_with(
        &mut w,
        "s2",
        T0,
        json!({"ManualSnapshotRetentionPeriod": 1}),
    );
    w.tick(at(DAY - 1.0));
    assert!(has_snapshot(&w, "s2"));
    w.tick(at(DAY));
    assert!(!has_snapshot(&w, "s2"));
    // The automated snapshot's one day ended too; `s1` is kept forever.
    assert!(!has_snapshot(&w, AUTOMATED));
    assert!(has_snapshot(&w, "s1"));
}

fn copy(
    w: &mut crate::engine::World,
    params: Value,
) -> crate::engine::Outcome<crate::model::Snapshot> {
    call::<op::CopyClusterSnapshot>(w, &ctx(T0), params).map(|r| r.snapshot.unwrap())
}

#[test]
fn an_automated_snapshot_is_copied_to_a_new_manual_one() {
    let mut w = world();
    let s = copy(
        &mut w,
        json!({"SourceSnapshotIdentifier": AUTOMATED, "TargetSnapshotIdentifier": "Keep",
               "SourceSnapshotClusterIdentifier": "C1", "ManualSnapshotRetentionPeriod": 7}),
    )
    .unwrap();
    assert_eq!(s.snapshot_identifier.as_deref(), Some("keep"));
    assert_eq!(s.snapshot_type.as_deref(), Some("manual"));
    assert_eq!(s.status.as_deref(), Some("creating"));
    assert_eq!(s.cluster_identifier.as_deref(), Some("c1"));
    assert_eq!(s.manual_snapshot_retention_period, Some(7));
    assert_eq!(
        s.snapshot_arn.as_deref(),
        Some("arn:aws:redshift:us-east-1:123456789012:snapshot:c1/keep")
    );
    let kept = described_one(&mut w, T0, "keep").unwrap();
    assert_eq!(kept.status.as_deref(), Some("available"));
    assert_eq!(record(&w, "keep").unwrap().kind(), SnapshotKind::Manual);
    let default = copy(
        &mut w,
        json!({"SourceSnapshotIdentifier": AUTOMATED, "TargetSnapshotIdentifier": "forever"}),
    )
    .unwrap();
    assert_eq!(default.manual_snapshot_retention_period, Some(-1));
    assert_eq!(
        record(&w, "forever").unwrap().retention,
        Retention::Manual {
            days: -1,
            start: T0
        }
    );
}

#[test]
fn copy_refuses_what_the_doc_rules_out() {
    let mut w = world();
    snapshot_with(&mut w, "s1", T0, json!({}));
    let cases = [
        (
            json!({"SourceSnapshotIdentifier": "nope", "TargetSnapshotIdentifier": "t"}),
            RedshiftError::ClusterSnapshotNotFound("nope".into()),
        ),
        (
            json!({"SourceSnapshotIdentifier": AUTOMATED, "SourceSnapshotClusterIdentifier": "c9",
                   "TargetSnapshotIdentifier": "t"}),
            RedshiftError::ClusterSnapshotNotFound(AUTOMATED.into()),
        ),
        (
            json!({"SourceSnapshotIdentifier": "s1", "TargetSnapshotIdentifier": "t"}),
            RedshiftError::NotAutomatedSnapshot("s1".into()),
        ),
        (
            json!({"SourceSnapshotIdentifier": AUTOMATED, "TargetSnapshotIdentifier": "S1"}),
            RedshiftError::ClusterSnapshotAlreadyExists("s1".into()),
        ),
    ];
    for (params, expected) in cases {
        let code = expected.code().to_owned();
        let err = refused::<op::CopyClusterSnapshot>(&mut w, &ctx(T0), params, &code);
        assert_eq!(err, expected);
    }
    let err = refused::<op::CopyClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SourceSnapshotIdentifier": AUTOMATED, "TargetSnapshotIdentifier": "t-"}),
        "InvalidParameterValue",
    );
    assert!(err.to_string().contains("TargetSnapshotIdentifier"));
    refused::<op::CopyClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SourceSnapshotIdentifier": AUTOMATED, "TargetSnapshotIdentifier": "t",
               "ManualSnapshotRetentionPeriod": 0}),
        "InvalidRetentionPeriodFault",
    );
    force(&mut w, AUTOMATED, SnapshotStatus::Creating);
    let err = refused::<op::CopyClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SourceSnapshotIdentifier": AUTOMATED, "TargetSnapshotIdentifier": "t"}),
        "InvalidClusterSnapshotState",
    );
    assert_eq!(
        err,
        RedshiftError::SnapshotNotCopyable {
            id: AUTOMATED.into(),
            status: "creating".into()
        }
    );
    assert!(!has_snapshot(&w, "t"));
}

#[test]
fn copies_count_against_the_manual_snapshot_quota() {
    let mut w = world_with(Settings {
        manual_snapshot_quota: 1,
        ..Settings::default()
    });
    copy(
        &mut w,
        json!({"SourceSnapshotIdentifier": AUTOMATED, "TargetSnapshotIdentifier": "a"}),
    )
    .unwrap();
    let err = refused::<op::CopyClusterSnapshot>(
        &mut w,
        &ctx(T0),
        json!({"SourceSnapshotIdentifier": AUTOMATED, "TargetSnapshotIdentifier": "b"}),
        "ClusterSnapshotQuotaExceeded",
    );
    assert_eq!(err, RedshiftError::ClusterSnapshotQuotaExceeded(1));
}
