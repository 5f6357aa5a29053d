//! Redshift IAM Identity Center applications.

use serde::{Deserialize, Serialize};

use super::{managed_application_arn, IdcApplication, REDSHIFT_IDC_APPLICATION_QUOTA};
use crate::engine::name::Name;
use crate::engine::resources::{arn, Resource, Stored};
use crate::engine::store::Record;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    AuthorizedTokenIssuer, CreateRedshiftIdcApplicationMessage, CreateRedshiftIdcApplicationResult,
    DeleteRedshiftIdcApplicationMessage, DescribeRedshiftIdcApplicationsMessage,
    DescribeRedshiftIdcApplicationsResult, ModifyRedshiftIdcApplicationMessage,
    ModifyRedshiftIdcApplicationResult, RedshiftIdcApplication, ServiceIntegrationsUnion, Tag,
    Timestamp,
};

/// The identity namespace of an application created without one (choice).
const DEFAULT_IDENTITY_NAMESPACE: &str = "AWSIDC";

/// A Redshift IAM Identity Center application as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RedshiftIdcApplicationRecord {
    pub id: Name,
    pub name: Name,
    pub idc_instance_arn: Name,
    pub identity_namespace: Name,
    pub display_name: Name,
    pub iam_role_arn: Name,
    pub managed_application_arn: Name,
    pub token_issuers: Option<Vec<AuthorizedTokenIssuer>>,
    pub service_integrations: Option<Vec<ServiceIntegrationsUnion>>,
    pub application_type: Option<Name>,
    pub sso_tag_keys: Option<Vec<Name>>,
    pub created: Timestamp,
}

impl Record for RedshiftIdcApplicationRecord {
    type Order = Timestamp;
    fn key(&self) -> &Name {
        &self.id
    }
    fn order(&self) -> Timestamp {
        self.created
    }
}

impl Resource for RedshiftIdcApplicationRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::RedshiftIdcApplicationNotExists(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        let params = serde_json::json!({"RedshiftIdcApplicationName": self.name, "IdcDisplayName": self.display_name});
        crate::constraints::check("CreateRedshiftIdcApplication", &params)
            .map_err(|e| e.to_string())?;
        crate::engine::resources::check_saved_time("its creation", self.created)
    }
}

impl IdcApplication for RedshiftIdcApplicationRecord {
    type Shape = RedshiftIdcApplication;
    fn name(&self) -> &Name {
        &self.name
    }
    fn already_exists(name: &str) -> RedshiftError {
        RedshiftError::RedshiftIdcApplicationAlreadyExists(name.to_owned())
    }
    fn render(&self, ctx: &Context, tags: Vec<Tag>) -> RedshiftIdcApplication {
        RedshiftIdcApplication {
            idc_instance_arn: Some(self.idc_instance_arn.clone()),
            redshift_idc_application_name: Some(self.name.clone()),
            redshift_idc_application_arn: Some(Name::from(arn(
                ctx.region,
                ctx.account,
                Self::KIND,
                &self.id,
            ))),
            identity_namespace: Some(self.identity_namespace.clone()),
            idc_display_name: Some(self.display_name.clone()),
            iam_role_arn: Some(self.iam_role_arn.clone()),
            idc_managed_application_arn: Some(self.managed_application_arn.clone()),
            idc_onboard_status: None,
            authorized_token_issuer_list: self.token_issuers.clone(),
            service_integrations: self.service_integrations.clone(),
            application_type: self.application_type.clone(),
            tags: Some(tags),
            sso_tag_keys: self.sso_tag_keys.clone(),
        }
    }
}

impl World {
    /// CreateRedshiftIdcApplication: names are unique in the account and
    /// region; `ApplicationType` is `None` or `Lakehouse` (doc).
    pub fn create_redshift_idc_application(
        &mut self,
        ctx: &Context,
        input: CreateRedshiftIdcApplicationMessage,
    ) -> Outcome<CreateRedshiftIdcApplicationResult> {
        if let Some(t) = input.application_type.as_deref() {
            if !matches!(t, "None" | "Lakehouse") {
                return Err(RedshiftError::InvalidApplicationType(t.to_owned()));
            }
        }
        let name = input.redshift_idc_application_name;
        let id =
            self.new_idc_application_id::<RedshiftIdcApplicationRecord>(ctx, "redshift", &name)?;
        let record = RedshiftIdcApplicationRecord {
            managed_application_arn: managed_application_arn(
                ctx,
                &input.idc_instance_arn,
                "redshift",
                &id,
            ),
            id,
            name,
            idc_instance_arn: input.idc_instance_arn,
            identity_namespace: input
                .identity_namespace
                .unwrap_or_else(|| Name::from_static(DEFAULT_IDENTITY_NAMESPACE)),
            display_name: input.idc_display_name,
            iam_role_arn: input.iam_role_arn,
            token_issuers: input.authorized_token_issuer_list,
            service_integrations: input.service_integrations,
            application_type: input.application_type,
            sso_tag_keys: input.sso_tag_keys,
            created: ctx.now,
        };
        let application =
            self.add_idc_application(ctx, record, input.tags, REDSHIFT_IDC_APPLICATION_QUOTA)?;
        Ok(CreateRedshiftIdcApplicationResult {
            redshift_idc_application: Some(application),
        })
    }

    /// ModifyRedshiftIdcApplication: what is given replaces what was.
    pub fn modify_redshift_idc_application(
        &mut self,
        ctx: &Context,
        input: ModifyRedshiftIdcApplicationMessage,
    ) -> Outcome<ModifyRedshiftIdcApplicationResult> {
        let arn = input.redshift_idc_application_arn.as_str();
        let key = self
            .own_at_arn::<RedshiftIdcApplicationRecord>(ctx, arn)?
            .id
            .clone();
        let record = self.own_mut::<RedshiftIdcApplicationRecord>(ctx, &key)?;
        if let Some(v) = input.identity_namespace {
            record.identity_namespace = v;
        }
        if let Some(v) = input.iam_role_arn {
            record.iam_role_arn = v;
        }
        if let Some(v) = input.idc_display_name {
            record.display_name = v;
        }
        if let Some(v) = input.authorized_token_issuer_list {
            record.token_issuers = Some(v);
        }
        if let Some(v) = input.service_integrations {
            record.service_integrations = Some(v);
        }
        Ok(ModifyRedshiftIdcApplicationResult {
            redshift_idc_application: Some(
                self.render_idc_application::<RedshiftIdcApplicationRecord>(ctx, arn)?,
            ),
        })
    }

    /// DeleteRedshiftIdcApplication.
    pub fn delete_redshift_idc_application(
        &mut self,
        ctx: &Context,
        input: DeleteRedshiftIdcApplicationMessage,
    ) -> Outcome<()> {
        self.delete_idc_application::<RedshiftIdcApplicationRecord>(
            ctx,
            &input.redshift_idc_application_arn,
        )
    }

    /// DescribeRedshiftIdcApplications.
    pub fn describe_redshift_idc_applications(
        &self,
        ctx: &Context,
        input: DescribeRedshiftIdcApplicationsMessage,
    ) -> Outcome<DescribeRedshiftIdcApplicationsResult> {
        let (page, marker) = self.describe_idc_applications::<RedshiftIdcApplicationRecord>(
            ctx,
            input.redshift_idc_application_arn.as_deref(),
            input.max_records,
            input.marker.as_deref(),
        )?;
        Ok(DescribeRedshiftIdcApplicationsResult {
            redshift_idc_applications: Some(page),
            marker,
        })
    }
}
