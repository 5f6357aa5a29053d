"""The pytest plugin: installing the package is enough to have the
``fake_redshift`` and ``redshift_client`` fixtures, fresh for every test."""

from __future__ import annotations

import importlib.metadata
import pathlib
import re

import pytest

pytest_plugins = ["pytester"]

FIXTURE_TESTS = """
    import redshift_fake

    def test_the_client_is_of_the_world(fake_redshift, redshift_client):
        assert isinstance(fake_redshift, redshift_fake.FakeRedshift)
        assert isinstance(redshift_client, redshift_fake.RedshiftClient)
        assert redshift_client.fake is fake_redshift
        assert redshift_client.meta.region_name == "us-east-1"
        redshift_client.create_cluster(
            ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
        )
        assert [c.operation_name for c in fake_redshift.calls] == ["CreateCluster"]

    def test_each_test_has_a_fresh_world(fake_redshift, redshift_client):
        assert redshift_client.describe_clusters()["Clusters"] == []
        assert fake_redshift.calls[0].operation_name == "DescribeClusters"

    def test_the_world_alone(fake_redshift):
        fake_redshift.seed_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="gone")
        assert len(fake_redshift.client().describe_cluster_snapshots()["Snapshots"]) == 1
"""


def test_the_plugin_is_registered_by_entry_point():
    entry_points = importlib.metadata.entry_points(group="pytest11")
    assert "redshift_fake._plugin" in [e.value for e in entry_points if e.name == "redshift_fake"]


def test_both_fixtures_work_through_the_entry_point(pytester):
    pytester.makepyfile(FIXTURE_TESTS)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=3)


def test_the_fixtures_are_listed(pytester):
    result = pytester.runpytest("--fixtures")
    result.stdout.fnmatch_lines(["*fake_redshift*", "*A fresh world for this test*", "*redshift_client*"])


def test_the_fixtures_are_fresh_under_xdist(pytester):
    pytest.importorskip("xdist")
    many = "\n".join(
        f"""
def test_{i}(fake_redshift, redshift_client):
    assert redshift_client.describe_clusters()["Clusters"] == []
    redshift_client.create_cluster(
        ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
    )
    assert len(fake_redshift.calls) == 2
"""
        for i in range(8)
    )
    pytester.makepyfile(many)
    result = pytester.runpytest_subprocess("-n", "2", "-p", "no:cacheprovider")
    result.assert_outcomes(passed=8)


def test_the_readme_quick_start_passes(pytester):
    """The quick start users copy from the README is a passing test suite."""
    readme = (pathlib.Path(__file__).resolve().parent.parent / "README.md").read_text()
    quick_start = re.search(r"## Quick start\n\n```python\n(.*?)```", readme, re.S)
    assert quick_start, "README.md has a Quick start code block"
    pytester.makepyfile(quick_start.group(1))
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)
