//! ModifyClusterSnapshotSchedule: a cluster follows a schedule, or stops
//! following it. An association changes asynchronously (fact: Terraform
//! waits for it): `MODIFYING` for the world's `snapshot_schedule_update_seconds`,
//! then `ACTIVE`, or gone when it was a disassociation.

use serde::{Deserialize, Serialize};

use super::ScheduleRecord;
use crate::engine::clusters::ClusterRecord;
use crate::engine::name::Name;
use crate::engine::resources::Stored;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{ModifyClusterSnapshotScheduleMessage, Timestamp};

/// A cluster's association with a snapshot schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Association {
    pub schedule: Name,
    /// While set, the association is `MODIFYING` until then.
    pub modifying_until: Option<Timestamp>,
    /// A disassociation: the association ends when its modification does.
    pub leaving: bool,
}

impl Association {
    /// `ScheduleAssociationState` / `SnapshotScheduleState` (doc: the
    /// model's values; `FAILED` never happens in the fake).
    pub fn state(&self) -> &'static str {
        if self.modifying_until.is_some() {
            "MODIFYING"
        } else {
            "ACTIVE"
        }
    }

    /// The schedule the cluster's automated snapshots follow, if any: none
    /// once a disassociation is asked for (choice).
    pub fn followed(&self) -> Option<&Name> {
        (!self.leaving).then_some(&self.schedule)
    }
}

impl World {
    /// ModifyClusterSnapshotSchedule.
    pub fn modify_cluster_snapshot_schedule(
        &mut self,
        ctx: &Context,
        input: ModifyClusterSnapshotScheduleMessage,
    ) -> Outcome<()> {
        let disassociate = input.disassociate_schedule == Some(true);
        if !disassociate && input.schedule_identifier.is_none() {
            return Err(RedshiftError::ScheduleNotNamed);
        }
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        let key = cluster.identifier().clone();
        let current = cluster.snapshot_plan.schedule.clone();
        let named = input
            .schedule_identifier
            .as_deref()
            .map(|id| self.own::<ScheduleRecord>(ctx, id).map(|s| s.id.clone()))
            .transpose()?;
        if current
            .as_ref()
            .is_some_and(|a| a.modifying_until.is_some())
        {
            return Err(RedshiftError::ScheduleAssociationModifying(key.to_string()));
        }
        let association = match (disassociate, current, named) {
            (true, None, _) => return Err(RedshiftError::NoScheduleAssociated(key.to_string())),
            (true, Some(current), Some(named)) if current.schedule != named => {
                return Err(RedshiftError::ScheduleNotAssociated {
                    cluster: key.to_string(),
                    id: named.to_string(),
                })
            }
            (true, Some(current), _) => Association {
                leaving: true,
                ..current
            },
            // Already following that schedule: nothing to change (choice).
            (false, Some(current), Some(named)) if current.schedule == named => return Ok(()),
            (false, _, named) => Association {
                schedule: named.ok_or(RedshiftError::ScheduleNotNamed)?,
                modifying_until: None,
                leaving: false,
            },
        };
        self.change_association(ctx, &key, association);
        Ok(())
    }

    /// Gives a cluster `association`, `MODIFYING` for the world's update
    /// time, and plans its next automated snapshot by it.
    pub(super) fn change_association(
        &mut self,
        ctx: &Context,
        key: &Name,
        association: Association,
    ) {
        let until = ctx
            .now
            .plus_seconds(self.settings.snapshot_schedule_update_seconds);
        let Ok(cluster) = self.own_mut::<ClusterRecord>(ctx, key) else {
            return;
        };
        cluster.snapshot_plan.schedule = Some(Association {
            modifying_until: Some(until),
            ..association
        });
        self.schedule(ctx, until, ClusterRecord::KIND, key);
        self.plan_automated_snapshot(ctx, key, ctx.now);
    }

    /// A cluster's wake-up: an association whose modification is over
    /// becomes `ACTIVE`, or goes.
    pub(crate) fn settle_association(&mut self, ctx: &Context, key: &Name) {
        let Ok(cluster) = self.own_mut::<ClusterRecord>(ctx, key) else {
            return;
        };
        let plan = &mut cluster.snapshot_plan;
        let Some(association) = plan.schedule.as_mut() else {
            return;
        };
        if association
            .modifying_until
            .is_none_or(|until| until > ctx.now)
        {
            return;
        }
        if association.leaving {
            plan.schedule = None;
        } else {
            association.modifying_until = None;
        }
    }
}
