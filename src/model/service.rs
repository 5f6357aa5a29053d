//! botocore's Redshift service model, embedded and compiled once into an arena
//! of shapes. It is the declarative description every door works from: the
//! validator walks input shapes, the error table gives HTTP statuses, and the
//! XML door takes member and list item names from output shapes.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde_json::{Map, Value};

/// The model JSON, refreshed by `scripts/update_model.py`.
pub const SERVICE_JSON: &str = include_str!("service-2.json");

/// Index of a shape in [`ServiceModel::shapes`].
pub type ShapeId = usize;

/// One member of a structure.
#[derive(Debug)]
pub struct Member {
    pub name: String,
    pub shape: ShapeId,
    /// The wire name, where the model gives one.
    pub location_name: Option<String>,
}

impl Member {
    /// The member's name on the wire: its `locationName`, else its name.
    pub fn wire_name(&self) -> &str {
        self.location_name.as_deref().unwrap_or(&self.name)
    }
}

/// What a shape is, with what the validator and the doors need of it.
#[derive(Debug)]
pub enum ShapeKind {
    Structure {
        members: Vec<Member>,
        required: Vec<String>,
        /// A tagged union: exactly one member must be set.
        union: bool,
        /// Wire name (`locationName`, else the member's name) -> index in `members`.
        by_wire: HashMap<String, usize>,
    },
    List {
        member: ShapeId,
        location_name: Option<String>,
        flattened: bool,
    },
    Map {
        key: ShapeId,
        value: ShapeId,
    },
    String,
    Integer,
    Long,
    Double,
    Float,
    Boolean,
    Timestamp,
    Blob,
}

/// A named shape of the model.
#[derive(Debug)]
pub struct Shape {
    pub name: String,
    pub kind: ShapeKind,
    /// The model's `min` (length for strings and lists, value for numbers).
    pub min: Option<i64>,
    /// The model's `max`, which botocore leaves to the service.
    pub max: Option<i64>,
    /// The model's `pattern` for strings, which botocore leaves to the service.
    pub pattern: Option<String>,
}

/// An operation of the model.
#[derive(Debug)]
pub struct Operation {
    pub name: String,
    pub input: Option<ShapeId>,
    pub output: Option<ShapeId>,
    pub result_wrapper: Option<String>,
}

/// A modeled error: its shape name, code and HTTP status.
#[derive(Debug, Clone)]
pub struct ErrorShape {
    pub shape: String,
    pub code: String,
    pub status: u16,
}

/// The compiled model.
#[derive(Debug)]
pub struct ServiceModel {
    /// `metadata.apiVersion`, the `Version` a Query request must name.
    pub api_version: String,
    /// `metadata.xmlNamespace`, the namespace of every XML response.
    pub xml_namespace: String,
    pub shapes: Vec<Shape>,
    pub operations: Vec<Operation>,
    pub errors: Vec<ErrorShape>,
    shape_index: HashMap<String, ShapeId>,
    operation_index: HashMap<String, usize>,
    error_index: HashMap<String, usize>,
}

impl ServiceModel {
    /// The shape of that name.
    pub fn shape(&self, name: &str) -> Option<&Shape> {
        self.shape_index.get(name).map(|&id| &self.shapes[id])
    }

    /// The arena index of the shape of that name.
    pub fn shape_id(&self, name: &str) -> Option<ShapeId> {
        self.shape_index.get(name).copied()
    }

    /// The operation of that PascalCase name.
    pub fn operation(&self, name: &str) -> Option<&Operation> {
        self.operation_index.get(name).map(|&i| &self.operations[i])
    }

    /// The HTTP status of a modeled error code.
    pub fn error_status(&self, code: &str) -> Option<u16> {
        self.error_index.get(code).map(|&i| self.errors[i].status)
    }

    /// Compiles a model from its JSON (botocore's `service-2.json` format).
    pub fn compile(json: &str) -> Result<ServiceModel, String> {
        let root: Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let raw_shapes = root
            .get("shapes")
            .and_then(Value::as_object)
            .ok_or("model has no shapes")?;
        let shape_index: HashMap<String, ShapeId> = raw_shapes
            .keys()
            .enumerate()
            .map(|(i, name)| (name.clone(), i))
            .collect();
        let id_of = |reference: &Value| -> Result<ShapeId, String> {
            let name = reference
                .get("shape")
                .and_then(Value::as_str)
                .ok_or("bad shape reference")?;
            shape_index
                .get(name)
                .copied()
                .ok_or_else(|| format!("unknown shape {name}"))
        };
        let location = |reference: &Value| {
            reference
                .get("locationName")
                .and_then(Value::as_str)
                .map(str::to_owned)
        };
        let mut shapes = Vec::with_capacity(raw_shapes.len());
        let mut errors = Vec::new();
        for (name, raw) in raw_shapes {
            let kind = match raw.get("type").and_then(Value::as_str).unwrap_or("") {
                "structure" => {
                    let empty = Map::new();
                    let raw_members = raw
                        .get("members")
                        .and_then(Value::as_object)
                        .unwrap_or(&empty);
                    let mut members = Vec::with_capacity(raw_members.len());
                    for (member, reference) in raw_members {
                        members.push(Member {
                            name: member.clone(),
                            shape: id_of(reference)?,
                            location_name: location(reference),
                        });
                    }
                    let required = raw
                        .get("required")
                        .and_then(Value::as_array)
                        .map(|r| {
                            r.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default();
                    let union = raw.get("union").and_then(Value::as_bool).unwrap_or(false);
                    let by_wire = members
                        .iter()
                        .enumerate()
                        .map(|(i, m)| (m.wire_name().to_owned(), i))
                        .collect();
                    ShapeKind::Structure {
                        members,
                        required,
                        union,
                        by_wire,
                    }
                }
                "list" => {
                    let member = raw.get("member").ok_or("list without member")?;
                    ShapeKind::List {
                        member: id_of(member)?,
                        location_name: location(member),
                        flattened: raw
                            .get("flattened")
                            .and_then(Value::as_bool)
                            .unwrap_or(false),
                    }
                }
                "map" => ShapeKind::Map {
                    key: id_of(raw.get("key").ok_or("map without key")?)?,
                    value: id_of(raw.get("value").ok_or("map without value")?)?,
                },
                "string" => ShapeKind::String,
                "integer" => ShapeKind::Integer,
                "long" => ShapeKind::Long,
                "double" => ShapeKind::Double,
                "float" => ShapeKind::Float,
                "boolean" => ShapeKind::Boolean,
                "timestamp" => ShapeKind::Timestamp,
                "blob" => ShapeKind::Blob,
                other => return Err(format!("shape {name} has unknown type {other}")),
            };
            if let Some(error) = raw.get("error") {
                errors.push(ErrorShape {
                    shape: name.clone(),
                    code: error
                        .get("code")
                        .and_then(Value::as_str)
                        .unwrap_or(name)
                        .to_owned(),
                    status: error
                        .get("httpStatusCode")
                        .and_then(Value::as_u64)
                        .unwrap_or(400) as u16,
                });
            }
            shapes.push(Shape {
                name: name.clone(),
                kind,
                min: raw.get("min").and_then(Value::as_i64),
                max: raw.get("max").and_then(Value::as_i64),
                pattern: raw
                    .get("pattern")
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            });
        }
        let raw_operations = root
            .get("operations")
            .and_then(Value::as_object)
            .ok_or("model has no operations")?;
        let mut operations = Vec::with_capacity(raw_operations.len());
        for (name, raw) in raw_operations {
            operations.push(Operation {
                name: name.clone(),
                input: raw.get("input").map(&id_of).transpose()?,
                output: raw.get("output").map(&id_of).transpose()?,
                result_wrapper: raw
                    .get("output")
                    .and_then(|o| o.get("resultWrapper"))
                    .and_then(Value::as_str)
                    .map(str::to_owned),
            });
        }
        let operation_index = operations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.name.clone(), i))
            .collect();
        let error_index = errors
            .iter()
            .enumerate()
            .map(|(i, e)| (e.code.clone(), i))
            .collect();
        let metadata = |key: &str| {
            root.get("metadata")
                .and_then(|m| m.get(key))
                .and_then(Value::as_str)
                .map(str::to_owned)
                .ok_or(format!("model has no metadata.{key}"))
        };
        Ok(ServiceModel {
            api_version: metadata("apiVersion")?,
            xml_namespace: metadata("xmlNamespace")?,
            shapes,
            operations,
            errors,
            shape_index,
            operation_index,
            error_index,
        })
    }
}

/// The model, compiled on first use.
pub fn model() -> &'static ServiceModel {
    static MODEL: OnceLock<ServiceModel> = OnceLock::new();
    // The embedded JSON is a build input, checked by `embedded_model_compiles`;
    // no user input reaches this.
    MODEL.get_or_init(|| {
        ServiceModel::compile(SERVICE_JSON).expect("embedded service model compiles")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_compiles() {
        let m = ServiceModel::compile(SERVICE_JSON).unwrap();
        assert!(m.operations.len() > 100);
        let op = m.operation("DeleteClusterSnapshot").unwrap();
        let input = &m.shapes[op.input.unwrap()];
        match &input.kind {
            ShapeKind::Structure {
                members, required, ..
            } => {
                assert_eq!(members[0].name, "SnapshotIdentifier");
                assert_eq!(required, &vec!["SnapshotIdentifier".to_string()]);
            }
            _ => panic!("not a structure"),
        }
        assert_eq!(
            op.result_wrapper.as_deref(),
            Some("DeleteClusterSnapshotResult")
        );
        assert_eq!(m.error_status("ClusterSnapshotNotFound"), Some(404));
    }
}
