"""The pytest plugin: installing the package is enough to have the
``fake_redshift`` and ``redshift_client`` fixtures, fresh for every test."""

from __future__ import annotations

import importlib.metadata
import re

import pytest

from conftest import ROOT

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
    readme = (ROOT / "README.md").read_text()
    quick_start = re.search(r"## Quick start\n\n```python\n(.*?)```", readme, re.S)
    assert quick_start, "README.md has a Quick start code block"
    pytester.makepyfile(quick_start.group(1))
    pytester.runpytest("-p", "no:cacheprovider").assert_outcomes(passed=1)


def test_the_marker_configures_the_world_of_both_fixtures(pytester):
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.redshift_fake(account_id="210987654321", manual_snapshot_quota=1, snapshot_creation_seconds=60)
        def test_marked(fake_redshift, redshift_client):
            assert fake_redshift.account_id == "210987654321"
            redshift_client.create_cluster(
                ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="a", MasterUserPassword="Secret123"
            )
            snapshot = redshift_client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
            assert snapshot["Snapshot"]["OwnerAccount"] == "210987654321"
            assert snapshot["Snapshot"]["EstimatedSecondsToCompletion"] == 60
            with pytest.raises(redshift_client.exceptions.ClusterSnapshotQuotaExceededFault):
                redshift_client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="c1")

        def test_unmarked(fake_redshift):
            assert fake_redshift.account_id == "123456789012"

        @pytest.mark.redshift_fake(account_id="111111111111")
        class TestClass:
            def test_in_class(self, fake_redshift):
                assert fake_redshift.account_id == "111111111111"

            @pytest.mark.redshift_fake(account_id="222222222222")
            def test_closest_wins(self, fake_redshift):
                assert fake_redshift.account_id == "222222222222"
        """
    )
    pytester.runpytest("-p", "no:cacheprovider", "--strict-markers").assert_outcomes(passed=4)


def test_the_marker_on_a_module_and_its_misuse(pytester):
    pytester.makepyfile(
        test_module="""
        import pytest

        pytestmark = pytest.mark.redshift_fake(manual_snapshot_quota=7)

        def test_module_level(fake_redshift):
            assert fake_redshift.account_id == "123456789012"
        """,
        test_misuse="""
        import pytest

        @pytest.mark.redshift_fake("123456789012")
        def test_positional(fake_redshift):
            pass

        @pytest.mark.redshift_fake(no_such_setting=1)
        def test_unknown_setting(fake_redshift):
            pass
        """,
    )
    result = pytester.runpytest("-p", "no:cacheprovider", "--strict-markers")
    result.assert_outcomes(passed=1, errors=2)
    result.stdout.fnmatch_lines(
        ["*redshift_fake takes keyword arguments only*", "*unexpected keyword argument 'no_such_setting'*"]
    )


def test_the_marker_is_listed(pytester):
    pytester.runpytest("--markers").stdout.fnmatch_lines(["@pytest.mark.redshift_fake(**settings): *FakeRedshift*"])


CALLS_REPORTED = """
    import pytest

    def test_fails(fake_redshift, redshift_client):
        redshift_client.create_cluster(
            ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin", MasterUserPassword="Sec" + "ret123",
            Tags=[{"Key": "team", "Value": "data"}],
        )
        with pytest.raises(redshift_client.exceptions.ClusterSnapshotNotFoundFault):
            redshift_client.delete_cluster_snapshot(SnapshotIdentifier="nope")
        fake_redshift.client("eu-west-1", account_id="210987654321").describe_cluster_snapshots(MaxRecords=20)
        assert False, "the code under test went wrong"

    def test_passes(redshift_client):
        redshift_client.describe_clusters()

    def test_fails_without_the_fixtures():
        assert False

    def test_fails_before_any_call(fake_redshift):
        assert False
"""


def test_a_failing_test_reports_the_calls_it_made(pytester):
    pytester.makepyfile(CALLS_REPORTED)
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=1, failed=3)
    result.stdout.fnmatch_lines(
        [
            "*_ test_fails _*",
            "*- Redshift calls -*",
            "3 call(s), as: number region account Operation(parameters) -> error code",
            "1 us-east-1 123456789012 CreateCluster(ClusterIdentifier='c1', NodeType='dc2.large', "
            "MasterUsername='admin', MasterUserPassword=***, Tags=[{'Key': 'team', 'Value': 'data'}]) -> ok",
            "2 us-east-1 123456789012 DeleteClusterSnapshot(SnapshotIdentifier='nope') -> ClusterSnapshotNotFound",
            "3 eu-west-1 210987654321 DescribeClusterSnapshots(MaxRecords=20) -> ok",
            "*_ test_fails_without_the_fixtures _*",
        ]
    )
    assert "Secret123" not in result.stdout.str(), "a sensitive parameter is masked"
    sections = result.stdout.str().count("- Redshift calls -")
    assert sections == 2, "a section for each failing test that used the fixtures, none for the others"
    result.stdout.fnmatch_lines(["*- Redshift calls -*", "no call reached the fake Redshift"])


def test_a_long_run_of_calls_is_cut_to_the_last_ones(pytester):
    pytester.makepyfile(
        """
        def test_many(redshift_client):
            for _ in range(120):
                redshift_client.describe_clusters()
            redshift_client.describe_cluster_snapshots(SnapshotIdentifier="x" * 100)
            assert False
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            "121 call(s), as: *",
            "... 71 earlier call(s) left out",
            " 72 us-east-1 123456789012 DescribeClusters() -> ok",
            "121 * DescribeClusterSnapshots(SnapshotIdentifier='xxxxx*...) -> ClusterSnapshotNotFound",
        ]
    )
    assert "\n 71 us-east-1" not in result.stdout.str()


def test_the_readme_marker_example_passes_and_its_report_is_the_plugins(pytester):
    readme = (ROOT / "README.md").read_text()
    example = re.search(r"A marker sets up.*?```python\n(.*?)```.*?```\n(-+ Redshift calls -+\n.*?)```", readme, re.S)
    assert example, "README.md has the marker example and its report"
    code, report = example.groups()
    pytester.makepyfile(test_passes=code, test_fails=code + "    assert False\n")
    result = pytester.runpytest("-p", "no:cacheprovider", "--strict-markers")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(report.splitlines())
