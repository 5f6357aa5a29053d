//! The seven operations of parameter groups.

use std::collections::BTreeMap;

use super::{
    is_default, parameter, ParameterGroupRecord, DEFAULT, ENGINE_DEFAULT, FAMILY, PARAMETERS, USER,
};
use crate::engine::events::{
    PARAMETER_GROUP_CREATED, PARAMETER_GROUP_DELETED, PARAMETER_GROUP_UPDATED, PARAMETER_UPDATED,
};
use crate::engine::identifiers::new_identifier;
use crate::engine::listing::{query, Paging, DESCRIBE_PAGE};
use crate::engine::name::Name;
use crate::engine::tags::tags_of;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    ClusterParameterGroupDetails, ClusterParameterGroupNameMessage, ClusterParameterGroupsMessage,
    CreateClusterParameterGroupMessage, CreateClusterParameterGroupResult,
    DefaultClusterParameters, DeleteClusterParameterGroupMessage,
    DescribeClusterParameterGroupsMessage, DescribeClusterParametersMessage,
    DescribeDefaultClusterParametersMessage, DescribeDefaultClusterParametersResult,
    ModifyClusterParameterGroupMessage, Parameter, ResetClusterParameterGroupMessage,
};

/// Parameters one Modify or Reset may name (doc: 20).
const MAX_PARAMETERS: usize = 20;

/// What ModifyClusterParameterGroup answers (fact: AWS CLI's example).
const MODIFIED: &str = "Your parameter group has been updated but changes won't get applied until you reboot the associated Clusters.";
/// What ResetClusterParameterGroup answers (fact: the API reference's example).
const RESET: &str = "Your parameter group has been updated. If you changed only dynamic parameters, associated clusters are being modified now. If you changed static parameters, all updates, including dynamic parameters, will be applied when you reboot the associated clusters.";

/// A family a call names: the one there is (doc).
fn check_family(family: &str) -> Outcome<()> {
    if family == FAMILY {
        Ok(())
    } else {
        Err(RedshiftError::InvalidParameterGroupFamily(
            family.to_owned(),
        ))
    }
}

/// One page of a group's parameters, by name, of `source` if given.
fn parameter_page(
    group: &ParameterGroupRecord,
    source: Option<&str>,
    max_records: Option<i64>,
    marker: Option<&str>,
) -> Outcome<(Vec<Parameter>, Option<Name>)> {
    let paging: Paging<Name> = Paging::new(DESCRIBE_PAGE, max_records, marker)?;
    if let Some(s) = source.filter(|s| ![USER, ENGINE_DEFAULT].contains(s)) {
        return Err(RedshiftError::InvalidParameterSource(s.to_owned()));
    }
    let walk = group
        .parameters()
        .filter(|p| source.is_none_or(|s| p.source.as_deref() == Some(s)))
        .filter_map(|p| {
            let name = p.parameter_name.clone()?;
            paging
                .after
                .as_ref()
                .is_none_or(|a| name > *a)
                .then_some((name, p))
        });
    Ok(paging.page(walk))
}

impl World {
    /// CreateClusterParameterGroup: a group of the family, with every
    /// parameter at its default (doc).
    pub fn create_cluster_parameter_group(
        &mut self,
        ctx: &Context,
        input: CreateClusterParameterGroupMessage,
    ) -> Outcome<CreateClusterParameterGroupResult> {
        let name = new_identifier("ParameterGroupName", &input.parameter_group_name, 255)?;
        check_family(&input.parameter_group_family)?;
        let tags = tags_of(input.tags)?;
        if self.parameter_group_exists(ctx, &name) {
            return Err(RedshiftError::ClusterParameterGroupAlreadyExists(name));
        }
        let quota = self.settings.parameter_group_quota;
        if self
            .place(ctx)
            .is_some_and(|p| p.parameter_groups.counted() >= quota)
        {
            return Err(RedshiftError::ClusterParameterGroupQuotaExceeded(quota));
        }
        let record = ParameterGroupRecord {
            name: Name::from(name),
            family: input.parameter_group_family,
            description: input.description,
            values: BTreeMap::new(),
        };
        let key = record.name.clone();
        self.record_event(ctx, PARAMETER_GROUP_CREATED, &key, Vec::new());
        Ok(CreateClusterParameterGroupResult {
            cluster_parameter_group: self.add_tagged(
                ctx,
                record,
                tags,
                ParameterGroupRecord::render,
            ),
        })
    }

    /// The caller's own group of that name, for a change: never the
    /// default group (doc: it cannot be modified or deleted).
    fn changeable_parameter_group(&self, ctx: &Context, name: &str) -> Outcome<Name> {
        if is_default(name) {
            return Err(RedshiftError::DefaultParameterGroup(name.to_owned()));
        }
        Ok(self.own::<ParameterGroupRecord>(ctx, name)?.name.clone())
    }

    /// DeleteClusterParameterGroup: not the default group, nor one a
    /// cluster uses (doc).
    pub fn delete_cluster_parameter_group(
        &mut self,
        ctx: &Context,
        input: DeleteClusterParameterGroupMessage,
    ) -> Outcome<()> {
        let key = self.changeable_parameter_group(ctx, &input.parameter_group_name)?;
        self.require_unused(
            ctx,
            |c| c.parameter_group == key,
            |cluster| RedshiftError::ParameterGroupInUse {
                group: key.to_string(),
                cluster,
            },
        )?;
        self.remove::<ParameterGroupRecord>(ctx, &key);
        self.record_event(ctx, PARAMETER_GROUP_DELETED, &key, Vec::new());
        Ok(())
    }

    /// DescribeClusterParameterGroups: the default group and the caller's,
    /// by name, with tag filters and paging.
    pub fn describe_cluster_parameter_groups(
        &self,
        ctx: &Context,
        input: DescribeClusterParameterGroupsMessage,
    ) -> Outcome<ClusterParameterGroupsMessage> {
        let query = query!(input, parameter_group_name);
        let (page, marker) = self.list(
            ctx,
            query,
            Some(&*DEFAULT),
            |_| true,
            ParameterGroupRecord::render,
        )?;
        Ok(ClusterParameterGroupsMessage {
            marker,
            parameter_groups: Some(page),
        })
    }

    /// DescribeClusterParameters: a group's parameters by name, all or
    /// those of one `Source`, with paging.
    pub fn describe_cluster_parameters(
        &self,
        ctx: &Context,
        input: DescribeClusterParametersMessage,
    ) -> Outcome<ClusterParameterGroupDetails> {
        let group = self.parameter_group(ctx, &input.parameter_group_name)?;
        let (parameters, marker) = parameter_page(
            group,
            input.source.as_deref(),
            input.max_records,
            input.marker.as_deref(),
        )?;
        Ok(ClusterParameterGroupDetails {
            parameters: Some(parameters),
            marker,
        })
    }

    /// DescribeDefaultClusterParameters: the family's defaults, with paging.
    pub fn describe_default_cluster_parameters(
        &self,
        _ctx: &Context,
        input: DescribeDefaultClusterParametersMessage,
    ) -> Outcome<DescribeDefaultClusterParametersResult> {
        check_family(&input.parameter_group_family)?;
        let (parameters, marker) =
            parameter_page(&DEFAULT, None, input.max_records, input.marker.as_deref())?;
        Ok(DescribeDefaultClusterParametersResult {
            default_cluster_parameters: Some(DefaultClusterParameters {
                parameter_group_family: Some(Name::from_static(FAMILY)),
                marker,
                parameters: Some(parameters),
            }),
        })
    }

    /// ModifyClusterParameterGroup: sets parameters (`Source: user`); every
    /// parameter is checked before any is set (doc: at most 20, each with a
    /// name and a value of its type). A static change waits for the
    /// clusters' reboot; a `dynamic` `wlm_json_configuration` applies at once (doc).
    pub fn modify_cluster_parameter_group(
        &mut self,
        ctx: &Context,
        input: ModifyClusterParameterGroupMessage,
    ) -> Outcome<ClusterParameterGroupNameMessage> {
        let key = self.changeable_parameter_group(ctx, &input.parameter_group_name)?;
        if input.parameters.len() > MAX_PARAMETERS {
            return Err(RedshiftError::TooManyParameters(input.parameters.len()));
        }
        let mut changes = Vec::new();
        let mut static_change = false;
        for given in &input.parameters {
            let (Some(name), Some(value)) = (&given.parameter_name, &given.parameter_value) else {
                return Err(RedshiftError::ParameterNameAndValueRequired);
            };
            let p = parameter(name)?;
            let value = p.check(value)?;
            static_change |= !(p.name == "wlm_json_configuration"
                && given.apply_type.as_deref() == Some("dynamic"));
            changes.push((Name::from_static(p.name), value));
        }
        let group = self.own_mut::<ParameterGroupRecord>(ctx, &key)?;
        for (name, value) in &changes {
            group.values.insert(name.clone(), value.clone());
        }
        for (name, value) in changes {
            self.record_event(ctx, PARAMETER_UPDATED, &key, vec![name, value]);
        }
        self.record_event(ctx, PARAMETER_GROUP_UPDATED, &key, Vec::new());
        if static_change {
            self.parameter_group_changed(ctx, &key);
        }
        Ok(ClusterParameterGroupNameMessage {
            parameter_group_name: Some(key),
            parameter_group_status: Some(Name::from_static(MODIFIED)),
        })
    }

    /// ResetClusterParameterGroup: parameters back to their defaults
    /// (`Source: engine-default`): all of them (`ResetAllParameters`, or
    /// no parameter named, doc: its default is true), or those named (at
    /// most 20, doc).
    pub fn reset_cluster_parameter_group(
        &mut self,
        ctx: &Context,
        input: ResetClusterParameterGroupMessage,
    ) -> Outcome<ClusterParameterGroupNameMessage> {
        let key = self.changeable_parameter_group(ctx, &input.parameter_group_name)?;
        let named = input.parameters.unwrap_or_default();
        let all = input.reset_all_parameters.unwrap_or(named.is_empty());
        if !all && named.is_empty() {
            return Err(RedshiftError::NoParameterToReset);
        }
        if named.len() > MAX_PARAMETERS {
            return Err(RedshiftError::TooManyParameters(named.len()));
        }
        let mut reset = Vec::new();
        for given in &named {
            let name = given
                .parameter_name
                .as_deref()
                .ok_or(RedshiftError::ParameterNameAndValueRequired)?;
            reset.push(parameter(name)?.name);
        }
        if all {
            reset = PARAMETERS.iter().map(|p| p.name).collect();
        }
        let group = self.own_mut::<ParameterGroupRecord>(ctx, &key)?;
        let changed: Vec<&str> = reset
            .into_iter()
            .filter(|name| group.values.remove(*name).is_some())
            .collect();
        for name in &changed {
            let value = parameter(name).map(|p| Name::from_static(p.value))?;
            self.record_event(
                ctx,
                PARAMETER_UPDATED,
                &key,
                vec![Name::from_static(name), value],
            );
        }
        self.record_event(ctx, PARAMETER_GROUP_UPDATED, &key, Vec::new());
        if !changed.is_empty() {
            self.parameter_group_changed(ctx, &key);
        }
        Ok(ClusterParameterGroupNameMessage {
            parameter_group_name: Some(key),
            parameter_group_status: Some(Name::from_static(RESET)),
        })
    }
}
