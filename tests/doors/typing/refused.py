"""Each line marked with an error code comment is refused by mypy with that code (tests/test_typing.py)."""

import redshift_fake

fake = redshift_fake.FakeRedshift()
client = fake.client()
client.delete_cluster_snapshot(SnapshotIdentifier=1)  # E: arg-type
client.delete_cluster_snapshot()  # E: call-arg
fake.inject_error("DeleteClusterSnapshot", "ThrottlingException", count="2")  # E: arg-type
fake.clock.advance("1")  # E: arg-type
redshift_fake.mock_boto3(3)  # E: call-overload
fake.calls[0].operation  # E: attr-defined
