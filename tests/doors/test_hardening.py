"""Issue 8's reproducers, each a regression test: no input crashes or stalls the
doors, both doors agree to the byte on what boto3 would send, validation and
answers follow the installed botocore, and timestamps stay within what both
doors can render."""

from __future__ import annotations

import datetime
import enum
import json
import os
import subprocess
import sys
import textwrap
import urllib.error
import urllib.request
import xml.etree.ElementTree as ElementTree
from typing import Any

import botocore.exceptions
import pytest

import redshift_fake
from redshift_fake import _core

UTC = datetime.timezone.utc
V = b"Version=2012-12-01"


def query(fake: redshift_fake.FakeRedshift, body: bytes) -> tuple[int, str | None, ElementTree.Element]:
    """The world's Query handler on `body`: status, error code, parsed XML."""
    status, _, content = fake._world.handle_query(body, "123456789012", "us-east-1")
    root = ElementTree.fromstring(content)
    return status, root.findtext("*/{*}Code"), root


def outcome(call: Any, **params: Any) -> Any:
    """What a client method does with `params`: its answer, or the exception's class and text."""
    try:
        return call(**params)
    except Exception as e:  # the exception is the outcome compared
        return type(e).__name__, str(e)


def both_doors(fake: redshift_fake.FakeRedshift, method: str, **params: Any) -> Any:
    """The outcome of one call through the in-process client and through a genuine
    botocore client on the XML door, asserted equal (answers without their metadata)."""
    results = []
    for client in (fake.client(), fake.botocore_client()):
        result = outcome(getattr(client, method), **params)
        if isinstance(result, dict):
            result.pop("ResponseMetadata")
        results.append(result)
    assert results[0] == results[1]
    return results[0]


# --- Query decoding -------------------------------------------------------------------


def test_a_name_nested_200000_levels_deep_is_an_error_not_a_crash(fake):
    body = b"Action=DescribeClusters&" + V + b"&" + b"a." * 300_000 + b"a=1"
    status, code, root = query(fake, body)
    assert (status, code) == (404, "MalformedQueryString")
    assert "more than 32 dot-separated parts" in root.findtext("*/{*}Message", "")
    # The same through HTTP.
    with fake.serve() as url:
        request = urllib.request.Request(url, data=body, method="POST")
        with pytest.raises(urllib.error.HTTPError) as e:
            urllib.request.urlopen(request, timeout=30)
        e.value.close()
        assert e.value.code == 404


def test_80000_distinct_names_are_decoded_and_ignored(fake):
    body = b"Action=DescribeClusters&" + V + b"".join(b"&K%d=v" % i for i in range(80_000))
    assert len(body) < _core.MAX_REQUEST_BYTES
    status, code, _ = query(fake, body)
    assert (status, code) == (200, None)


def test_a_long_list_is_decoded(fake):
    items = b"".join(b"&TagKeys.TagKey.%d=k%d" % (i, i) for i in range(1, 30_001))
    status, code, _ = query(fake, b"Action=DescribeClusters&" + V + items)
    assert (status, code) == (200, None)


def test_a_body_beyond_the_limit_is_refused_unread(fake):
    assert type(_core.MAX_REQUEST_BYTES) is int and _core.MAX_REQUEST_BYTES == 1 << 20
    items = b"".join(b"&TagKeys.TagKey.%d=k%d" % (i, i) for i in range(1, 100_001))  # 2.7 MB
    status, code, root = query(fake, b"Action=DescribeClusters&" + V + items)
    assert (status, code) == (413, "RequestEntityTooLarge")
    assert root.findtext("*/{*}Message", "").endswith("larger than the limit of 1048576 bytes.")
    at_limit = b"Action=DescribeClusters&" + V + b"&"
    at_limit += b"x" * (_core.MAX_REQUEST_BYTES - len(at_limit))
    assert query(fake, at_limit)[0] == 200
    assert query(fake, at_limit + b"x")[0] == 413
    # botocore reads it as an error of that code, and does not retry it.
    with pytest.raises(botocore.exceptions.ClientError) as e:
        fake.botocore_client().describe_clusters(TagKeys=["k" * 1000] * 1100)
    assert e.value.response["Error"]["Code"] == "RequestEntityTooLarge"
    assert e.value.response["ResponseMetadata"]["RetryAttempts"] == 0


def test_malformed_percent_encoding_is_still_refused(fake):
    for body in (b"Action=DescribeClusters&" + V + b"&Marker=%zz", b"Action=%E0%80&" + V):
        assert query(fake, body)[:2] == (404, "MalformedQueryString")


# --- XML is always well-formed; values follow AWS's rules -----------------------------


def test_a_control_character_in_a_tag_value_is_an_invalid_tag(fake, cluster):
    arn = "arn:aws:redshift:us-east-1:123456789012:cluster:c1"
    for value in ("a\x01b", "\x00", "\ufffe", "tab\there", "#"):
        result = both_doors(fake, "create_tags", ResourceName=arn, Tags=[{"Key": "k", "Value": value}])
        assert result[0] == "InvalidTagFault", result
    result = both_doors(fake, "create_tags", ResourceName=arn, Tags=[{"Key": "k\x01", "Value": "v"}])
    assert result[0] == "InvalidTagFault"
    both_doors(fake, "create_tags", ResourceName=arn, Tags=[{"Key": "Ünïcode 日本 _.:/=+-@", "Value": "½ ٣"}])
    assert both_doors(fake, "describe_tags")["TaggedResources"][0]["Tag"]["Value"] == "½ ٣"


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x08", "\x0b", "\x1f", "\ufffe", "\uffff"])
def test_characters_xml_cannot_carry_are_refused_by_both_doors(fake, cluster, character):
    kind, text = both_doors(fake, "create_cluster_snapshot", SnapshotIdentifier=f"s{character}", ClusterIdentifier="c1")
    code = f"U+{ord(character):04X}"
    assert kind == "ClientError"
    assert text.endswith(
        f"(InvalidParameterValue) when calling the CreateClusterSnapshot operation: The value of parameter "
        f"SnapshotIdentifier contains the character {code}, which is not allowed."
    )
    # Nested too, and named by its path; nothing was created.
    both_doors(fake, "describe_cluster_snapshots", SortingEntities=[{"Attribute": f"A{character}"}])
    assert both_doors(fake, "describe_cluster_snapshots", SnapshotType="manual")["Snapshots"] == []


def test_text_the_engine_echoes_is_written_as_well_formed_xml(fake):
    fake.inject_error("DescribeClusters", "Boom", message="a\x01b\rc<&>\ufffe")
    with pytest.raises(botocore.exceptions.ClientError) as e:
        fake.botocore_client().describe_clusters()
    assert e.value.response["Error"]["Message"] == "a\ufffdb\rc<&>\ufffd"


def test_carriage_returns_and_tabs_read_back_through_xml(fake, cluster):
    # \r would come back as \n from a raw one in XML text: both doors answer the same text.
    both_doors(fake, "describe_clusters", ClusterIdentifier="c\r1\t")


# --- What boto3 would send is what the engine sees -------------------------------------


class Identifier(str, enum.Enum):
    C = "c1"


def test_a_str_enum_is_read_as_its_value(fake):
    fake.client().create_cluster(
        ClusterIdentifier=Identifier.C, NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
    )
    assert both_doors(fake, "describe_clusters", ClusterIdentifier="c1")["Clusters"][0]["ClusterIdentifier"] == "c1"
    both_doors(fake, "describe_clusters", ClusterIdentifier=Identifier.C)


def test_a_bool_for_an_integer_is_refused_as_aws_refuses_true(fake, cluster):
    snapshot = {"SnapshotIdentifier": "s1", "ClusterIdentifier": "c1"}
    kind, text = both_doors(fake, "create_cluster_snapshot", **snapshot, ManualSnapshotRetentionPeriod=True)
    assert "(InvalidParameterValue)" in text
    assert text.endswith("Value (True) for parameter ManualSnapshotRetentionPeriod is invalid. Expected an integer.")
    assert both_doors(fake, "describe_cluster_snapshots", SnapshotType="manual")["Snapshots"] == []
    assert fake.calls[-1].operation_name == "DescribeClusterSnapshots", "a refused call is not logged"


def test_an_integer_beyond_64_bits_is_named_as_sent(fake):
    kind, text = both_doors(fake, "describe_clusters", MaxRecords=2**70)
    assert text.endswith(f"Value ({2**70}) for parameter MaxRecords is invalid. Expected an integer.")
    kind, text = both_doors(fake, "describe_clusters", MaxRecords=-(2**63) - 1)
    assert f"Value ({-(2**63) - 1})" in text


def test_a_lone_surrogate_raises_unicode_encode_error_after_validation(fake):
    kind, text = both_doors(fake, "describe_clusters", ClusterIdentifier="\ud800")
    assert kind == "UnicodeEncodeError"
    # Validation comes first, as in boto3, and measures the string as Python does.
    assert both_doors(fake, "describe_clusters", ClusterIdentifier="\ud800", Foo=1)[0] == "ParamValidationError"
    # (CreateIntegration is not implemented: its validation is reached through the door itself.)
    params = {"SourceArn": "a" * 20, "TargetArn": "\ud800", "IntegrationName": "i"}
    ours = outcome(fake.client()._call, operation="CreateIntegration", params=params)
    assert ours == outcome(fake.botocore_client().create_integration, **params)
    assert ours[1].endswith("Invalid length for parameter TargetArn, value: 1, valid min length: 20")


class Unprintable:
    def __str__(self) -> str:
        raise KeyError("no text")


@pytest.mark.parametrize(
    "params",
    [
        {"ClusterIdentifier": Unprintable()},
        {"MaxRecords": Unprintable(), "Foo": 1},
        {"TagKeys": [Unprintable()]},
    ],
)
def test_a_value_whose_str_raises_raises_as_botocore_does(fake, params):
    assert both_doors(fake, "describe_clusters", **params) == ("KeyError", "'no text'")


@pytest.mark.parametrize("when", [10**20, float("inf"), -(10**20)])
def test_an_unrepresentable_timestamp_raises_as_botocore_does(fake, when):
    kind, _ = both_doors(fake, "describe_cluster_snapshots", StartTime=when)
    assert kind in ("RuntimeError", "OverflowError", "OSError")


def test_timestamps_are_sent_as_boto3_writes_them(fake):
    # boto3 writes year 5 as "5-01-01T00:00:00Z", which the service cannot read.
    kind, text = both_doors(fake, "describe_cluster_snapshots", StartTime=datetime.datetime(5, 1, 1))
    assert "(InvalidParameterValue)" in text and "Expected an ISO 8601 timestamp" in text
    both_doors(fake, "describe_cluster_snapshots", StartTime="2024-01-01T00:00:00+05:00")


def test_a_structure_boto3_sends_nothing_of_is_absent(fake):
    # An empty structure puts nothing on the wire: a required one is missed.
    # (CreateScheduledAction is not implemented: reached through the door itself.)
    params = {"ScheduledActionName": "a", "TargetAction": {}, "Schedule": "at(2030-01-01T00:00:00)", "IamRole": "r"}
    ours = outcome(fake.client()._call, operation="CreateScheduledAction", params=params)
    assert ours == outcome(fake.botocore_client().create_scheduled_action, **params)
    assert ours[1].endswith("The request must contain the parameter TargetAction.")


# --- Validation follows the installed botocore -----------------------------------------

_OLDER_BOTOCORE = textwrap.dedent(
    """
    import json, sys
    import redshift_fake

    fake = redshift_fake.FakeRedshift()
    ours, theirs = fake.client(), fake.botocore_client()

    def outcome(client, method, **params):
        try:
            answer = getattr(client, method)(**params)
        except Exception as e:
            return [type(e).__name__, str(e)]
        answer.pop("ResponseMetadata", None)
        return json.loads(json.dumps(answer, default=str))

    ours.create_cluster(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin",
                        MasterUserPassword="Secret123")
    found = {
        "methods": [hasattr(c, "batch_modify_cluster_snapshots") for c in (ours, theirs)],
        "pagination": ours.can_paginate("describe_cluster_snapshots"),
    }
    found["created"] = [
        sorted(outcome(c, "create_cluster_snapshot", SnapshotIdentifier=s, ClusterIdentifier="c1")["Snapshot"])
        for c, s in ((ours, "s1"), (theirs, "s2"))
    ]
    for name, method, params in [
        ("unknown member", "modify_cluster_snapshot", {"SnapshotIdentifier": "s1", "Force": True}),
        ("described", "describe_cluster_snapshots", {"SnapshotIdentifier": "s1"}),
        ("clusters", "describe_clusters", {}),
    ]:
        found[name] = [outcome(c, method, **params) for c in (ours, theirs)]
    print(json.dumps(found))
    """
)


def test_a_member_or_operation_the_installed_botocore_lacks_is_refused_as_it_refuses_it(tmp_path):
    """An older botocore, made by taking an operation, an input member and output
    members out of the model (botocore reads models from ``AWS_DATA_PATH`` first)."""
    model = json.loads(_core.SERVICE_MODEL_JSON)
    del model["operations"]["BatchModifyClusterSnapshots"]
    del model["shapes"]["ModifyClusterSnapshotMessage"]["members"]["Force"]
    del model["shapes"]["Snapshot"]["members"]["SnapshotArn"]
    del model["shapes"]["Cluster"]["members"]["ClusterNamespaceArn"]
    folder = tmp_path / "redshift" / "2012-12-01"
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    env = {**os.environ, "AWS_DATA_PATH": str(tmp_path)}
    run = subprocess.run([sys.executable, "-c", _OLDER_BOTOCORE], env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    found = json.loads(run.stdout)
    assert found["methods"] == [False, False]
    assert found["pagination"] is True
    for name in ("created", "unknown member", "described", "clusters"):
        ours, theirs = found[name]
        assert ours == theirs, name
    assert found["unknown member"][0][0] == "ParamValidationError"
    assert 'Unknown parameter in input: "Force"' in found["unknown member"][0][1]
    assert "SnapshotArn" not in found["created"][0] and "SnapshotIdentifier" in found["created"][0]
    assert "ClusterNamespaceArn" not in found["clusters"][0]["Clusters"][0]


def test_the_installed_botocore_s_model_is_the_embedded_one_here():
    from redshift_fake import _model

    assert _model.client_model() is None, "the tests pin botocore to the embedded model's version"


# --- Timestamps -----------------------------------------------------------------------


def test_both_doors_answer_the_same_instant_at_aws_precision(fake):
    fake.clock.set(datetime.datetime(2030, 1, 1, 0, 0, 0, 123456, tzinfo=UTC))
    created = fake.client().create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
    )
    expected = datetime.datetime(2030, 1, 1, 0, 0, 0, 123000, tzinfo=UTC)
    assert created["Cluster"]["ClusterCreateTime"] == expected
    assert both_doors(fake, "describe_clusters")["Clusters"][0]["ClusterCreateTime"] == expected
    old = datetime.datetime(2020, 1, 1, 0, 0, 0, 999999)
    seeded = fake.seed_snapshot(SnapshotIdentifier="old", ClusterIdentifier="c1", SnapshotCreateTime=old)
    assert seeded["SnapshotCreateTime"] == datetime.datetime(2020, 1, 1, 0, 0, 0, 999000, tzinfo=UTC)
    both_doors(fake, "describe_cluster_snapshots")


def test_a_clock_beyond_python_s_datetime_is_refused_when_set_or_advanced(fake, cluster):
    fake.clock.set(datetime.datetime(9999, 12, 31, tzinfo=UTC))
    with pytest.raises(ValueError, match="cannot be advanced beyond 9999-12-31T23:59:59.999Z"):
        fake.clock.advance(datetime.timedelta(days=2))
    assert fake.clock.now() == datetime.datetime(9999, 12, 31, tzinfo=UTC)
    minus_five = datetime.timezone(datetime.timedelta(hours=-5))
    with pytest.raises(ValueError, match="cannot be set beyond"):
        fake.clock.set(datetime.datetime(9999, 12, 31, 23, tzinfo=minus_five))
    with pytest.raises(ValueError, match="cannot be set"):
        fake.clock.set(datetime.datetime(1, 1, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=5))))
    with pytest.raises(ValueError, match="finite"):
        fake.clock.advance(float("inf"))
    with pytest.raises(ValueError, match="cannot be advanced"):
        fake.clock.advance(10**30)
    assert fake.clock.now() == datetime.datetime(9999, 12, 31, tzinfo=UTC)


def test_times_the_engine_works_out_past_9999_render_in_both_doors():
    fake = redshift_fake.FakeRedshift(snapshot_creation_seconds=3600, cluster_creation_seconds=3600)
    fake.clock.set(datetime.datetime.max)
    assert fake.clock.now() == datetime.datetime(9999, 12, 31, 23, 59, 59, 999000, tzinfo=UTC)
    client = fake.client()
    client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Secret123"
    )
    both_doors(fake, "describe_clusters")
    both_doors(fake, "describe_cluster_snapshots")
    fake.seed_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1", ManualSnapshotRetentionPeriod=3653)
    (snapshot,) = both_doors(fake, "describe_cluster_snapshots")["Snapshots"]
    assert snapshot["SnapshotCreateTime"] == fake.clock.now()
