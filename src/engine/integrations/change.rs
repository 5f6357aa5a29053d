//! CreateIntegration, ModifyIntegration and DeleteIntegration.

use super::{IntegrationRecord, IntegrationStatus, INTEGRATION_QUOTA};
use crate::engine::clusters::ClusterStatus;
use crate::engine::name::Name;
use crate::engine::namespaces::parse_namespace_arn;
use crate::engine::resources::{Resource, Stored};
use crate::engine::tags::tags_of;
use crate::engine::{uuid4, Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CreateIntegrationMessage, DeleteIntegrationMessage, Integration, ModifyIntegrationMessage,
};

/// The action a target's resource policy must allow another account
/// (doc: "Configure authorization for your Amazon Redshift data warehouse").
const CREATE_INBOUND: &str = "redshift:CreateInboundIntegration";

impl World {
    /// The caller's integration an ARN names, rendered now.
    fn render_integration(&self, ctx: &Context, id: &str) -> Outcome<Integration> {
        let place = self
            .place(ctx)
            .ok_or_else(|| IntegrationRecord::not_found(id))?;
        place
            .integrations
            .get(id)
            .map(|i| i.render(ctx, &place.tags))
            .ok_or_else(|| IntegrationRecord::not_found(id))
    }

    /// Refuses a name another of the caller's integrations has.
    fn check_integration_name(&self, ctx: &Context, name: &str, except: &str) -> Outcome<()> {
        let taken = self.place(ctx).is_some_and(|p| {
            p.integrations
                .values()
                .any(|i| i.name == name && i.id != except)
        });
        if taken {
            return Err(RedshiftError::IntegrationAlreadyExists(name.to_owned()));
        }
        Ok(())
    }

    /// CreateIntegration: into a namespace of the caller's region that is
    /// the caller's, or whose owner's resource policy lets the caller
    /// create inbound integrations (doc); the target cluster must be an
    /// available RA3 cluster (doc: zero-ETL's target requirements).
    pub fn create_integration(
        &mut self,
        ctx: &Context,
        input: CreateIntegrationMessage,
    ) -> Outcome<Integration> {
        let tags = tags_of(input.tag_list)?;
        // Doc: "You can only include this parameter if you specify the KMSKeyId parameter."
        if input.additional_encryption_context.is_some() && input.kms_key_id.is_none() {
            return Err(RedshiftError::EncryptionContextWithoutKey);
        }
        let target = input.target_arn.as_str();
        let not_found = || RedshiftError::IntegrationTargetNotFound(target.to_owned());
        let (region, owner, namespace) = parse_namespace_arn(target).ok_or_else(not_found)?;
        let (_, cluster) = self
            .cluster_of_namespace(target)
            .filter(|_| region == ctx.region)
            .ok_or_else(not_found)?;
        if owner != ctx.account
            && !self.namespace_allows(
                region,
                owner,
                namespace,
                ctx.account,
                CREATE_INBOUND,
                Some(&input.source_arn),
            )
        {
            return Err(not_found());
        }
        cluster.require(&[ClusterStatus::Available])?;
        if !cluster.facts.node_type.starts_with("ra3.") {
            return Err(RedshiftError::IntegrationTargetNotRa3(
                cluster.identifier().to_string(),
            ));
        }
        self.check_integration_name(ctx, &input.integration_name, "")?;
        let place = self.place(ctx);
        let same_pair = place.is_some_and(|p| {
            p.integrations
                .values()
                .any(|i| i.source_arn == input.source_arn && i.target_arn == input.target_arn)
        });
        if same_pair {
            return Err(RedshiftError::IntegrationPairExists {
                from: input.source_arn.to_string(),
                target: target.to_owned(),
            });
        }
        if place.map_or(0, |p| p.integrations.len()) >= INTEGRATION_QUOTA {
            return Err(RedshiftError::IntegrationQuotaExceeded(INTEGRATION_QUOTA));
        }
        let id = Name::from(uuid4(&[
            ctx.account,
            ctx.region,
            &input.integration_name,
            &ctx.now.0.to_string(),
        ]));
        let record = IntegrationRecord {
            id: id.clone(),
            name: input.integration_name,
            source_arn: input.source_arn,
            target_arn: input.target_arn,
            status: IntegrationStatus::Creating,
            until: None,
            created: ctx.now,
            description: input.description.filter(|d| !d.is_empty()),
            kms_key_id: input.kms_key_id,
            encryption_context: input.additional_encryption_context,
        };
        let place = self.place_entry(ctx);
        place.tags.set(IntegrationRecord::KIND, &id, tags);
        place.integrations.insert(record);
        let seconds = self.settings.integration_creation_seconds;
        let answer = self.render_integration(ctx, &id)?;
        self.begin_integration_transition(ctx, &id, IntegrationStatus::Creating, seconds);
        Ok(answer)
    }

    /// ModifyIntegration: a new name or description, while it is active
    /// (choice: not while it is created or deleted).
    pub fn modify_integration(
        &mut self,
        ctx: &Context,
        input: ModifyIntegrationMessage,
    ) -> Outcome<Integration> {
        let record = self.own_at_arn::<IntegrationRecord>(ctx, &input.integration_arn)?;
        record.require(&[IntegrationStatus::Active])?;
        let id = record.id.clone();
        if let Some(name) = input.integration_name.as_deref() {
            self.check_integration_name(ctx, name, &id)?;
        }
        if let Some(i) = self
            .place_mut(ctx)
            .and_then(|p| p.integrations.get_mut(&id))
        {
            if let Some(name) = input.integration_name {
                i.name = name;
            }
            if let Some(description) = input.description {
                i.description = Some(description).filter(|d| !d.is_empty());
            }
        }
        self.render_integration(ctx, &id)
    }

    /// DeleteIntegration: answers it `deleting`; it is gone once the
    /// world's deletion time has passed.
    pub fn delete_integration(
        &mut self,
        ctx: &Context,
        input: DeleteIntegrationMessage,
    ) -> Outcome<Integration> {
        let record = self.own_at_arn::<IntegrationRecord>(ctx, &input.integration_arn)?;
        record.require(&[IntegrationStatus::Creating, IntegrationStatus::Active])?;
        let id = record.id.clone();
        let seconds = self.settings.integration_deletion_seconds;
        self.begin_integration_transition(ctx, &id, IntegrationStatus::Deleting, seconds);
        self.render_integration(ctx, &id)
    }
}
