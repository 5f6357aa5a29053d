//! A call as IAM sees it: the resources its action is authorized against,
//! and the tags it gives (doc: Service Authorization Reference, "Actions,
//! resources, and condition keys for Amazon Redshift": each action's
//! resource types, their ARN formats, and the actions that take
//! `aws:RequestTag/${TagKey}` and `aws:TagKeys`).

use serde_json::Value;

use super::super::resources::partition;
use super::super::Context;

/// How one resource ARN of a request is formed from its input.
#[derive(Debug, Clone, Copy)]
pub struct Target {
    /// The ARN's `<type>:<path>`: `{Member}` is that member's value,
    /// lowercased (Redshift's identifiers are case-insensitive and stored in
    /// lowercase), or `*` when the request has none (doc: "the cluster part is
    /// `*` when the request does not name the cluster", the seed); `{}` is
    /// the item of a list (see `each`).
    template: &'static str,
    /// A member giving the whole ARN instead, used as given when present.
    arn: Option<&'static str>,
    /// A member naming the account that owns the resource (default: the caller).
    owner: Option<&'static str>,
    /// A list member: one resource for each item, whose members (or, for a
    /// string, itself as `{}`) fill the template.
    each: Option<&'static str>,
    /// An optional resource type (doc: not marked required) counts only
    /// when the request names it in this member.
    when: Option<&'static str>,
}

const fn of(template: &'static str) -> Target {
    Target {
        template,
        arn: None,
        owner: None,
        each: None,
        when: None,
    }
}

impl Target {
    const fn or_arn(self, member: &'static str) -> Target {
        Target {
            arn: Some(member),
            ..self
        }
    }
    const fn owned_by(self, member: &'static str) -> Target {
        Target {
            owner: Some(member),
            ..self
        }
    }
    const fn each(self, member: &'static str) -> Target {
        Target {
            each: Some(member),
            ..self
        }
    }
    const fn when(self, member: &'static str) -> Target {
        Target {
            when: Some(member),
            ..self
        }
    }
}

const CLUSTER: Target = of("cluster:{ClusterIdentifier}");
const SNAPSHOT: Target = of("snapshot:{SnapshotClusterIdentifier}/{SnapshotIdentifier}");
const SHARED_SNAPSHOT: Target = SNAPSHOT.or_arn("SnapshotArn");
const CLUSTERS_SNAPSHOT: Target = of("snapshot:{ClusterIdentifier}/{SnapshotIdentifier}");
const PARAMETER_GROUP: Target = of("parametergroup:{ParameterGroupName}");
/// The doc's ARN for `securitygroup` repeats its ingress's; a cluster
/// security group's ARN is `securitygroup:<name>` (choice, as DescribeTags
/// names it).
const SECURITY_GROUP: Target = of("securitygroup:{ClusterSecurityGroupName}");
const INGRESS: Target = of("securitygroupingress:{ClusterSecurityGroupName}/ec2securitygroup/{EC2SecurityGroupOwnerId}/{EC2SecurityGroupName}");
const SUBNET_GROUP: Target = of("subnetgroup:{ClusterSubnetGroupName}");
const EVENT_SUBSCRIPTION: Target = of("eventsubscription:{SubscriptionName}");
const HSM_CERTIFICATE: Target = of("hsmclientcertificate:{HsmClientCertificateIdentifier}");
const HSM_CONFIGURATION: Target = of("hsmconfiguration:{HsmConfigurationIdentifier}");
const COPY_GRANT: Target = of("snapshotcopygrant:{SnapshotCopyGrantName}");
const SCHEDULE: Target = of("snapshotschedule:{ScheduleIdentifier}");
const USAGE_LIMIT: Target = of("usagelimit:{UsageLimitId}");
const INTEGRATION: Target = of("integration:*").or_arn("IntegrationArn");
const DATASHARE: Target = of("datashare:*").or_arn("DataShareArn");
const NAMESPACE: Target = of("namespace:*").or_arn("ResourceArn");
const IDC_APPLICATION: Target = of("redshiftidcapplication:*").or_arn("RedshiftIdcApplicationArn");
const QEV2_APPLICATION: Target = of("qev2idcapplication:*").or_arn("Qev2IdcApplicationArn");
const DBNAME: Target = of("dbname:{ClusterIdentifier}/{DbName}").when("DbName");
/// Any taggable resource, by the ARN the request gives.
const TAGGED: Target = of("*").or_arn("ResourceName");

/// One operation: the resources its action is authorized against, and the
/// member holding the tags it gives, for `aws:RequestTag/<key>` and
/// `aws:TagKeys` (a list of tags; of keys for DeleteTags).
struct Row {
    operation: &'static str,
    resources: &'static [Target],
    tags: Option<&'static str>,
}

const fn row(operation: &'static str, resources: &'static [Target]) -> Row {
    Row {
        operation,
        resources,
        tags: None,
    }
}

const fn tagging(operation: &'static str, resources: &'static [Target], tags: &'static str) -> Row {
    Row {
        operation,
        resources,
        tags: Some(tags),
    }
}

/// Every operation whose action has a resource type (doc), sorted; any
/// other operation is authorized against `*` (doc: "If there is no value for
/// this column, you must specify all resources ("*")").
const TABLE: &[Row] = &[
    row("AssociateDataShareConsumer", &[DATASHARE]),
    row(
        "AuthorizeClusterSecurityGroupIngress",
        &[SECURITY_GROUP, INGRESS],
    ),
    row("AuthorizeDataShare", &[DATASHARE]),
    row("AuthorizeSnapshotAccess", &[SHARED_SNAPSHOT]),
    row(
        "BatchDeleteClusterSnapshots",
        &[SNAPSHOT.each("Identifiers")],
    ),
    row(
        "BatchModifyClusterSnapshots",
        &[of("snapshot:*/{}").each("SnapshotIdentifierList")],
    ),
    row("CancelResize", &[CLUSTER]),
    row(
        "CopyClusterSnapshot",
        &[of(
            "snapshot:{SourceSnapshotClusterIdentifier}/{SourceSnapshotIdentifier}",
        )],
    ),
    tagging("CreateCluster", &[CLUSTER], "Tags"),
    tagging("CreateClusterParameterGroup", &[PARAMETER_GROUP], "Tags"),
    tagging("CreateClusterSecurityGroup", &[SECURITY_GROUP], "Tags"),
    tagging("CreateClusterSnapshot", &[CLUSTERS_SNAPSHOT], "Tags"),
    tagging("CreateClusterSubnetGroup", &[SUBNET_GROUP], "Tags"),
    row("CreateCustomDomainAssociation", &[CLUSTER]),
    tagging("CreateEventSubscription", &[EVENT_SUBSCRIPTION], "Tags"),
    tagging("CreateHsmClientCertificate", &[HSM_CERTIFICATE], "Tags"),
    tagging("CreateHsmConfiguration", &[HSM_CONFIGURATION], "Tags"),
    tagging("CreateIntegration", &[of("integration:*")], "TagList"),
    tagging("CreateSnapshotCopyGrant", &[COPY_GRANT], "Tags"),
    tagging("CreateSnapshotSchedule", &[SCHEDULE], "Tags"),
    tagging("CreateTags", &[TAGGED], "Tags"),
    tagging("CreateUsageLimit", &[of("usagelimit:*")], "Tags"),
    row("DeauthorizeDataShare", &[DATASHARE]),
    row("DeleteCluster", &[CLUSTER]),
    row("DeleteClusterParameterGroup", &[PARAMETER_GROUP]),
    row("DeleteClusterSecurityGroup", &[SECURITY_GROUP]),
    row("DeleteClusterSnapshot", &[SNAPSHOT]),
    row("DeleteClusterSubnetGroup", &[SUBNET_GROUP]),
    row("DeleteCustomDomainAssociation", &[CLUSTER]),
    row("DeleteEventSubscription", &[EVENT_SUBSCRIPTION]),
    row("DeleteHsmClientCertificate", &[HSM_CERTIFICATE]),
    row("DeleteHsmConfiguration", &[HSM_CONFIGURATION]),
    row("DeleteIntegration", &[INTEGRATION]),
    row("DeleteQev2IdcApplication", &[QEV2_APPLICATION]),
    row("DeleteRedshiftIdcApplication", &[IDC_APPLICATION]),
    row("DeleteResourcePolicy", &[NAMESPACE]),
    row("DeleteSnapshotCopyGrant", &[COPY_GRANT]),
    row("DeleteSnapshotSchedule", &[SCHEDULE]),
    tagging("DeleteTags", &[TAGGED], "TagKeys"),
    row("DeleteUsageLimit", &[USAGE_LIMIT]),
    row("DescribeClusterParameters", &[PARAMETER_GROUP]),
    row("DescribeClusters", &[CLUSTER]),
    row("DescribeIntegrations", &[INTEGRATION]),
    row("DescribeLoggingStatus", &[CLUSTER]),
    row("DescribeResize", &[CLUSTER]),
    row("DescribeSnapshotSchedules", &[SCHEDULE]),
    row("DescribeTags", &[TAGGED]),
    row("DescribeUsageLimits", &[USAGE_LIMIT]),
    row("DisableLogging", &[CLUSTER]),
    row("DisableSnapshotCopy", &[CLUSTER]),
    row("DisassociateDataShareConsumer", &[DATASHARE]),
    row("EnableLogging", &[CLUSTER]),
    row("EnableSnapshotCopy", &[CLUSTER]),
    row("FailoverPrimaryCompute", &[CLUSTER]),
    row(
        "GetClusterCredentials",
        &[of("dbuser:{ClusterIdentifier}/{DbUser}"), DBNAME],
    ),
    row("GetClusterCredentialsWithIAM", &[DBNAME]),
    row(
        "GetIdentityCenterAuthToken",
        &[of("cluster:{}").each("ClusterIds")],
    ),
    row("GetResourcePolicy", &[NAMESPACE]),
    row("ModifyAquaConfiguration", &[CLUSTER]),
    row("ModifyCluster", &[CLUSTER]),
    row("ModifyClusterDbRevision", &[CLUSTER]),
    row("ModifyClusterIamRoles", &[CLUSTER]),
    row("ModifyClusterMaintenance", &[CLUSTER]),
    row("ModifyClusterParameterGroup", &[PARAMETER_GROUP]),
    row(
        "ModifyClusterSnapshot",
        &[of("snapshot:*/{SnapshotIdentifier}")],
    ),
    row("ModifyClusterSnapshotSchedule", &[CLUSTER]),
    row("ModifyClusterSubnetGroup", &[SUBNET_GROUP]),
    row("ModifyCustomDomainAssociation", &[CLUSTER]),
    row("ModifyEventSubscription", &[EVENT_SUBSCRIPTION]),
    row("ModifyIntegration", &[INTEGRATION]),
    row("ModifyQev2IdcApplication", &[QEV2_APPLICATION]),
    row("ModifyRedshiftIdcApplication", &[IDC_APPLICATION]),
    row("ModifySnapshotCopyRetentionPeriod", &[CLUSTER]),
    row("ModifySnapshotSchedule", &[SCHEDULE]),
    row("ModifyUsageLimit", &[USAGE_LIMIT]),
    row("PauseCluster", &[CLUSTER]),
    row("PutResourcePolicy", &[NAMESPACE]),
    row("RebootCluster", &[CLUSTER]),
    row("RejectDataShare", &[DATASHARE]),
    row("ResetClusterParameterGroup", &[PARAMETER_GROUP]),
    row("ResizeCluster", &[CLUSTER]),
    row(
        "RestoreFromClusterSnapshot",
        &[CLUSTER, SHARED_SNAPSHOT.owned_by("OwnerAccount")],
    ),
    row(
        "RestoreTableFromClusterSnapshot",
        &[CLUSTER, CLUSTERS_SNAPSHOT],
    ),
    row("ResumeCluster", &[CLUSTER]),
    row(
        "RevokeClusterSecurityGroupIngress",
        &[SECURITY_GROUP, INGRESS],
    ),
    row("RevokeSnapshotAccess", &[SHARED_SNAPSHOT]),
    row("RotateEncryptionKey", &[CLUSTER]),
];

fn find(operation: &str) -> Option<&'static Row> {
    TABLE
        .binary_search_by(|r| r.operation.cmp(operation))
        .ok()
        .map(|i| &TABLE[i])
}

/// The ARNs `operation`'s action is authorized against for this input, or
/// `["*"]` for an action without a resource type.
pub fn resources(ctx: &Context, operation: &str, input: &Value) -> Vec<String> {
    let mut arns = Vec::new();
    for target in find(operation).map_or(&[][..], |r| r.resources) {
        if target.when.is_some_and(|m| input.get(m).is_none()) {
            continue;
        }
        match target.each {
            Some(list) => {
                let items = input.get(list).and_then(Value::as_array);
                for item in items.into_iter().flatten() {
                    arns.push(target.arn(ctx, input, item));
                }
            }
            None => arns.push(target.arn(ctx, input, input)),
        }
    }
    if arns.is_empty() {
        arns.push("*".to_owned());
    }
    arns
}

impl Target {
    /// The ARN this target names, its members read from `fields` (the
    /// input, or an item of its list).
    fn arn(&self, ctx: &Context, input: &Value, fields: &Value) -> String {
        if let Some(given) = self.arn.and_then(|m| input.get(m)).and_then(Value::as_str) {
            return given.to_owned();
        }
        if self.template == "*" {
            return "*".to_owned();
        }
        let mut path = String::with_capacity(self.template.len() + 32);
        let mut rest = self.template;
        while let Some(open) = rest.find('{') {
            path.push_str(&rest[..open]);
            let close = open + rest[open..].find('}').unwrap_or(rest.len() - open);
            let member = &rest[open + 1..close];
            let value = match member {
                "" => fields.as_str(),
                _ => fields.get(member).and_then(Value::as_str),
            };
            path.push_str(&value.map_or_else(|| "*".to_owned(), str::to_lowercase));
            rest = rest.get(close + 1..).unwrap_or("");
        }
        path.push_str(rest);
        let account = self
            .owner
            .and_then(|m| input.get(m))
            .and_then(Value::as_str)
            .unwrap_or(ctx.account);
        let region = ctx.region;
        format!(
            "arn:{}:redshift:{region}:{account}:{path}",
            partition(region).0
        )
    }
}

/// The tags a request gives, as `(key, value)` (a value of `None` for
/// DeleteTags' keys), when its action takes them; `None` otherwise.
pub fn request_tags<'v>(
    operation: &str,
    input: &'v Value,
) -> Option<Vec<(&'v str, Option<&'v str>)>> {
    let member = find(operation)?.tags?;
    let items = input.get(member)?.as_array()?;
    Some(
        items
            .iter()
            .filter_map(|item| match item {
                Value::String(key) => Some((key.as_str(), None)),
                tag => Some((
                    tag.get("Key")?.as_str()?,
                    Some(tag.get("Value").and_then(Value::as_str).unwrap_or("")),
                )),
            })
            .collect(),
    )
}

/// Every member the table reads, as `(operation, list, member)`: the list
/// whose items hold the member, if any.
#[cfg(test)]
pub fn members() -> Vec<(&'static str, Option<&'static str>, &'static str)> {
    let mut out = Vec::new();
    for r in TABLE {
        for t in r.resources {
            for part in t.template.split('{').skip(1) {
                match part.split('}').next() {
                    Some("") | None => {}
                    Some(m) => out.push((r.operation, t.each, m)),
                }
            }
            for m in [t.arn, t.owner, t.each, t.when, r.tags]
                .into_iter()
                .flatten()
            {
                out.push((r.operation, None, m));
            }
        }
    }
    out
}

#[cfg(test)]
pub fn operations() -> impl Iterator<Item = &'static str> {
    TABLE.iter().map(|r| r.operation)
}
