//! DescribeNodeConfigurationOptions: the node configurations the catalog
//! offers for a restore, an elastic resize or a recommendation, with the
//! disk they would use, filtered as documented.

use super::catalog_ops::catalog_page;
use super::ClusterRecord;
use crate::engine::catalog::{self, NodeType, NODE_TYPES};
use crate::engine::listing::{PageLimits, Paging};
use crate::engine::name::Name;
use crate::engine::snapshots::Target;
use crate::engine::{Context, Outcome, World};
use crate::errors::RedshiftError;
use crate::model::{
    DescribeNodeConfigurationOptionsMessage, NodeConfigurationOption,
    NodeConfigurationOptionsFilter, NodeConfigurationOptionsMessage,
};

/// `MaxRecords` of DescribeNodeConfigurationOptions: 100..=500, default 500 (doc).
const OPTIONS_PAGE: PageLimits = PageLimits {
    min: 100,
    max: 500,
    default: 500,
};

/// A configuration before filtering.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    node: &'static NodeType,
    nodes: i64,
    utilization: f64,
    mode: &'static str,
}

impl Candidate {
    fn new(node: &'static NodeType, nodes: i64, data_mb: f64, mode: &'static str) -> Candidate {
        let capacity = (node.storage_mb * nodes) as f64;
        let utilization = ((data_mb / capacity) * 10_000.0).round() / 100.0;
        Candidate {
            node,
            nodes,
            utilization,
            mode,
        }
    }

    fn render(&self) -> NodeConfigurationOption {
        NodeConfigurationOption {
            node_type: Some(Name::from(self.node.name)),
            number_of_nodes: Some(self.nodes),
            estimated_disk_utilization_percent: Some(self.utilization),
            mode: Some(Name::from(self.mode)),
        }
    }
}

/// One filter of the request, checked (doc: the names, the operators, only
/// `in` for `NodeType`, one value but for `in` and `between` (two), node
/// counts 0 to 200, utilizations 0 to 100).
struct Filter {
    name: String,
    operator: String,
    values: Vec<String>,
}

impl Filter {
    fn check(f: &NodeConfigurationOptionsFilter) -> Outcome<Filter> {
        let invalid = |why: &str| RedshiftError::InvalidNodeConfigurationFilter(why.to_owned());
        let name = f
            .name
            .as_deref()
            .ok_or_else(|| invalid("a filter needs a Name"))?;
        let operator = f
            .operator
            .as_deref()
            .ok_or_else(|| invalid("a filter needs an Operator"))?;
        let values: Vec<String> = f.values.iter().flatten().map(|v| v.to_string()).collect();
        if ![
            "NodeType",
            "NumberOfNodes",
            "EstimatedDiskUtilizationPercent",
            "Mode",
        ]
        .contains(&name)
        {
            return Err(invalid(&format!("unknown filter name {name}")));
        }
        let count_ok = match operator {
            "eq" | "lt" | "gt" | "le" | "ge" => values.len() == 1,
            "in" => !values.is_empty(),
            "between" => values.len() == 2,
            other => return Err(invalid(&format!("unknown operator {other}"))),
        };
        if !count_ok {
            return Err(invalid(&format!(
                "operator {operator} takes {} values",
                match operator {
                    "in" => "one or more",
                    "between" => "two",
                    _ => "one",
                }
            )));
        }
        if name == "NodeType" && operator != "in" {
            return Err(invalid("the NodeType filter takes only the in operator"));
        }
        let range = match name {
            "NumberOfNodes" => Some(0.0..=200.0),
            "EstimatedDiskUtilizationPercent" => Some(0.0..=100.0),
            _ => None,
        };
        if let Some(range) = range {
            for v in &values {
                if !v.parse::<f64>().is_ok_and(|n| range.contains(&n)) {
                    return Err(invalid(&format!(
                        "{name} values are numbers from {} to {}, got {v}",
                        range.start(),
                        range.end()
                    )));
                }
            }
        }
        Ok(Filter {
            name: name.to_owned(),
            operator: operator.to_owned(),
            values,
        })
    }

    fn matches(&self, c: &Candidate) -> bool {
        let number = |v: &String| v.parse::<f64>().unwrap_or(f64::NAN);
        let (text, value) = match self.name.as_str() {
            "NodeType" => (Some(c.node.name), f64::NAN),
            "Mode" => (Some(c.mode), f64::NAN),
            "NumberOfNodes" => (None, c.nodes as f64),
            _ => (None, c.utilization),
        };
        if let Some(text) = text {
            return self.values.iter().any(|v| v == text);
        }
        let first = self.values.first().map_or(f64::NAN, number);
        match self.operator.as_str() {
            "eq" => value == first,
            "lt" => value < first,
            "gt" => value > first,
            "le" => value <= first,
            "ge" => value >= first,
            "in" => self.values.iter().any(|v| number(v) == value),
            _ => {
                let second = self.values.get(1).map_or(f64::NAN, number);
                first <= value && value <= second
            }
        }
    }
}

impl World {
    /// The data of the snapshot a configuration request names, and the node
    /// type and count of its cluster: the caller's, or one shared with it.
    fn snapshot_source(
        &self,
        ctx: &Context,
        input: &DescribeNodeConfigurationOptionsMessage,
    ) -> Outcome<(f64, Name, i64)> {
        let target = Target {
            identifier: input.snapshot_identifier.as_deref(),
            arn: input.snapshot_arn.as_deref(),
            cluster: None,
            owner: Some(input.owner_account.as_deref().unwrap_or(ctx.account)),
        };
        let (_, s) = self.restorable_snapshot(ctx, &target)?;
        Ok((
            s.size_mb,
            s.facts.node_type.clone(),
            s.facts.number_of_nodes,
        ))
    }

    /// The data of the cluster a configuration request names, its node type and count.
    fn cluster_source(
        &self,
        ctx: &Context,
        input: &DescribeNodeConfigurationOptionsMessage,
    ) -> Outcome<(f64, Name, i64)> {
        let id = input.cluster_identifier.as_deref().unwrap_or_default();
        let c = self.own::<ClusterRecord>(ctx, id)?;
        let data = catalog::data_size_mb(c.facts.number_of_nodes);
        Ok((data, c.facts.node_type.clone(), c.facts.number_of_nodes))
    }

    /// DescribeNodeConfigurationOptions (doc): `restore-cluster` from a
    /// snapshot (every node type and count), `resize-cluster` of a cluster
    /// (its elastic resize targets), `recommend-node-config` for a cluster or
    /// snapshot (its size as `standard`, double as `high-performance`).
    pub fn describe_node_configuration_options(
        &self,
        ctx: &Context,
        input: DescribeNodeConfigurationOptionsMessage,
    ) -> Outcome<NodeConfigurationOptionsMessage> {
        let paging: Paging<usize> =
            Paging::new(OPTIONS_PAGE, input.max_records, input.marker.as_deref())?;
        let action = input.action_type.as_str();
        if !["restore-cluster", "recommend-node-config", "resize-cluster"].contains(&action) {
            return Err(RedshiftError::InvalidActionType(action.to_owned()));
        }
        let filters = input
            .filters
            .iter()
            .flatten()
            .map(Filter::check)
            .collect::<Outcome<Vec<Filter>>>()?;
        let named_snapshot = input.snapshot_identifier.is_some() || input.snapshot_arn.is_some();
        let named_cluster = input.cluster_identifier.is_some();
        let source = match action {
            "restore-cluster" if named_snapshot => self.snapshot_source(ctx, &input)?,
            "resize-cluster" if named_cluster => self.cluster_source(ctx, &input)?,
            "recommend-node-config" if named_snapshot => self.snapshot_source(ctx, &input)?,
            "recommend-node-config" if named_cluster => self.cluster_source(ctx, &input)?,
            _ => {
                return Err(RedshiftError::NodeConfigurationNeedsSource(
                    action.to_owned(),
                ))
            }
        };
        let (data, node_type, nodes) = source;
        let own_node = catalog::node_type(&node_type);
        let candidates: Vec<Candidate> = match action {
            "restore-cluster" => NODE_TYPES
                .iter()
                .flat_map(|n| {
                    n.node_counts()
                        .map(move |count| Candidate::new(n, count, data, "standard"))
                })
                .collect(),
            "resize-cluster" => own_node
                .map(|n| {
                    n.elastic_targets(nodes)
                        .into_iter()
                        .map(|count| Candidate::new(n, count, data, "standard"))
                        .collect()
                })
                .unwrap_or_default(),
            _ => own_node
                .map(|n| {
                    let faster = (nodes * 2).min(n.max_nodes).max(2);
                    vec![
                        Candidate::new(n, nodes, data, "standard"),
                        Candidate::new(n, faster, data, "high-performance"),
                    ]
                })
                .unwrap_or_default(),
        };
        let matching = candidates
            .into_iter()
            .filter(|c| filters.iter().all(|f| f.matches(c)))
            .enumerate()
            .map(|(i, c)| (i, c.render()));
        let (page, marker) = catalog_page(&paging, matching);
        Ok(NodeConfigurationOptionsMessage {
            node_configuration_option_list: Some(page),
            marker,
        })
    }
}
