"""Parameter groups: the default group and its parameters, groups an account
creates, modifies, resets and deletes, and what a change does to the
clusters that use a group."""

from __future__ import annotations

import pytest

import redshift_fake
from conftest import NEW_CLUSTER, OTHER_ACCOUNT, check_response, doors_agree, make_cluster, refused

DEFAULT = "default.redshift-1.0"
# (fact) DescribeDefaultClusterParameters as AWS answered it; (doc) the values.
SEEN_ON_AWS = {
    "datestyle": ("ISO, MDY", "string", None),
    "enable_user_activity_logging": ("false", "boolean", "true,false"),
    "extra_float_digits": ("0", "integer", "-15-2"),
    "query_group": ("default", "string", None),
    "require_ssl": ("false", "boolean", "true,false"),
    "search_path": ("$user, public", "string", None),
    "statement_timeout": ("0", "integer", "0,100-2147483647"),
    "wlm_json_configuration": ('[{"auto_wlm":true}]', "string", None),
    "use_fips_ssl": ("false", "boolean", "true,false"),
    "max_concurrency_scaling_clusters": ("1", "integer", "0-10"),
}


def create(client, name="pg1", **members):
    params = {"ParameterGroupName": name, "ParameterGroupFamily": "redshift-1.0", "Description": "mine", **members}
    return client.create_cluster_parameter_group(**params)


def modify(client, name="pg1", **values):
    parameters = [{"ParameterName": k, "ParameterValue": v} for k, v in values.items()]
    return client.modify_cluster_parameter_group(ParameterGroupName=name, Parameters=parameters)


def apply_status(client, cluster="c1"):
    (group,) = client.describe_clusters(ClusterIdentifier=cluster)["Clusters"][0]["ClusterParameterGroups"]
    return group["ParameterGroupName"], group["ParameterApplyStatus"]


# ---- the default group ----


def test_every_account_and_region_has_the_default_group(fake):
    for client in (fake.client(), fake.client("eu-west-1", account_id=OTHER_ACCOUNT)):
        answer = client.describe_cluster_parameter_groups()
        check_response("DescribeClusterParameterGroups", answer)
        assert answer["ParameterGroups"] == [
            {
                "ParameterGroupName": DEFAULT,
                "ParameterGroupFamily": "redshift-1.0",
                "Description": "Default parameter group for redshift-1.0",
                "Tags": [],
            }
        ]


def test_default_parameters_are_awss(client):
    answer = client.describe_default_cluster_parameters(ParameterGroupFamily="redshift-1.0")
    check_response("DescribeDefaultClusterParameters", answer)
    defaults = answer["DefaultClusterParameters"]
    assert defaults["ParameterGroupFamily"] == "redshift-1.0"
    by_name = {p["ParameterName"]: p for p in defaults["Parameters"]}
    assert list(by_name) == sorted(by_name)
    for name, (value, data_type, allowed) in SEEN_ON_AWS.items():
        p = by_name[name]
        assert (p["ParameterValue"], p["DataType"], p.get("AllowedValues")) == (value, data_type, allowed), name
        assert (p["Source"], p["ApplyType"], p["IsModifiable"]) == ("engine-default", "static", True)
        assert p["Description"]
    assert by_name["require_ssl"]["Description"] == "require ssl for all databaseconnections"


def test_the_default_group_has_the_default_parameters(client):
    group = client.describe_cluster_parameters(ParameterGroupName=DEFAULT)["Parameters"]
    defaults = client.describe_default_cluster_parameters(ParameterGroupFamily="redshift-1.0")
    assert group == defaults["DefaultClusterParameters"]["Parameters"]


def test_an_unknown_family_is_refused(fake, client):
    refused(
        fake,
        lambda: client.describe_default_cluster_parameters(ParameterGroupFamily="redshift-9.0"),
        "InvalidParameterValue",
    )
    refused(fake, lambda: create(client, ParameterGroupFamily="postgres14"), "InvalidParameterValue")


def test_the_default_group_cannot_be_modified_reset_or_deleted(fake, client):
    for call in (
        lambda: modify(client, DEFAULT, require_ssl="true"),
        lambda: client.reset_cluster_parameter_group(ParameterGroupName=DEFAULT),
        lambda: client.delete_cluster_parameter_group(ParameterGroupName="Default.Redshift-1.0"),
    ):
        refused(fake, call, "InvalidClusterParameterGroupState")


def test_new_clusters_use_the_default_group(client):
    created = make_cluster(client)
    assert created["ClusterParameterGroups"] == [{"ParameterGroupName": DEFAULT, "ParameterApplyStatus": "in-sync"}]


# ---- creating, describing, deleting ----


def test_create_answers_the_group_and_stores_its_name_lowercase(client):
    answer = create(client, "My-Group", Tags=[{"Key": "team", "Value": "bi"}])
    check_response("CreateClusterParameterGroup", answer)
    assert answer["ClusterParameterGroup"] == {
        "ParameterGroupName": "my-group",
        "ParameterGroupFamily": "redshift-1.0",
        "Description": "mine",
        "Tags": [{"Key": "team", "Value": "bi"}],
    }
    (found,) = client.describe_cluster_parameter_groups(ParameterGroupName="MY-GROUP")["ParameterGroups"]
    assert found["ParameterGroupName"] == "my-group"
    names = [g["ParameterGroupName"] for g in client.describe_cluster_parameter_groups()["ParameterGroups"]]
    assert names == [DEFAULT, "my-group"]


def test_a_new_group_starts_at_the_defaults(client):
    create(client)
    params = client.describe_cluster_parameters(ParameterGroupName="pg1")["Parameters"]
    assert all(p["Source"] == "engine-default" for p in params)
    assert client.describe_cluster_parameters(ParameterGroupName="pg1", Source="user")["Parameters"] == []


@pytest.mark.parametrize("name", ["", "1pg", "pg_1", "pg--1", "pg-", "p" * 256])
def test_names_follow_the_documented_rules(fake, client, name):
    e = refused(fake, lambda: create(client, name), "InvalidParameterValue")
    assert "ParameterGroupName" in e.response["Error"]["Message"]


def test_a_taken_name_is_refused(fake, client):
    create(client)
    refused(fake, lambda: create(client, "PG1"), "ClusterParameterGroupAlreadyExists")


def test_the_quota_is_the_worlds(client):
    fake = redshift_fake.FakeRedshift(parameter_group_quota=2)
    client = fake.client()
    create(client, "a")
    create(client, "b")
    refused(fake, lambda: create(client, "c"), "ClusterParameterGroupQuotaExceeded")
    client.delete_cluster_parameter_group(ParameterGroupName="a")
    create(client, "c")


def test_the_default_quota_is_awss():
    fake = redshift_fake.FakeRedshift()
    client = fake.client()
    for i in range(20):
        create(client, f"g{i}")
    refused(fake, lambda: create(client, "g20"), "ClusterParameterGroupQuotaExceeded")


def test_delete_and_not_found(fake, client):
    create(client)
    assert client.delete_cluster_parameter_group(ParameterGroupName="PG1")["ResponseMetadata"]["HTTPStatusCode"] == 200
    for call in (
        lambda: client.delete_cluster_parameter_group(ParameterGroupName="pg1"),
        lambda: client.describe_cluster_parameter_groups(ParameterGroupName="pg1"),
        lambda: client.describe_cluster_parameters(ParameterGroupName="pg1"),
        lambda: modify(client, require_ssl="true"),
        lambda: client.reset_cluster_parameter_group(ParameterGroupName="pg1"),
    ):
        e = refused(fake, call, "ClusterParameterGroupNotFound")
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_a_group_in_use_cannot_be_deleted(fake, client):
    create(client)
    make_cluster(client, ClusterParameterGroupName="pg1")
    refused(
        fake,
        lambda: client.delete_cluster_parameter_group(ParameterGroupName="pg1"),
        "InvalidClusterParameterGroupState",
    )
    client.delete_cluster(ClusterIdentifier="c1", SkipFinalClusterSnapshot=True)
    client.delete_cluster_parameter_group(ParameterGroupName="pg1")


def test_groups_are_per_account_and_region(fake, client):
    create(client)
    for other in (fake.client(account_id=OTHER_ACCOUNT), fake.client("eu-west-1")):
        with pytest.raises(other.exceptions.ClusterParameterGroupNotFoundFault):
            other.describe_cluster_parameters(ParameterGroupName="pg1")


def test_tag_filters_and_tags(client):
    create(client, "a", Tags=[{"Key": "env", "Value": "prod"}])
    create(client, "b", Tags=[{"Key": "env", "Value": "test"}])
    create(client, "c")
    found = client.describe_cluster_parameter_groups(TagKeys=["env"], TagValues=["test"])["ParameterGroups"]
    assert [g["ParameterGroupName"] for g in found] == ["b"]
    arn = "arn:aws:redshift:us-east-1:123456789012:parametergroup:c"
    client.create_tags(ResourceName=arn, Tags=[{"Key": "k", "Value": "v"}])
    assert client.describe_cluster_parameter_groups(ParameterGroupName="c")["ParameterGroups"][0]["Tags"] == [
        {"Key": "k", "Value": "v"}
    ]
    tagged = client.describe_tags(ResourceType="Parameter group")["TaggedResources"]
    assert {t["ResourceName"].rsplit(":", 1)[1] for t in tagged} == {"a", "b", "c"}


# ---- modifying and resetting ----


def test_modified_parameters_show_source_user(client):
    create(client)
    answer = modify(client, require_ssl="TRUE", statement_timeout="20000")
    check_response("ModifyClusterParameterGroup", answer)
    assert answer["ParameterGroupName"] == "pg1"
    assert answer["ParameterGroupStatus"] == (
        "Your parameter group has been updated but changes won't get applied until you reboot the associated Clusters."
    )
    user = client.describe_cluster_parameters(ParameterGroupName="pg1", Source="user")["Parameters"]
    assert [(p["ParameterName"], p["ParameterValue"], p["Source"]) for p in user] == [
        ("require_ssl", "true", "user"),
        ("statement_timeout", "20000", "user"),
    ]
    defaults = client.describe_cluster_parameters(ParameterGroupName="pg1", Source="engine-default")["Parameters"]
    assert "require_ssl" not in [p["ParameterName"] for p in defaults]


@pytest.mark.parametrize(
    "name, value",
    [
        ("require_ssl", "yes"),
        ("statement_timeout", "50"),
        ("statement_timeout", "abc"),
        ("extra_float_digits", "3"),
        ("max_concurrency_scaling_clusters", "11"),
        ("wlm_json_configuration", "{not json"),
        ("wlm_json_configuration", "[" + "1," * 4000 + "1]"),
        ("no_such_parameter", "1"),
    ],
)
def test_values_are_checked_against_the_parameters_type(fake, client, name, value):
    create(client)
    refused(fake, lambda: modify(client, **{name: value}), "InvalidParameterValue")


def test_values_at_the_edges_of_their_ranges(client):
    create(client)
    modify(client, extra_float_digits="-15", statement_timeout="100", max_concurrency_scaling_clusters="0")
    modify(
        client,
        extra_float_digits="2",
        statement_timeout="2147483647",
        wlm_json_configuration='[{"query_concurrency":5}]',
    )


def test_at_most_20_parameters_and_each_with_a_name_and_value(fake, client):
    create(client)
    many = [{"ParameterName": "require_ssl", "ParameterValue": "true"}] * 21
    refused(
        fake,
        lambda: client.modify_cluster_parameter_group(ParameterGroupName="pg1", Parameters=many),
        "InvalidParameterValue",
    )
    refused(
        fake,
        lambda: client.modify_cluster_parameter_group(
            ParameterGroupName="pg1", Parameters=[{"ParameterName": "require_ssl"}]
        ),
        "InvalidParameterValue",
    )


def test_a_bad_parameter_changes_none_of_the_others(fake, client):
    create(client)
    parameters = [
        {"ParameterName": "require_ssl", "ParameterValue": "true"},
        {"ParameterName": "statement_timeout", "ParameterValue": "-1"},
    ]
    refused(
        fake,
        lambda: client.modify_cluster_parameter_group(ParameterGroupName="pg1", Parameters=parameters),
        "InvalidParameterValue",
    )


def test_reset_named_parameters_and_all(client):
    create(client)
    modify(client, require_ssl="true", datestyle="ISO, DMY", query_group="etl")
    answer = client.reset_cluster_parameter_group(
        ParameterGroupName="pg1", ResetAllParameters=False, Parameters=[{"ParameterName": "require_ssl"}]
    )
    check_response("ResetClusterParameterGroup", answer)
    assert answer["ParameterGroupStatus"].startswith("Your parameter group has been updated. If you changed only")
    user = client.describe_cluster_parameters(ParameterGroupName="pg1", Source="user")["Parameters"]
    assert [p["ParameterName"] for p in user] == ["datestyle", "query_group"]
    client.reset_cluster_parameter_group(ParameterGroupName="pg1")  # ResetAllParameters defaults to true
    assert client.describe_cluster_parameters(ParameterGroupName="pg1", Source="user")["Parameters"] == []


def test_reset_needs_a_parameter_when_not_resetting_all(fake, client):
    create(client)
    refused(
        fake,
        lambda: client.reset_cluster_parameter_group(ParameterGroupName="pg1", ResetAllParameters=False),
        "InvalidParameterValue",
    )
    refused(
        fake,
        lambda: client.reset_cluster_parameter_group(
            ParameterGroupName="pg1", ResetAllParameters=False, Parameters=[{"ParameterName": "nope"}]
        ),
        "InvalidParameterValue",
    )


def test_describe_parameters_refuses_an_unknown_source(fake, client):
    refused(
        fake,
        lambda: client.describe_cluster_parameters(ParameterGroupName=DEFAULT, Source="system"),
        "InvalidParameterValue",
    )


# ---- the clusters that use a group ----


def test_a_static_change_waits_for_the_reboot(fake, client):
    create(client)
    make_cluster(client, ClusterParameterGroupName="PG1")
    assert apply_status(client) == ("pg1", "in-sync")
    modify(client, require_ssl="true")
    assert apply_status(client) == ("pg1", "pending-reboot")
    (group,) = client.describe_clusters()["Clusters"][0]["ClusterParameterGroups"]
    statuses = {p["ParameterName"]: p["ParameterApplyStatus"] for p in group["ClusterParameterStatusList"]}
    assert statuses["require_ssl"] == "pending-reboot"
    # A reboot applies it: RebootCluster calls World::parameter_groups_applied.
    client.reboot_cluster(ClusterIdentifier="c1")
    fake.clock.advance(3600)
    assert apply_status(client) == ("pg1", "in-sync")


def test_a_reset_that_changes_nothing_leaves_clusters_in_sync(client):
    create(client)
    make_cluster(client, ClusterParameterGroupName="pg1")
    client.reset_cluster_parameter_group(ParameterGroupName="pg1")
    assert apply_status(client) == ("pg1", "in-sync")


def test_a_dynamic_wlm_change_applies_at_once(client):
    create(client)
    make_cluster(client, ClusterParameterGroupName="pg1")
    client.modify_cluster_parameter_group(
        ParameterGroupName="pg1",
        Parameters=[{"ParameterName": "wlm_json_configuration", "ParameterValue": "[]", "ApplyType": "dynamic"}],
    )
    assert apply_status(client) == ("pg1", "in-sync")


def test_clusters_of_other_groups_are_untouched(client):
    create(client, "a")
    create(client, "b")
    make_cluster(client, "c1", ClusterParameterGroupName="a")
    make_cluster(client, "c2", ClusterParameterGroupName="b")
    modify(client, "a", require_ssl="true")
    assert apply_status(client, "c2") == ("b", "in-sync")


def test_create_cluster_refuses_a_group_that_does_not_exist(fake, client):
    refused(fake, lambda: make_cluster(client, ClusterParameterGroupName="nope"), "ClusterParameterGroupNotFound")


# ---- paging, parameter validation, both doors ----


def test_parameters_page(client):
    create(client)
    pages = list(
        client.get_paginator("describe_cluster_parameters").paginate(
            ParameterGroupName="pg1", PaginationConfig={"PageSize": 20}
        )
    )
    assert [len(p["Parameters"]) for p in pages] == [13]
    first = client.describe_cluster_parameters(ParameterGroupName="pg1", MaxRecords=20)
    assert "Marker" not in first


def test_both_doors_agree():
    def scenario(call, fake):
        call("describe_cluster_parameter_groups")
        call(
            "create_cluster_parameter_group",
            ParameterGroupName="pg1",
            ParameterGroupFamily="redshift-1.0",
            Description="d",
            Tags=[{"Key": "a", "Value": "b"}],
        )
        call(
            "create_cluster_parameter_group",
            ParameterGroupName="pg1",
            ParameterGroupFamily="redshift-1.0",
            Description="d",
        )
        call(
            "create_cluster",
            ClusterIdentifier="c1",
            **NEW_CLUSTER,
            ClusterParameterGroupName="pg1",
        )
        call(
            "modify_cluster_parameter_group",
            ParameterGroupName="pg1",
            Parameters=[{"ParameterName": "require_ssl", "ParameterValue": "true"}],
        )
        call(
            "modify_cluster_parameter_group",
            ParameterGroupName="pg1",
            Parameters=[{"ParameterName": "require_ssl", "ParameterValue": "maybe"}],
        )
        call("describe_cluster_parameters", ParameterGroupName="pg1", Source="user")
        call("describe_cluster_parameters", ParameterGroupName="pg1", MaxRecords=20)
        call("describe_default_cluster_parameters", ParameterGroupFamily="redshift-1.0")
        call("describe_clusters", ClusterIdentifier="c1")
        call("reset_cluster_parameter_group", ParameterGroupName="pg1", ResetAllParameters=True)
        call("delete_cluster_parameter_group", ParameterGroupName="pg1")
        call("delete_cluster_parameter_group", ParameterGroupName=DEFAULT)
        call("describe_cluster_parameter_groups", ParameterGroupName="nope")

    outcomes = doors_agree(scenario)
    assert any(isinstance(o, tuple) for o in outcomes) and any(isinstance(o, dict) for o in outcomes)
