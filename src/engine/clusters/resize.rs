//! ResizeCluster, DescribeResize and CancelResize, and the resize a
//! ModifyCluster of node type or count starts: classic or elastic, its
//! progress worked out from the clock, cancellable while it runs.

use serde::{Deserialize, Serialize};

use super::create::node_count;
use super::{ClusterRecord, ClusterStatus};
use crate::engine::catalog::{self, NodeType};
use crate::engine::name::Name;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    CancelResizeMessage, DescribeResizeMessage, ResizeClusterMessage, ResizeClusterResult,
    ResizeProgressMessage, Timestamp,
};

/// `ResizeType` (doc).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResizeKind {
    Classic,
    Elastic,
}

/// Where a resize stands (doc: `Status`; a cancelled resize ends `FAILED`,
/// a choice among the documented values).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ResizeStatus {
    InProgress,
    Succeeded,
    Cancelling,
    Cancelled,
}

/// A cluster's last resize.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resize {
    pub kind: ResizeKind,
    pub target_node_type: Name,
    pub target_nodes: i64,
    pub started: Timestamp,
    /// When it ends (or, cancelled, when it stopped).
    pub ends: Timestamp,
    pub status: ResizeStatus,
    pub data_mb: f64,
    pub encrypted: bool,
}

impl Resize {
    /// `multi-node` or `single-node`, as the target's node count makes it.
    pub fn target_cluster_type(&self) -> Name {
        Name::from_static(if self.target_nodes == 1 {
            "single-node"
        } else {
            "multi-node"
        })
    }

    /// `ResizeProgressMessage` at `now`.
    fn progress(&self, now: Timestamp) -> ResizeProgressMessage {
        let duration = self.started.seconds_until(self.ends).max(0.0);
        let running = self.status == ResizeStatus::InProgress;
        let elapsed = if running {
            self.started.seconds_until(now).clamp(0.0, duration)
        } else {
            duration
        };
        let done = if duration > 0.0 {
            elapsed / duration
        } else {
            1.0
        };
        let (status, message) = match self.status {
            ResizeStatus::InProgress => ("IN_PROGRESS", "Resize operation in progress."),
            ResizeStatus::Succeeded => ("SUCCEEDED", "Resize operation succeeded."),
            ResizeStatus::Cancelling => ("CANCELLING", "Resize operation is being cancelled."),
            ResizeStatus::Cancelled => ("FAILED", "Resize operation was cancelled."),
        };
        let progress = if self.status == ResizeStatus::Succeeded {
            self.data_mb
        } else {
            self.data_mb * done
        };
        ResizeProgressMessage {
            target_node_type: Some(self.target_node_type.clone()),
            target_number_of_nodes: Some(self.target_nodes),
            target_cluster_type: Some(self.target_cluster_type()),
            status: Some(Name::from_static(status)),
            import_tables_completed: Some(Vec::new()),
            import_tables_in_progress: Some(Vec::new()),
            import_tables_not_started: Some(Vec::new()),
            avg_resize_rate_in_mega_bytes_per_second: Some(if duration > 0.0 {
                ((self.data_mb / duration) * 1000.0).round() / 1000.0
            } else {
                0.0
            }),
            total_resize_data_in_mega_bytes: Some(self.data_mb.round() as i64),
            progress_in_mega_bytes: Some(progress.round() as i64),
            elapsed_time_in_seconds: Some(elapsed as i64),
            estimated_time_to_completion_in_seconds: Some(if running {
                (duration - elapsed).ceil() as i64
            } else {
                0
            }),
            resize_type: Some(Name::from_static(match self.kind {
                ResizeKind::Classic => "ClassicResize",
                ResizeKind::Elastic => "ElasticResize",
            })),
            message: Some(Name::from_static(message)),
            target_encryption_type: Some(Name::from_static(if self.encrypted {
                "KMS"
            } else {
                "None"
            })),
            data_transfer_progress_percent: Some((done * 10_000.0).round() / 100.0),
        }
    }
}

impl ClusterRecord {
    /// A cancelled resize is over: the cluster keeps its size.
    pub(super) fn resize_cancelled(&mut self) {
        if let Some(r) = &mut self.resize {
            r.status = ResizeStatus::Cancelled;
        }
    }
}

/// What a resize asks for.
pub(super) struct Target {
    pub node: &'static NodeType,
    pub nodes: i64,
}

/// The size a resize asks for, checked like a new cluster's (node type,
/// cluster type, node count), and not the cluster's own (choice).
pub(super) fn resize_target(
    cluster: &ClusterRecord,
    node_type: Option<&str>,
    cluster_type: Option<&str>,
    number_of_nodes: Option<i64>,
) -> Outcome<Target> {
    let name = node_type.unwrap_or(&cluster.facts.node_type);
    let node =
        catalog::node_type(name).ok_or_else(|| RedshiftError::InvalidNodeType(name.to_owned()))?;
    let nodes = match (cluster_type, number_of_nodes) {
        (None, None) => cluster.facts.number_of_nodes,
        _ => node_count(
            node,
            cluster_type,
            number_of_nodes.or(Some(cluster.facts.number_of_nodes)),
        )?,
    };
    node_count(node, None, Some(nodes))?;
    if node.name == cluster.facts.node_type.as_str() && nodes == cluster.facts.number_of_nodes {
        return Err(RedshiftError::ResizeToSameSize(
            cluster.identifier().to_string(),
        ));
    }
    Ok(Target { node, nodes })
}

impl World {
    /// Starts a resize of an available cluster to `target` (after the node
    /// quota): `resizing` for the world's resize time, the target pending.
    pub(super) fn start_resize(
        &mut self,
        ctx: &Context,
        key: &Name,
        kind: ResizeKind,
        target: Target,
    ) -> Outcome<()> {
        self.check_node_quota(ctx, target.nodes, Some(key))?;
        let seconds = self.settings.cluster_resizing_seconds;
        if let Some(c) = self.cluster_mut(ctx, key) {
            c.resize = Some(Resize {
                kind,
                target_node_type: Name::from(target.node.name),
                target_nodes: target.nodes,
                started: ctx.now,
                ends: ctx.now.plus_seconds(seconds),
                status: ResizeStatus::InProgress,
                data_mb: catalog::data_size_mb(c.facts.number_of_nodes),
                encrypted: c.facts.encrypted,
            });
        }
        self.begin_cluster_transition(ctx, key, ClusterStatus::Resizing, seconds);
        Ok(())
    }

    /// ResizeCluster: elastic unless `Classic` (doc). An elastic resize
    /// keeps the node type, needs a multi-node cluster and reaches half to
    /// double its nodes (doc); a classic one changes type and count freely.
    pub fn resize_cluster(
        &mut self,
        ctx: &Context,
        input: ResizeClusterMessage,
    ) -> Outcome<ResizeClusterResult> {
        let cluster =
            self.cluster_in(ctx, &input.cluster_identifier, &[ClusterStatus::Available])?;
        let target = resize_target(
            cluster,
            input.node_type.as_deref(),
            input.cluster_type.as_deref(),
            input.number_of_nodes,
        )?;
        let kind = if input.classic.unwrap_or(false) {
            ResizeKind::Classic
        } else {
            ResizeKind::Elastic
        };
        if kind == ResizeKind::Elastic {
            let current = cluster.facts.number_of_nodes;
            let reason = if target.node.name != cluster.facts.node_type.as_str() {
                Some("the node type of the nodes added must be the cluster's")
            } else if current == 1 || target.nodes == 1 {
                Some("a single-node cluster can only be resized with classic resize")
            } else if !target.node.elastic_targets(current).contains(&target.nodes) {
                Some("an elastic resize reaches from half to double the current number of nodes")
            } else {
                None
            };
            if let Some(reason) = reason {
                return Err(RedshiftError::ElasticResizeUnsupported(reason));
            }
        }
        let exchange = self.cluster_exchange(
            ctx,
            input.reserved_node_id.as_deref(),
            input.target_reserved_node_offering_id.as_deref(),
            target.node.name,
        )?;
        let key = cluster.identifier().clone();
        let nodes = target.nodes;
        self.start_resize(ctx, &key, kind, target)?;
        if let Some((node, offering)) = exchange {
            self.exchange_reserved_node(ctx, &node, offering, nodes)?;
        }
        Ok(ResizeClusterResult {
            cluster: Some(self.answer_cluster(ctx, &key)),
        })
    }

    /// DescribeResize: the cluster's last resize, as it stands now;
    /// `ResizeNotFound` if it was never resized (doc).
    pub fn describe_resize(
        &self,
        ctx: &Context,
        input: DescribeResizeMessage,
    ) -> Outcome<ResizeProgressMessage> {
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        let resize = cluster
            .resize
            .as_ref()
            .ok_or_else(|| RedshiftError::ResizeNotFound(cluster.identifier().to_string()))?;
        Ok(resize.progress(ctx.now))
    }

    /// CancelResize: a classic resize that is running goes back (choice:
    /// `cancelling-resize` for as long as it had run), then the cluster is
    /// `available` at its old size. No resize running: `ResizeNotFound`
    /// (SPEC choice).
    pub fn cancel_resize(
        &mut self,
        ctx: &Context,
        input: CancelResizeMessage,
    ) -> Outcome<ResizeProgressMessage> {
        let cluster = self.own::<ClusterRecord>(ctx, &input.cluster_identifier)?;
        let key = cluster.identifier().clone();
        let resize = cluster
            .resize
            .as_ref()
            .filter(|r| {
                matches!(
                    r.status,
                    ResizeStatus::InProgress | ResizeStatus::Cancelling
                )
            })
            .ok_or_else(|| RedshiftError::ResizeNotFound(key.to_string()))?;
        cluster.require(&[ClusterStatus::Resizing])?;
        if resize.kind == ResizeKind::Elastic {
            return Err(RedshiftError::ElasticResizeNotCancellable(key.to_string()));
        }
        let ran = resize.started.seconds_until(ctx.now).max(0.0);
        if let Some(r) = self.cluster_mut(ctx, &key).and_then(|c| c.resize.as_mut()) {
            r.status = ResizeStatus::Cancelling;
            r.ends = ctx.now;
        }
        self.begin_cluster_transition(ctx, &key, ClusterStatus::CancellingResize, ran);
        let progress = self
            .place(ctx)
            .and_then(|p| p.clusters.get(&key))
            .and_then(|c| c.resize.as_ref())
            .map(|r| r.progress(ctx.now))
            .unwrap_or_default();
        Ok(progress)
    }
}
