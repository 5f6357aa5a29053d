//! ModifyAquaConfiguration (retired) and ModifyLakehouseConfiguration.

use super::create::catalog_arn;
use super::render::retired_aqua;
use super::{ClusterStatus, Lakehouse};
use crate::engine::identity_center::RedshiftIdcApplicationRecord;
use crate::engine::name::Name;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    LakehouseConfiguration, ModifyAquaInputMessage, ModifyAquaOutputMessage,
    ModifyLakehouseConfigurationMessage,
};

impl Lakehouse {
    /// `LakehouseRegistrationStatus` (choice: `Registered` or `Deregistered`).
    pub fn status(&self) -> Name {
        Name::from_static(if self.registered {
            "Registered"
        } else {
            "Deregistered"
        })
    }

    /// The configuration a ModifyLakehouseConfiguration asks for (choices
    /// where AWS is silent: registering names a catalog, a catalog is named
    /// only when registering, Identity Center is associated with a
    /// registered cluster and an application ARN).
    fn modified(
        &self,
        ctx: &Context,
        input: &ModifyLakehouseConfigurationMessage,
    ) -> Outcome<Lakehouse> {
        let mut next = self.clone();
        match input.lakehouse_registration.as_deref() {
            Some("Register") => {
                let name = input
                    .catalog_name
                    .as_deref()
                    .ok_or(RedshiftError::LakehouseNeedsCatalog)?;
                next.registered = true;
                next.catalog_arn = Some(catalog_arn(ctx, name));
            }
            Some(_) => next = Lakehouse::default(),
            None if input.catalog_name.is_some() => {
                return Err(RedshiftError::LakehouseNeedsCatalog)
            }
            None => {}
        }
        match input.lakehouse_idc_registration.as_deref() {
            Some("Associate") => {
                let arn = input
                    .lakehouse_idc_application_arn
                    .clone()
                    .ok_or(RedshiftError::IdcNeedsApplication)?;
                if !next.registered {
                    return Err(RedshiftError::IdcNeedsRegistration);
                }
                next.idc_application_arn = Some(arn);
            }
            Some(_) => next.idc_application_arn = None,
            None if input.lakehouse_idc_application_arn.is_some() => {
                return Err(RedshiftError::IdcNeedsApplication)
            }
            None => {}
        }
        Ok(next)
    }
}

impl World {
    /// ModifyAquaConfiguration: retired (doc: it changes nothing); an
    /// available cluster answers the configuration every cluster has.
    pub fn modify_aqua_configuration(
        &mut self,
        ctx: &Context,
        input: ModifyAquaInputMessage,
    ) -> Outcome<ModifyAquaOutputMessage> {
        self.cluster_in(ctx, &input.cluster_identifier, &[ClusterStatus::Available])?;
        Ok(ModifyAquaOutputMessage {
            aqua_configuration: Some(retired_aqua()),
        })
    }

    /// ModifyLakehouseConfiguration: registers or deregisters an available
    /// cluster with federated permissions and Identity Center; `DryRun`
    /// checks and answers without changing anything (doc).
    pub fn modify_lakehouse_configuration(
        &mut self,
        ctx: &Context,
        input: ModifyLakehouseConfigurationMessage,
    ) -> Outcome<LakehouseConfiguration> {
        let cluster =
            self.cluster_in(ctx, &input.cluster_identifier, &[ClusterStatus::Available])?;
        let key = cluster.identifier().clone();
        let next = cluster.lakehouse.modified(ctx, &input)?;
        if let Some(arn) = input.lakehouse_idc_application_arn.as_deref() {
            self.own_at_arn::<RedshiftIdcApplicationRecord>(ctx, arn)?;
        }
        let answer = LakehouseConfiguration {
            cluster_identifier: Some(key.clone()),
            lakehouse_idc_application_arn: next.idc_application_arn.clone(),
            lakehouse_registration_status: Some(next.status()),
            catalog_arn: next.catalog_arn.clone(),
        };
        if !input.dry_run.unwrap_or(false) {
            if let Some(c) = self.cluster_mut(ctx, &key) {
                c.lakehouse = next;
            }
        }
        Ok(answer)
    }
}
