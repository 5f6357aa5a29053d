//! Parameter groups: the default parameters of the `redshift-1.0` family
//! (one table: what is validated is what is described), the default group
//! every account has, the groups an account creates, and what a change to
//! them does to the clusters that use them (`ParameterApplyStatus`).

mod operations;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};

use super::clusters::{ClusterRecord, ParameterApply};
use super::events::{CLUSTER_PARAMETER_GROUP_CHANGED, PARAMETER_GROUP_CHANGES_PENDING};
use super::identifiers::new_identifier;
use super::name::Name;
use super::resources::{key, Resource, Stored};
use super::tags::TagStore;
use super::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    ClusterParameterGroup, ClusterParameterGroupStatus, ClusterParameterStatus, Parameter,
};

/// The one parameter group family (doc: the only engine version is 1.0).
pub const FAMILY: &str = "redshift-1.0";
/// Its default group (doc), in every account and region.
pub const DEFAULT_GROUP: &str = "default.redshift-1.0";
/// The description of the default group (fact).
const DEFAULT_DESCRIPTION: &str = "Default parameter group for redshift-1.0";

/// `Source` of a parameter left at its default.
pub const ENGINE_DEFAULT: &str = "engine-default";
/// `Source` of a parameter a user set.
pub const USER: &str = "user";

/// The `DataType` of a parameter, which decides the values it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataType {
    Boolean,
    Integer,
    String,
}

impl DataType {
    fn as_str(self) -> &'static str {
        match self {
            DataType::Boolean => "boolean",
            DataType::Integer => "integer",
            DataType::String => "string",
        }
    }
}

/// A parameter of the family, as AWS describes it.
#[derive(Debug)]
pub struct DefaultParameter {
    pub name: &'static str,
    pub value: &'static str,
    pub description: &'static str,
    pub data_type: DataType,
    pub allowed_values: Option<&'static str>,
    /// Every parameter of the family applies on reboot (fact), but for
    /// `wlm_json_configuration`'s dynamic properties (doc).
    pub apply_type: &'static str,
}

macro_rules! parameters {
    ($($name:literal = $value:literal, $data_type:ident, $allowed:expr, $description:literal;)*) => {
        /// The parameters of `redshift-1.0` by name: their defaults, data
        /// types, allowed values and descriptions as DescribeDefaultClusterParameters
        /// answered them (fact, 2022), and the values of the Management Guide's
        /// table (doc). `auto_mv`'s description is ours (choice); the
        /// deprecated `max_cursor_result_set_size` is left out (doc).
        pub const PARAMETERS: &[DefaultParameter] = &[$(DefaultParameter {
            name: $name,
            value: $value,
            description: $description,
            data_type: DataType::$data_type,
            allowed_values: $allowed,
            apply_type: "static",
        }),*];
    };
}

parameters! {
    "auto_analyze" = "true", Boolean, Some("true,false"), "Use auto analyze";
    "auto_mv" = "true", Boolean, Some("true,false"), "Use auto materialized views";
    "datestyle" = "ISO, MDY", String, None, "Sets the display format for date and time values.";
    "enable_case_sensitive_identifier" = "false", Boolean, Some("true,false"),
        "Preserve case sensitivity for database identifiers such as table or column names in parser";
    "enable_user_activity_logging" = "false", Boolean, Some("true,false"), "parameter for audit logging purpose";
    "extra_float_digits" = "0", Integer, Some("-15-2"), "Sets the number of digits displayed for floating-point values";
    "max_concurrency_scaling_clusters" = "1", Integer, Some("0-10"), "The maximum concurrency scaling clusters can be used.";
    "query_group" = "default", String, None,
        "This parameter applies a user-defined label to a group of queries that are run during the same session..";
    "require_ssl" = "false", Boolean, Some("true,false"), "require ssl for all databaseconnections";
    "search_path" = "$user, public", String, None, "Sets the schema search order for names that are not schema-qualified.";
    "statement_timeout" = "0", Integer, Some("0,100-2147483647"),
        "Aborts any statement that takes over the specified number of milliseconds.";
    "use_fips_ssl" = "false", Boolean, Some("true,false"), "Use fips ssl library";
    "wlm_json_configuration" = "[{\"auto_wlm\":true}]", String, None, "wlm json configuration";
}

/// The longest `wlm_json_configuration` value (doc: 8000 characters).
const WLM_MAX_CHARS: usize = 8000;

/// The parameter of that name.
pub fn parameter(name: &str) -> Outcome<&'static DefaultParameter> {
    PARAMETERS
        .iter()
        .find(|p| p.name == name)
        .ok_or_else(|| RedshiftError::UnknownParameter(name.to_owned()))
}

impl DefaultParameter {
    /// A value for the parameter, as it is stored: checked against the
    /// parameter's data type and allowed values (doc).
    pub fn check(&self, value: &str) -> Outcome<Name> {
        let refused = || RedshiftError::InvalidParameterSetting {
            name: self.name,
            value: value.to_owned(),
        };
        match self.data_type {
            DataType::Boolean => match value.to_ascii_lowercase().as_str() {
                v @ ("true" | "false") => Ok(Name::from(v)),
                _ => Err(refused()),
            },
            DataType::Integer => {
                let n: i64 = value.trim().parse().map_err(|_| refused())?;
                let ranges = self.allowed_values.unwrap_or_default();
                if ranges.split(',').any(|r| in_range(r, n)) {
                    Ok(Name::from(n.to_string()))
                } else {
                    Err(refused())
                }
            }
            DataType::String if self.name == "wlm_json_configuration" => {
                let json: Option<serde_json::Value> = serde_json::from_str(value).ok();
                if value.chars().count() > WLM_MAX_CHARS || !json.is_some_and(|j| j.is_array()) {
                    return Err(refused());
                }
                Ok(Name::from(value))
            }
            DataType::String => Ok(Name::from(value)),
        }
    }
}

/// Whether `n` is in an allowed range written as AWS writes them: `0`,
/// `0-10`, `-15-2`.
fn in_range(range: &str, n: i64) -> bool {
    let split = range
        .char_indices()
        .skip(1)
        .find(|(_, c)| *c == '-')
        .map(|(i, _)| i);
    let (lo, hi) = match split {
        Some(i) => (&range[..i], &range[i + 1..]),
        None => (range, range),
    };
    matches!((lo.parse::<i64>(), hi.parse::<i64>()), (Ok(lo), Ok(hi)) if (lo..=hi).contains(&n))
}

/// A parameter group as the engine keeps it: the values a user set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParameterGroupRecord {
    pub name: Name,
    pub family: Name,
    pub description: Name,
    /// Parameter name -> the value a user set (`Source: user`).
    pub values: BTreeMap<Name, Name>,
}

crate::engine::store::keyed_record!(ParameterGroupRecord, name, counted);

impl Resource for ParameterGroupRecord {
    fn not_found(identifier: &str) -> RedshiftError {
        RedshiftError::ClusterParameterGroupNotFound(identifier.to_owned())
    }
    fn check_saved(&self) -> Result<(), String> {
        let name =
            new_identifier("ParameterGroupName", &self.name, 255).map_err(|e| e.to_string())?;
        if name != *self.name || self.family != FAMILY {
            return Err(
                "a parameter group has a lowercase name and the family redshift-1.0".into(),
            );
        }
        for (p, value) in &self.values {
            let set = parameter(p)
                .and_then(|d| d.check(value))
                .map_err(|e| e.to_string())?;
            if set != *value {
                return Err(format!(
                    "parameter {p} is set to {value}, not as AWS stores it ({set})"
                ));
            }
        }
        Ok(())
    }
}

/// The default group, as every account has it.
pub static DEFAULT: LazyLock<ParameterGroupRecord> = LazyLock::new(|| ParameterGroupRecord {
    name: Name::from_static(DEFAULT_GROUP),
    family: Name::from_static(FAMILY),
    description: Name::from_static(DEFAULT_DESCRIPTION),
    values: BTreeMap::new(),
});

impl ParameterGroupRecord {
    /// The model's `ClusterParameterGroup`.
    pub fn render(&self, tags: &TagStore) -> ClusterParameterGroup {
        ClusterParameterGroup {
            parameter_group_name: Some(self.name.clone()),
            parameter_group_family: Some(self.family.clone()),
            description: Some(self.description.clone()),
            tags: Some(tags.render(Self::KIND, &self.name)),
        }
    }

    /// Its parameters, by name, with their values and sources.
    pub fn parameters(&self) -> impl Iterator<Item = Parameter> + '_ {
        PARAMETERS.iter().map(|p| {
            let user = self.values.get(p.name);
            render_parameter(p, user)
        })
    }
}

/// The model's `Parameter`: the user's value, or the default.
pub fn render_parameter(p: &DefaultParameter, user: Option<&Name>) -> Parameter {
    Parameter {
        parameter_name: Some(Name::from_static(p.name)),
        parameter_value: Some(user.cloned().unwrap_or_else(|| Name::from_static(p.value))),
        description: Some(Name::from_static(p.description)),
        source: Some(Name::from_static(if user.is_some() {
            USER
        } else {
            ENGINE_DEFAULT
        })),
        data_type: Some(Name::from_static(p.data_type.as_str())),
        allowed_values: p.allowed_values.map(Name::from_static),
        apply_type: Some(Name::from_static(p.apply_type)),
        is_modifiable: Some(true),
        minimum_engine_version: None,
    }
}

/// Whether `name` is the default group (names are case-insensitive).
pub fn is_default(name: &str) -> bool {
    name.eq_ignore_ascii_case(DEFAULT_GROUP)
}

/// A cluster's `ClusterParameterGroups`: its group, whether that group's
/// changes wait for a reboot, and (for a group of the account's, fact) the
/// status of each parameter.
pub fn cluster_parameter_groups(
    group: &Name,
    apply: ParameterApply,
) -> Vec<ClusterParameterGroupStatus> {
    let status = || Name::from_static(apply.as_str());
    let list = (!is_default(group)).then(|| {
        PARAMETERS
            .iter()
            .map(|p| ClusterParameterStatus {
                parameter_name: Some(Name::from_static(p.name)),
                parameter_apply_status: Some(status()),
                parameter_apply_error_description: None,
            })
            .collect()
    });
    vec![ClusterParameterGroupStatus {
        parameter_group_name: Some(group.clone()),
        parameter_apply_status: Some(status()),
        cluster_parameter_status_list: list,
    }]
}

impl World {
    /// The caller's parameter group of that name: the default group or one
    /// it created.
    pub fn parameter_group(&self, ctx: &Context, name: &str) -> Outcome<&ParameterGroupRecord> {
        if is_default(name) {
            return Ok(&DEFAULT);
        }
        self.own::<ParameterGroupRecord>(ctx, name)
    }

    /// Whether the caller has a parameter group of that name.
    pub fn parameter_group_exists(&self, ctx: &Context, name: &str) -> bool {
        self.parameter_group(ctx, name).is_ok()
    }

    /// A reboot applied a cluster's pending parameter changes: its
    /// `ParameterApplyStatus` is `in-sync` again. The end of a `rebooting`
    /// transition calls this; so may a reboot that takes no transition.
    pub fn parameter_groups_applied(&mut self, ctx: &Context, cluster: &str) {
        if let Some(c) = self
            .place_mut(ctx)
            .and_then(|p| p.clusters.get_mut(&key(cluster)))
        {
            c.parameter_apply = ParameterApply::InSync;
        }
    }

    /// A cluster now uses parameter group `group` (a name
    /// [`World::check_cluster_references`] resolved): its parameters apply
    /// on its next reboot (choice), and the event says so. ModifyCluster
    /// calls this when it changes `ClusterParameterGroupName`.
    pub fn parameter_group_associated(&mut self, ctx: &Context, cluster: &str, group: &Name) {
        let Some(c) = self
            .place_mut(ctx)
            .and_then(|p| p.clusters.get_mut(&key(cluster)))
        else {
            return;
        };
        c.parameter_group = group.clone();
        c.parameter_apply = ParameterApply::PendingReboot;
        let id = c.identifier().clone();
        self.record_event(
            ctx,
            CLUSTER_PARAMETER_GROUP_CHANGED,
            &id,
            vec![group.clone()],
        );
    }

    /// A group's static parameters changed: every cluster using it waits
    /// for a reboot to apply them (doc), and its event says so.
    fn parameter_group_changed(&mut self, ctx: &Context, group: &Name) {
        let users: Vec<Name> = self
            .place(ctx)
            .into_iter()
            .flat_map(|p| p.clusters.values())
            .filter(|c| c.parameter_group == *group)
            .map(|c| c.identifier().clone())
            .collect();
        for id in users {
            if let Some(c) = self.place_mut(ctx).and_then(|p| p.clusters.get_mut(&id)) {
                c.parameter_apply = ParameterApply::PendingReboot;
            }
            self.record_event(
                ctx,
                PARAMETER_GROUP_CHANGES_PENDING,
                &id,
                vec![group.clone()],
            );
        }
    }

    /// A group no cluster of the caller's `uses` (a group in use cannot be
    /// deleted, doc): otherwise `in_use`, naming a cluster that uses it.
    pub fn require_unused(
        &self,
        ctx: &Context,
        uses: impl Fn(&ClusterRecord) -> bool,
        in_use: impl FnOnce(String) -> RedshiftError,
    ) -> Outcome<()> {
        let user = self
            .place(ctx)
            .and_then(|p| p.clusters.values().find(|c| uses(c)));
        match user {
            Some(c) => Err(in_use(c.identifier().to_string())),
            None => Ok(()),
        }
    }
}
