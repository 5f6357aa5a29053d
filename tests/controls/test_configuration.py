"""What the configuration areas share: their quotas as keyword arguments of
the world, a whole configuration saved and loaded, and the README's list of
them."""

from __future__ import annotations

import pytest
from botocore import xform_name
from botocore.exceptions import ParamValidationError

import redshift_fake
from conftest import make_cluster, valid_input

QUOTAS = {
    "event_subscription_quota": 20,
    "parameter_group_quota": 20,
    "scheduled_action_quota": 100,
    "security_group_quota": 20,
    "subnet_group_quota": 20,
    "usage_limit_quota": 3,
}
CONFIGURATION_OPERATIONS = [
    "AuthorizeClusterSecurityGroupIngress", "CreateClusterParameterGroup", "CreateClusterSecurityGroup",
    "CreateClusterSubnetGroup", "CreateEventSubscription", "CreateScheduledAction", "CreateUsageLimit",
    "DeleteClusterParameterGroup", "DeleteClusterSecurityGroup", "DeleteClusterSubnetGroup",
    "DeleteEventSubscription", "DeleteScheduledAction", "DeleteUsageLimit", "DescribeClusterParameterGroups",
    "DescribeClusterParameters", "DescribeClusterSecurityGroups", "DescribeClusterSubnetGroups",
    "DescribeDefaultClusterParameters", "DescribeEventCategories", "DescribeEventSubscriptions", "DescribeEvents",
    "DescribeLoggingStatus", "DescribeScheduledActions", "DescribeUsageLimits", "DisableLogging", "EnableLogging",
    "ModifyClusterParameterGroup", "ModifyClusterSubnetGroup", "ModifyEventSubscription", "ModifyScheduledAction",
    "ModifyUsageLimit", "ResetClusterParameterGroup", "RevokeClusterSecurityGroupIngress",
]  # fmt: skip


@pytest.mark.parametrize("operation", CONFIGURATION_OPERATIONS)
def test_parameter_validation_is_botocores(client, operation):
    """One bad call per operation: botocore's validator (the generic one) refuses it."""
    with pytest.raises(ParamValidationError, match='Unknown parameter in input: "Bogus"'):
        getattr(client, xform_name(operation))(**valid_input(operation), Bogus=1)


@pytest.mark.parametrize("quota, default", sorted(QUOTAS.items()))
def test_quotas_are_keyword_arguments_of_the_world(quota, default, tmp_path):
    import inspect

    assert inspect.signature(redshift_fake.FakeRedshift).parameters[quota].default == default
    with pytest.raises(TypeError):
        redshift_fake.FakeRedshift(**{quota: "20"})
    with pytest.raises(ValueError):
        redshift_fake.FakeRedshift(**{quota: -1})
    fake = redshift_fake.FakeRedshift(**{quota: 7})
    fake.save(tmp_path / "w.json")
    assert f'"{quota}":7' in (tmp_path / "w.json").read_text(encoding="utf-8")


def test_a_whole_configuration_round_trips(tmp_path):
    fake = redshift_fake.FakeRedshift()
    fake.add_vpc("vpc-0a1b2c3d", {"subnet-0a1b2c3d": "us-east-1a"})
    fake.add_bucket("logs-1")
    fake.add_sns_topic("arn:aws:sns:us-east-1:123456789012:t")
    fake.add_kms_key("arn:aws:kms:us-east-1:123456789012:key/k1")
    client = fake.client()
    client.create_cluster_parameter_group(
        ParameterGroupName="pg", ParameterGroupFamily="redshift-1.0", Description="d", Tags=[{"Key": "k", "Value": "v"}]
    )
    client.modify_cluster_parameter_group(
        ParameterGroupName="pg", Parameters=[{"ParameterName": "require_ssl", "ParameterValue": "true"}]
    )
    client.create_cluster_subnet_group(ClusterSubnetGroupName="sn", Description="d", SubnetIds=["subnet-0a1b2c3d"])
    client.create_cluster_security_group(ClusterSecurityGroupName="sec", Description="d")
    client.authorize_cluster_security_group_ingress(ClusterSecurityGroupName="sec", CIDRIP="10.0.0.0/8")
    make_cluster(client, ClusterParameterGroupName="pg", ClusterSubnetGroupName="sn", ClusterSecurityGroups=["sec"])
    client.enable_logging(ClusterIdentifier="c1", BucketName="logs-1")
    client.create_usage_limit(ClusterIdentifier="c1", FeatureType="spectrum", LimitType="data-scanned", Amount=1)
    client.create_event_subscription(SubscriptionName="s", SnsTopicArn="arn:aws:sns:us-east-1:123456789012:t")
    client.create_scheduled_action(
        ScheduledActionName="a",
        TargetAction={"PauseCluster": {"ClusterIdentifier": "c1"}},
        Schedule="cron(0 1 * * ? *)",
        IamRole="arn:aws:iam::123456789012:role/r",
    )
    fake.clock.set(fake.clock.now())

    def everything(f):
        c = f.client()
        answers = [
            c.describe_cluster_parameter_groups(), c.describe_cluster_parameters(ParameterGroupName="pg"),
            c.describe_cluster_subnet_groups(), c.describe_cluster_security_groups(), c.describe_clusters(),
            c.describe_logging_status(ClusterIdentifier="c1"), c.describe_usage_limits(),
            c.describe_event_subscriptions(), c.describe_scheduled_actions(), c.describe_events(), c.describe_tags(),
        ]  # fmt: skip
        for a in answers:
            a.pop("ResponseMetadata")
        return answers

    fake.save(tmp_path / "w.json")
    loaded = redshift_fake.FakeRedshift.load(tmp_path / "w.json")
    assert everything(loaded) == everything(fake)
    loaded.save(tmp_path / "again.json")
    assert (tmp_path / "again.json").read_text(encoding="utf-8") == (tmp_path / "w.json").read_text(encoding="utf-8")
