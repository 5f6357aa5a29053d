"""Every call of a principal with identity-based policies is authorized as IAM
does it, through both doors: the in-process client and a genuine botocore
client on the XML door (and ``serve``, whose session token names the
principal)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError

import redshift_fake
from conftest import OTHER_ACCOUNT, check_response, make_cluster, refused

ACCOUNT = redshift_fake.DEFAULT_ACCOUNT_ID
ROLE = f"arn:aws:iam::{ACCOUNT}:role/janitor"
SESSION = f"arn:aws:sts::{ACCOUNT}:assumed-role/janitor/nightly"
DENIED = "Access Denied. Please ensure that your IAM Permissions allow this operation."
PROD_SNAPSHOTS = f"arn:aws:redshift:us-east-1:{ACCOUNT}:snapshot:prod/*"


def statement(effect: str = "Allow", action: Any = "redshift:*", resource: Any = "*", **more: Any) -> dict[str, Any]:
    return {"Effect": effect, "Action": action, "Resource": resource, **more}


def policy(*statements: dict[str, Any]) -> dict[str, Any]:
    return {"Version": "2012-10-17", "Statement": list(statements)}


@pytest.fixture(params=["in-process", "xml"])
def door(request: pytest.FixtureRequest, fake: redshift_fake.FakeRedshift) -> Callable[[str], Any]:
    """A client of `fake` in us-east-1 acting as a principal, through one door."""
    if request.param == "in-process":
        return lambda principal: fake.client("us-east-1", principal=principal)
    return lambda principal: fake.botocore_client("us-east-1", principal=principal)


@pytest.fixture
def prod(fake: redshift_fake.FakeRedshift, client: Any) -> None:
    """Cluster `prod` with manual snapshot `s1`, made by an unrestricted user."""
    make_cluster(client, "prod")
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="prod")


def unauthorized(fake: redshift_fake.FakeRedshift, call: Callable[[], Any]) -> redshift_fake.Denial:
    """Runs `call`, which IAM must refuse as Redshift does, changing nothing;
    the denial the call log keeps."""
    error = refused(fake, call, "UnauthorizedOperation", DENIED)
    assert error.response["ResponseMetadata"]["HTTPStatusCode"] == 400
    assert error.response["Error"]["Type"] == "Sender"
    last = fake.calls[-1]
    assert last.error_code == "UnauthorizedOperation"
    assert last.denial is not None
    return last.denial


def test_the_seeds_rule_snapshot_cluster_identifier_is_needed_by_a_cluster_scoped_policy(fake, prod, door):
    fake.put_identity_policy(
        ROLE, "deletes", policy(statement(action="redshift:DeleteClusterSnapshot", resource=PROD_SNAPSHOTS))
    )
    janitor = door(ROLE)
    denial = unauthorized(fake, lambda: janitor.delete_cluster_snapshot(SnapshotIdentifier="s1"))
    assert denial == redshift_fake.Denial(
        "redshift:DeleteClusterSnapshot",
        f"arn:aws:redshift:us-east-1:{ACCOUNT}:snapshot:*/s1",
        "no identity-based policy allows the action",
    )
    answer = janitor.delete_cluster_snapshot(SnapshotIdentifier="s1", SnapshotClusterIdentifier="prod")
    check_response("DeleteClusterSnapshot", answer)
    assert answer["Snapshot"]["Status"] == "deleted"
    assert fake.calls[-1].denial is None


def test_the_error_is_the_models_class_and_a_client_error(fake, prod, door):
    fake.put_identity_policy(ROLE, "nothing", policy(statement(effect="Deny", action="*")))
    janitor = door(ROLE)
    with pytest.raises(janitor.exceptions.UnauthorizedOperation) as e:
        janitor.describe_clusters()
    assert isinstance(e.value, ClientError)
    assert e.value.operation_name == "DescribeClusters"
    assert (
        str(e.value)
        == f"An error occurred (UnauthorizedOperation) when calling the DescribeClusters operation: {DENIED}"
    )


def test_without_policies_a_principal_is_allowed_everything(fake, prod, door):
    fake.put_identity_policy(ROLE, "nothing", policy(statement(effect="Deny", action="*")))
    for principal in (None, f"arn:aws:iam::{ACCOUNT}:user/alice", f"arn:aws:iam::{ACCOUNT}:role/other"):
        check_response("DescribeClusters", door(principal).describe_clusters())
    fake.delete_identity_policy(ROLE, "nothing")
    check_response("DescribeClusters", door(SESSION).describe_clusters())


def test_a_session_acts_with_its_roles_policies(fake, prod, door):
    fake.put_identity_policy(
        f"arn:aws:iam::{ACCOUNT}:role/ops/Janitor",
        "guard",
        policy(statement(effect="Deny", action="redshift:Describe*")),
    )
    fake.put_identity_policy(ROLE, "all", policy(statement()))
    session = door(SESSION)
    denial = unauthorized(fake, lambda: session.describe_clusters(ClusterIdentifier="prod"))
    assert denial.reason == "explicitly denied by Statement[0] of policy guard"
    assert denial.resource == f"arn:aws:redshift:us-east-1:{ACCOUNT}:cluster:prod"
    check_response(
        "CreateClusterSnapshot", session.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="prod")
    )


def test_an_explicit_deny_wins_over_any_allow(fake, prod, door):
    fake.put_identity_policy(ROLE, "all", policy(statement()))
    fake.put_identity_policy(
        ROLE,
        "keep-prod",
        policy(statement(effect="Deny", action="redshift:Delete*", resource=PROD_SNAPSHOTS, Sid="KeepProd")),
    )
    janitor = door(ROLE)
    denial = unauthorized(
        fake, lambda: janitor.delete_cluster_snapshot(SnapshotIdentifier="s1", SnapshotClusterIdentifier="prod")
    )
    assert denial.reason == "explicitly denied by KeepProd of policy keep-prod"
    # Not naming the cluster escapes a deny that names it: the resource is `*/s1`.
    check_response("DeleteClusterSnapshot", janitor.delete_cluster_snapshot(SnapshotIdentifier="s1"))


def test_not_action_and_not_resource(fake, prod, door):
    fake.put_identity_policy(
        ROLE,
        "p",
        policy(
            {"Effect": "Allow", "NotAction": "redshift:Delete*", "Resource": "*"},
            {"Effect": "Allow", "Action": "redshift:DeleteCluster*", "NotResource": PROD_SNAPSHOTS},
        ),
    )
    janitor = door(ROLE)
    check_response("DescribeClusterSnapshots", janitor.describe_cluster_snapshots())
    unauthorized(
        fake, lambda: janitor.delete_cluster_snapshot(SnapshotIdentifier="s1", SnapshotClusterIdentifier="prod")
    )
    check_response("DeleteClusterSnapshot", janitor.delete_cluster_snapshot(SnapshotIdentifier="s1"))


def test_conditions_on_the_resources_tags(fake, client, prod, door):
    client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="prod")
    arn = f"arn:aws:redshift:us-east-1:{ACCOUNT}:snapshot:prod/s2"
    client.create_tags(ResourceName=arn, Tags=[{"Key": "Retention", "Value": "short"}])
    fake.put_identity_policy(
        ROLE,
        "p",
        policy(
            statement(
                action="redshift:DeleteClusterSnapshot",
                Condition={"StringEquals": {"aws:ResourceTag/retention": "short"}},
            )
        ),
    )
    janitor = door(ROLE)
    unauthorized(fake, lambda: janitor.delete_cluster_snapshot(SnapshotIdentifier="s1"))
    check_response("DeleteClusterSnapshot", janitor.delete_cluster_snapshot(SnapshotIdentifier="s2"))


def test_conditions_on_the_requests_tags_and_region(fake, prod, door):
    fake.put_identity_policy(
        ROLE,
        "p",
        policy(
            statement(
                action="redshift:CreateClusterSnapshot",
                Condition={
                    "StringEquals": {"aws:RequestTag/team": "bi", "aws:RequestedRegion": ["us-east-1", "eu-west-1"]},
                    "ForAllValues:StringEquals": {"aws:TagKeys": ["team", "cost"]},
                },
            ),
            statement(
                action="redshift:DeleteTags",
                Condition={"ForAnyValue:StringLike": {"aws:TagKeys": "tmp-*"}},
            ),
        ),
    )
    janitor = door(ROLE)

    def create(identifier: str, *tags: tuple[str, str]) -> Callable[[], Any]:
        pairs = [{"Key": k, "Value": v} for k, v in tags]
        return lambda: janitor.create_cluster_snapshot(
            SnapshotIdentifier=identifier, ClusterIdentifier="prod", Tags=pairs
        )

    unauthorized(fake, create("s2"))
    unauthorized(fake, create("s2", ("team", "ops")))
    unauthorized(fake, create("s2", ("team", "bi"), ("owner", "me")))
    check_response("CreateClusterSnapshot", create("s2", ("team", "bi"), ("cost", "1"))())
    arn = f"arn:aws:redshift:us-east-1:{ACCOUNT}:snapshot:prod/s2"
    unauthorized(fake, lambda: janitor.delete_tags(ResourceName=arn, TagKeys=["cost"]))
    check_response("DeleteTags", janitor.delete_tags(ResourceName=arn, TagKeys=["cost", "tmp-1"]))


def test_every_resource_of_a_call_must_be_allowed(fake, client, prod, door):
    client.create_cluster_snapshot(SnapshotIdentifier="s2", ClusterIdentifier="prod")
    fake.put_identity_policy(
        ROLE,
        "p",
        policy(
            statement(resource="arn:aws:redshift:*:*:snapshot:*/s1"),
            statement(action="redshift:RestoreFromClusterSnapshot", resource="arn:aws:redshift:*:*:cluster:copy"),
        ),
    )
    janitor = door(ROLE)
    denial = unauthorized(
        fake,
        lambda: janitor.batch_delete_cluster_snapshots(
            Identifiers=[{"SnapshotIdentifier": "s1"}, {"SnapshotIdentifier": "s2"}]
        ),
    )
    assert denial.resource.endswith(":snapshot:*/s2")
    unauthorized(
        fake, lambda: janitor.restore_from_cluster_snapshot(ClusterIdentifier="other", SnapshotIdentifier="s1")
    )
    answer = janitor.restore_from_cluster_snapshot(ClusterIdentifier="copy", SnapshotIdentifier="s1")
    check_response("RestoreFromClusterSnapshot", answer)


def test_authorization_comes_before_an_injected_error(fake, prod, door):
    fake.put_identity_policy(ROLE, "p", policy(statement(action="redshift:DescribeClusters")))
    fake.inject_error("DeleteClusterSnapshot", "ThrottlingException")
    janitor = door(ROLE)
    unauthorized(fake, lambda: janitor.delete_cluster_snapshot(SnapshotIdentifier="s1"))
    # The fault is still pending: the refused call never reached the service.
    with pytest.raises(ClientError) as e:
        fake.client("us-east-1").delete_cluster_snapshot(SnapshotIdentifier="s1")
    assert e.value.response["Error"]["Code"] == "ThrottlingException"


def test_a_policy_for_another_region_or_account_does_not_apply(fake, prod, door):
    fake.put_identity_policy(
        ROLE,
        "p",
        policy(statement(resource=f"arn:aws:redshift:eu-west-1:{ACCOUNT}:*"), statement(action="redshift:Describe*")),
    )
    janitor = door(ROLE)
    check_response("DescribeClusters", janitor.describe_clusters())
    unauthorized(
        fake, lambda: janitor.delete_cluster_snapshot(SnapshotIdentifier="s1", SnapshotClusterIdentifier="prod")
    )
    other = fake.client("us-east-1", account_id=OTHER_ACCOUNT, principal=f"arn:aws:iam::{OTHER_ACCOUNT}:role/janitor")
    check_response("DescribeClusters", other.describe_clusters())


def test_serve_takes_the_principal_from_the_session_token(fake, prod):
    fake.put_identity_policy(ROLE, "p", policy(statement(action="redshift:DescribeClusterSnapshots")))
    with fake.serve() as url:

        def client(token: str | None, key: str = ACCOUNT) -> Any:
            return boto3.client(
                "redshift",
                endpoint_url=url,
                region_name="us-east-1",
                aws_access_key_id=key,
                aws_secret_access_key="x",
                aws_session_token=token,
            )

        for token in (ROLE, SESSION):
            assert client(token).describe_cluster_snapshots()["Snapshots"]
            unauthorized(fake, lambda t=token: client(t).delete_cluster_snapshot(SnapshotIdentifier="s1"))
        # Any other token (real temporary credentials, say) is the default principal.
        for token in (None, "FwoGZXIvYXdzEBYaDExampleToken"):
            assert client(token).describe_clusters()["Clusters"]
        for token, key in ((ROLE, OTHER_ACCOUNT), ("arn:aws:iam::123456789012:group/ops", ACCOUNT)):
            with pytest.raises(ClientError) as e:
                client(token, key).describe_clusters()
            assert e.value.response["Error"]["Code"] == "InvalidClientTokenId"
            assert e.value.response["ResponseMetadata"]["HTTPStatusCode"] == 403
            assert e.value.response["Error"]["Message"].startswith(
                "The security token included in the request is invalid. "
            )


def test_the_failure_report_says_why_iam_refused(fake, prod):
    from redshift_fake._plugin import describe_call

    fake.put_identity_policy(ROLE, "p", policy(statement(action="redshift:DescribeClusters")))
    with pytest.raises(ClientError):
        fake.client("us-east-1", principal=ROLE).delete_cluster_snapshot(SnapshotIdentifier="s1")
    assert describe_call(fake.calls[-1]) == (
        f"us-east-1 {ACCOUNT} DeleteClusterSnapshot(SnapshotIdentifier='s1') -> UnauthorizedOperation"
        f" (redshift:DeleteClusterSnapshot on arn:aws:redshift:us-east-1:{ACCOUNT}:snapshot:*/s1:"
        " no identity-based policy allows the action)"
    )
