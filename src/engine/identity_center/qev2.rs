//! Query Editor (QEv2) IAM Identity Center applications.

use serde::{Deserialize, Serialize};

use super::{managed_application_arn, IdcApplication};
use crate::engine::name::Name;
use crate::engine::resources::{arn, Resource, Stored};
use crate::engine::store::Record;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CreateQev2IdcApplicationMessage, CreateQev2IdcApplicationResult,
    DeleteQev2IdcApplicationMessage, DescribeQev2IdcApplicationsMessage,
    DescribeQev2IdcApplicationsResult, ModifyQev2IdcApplicationMessage,
    ModifyQev2IdcApplicationResult, Qev2IdcApplication, Tag, Timestamp,
};

/// A QEv2 IAM Identity Center application as the engine keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Qev2IdcApplicationRecord {
    pub id: Name,
    pub name: Name,
    pub idc_instance_arn: Name,
    pub display_name: Name,
    pub managed_application_arn: Name,
    pub created: Timestamp,
}

impl Record for Qev2IdcApplicationRecord {
    type Order = Timestamp;
    fn key(&self) -> &Name {
        &self.id
    }
    fn order(&self) -> Timestamp {
        self.created
    }
}

impl Resource for Qev2IdcApplicationRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::Qev2IdcApplicationNotExists(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        let params = serde_json::json!({"Qev2IdcApplicationName": self.name, "IdcDisplayName": self.display_name});
        crate::constraints::check("CreateQev2IdcApplication", &params)
            .map_err(|e| e.to_string())?;
        crate::engine::resources::check_saved_time("its creation", self.created)
    }
}

impl IdcApplication for Qev2IdcApplicationRecord {
    type Shape = Qev2IdcApplication;
    fn name(&self) -> &Name {
        &self.name
    }
    fn already_exists(name: &str) -> RedshiftError {
        RedshiftError::Qev2IdcApplicationAlreadyExists(name.to_owned())
    }
    fn render(&self, ctx: &Context, tags: Vec<Tag>) -> Qev2IdcApplication {
        Qev2IdcApplication {
            idc_instance_arn: Some(self.idc_instance_arn.clone()),
            qev2_idc_application_name: Some(self.name.clone()),
            qev2_idc_application_arn: Some(Name::from(arn(
                ctx.region,
                ctx.account,
                Self::KIND,
                &self.id,
            ))),
            idc_managed_application_arn: Some(self.managed_application_arn.clone()),
            idc_onboard_status: None,
            idc_display_name: Some(self.display_name.clone()),
            tags: Some(tags),
        }
    }
}

impl World {
    /// CreateQev2IdcApplication: names are unique in the account and region
    /// (doc: "Use a different application name").
    pub fn create_qev2_idc_application(
        &mut self,
        ctx: &Context,
        input: CreateQev2IdcApplicationMessage,
    ) -> Outcome<CreateQev2IdcApplicationResult> {
        let name = input.qev2_idc_application_name;
        let id = self.new_idc_application_id::<Qev2IdcApplicationRecord>(ctx, "qev2", &name)?;
        let record = Qev2IdcApplicationRecord {
            managed_application_arn: managed_application_arn(
                ctx,
                &input.idc_instance_arn,
                "qev2",
                &id,
            ),
            id,
            name,
            idc_instance_arn: input.idc_instance_arn,
            display_name: input.idc_display_name,
            created: ctx.now,
        };
        // Doc: CreateQev2IdcApplication has no quota error.
        let application = self.add_idc_application(ctx, record, input.tags, usize::MAX)?;
        Ok(CreateQev2IdcApplicationResult {
            qev2_idc_application: Some(application),
        })
    }

    /// ModifyQev2IdcApplication: its display name.
    pub fn modify_qev2_idc_application(
        &mut self,
        ctx: &Context,
        input: ModifyQev2IdcApplicationMessage,
    ) -> Outcome<ModifyQev2IdcApplicationResult> {
        let arn = input.qev2_idc_application_arn.as_str();
        let key = self
            .own_at_arn::<Qev2IdcApplicationRecord>(ctx, arn)?
            .id
            .clone();
        if let Some(name) = input.idc_display_name {
            self.own_mut::<Qev2IdcApplicationRecord>(ctx, &key)?
                .display_name = name;
        }
        Ok(ModifyQev2IdcApplicationResult {
            qev2_idc_application: Some(
                self.render_idc_application::<Qev2IdcApplicationRecord>(ctx, arn)?,
            ),
        })
    }

    /// DeleteQev2IdcApplication.
    pub fn delete_qev2_idc_application(
        &mut self,
        ctx: &Context,
        input: DeleteQev2IdcApplicationMessage,
    ) -> Outcome<()> {
        self.delete_idc_application::<Qev2IdcApplicationRecord>(
            ctx,
            &input.qev2_idc_application_arn,
        )
    }

    /// DescribeQev2IdcApplications.
    pub fn describe_qev2_idc_applications(
        &self,
        ctx: &Context,
        input: DescribeQev2IdcApplicationsMessage,
    ) -> Outcome<DescribeQev2IdcApplicationsResult> {
        let (page, marker) = self.describe_idc_applications::<Qev2IdcApplicationRecord>(
            ctx,
            input.qev2_idc_application_arn.as_deref(),
            input.max_records,
            input.marker.as_deref(),
        )?;
        Ok(DescribeQev2IdcApplicationsResult {
            qev2_idc_applications: Some(page),
            marker,
        })
    }
}
