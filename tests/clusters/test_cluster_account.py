"""DescribeStorage, DescribeAccountAttributes, ListRecommendations, and the
retired ModifyAquaConfiguration and ModifyLakehouseConfiguration."""

from __future__ import annotations

import pytest

from conftest import check_response, make_cluster, refused, two_doors


def test_storage_is_the_callers_snapshots_and_clusters(fake, client):
    assert client.describe_storage()["TotalBackupSizeInMegaBytes"] == 0.0
    make_cluster(client, NumberOfNodes=2)
    client.create_cluster_snapshot(SnapshotIdentifier="s1", ClusterIdentifier="c1")
    answer = client.describe_storage()
    check_response("DescribeStorage", answer)
    snapshots = client.describe_cluster_snapshots()["Snapshots"]
    assert answer["TotalBackupSizeInMegaBytes"] == sum(s["TotalBackupSizeInMegaBytes"] for s in snapshots)
    capacity = client.describe_clusters()["Clusters"][0]["TotalStorageCapacityInMegaBytes"]
    assert answer["TotalProvisionedStorageInMegaBytes"] == float(capacity)
    assert fake.client(account_id="210987654321").describe_storage()["TotalProvisionedStorageInMegaBytes"] == 0.0


def test_account_attributes(client):
    answer = client.describe_account_attributes()
    check_response("DescribeAccountAttributes", answer)
    values = {a["AttributeName"]: a["AttributeValues"][0]["AttributeValue"] for a in answer["AccountAttributes"]}
    assert values == {"max-defer-maintenance-duration": "60", "max-number-of-nodes": "200"}
    named = client.describe_account_attributes(AttributeNames=["max-number-of-nodes", "unknown"])
    assert [a["AttributeName"] for a in named["AccountAttributes"]] == ["max-number-of-nodes"]


def test_recommendations(fake, client):
    make_cluster(client)
    answer = client.list_recommendations()
    check_response("ListRecommendations", answer)
    assert answer["Recommendations"] == []
    namespace = client.describe_clusters()["Clusters"][0]["ClusterNamespaceArn"]
    assert client.list_recommendations(ClusterIdentifier="c1", NamespaceArn=namespace)["Recommendations"] == []
    refused(fake, lambda: client.list_recommendations(ClusterIdentifier="nope"), "ClusterNotFound")
    refused(fake, lambda: client.list_recommendations(NamespaceArn=namespace + "0"), "ClusterNotFound")
    refused(fake, lambda: client.list_recommendations(MaxRecords=0), "InvalidParameterValue")


def test_aqua_is_retired(fake, client):
    make_cluster(client)
    answer = client.modify_aqua_configuration(ClusterIdentifier="c1", AquaConfigurationStatus="enabled")
    check_response("ModifyAquaConfiguration", answer)
    assert answer["AquaConfiguration"] == {"AquaStatus": "disabled", "AquaConfigurationStatus": "auto"}
    refused(fake, lambda: client.modify_aqua_configuration(ClusterIdentifier="nope"), "ClusterNotFound")
    client.pause_cluster(ClusterIdentifier="c1")
    refused(fake, lambda: client.modify_aqua_configuration(ClusterIdentifier="c1"), "InvalidClusterState")


def test_lakehouse_registration(fake, client):
    make_cluster(client)
    app = client.create_redshift_idc_application(
        IdcInstanceArn="arn:aws:sso:::instance/ssoins-1", RedshiftIdcApplicationName="app1", IdcDisplayName="d",
        IamRoleArn="arn:aws:iam::123456789012:role/r")["RedshiftIdcApplication"]["RedshiftIdcApplicationArn"]
    dry = client.modify_lakehouse_configuration(ClusterIdentifier="c1", LakehouseRegistration="Register",
                                                CatalogName="sales", DryRun=True)
    check_response("ModifyLakehouseConfiguration", dry)
    assert dry["LakehouseRegistrationStatus"] == "Registered"
    assert client.describe_clusters()["Clusters"][0]["LakehouseRegistrationStatus"] == "Deregistered"
    done = client.modify_lakehouse_configuration(ClusterIdentifier="c1", LakehouseRegistration="Register",
                                                 CatalogName="sales", LakehouseIdcRegistration="Associate",
                                                 LakehouseIdcApplicationArn=app)
    assert done == dict(dry, LakehouseIdcApplicationArn=app, ResponseMetadata=done["ResponseMetadata"])
    c = client.describe_clusters()["Clusters"][0]
    assert (c["LakehouseRegistrationStatus"], c["CatalogArn"]) == (
        "Registered", "arn:aws:glue:us-east-1:123456789012:catalog/sales")
    off = client.modify_lakehouse_configuration(ClusterIdentifier="c1", LakehouseRegistration="Deregister")
    assert off["LakehouseRegistrationStatus"] == "Deregistered" and "CatalogArn" not in off


@pytest.mark.parametrize(
    "members, code",
    [
        ({"ClusterIdentifier": "nope"}, "ClusterNotFound"),
        ({"LakehouseRegistration": "Register"}, "InvalidParameterCombination"),
        ({"CatalogName": "sales"}, "InvalidParameterCombination"),
        ({"LakehouseIdcRegistration": "Associate"}, "InvalidParameterCombination"),
        ({"LakehouseIdcRegistration": "Associate", "LakehouseIdcApplicationArn": "arn:x"},
         "InvalidParameterCombination"),
        ({"LakehouseIdcApplicationArn": "arn:x"}, "InvalidParameterCombination"),
    ],
)
def test_lakehouse_refusals(fake, client, members, code):
    make_cluster(client)
    refused(fake, lambda: client.modify_lakehouse_configuration(**{"ClusterIdentifier": "c1", **members}), code)


def test_both_doors_agree():
    two_doors(
        [
            ("describe_storage", {}),
            ("describe_account_attributes", {"AttributeNames": ["max-number-of-nodes"]}),
            ("create_cluster", dict(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin",
                                    MasterUserPassword="Secret123")),
            ("describe_storage", {}),
            ("list_recommendations", {"ClusterIdentifier": "c1"}),
            ("list_recommendations", {"ClusterIdentifier": "c2"}),
            ("modify_aqua_configuration", {"ClusterIdentifier": "c1"}),
            ("modify_lakehouse_configuration", {"ClusterIdentifier": "c1", "LakehouseRegistration": "Register",
                                                "CatalogName": "c"}),
            ("modify_lakehouse_configuration", {"ClusterIdentifier": "c1", "CatalogName": "c"}),
        ]
    )
