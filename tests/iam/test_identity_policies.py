"""``fake.put_identity_policy`` and ``fake.delete_identity_policy``: IAM's
inline policies of users and roles, checked when attached, kept in the world
(saved, loaded, reset)."""

from __future__ import annotations

import json
import pathlib
import re
from typing import Any

import pytest

import redshift_fake
from conftest import make_cluster, world_state

ACCOUNT = redshift_fake.DEFAULT_ACCOUNT_ID
USER = f"arn:aws:iam::{ACCOUNT}:user/alice"
ROLE = f"arn:aws:iam::{ACCOUNT}:role/etl"
DENY_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*"}]}
ALLOW_ALL = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "redshift:*", "Resource": "*"}]}


def allowed(fake: redshift_fake.FakeRedshift, principal: str) -> bool:
    try:
        fake.client("us-east-1", principal=principal).describe_clusters()
    except fake.client().exceptions.UnauthorizedOperation:
        return False
    return True


def test_documents_are_dicts_or_json_text(fake):
    fake.put_identity_policy(USER, "deny", json.dumps(DENY_ALL))
    assert not allowed(fake, USER)
    fake.put_identity_policy(ROLE, "allow", ALLOW_ALL)
    assert allowed(fake, ROLE)
    with pytest.raises(TypeError, match="document must be a dict or JSON text, got list"):
        fake.put_identity_policy(USER, "x", [DENY_ALL])  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        fake.put_identity_policy(USER, "x", {"Statement": {1, 2}})


def test_a_policy_of_the_same_name_is_replaced_and_names_ignore_case(fake):
    fake.put_identity_policy(USER, "Guard", DENY_ALL)
    fake.put_identity_policy(USER, "guard", ALLOW_ALL)
    assert allowed(fake, USER)
    fake.delete_identity_policy(f"arn:aws:iam::{ACCOUNT}:user/team/ALICE", "GUARD")
    assert allowed(fake, USER)
    with pytest.raises(LookupError, match=f"no policy guard is attached to {USER}"):
        fake.delete_identity_policy(USER, "guard")


def test_removing_the_last_policy_allows_everything_again(fake):
    fake.put_identity_policy(ROLE, "a", DENY_ALL)
    fake.put_identity_policy(ROLE, "b", ALLOW_ALL)
    assert not allowed(fake, ROLE)
    fake.delete_identity_policy(ROLE, "b")
    assert not allowed(fake, ROLE)
    fake.delete_identity_policy(ROLE, "a")
    assert allowed(fake, ROLE)


def any_action(**more: Any) -> dict[str, Any]:
    """A policy of one statement allowing everything, with `more` elements."""
    return {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*", **more}]}


@pytest.mark.parametrize(
    ("principal", "name", "document", "message"),
    [
        (f"arn:aws:sts::{ACCOUNT}:assumed-role/etl/run", "p", ALLOW_ALL, "is an assumed-role session: attach"),
        ("alice", "p", ALLOW_ALL, "principal must be the ARN of an IAM user or role"),
        (f"arn:aws:iam::{ACCOUNT}:group/admins", "p", ALLOW_ALL, "principal must be the ARN of an IAM user or role"),
        (USER, "", ALLOW_ALL, "policy name must be 1 to 128"),
        (USER, "x" * 129, ALLOW_ALL, "policy name must be 1 to 128"),
        (USER, "p", "{not json", "policy p: the document is not JSON"),
        (USER, "p", {"Version": "2012-10-17"}, "policy p: a policy needs a Statement"),
        (USER, "p", {"Version": "2021-01-01", "Statement": []}, "Version must be"),
        (USER, "p", any_action(Principal={"AWS": "*"}), "Statement[0].Principal: an identity-based policy has no"),
        (
            USER,
            "p",
            any_action(Condition={"Bool": {"aws:SecureTransport": True}}),
            "Statement[0].Condition.Bool: the condition operator Bool is not evaluated by redshift-fake",
        ),
        (
            USER,
            "p",
            any_action(Condition={"StringEquals": {"aws:PrincipalTag/team": "bi"}}),
            "the condition key aws:PrincipalTag/team is not evaluated by redshift-fake",
        ),
        (
            USER,
            "p",
            any_action(Resource="arn:aws:redshift:*:*:cluster:${aws:username}"),
            "the policy variable ${aws:username}",
        ),
        (USER, "p", any_action(Condition={"StringLike": {"aws:TagKeys": "a*"}}), "aws:TagKeys is a multivalued key"),
    ],
)
def test_what_the_fake_cannot_evaluate_is_refused_when_attached(fake, principal, name, document, message):
    before = world_state(fake)
    with pytest.raises(ValueError) as e:
        fake.put_identity_policy(principal, name, document)
    assert message in str(e.value)
    assert world_state(fake) == before
    assert allowed(fake, USER)


def test_policies_are_saved_loaded_and_reset(fake, client, tmp_path):
    make_cluster(client)
    fake.put_identity_policy(ROLE, "Guard", DENY_ALL)
    fake.save(tmp_path / "world.json")
    saved: dict[str, Any] = json.loads((tmp_path / "world.json").read_text())
    assert saved["world"]["identity_policies"] == {
        f"arn:aws:iam::{ACCOUNT}:role/etl": {"guard": {"name": "Guard", "document": DENY_ALL}}
    }
    loaded = redshift_fake.FakeRedshift.load(tmp_path / "world.json")
    assert not allowed(loaded, ROLE) and allowed(loaded, USER)
    # A saved policy the fake could not have attached is refused, naming it.
    saved["world"]["identity_policies"][f"arn:aws:iam::{ACCOUNT}:role/etl"]["guard"]["document"]["Statement"][0][
        "Effect"
    ] = "Maybe"
    (tmp_path / "bad.json").write_text(json.dumps(saved))
    with pytest.raises(
        ValueError, match=r"identity_policies: arn:aws:iam::123456789012:role/etl policy Guard: Statement\[0\].Effect"
    ):
        redshift_fake.FakeRedshift.load(tmp_path / "bad.json")
    loaded.reset()
    assert allowed(loaded, ROLE)


def test_the_documented_example_runs():
    """docs/controls.md's example of principals and policies, run as written there."""
    docs = (pathlib.Path(__file__).resolve().parents[2] / "docs" / "controls.md").read_text()
    section = docs.split("## Principals and identity policies", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    assert len(blocks) == 1
    namespace: dict[str, Any] = {}
    exec(compile(blocks[0], "docs/controls.md", "exec"), namespace)  # noqa: S102
    assert namespace["fake"].calls[-1].error_code is None
