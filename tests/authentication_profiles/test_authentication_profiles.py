"""Authentication profiles: named JSON documents of driver options."""

from __future__ import annotations

import functools
import json

import pytest

import redshift_fake
from conftest import check_response, expect_invalid_params, refused, two_doors

CONTENT = json.dumps({"AllowDBUserOverride": "1", "Client_ID": "ExampleClientID", "AutoCreate": False})


def test_a_profile_is_created_described_modified_and_deleted(client):
    created = client.create_authentication_profile(
        AuthenticationProfileName="Example-Profile", AuthenticationProfileContent=CONTENT
    )
    check_response("CreateAuthenticationProfile", created)
    assert (created["AuthenticationProfileName"], created["AuthenticationProfileContent"]) == (
        "Example-Profile",
        CONTENT,
    )
    described = client.describe_authentication_profiles(AuthenticationProfileName="example-profile")
    check_response("DescribeAuthenticationProfiles", described)
    assert described["AuthenticationProfiles"] == [
        {"AuthenticationProfileName": "Example-Profile", "AuthenticationProfileContent": CONTENT}
    ]
    modified = client.modify_authentication_profile(
        AuthenticationProfileName="Example-Profile", AuthenticationProfileContent='{"a": 1}'
    )
    check_response("ModifyAuthenticationProfile", modified)
    assert modified["AuthenticationProfileContent"] == '{"a": 1}'
    assert client.describe_authentication_profiles()["AuthenticationProfiles"][0]["AuthenticationProfileContent"] == (
        '{"a": 1}'
    )
    deleted = client.delete_authentication_profile(AuthenticationProfileName="Example-Profile")
    check_response("DeleteAuthenticationProfile", deleted)
    assert deleted["AuthenticationProfileName"] == "Example-Profile"
    assert client.describe_authentication_profiles()["AuthenticationProfiles"] == []


def test_missing_profiles_are_not_found(fake, client):
    for call in (
        functools.partial(client.describe_authentication_profiles, AuthenticationProfileName="nope"),
        functools.partial(client.delete_authentication_profile, AuthenticationProfileName="nope"),
        functools.partial(
            client.modify_authentication_profile, AuthenticationProfileName="nope", AuthenticationProfileContent="{}"
        ),
    ):
        e = refused(fake, call, "AuthenticationProfileNotFoundFault", "Authentication profile nope not found.")
        assert e.response["ResponseMetadata"]["HTTPStatusCode"] == 404


def test_names_are_unique_whatever_their_case(fake, client):
    client.create_authentication_profile(AuthenticationProfileName="p1", AuthenticationProfileContent="{}")
    refused(
        fake,
        lambda: client.create_authentication_profile(AuthenticationProfileName="P1", AuthenticationProfileContent="{}"),
        "AuthenticationProfileAlreadyExistsFault",
    )


@pytest.mark.parametrize("content", ["", "not json", "[1, 2]", '"text"', '{"a": 1'])
def test_the_content_is_a_json_object(fake, client, content):
    refused(
        fake,
        lambda: client.create_authentication_profile(
            AuthenticationProfileName="p1", AuthenticationProfileContent=content
        ),
        "InvalidAuthenticationProfileRequestFault",
    )
    client.create_authentication_profile(AuthenticationProfileName="p2", AuthenticationProfileContent="{}")
    refused(
        fake,
        lambda: client.modify_authentication_profile(
            AuthenticationProfileName="p2", AuthenticationProfileContent=content
        ),
        "InvalidAuthenticationProfileRequestFault",
    )


def test_an_empty_name_is_an_invalid_request(fake, client):
    for call in (
        functools.partial(client.create_authentication_profile, AuthenticationProfileContent="{}"),
        functools.partial(client.delete_authentication_profile),
        functools.partial(client.describe_authentication_profiles),
    ):
        refused(
            fake,
            functools.partial(call, AuthenticationProfileName=""),
            "InvalidAuthenticationProfileRequestFault",
            "The profile name can't be null or empty.",
        )


def test_names_follow_the_models_pattern_and_length(fake, client):
    e = refused(
        fake,
        lambda: client.create_authentication_profile(
            AuthenticationProfileName="my_profile", AuthenticationProfileContent="{}"
        ),
        "ValidationError",
    )
    assert str(e).endswith(
        "1 validation error detected: Value 'my_profile' at 'authenticationProfileName' failed to satisfy constraint: "
        r"Member must satisfy regular expression pattern: ^[a-zA-Z0-9\-]+$"
    )
    refused(
        fake,
        lambda: client.delete_authentication_profile(AuthenticationProfileName="a" * 64),
        "ValidationError",
    )
    client.create_authentication_profile(AuthenticationProfileName="a" * 63, AuthenticationProfileContent="{}")


def test_quotas_of_number_and_size():
    fake = redshift_fake.FakeRedshift(authentication_profile_quota=2)
    client = fake.client()
    client.create_authentication_profile(AuthenticationProfileName="p1", AuthenticationProfileContent="{}")
    client.create_authentication_profile(AuthenticationProfileName="p2", AuthenticationProfileContent="{}")
    refused(
        fake,
        lambda: client.create_authentication_profile(AuthenticationProfileName="p3", AuthenticationProfileContent="{}"),
        "AuthenticationProfileQuotaExceededFault",
    )
    big = json.dumps({"k": "x" * 4090})
    assert len(big) == 4099
    refused(
        fake,
        lambda: client.modify_authentication_profile(AuthenticationProfileName="p1", AuthenticationProfileContent=big),
        "AuthenticationProfileQuotaExceededFault",
    )
    client.modify_authentication_profile(AuthenticationProfileName="p1", AuthenticationProfileContent=big[:4094] + '"}')
    # Ten by default (choice).
    default = redshift_fake.FakeRedshift().client()
    for i in range(10):
        default.create_authentication_profile(AuthenticationProfileName=f"p{i}", AuthenticationProfileContent="{}")
    with pytest.raises(default.exceptions.AuthenticationProfileQuotaExceededFault):
        default.create_authentication_profile(AuthenticationProfileName="p10", AuthenticationProfileContent="{}")


def test_profiles_belong_to_their_account_and_region(fake, client):
    client.create_authentication_profile(AuthenticationProfileName="p1", AuthenticationProfileContent="{}")
    for other in (fake.client(account_id="210987654321"), fake.client("eu-west-1")):
        assert other.describe_authentication_profiles()["AuthenticationProfiles"] == []


@pytest.mark.parametrize(
    "operation, params",
    [
        ("CreateAuthenticationProfile", {"AuthenticationProfileName": "p"}),
        ("DeleteAuthenticationProfile", {"AuthenticationProfileName": 1}),
        ("DescribeAuthenticationProfiles", {"Name": "p"}),
        ("ModifyAuthenticationProfile", {"AuthenticationProfileContent": {}}),
    ],
)
def test_bad_calls_are_refused_like_botocore(client, operation, params):
    expect_invalid_params(client, operation, **params)


def test_both_doors_agree():
    two_doors(
        [
            (
                "create_authentication_profile",
                {"AuthenticationProfileName": "p1", "AuthenticationProfileContent": CONTENT},
            ),
            (
                "create_authentication_profile",
                {"AuthenticationProfileName": "p1", "AuthenticationProfileContent": "{}"},
            ),
            (
                "create_authentication_profile",
                {"AuthenticationProfileName": "p_2", "AuthenticationProfileContent": "{}"},
            ),
            ("create_authentication_profile", {"AuthenticationProfileName": "p2", "AuthenticationProfileContent": "["}),
            (
                "modify_authentication_profile",
                {"AuthenticationProfileName": "p1", "AuthenticationProfileContent": "{}"},
            ),
            ("describe_authentication_profiles", {}),
            ("describe_authentication_profiles", {"AuthenticationProfileName": ""}),
            ("delete_authentication_profile", {"AuthenticationProfileName": "p1"}),
            ("delete_authentication_profile", {"AuthenticationProfileName": "p1"}),
        ]
    )
