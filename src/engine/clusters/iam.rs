//! ModifyClusterIamRoles: roles are `adding` or `removing` while the
//! cluster is `modifying`, then `in-sync` or gone (doc: `ApplyStatus`).

use super::create::IAM_ROLE_QUOTA;
use super::{ClusterStatus, IamRole, RoleStatus};
use crate::engine::identifiers::check_role_arn;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{ModifyClusterIamRolesMessage, ModifyClusterIamRolesResult};

impl World {
    /// ModifyClusterIamRoles: an available cluster's roles (doc); a role
    /// added must not be there and one removed must be, not both at once,
    /// and the default role must be one the cluster keeps (choices).
    pub fn modify_cluster_iam_roles(
        &mut self,
        ctx: &Context,
        input: ModifyClusterIamRolesMessage,
    ) -> Outcome<ModifyClusterIamRolesResult> {
        let cluster =
            self.cluster_in(ctx, &input.cluster_identifier, &[ClusterStatus::Available])?;
        let key = cluster.identifier().clone();
        let adding = input.add_iam_roles.unwrap_or_default();
        let removing = input.remove_iam_roles.unwrap_or_default();
        let mut roles = cluster.iam_roles.clone();
        for arn in &adding {
            check_role_arn(arn)?;
            if removing.contains(arn) {
                return Err(RedshiftError::RoleAddedAndRemoved(arn.to_string()));
            }
            if roles.iter().any(|r| r.arn == *arn) {
                return Err(RedshiftError::RoleAlreadyAssociated(arn.to_string()));
            }
            roles.push(IamRole {
                arn: arn.clone(),
                status: RoleStatus::Adding,
            });
        }
        for arn in &removing {
            check_role_arn(arn)?;
            let role = roles
                .iter_mut()
                .find(|r| r.arn == *arn && r.status != RoleStatus::Removing)
                .ok_or_else(|| RedshiftError::RoleNotAssociated(arn.to_string()))?;
            role.status = RoleStatus::Removing;
        }
        let kept = |arn: &str| {
            roles
                .iter()
                .any(|r| r.arn == arn && r.status != RoleStatus::Removing)
        };
        if roles
            .iter()
            .filter(|r| r.status != RoleStatus::Removing)
            .count()
            > IAM_ROLE_QUOTA
        {
            return Err(RedshiftError::IamRoleQuotaExceeded(IAM_ROLE_QUOTA));
        }
        let default = match &input.default_iam_role_arn {
            Some(arn) if !kept(arn) => {
                return Err(RedshiftError::DefaultRoleNotAssociated(arn.to_string()))
            }
            Some(arn) => Some(arn.clone()),
            None => cluster.default_iam_role_arn.clone().filter(|arn| kept(arn)),
        };
        let changing = !adding.is_empty() || !removing.is_empty();
        if let Some(c) = self.cluster_mut(ctx, &key) {
            c.iam_roles = roles;
            c.default_iam_role_arn = default;
        }
        if changing {
            let seconds = self.settings.cluster_modifying_seconds;
            self.begin_cluster_transition(ctx, &key, ClusterStatus::Modifying, seconds);
        }
        Ok(ModifyClusterIamRolesResult {
            cluster: Some(self.answer_cluster(ctx, &key)),
        })
    }
}
