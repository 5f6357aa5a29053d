"""redshift-fake: a fast, faithful fake of boto3's Amazon Redshift client.

    import redshift_fake
    client = redshift_fake.client("us-east-1")
    client.create_cluster(ClusterIdentifier="c1", NodeType="dc2.large", MasterUsername="admin",
                          MasterUserPassword="Secret123")
"""

from ._client import FakeRedshift, RedshiftClient, client
from ._controls import DEFAULT_ACCOUNT_ID, Call, CallLog, Denial
from ._mock import MockBoto3, mock_boto3

__all__ = [
    "DEFAULT_ACCOUNT_ID",
    "Call",
    "CallLog",
    "Denial",
    "FakeRedshift",
    "MockBoto3",
    "RedshiftClient",
    "client",
    "mock_boto3",
]


def __getattr__(name: str) -> object:
    # The async client's class needs aiobotocore, which only its users have.
    if name == "AioRedshiftClient":
        from ._aio import AioRedshiftClient

        return AioRedshiftClient
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
