//! Test-author controls (SPEC section 6), beyond what AWS offers: injected
//! faults, the call log, forced snapshot statuses, seeded snapshots, and the
//! world saved as JSON. Faults and the call log belong to a test's run, not
//! to the world's state: they are neither saved nor loaded.

mod calls;
mod outside;
mod save;
mod seed;
#[cfg(test)]
mod tests;

pub use calls::{Call, CallLog};
pub use outside::{is_bucket_name, is_sns_topic_arn, is_subnet_id, Bucket, Outside};

use super::resources::key;
use super::snapshots::{SnapshotRecord, SnapshotStatus};
use super::World;
use crate::errors::{ControlError, RedshiftError};

/// A fault a test injected: the next `remaining` calls of `operation` fail
/// with `code`.
#[derive(Debug, Clone, PartialEq)]
pub struct Fault {
    pub operation: String,
    pub code: String,
    pub message: Option<String>,
    pub remaining: u32,
}

/// What the controls hold for a test's run: pending faults (in the order
/// they were injected) and the call log.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Controls {
    pub faults: Vec<Fault>,
    pub calls: CallLog,
}

impl Controls {
    /// Forgets the run's faults and calls; whether calls are recorded stays.
    pub fn reset(&mut self) {
        self.faults.clear();
        self.calls.clear();
    }
}

impl World {
    /// Makes the next `count` calls of `operation` fail with `code` (after
    /// any faults already pending for it). An operation the fake does not
    /// implement is refused with the error its calls raise.
    pub fn inject_error(
        &mut self,
        operation: &str,
        code: &str,
        message: Option<&str>,
        count: i64,
    ) -> Result<(), ControlError> {
        if crate::model::service::model()
            .operation(operation)
            .is_none()
        {
            return Err(ControlError::UnknownOperation(operation.to_owned()));
        }
        if code.is_empty() || code.chars().any(char::is_whitespace) {
            return Err(ControlError::InvalidCode(code.to_owned()));
        }
        let remaining = u32::try_from(count)
            .ok()
            .filter(|&n| n >= 1)
            .ok_or(ControlError::InvalidCount(count))?;
        self.controls.faults.push(Fault {
            operation: operation.to_owned(),
            code: code.to_owned(),
            message: message.map(str::to_owned),
            remaining,
        });
        Ok(())
    }

    /// The injected error the next call of `operation` ends in, if any; it
    /// uses up one call of the first fault pending for that operation.
    pub fn take_fault(&mut self, operation: &str) -> Option<RedshiftError> {
        if self.controls.faults.is_empty() {
            return None;
        }
        let faults = &mut self.controls.faults;
        let at = faults.iter().position(|f| f.operation == operation)?;
        let fault = &mut faults[at];
        let error = RedshiftError::injected(&fault.code, fault.message.as_deref());
        fault.remaining -= 1;
        if fault.remaining == 0 {
            faults.remove(at);
        }
        Some(error)
    }

    /// Forces a snapshot's status (`None` hands it back to the clock).
    pub fn set_snapshot_status(
        &mut self,
        region: &str,
        account: &str,
        identifier: &str,
        status: Option<&str>,
    ) -> Result<(), ControlError> {
        let status = status
            .map(|s| {
                SnapshotStatus::parse(s).ok_or_else(|| ControlError::InvalidStatus(s.to_owned()))
            })
            .transpose()?;
        self.controlled_snapshot(region, account, identifier)?
            .forced = status;
        Ok(())
    }

    /// The snapshot a control names in an account and region, or
    /// [`ControlError::NoSuchSnapshot`].
    pub(crate) fn controlled_snapshot(
        &mut self,
        region: &str,
        account: &str,
        identifier: &str,
    ) -> Result<&mut SnapshotRecord, ControlError> {
        self.regions
            .get_mut(region)
            .and_then(|r| r.get_mut(account))
            .and_then(|p| p.snapshots.get_mut(&key(identifier)))
            .ok_or_else(|| ControlError::NoSuchSnapshot {
                id: identifier.to_owned(),
                account: account.to_owned(),
                region: region.to_owned(),
            })
    }
}
