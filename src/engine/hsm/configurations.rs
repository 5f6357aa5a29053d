//! CreateHsmConfiguration, DeleteHsmConfiguration and
//! DescribeHsmConfigurations.

use super::{new_hsm_identifier, HsmConfigurationRecord};
use crate::engine::tags::TagFilter;
use crate::engine::{Context, Outcome, World};
use crate::model::{
    CreateHsmConfigurationMessage, CreateHsmConfigurationResult, DeleteHsmConfigurationMessage,
    DescribeHsmConfigurationsMessage, HsmConfigurationMessage,
};

impl World {
    /// CreateHsmConfiguration: what a cluster needs to reach its HSM.
    pub fn create_hsm_configuration(
        &mut self,
        ctx: &Context,
        input: CreateHsmConfigurationMessage,
    ) -> Outcome<CreateHsmConfigurationResult> {
        let record = HsmConfigurationRecord {
            id: new_hsm_identifier(
                "HsmConfigurationIdentifier",
                &input.hsm_configuration_identifier,
            )?,
            description: input.description,
            hsm_ip_address: input.hsm_ip_address,
            hsm_partition_name: input.hsm_partition_name,
        };
        Ok(CreateHsmConfigurationResult {
            hsm_configuration: Some(self.create_hsm(ctx, record, input.tags)?),
        })
    }

    /// DeleteHsmConfiguration.
    pub fn delete_hsm_configuration(
        &mut self,
        ctx: &Context,
        input: DeleteHsmConfigurationMessage,
    ) -> Outcome<()> {
        self.delete_hsm::<HsmConfigurationRecord>(ctx, &input.hsm_configuration_identifier)
    }

    /// DescribeHsmConfigurations: all of the caller's, or the one named;
    /// `TagKeys`/`TagValues` as everywhere (doc).
    pub fn describe_hsm_configurations(
        &self,
        ctx: &Context,
        input: DescribeHsmConfigurationsMessage,
    ) -> Outcome<HsmConfigurationMessage> {
        let (page, marker) = self.describe_hsm::<HsmConfigurationRecord>(
            ctx,
            input.hsm_configuration_identifier.as_deref(),
            TagFilter::new(input.tag_keys.as_deref(), input.tag_values.as_deref()),
            input.max_records,
            input.marker.as_deref(),
        )?;
        Ok(HsmConfigurationMessage {
            marker,
            hsm_configurations: Some(page),
        })
    }
}
