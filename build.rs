//! Generates the Rust types of the service model at build time: one struct
//! per structure shape that an operation takes or returns (reachable from an
//! input or output shape), the `Output` enum of every output shape, and one
//! marker type per operation that ties its input and output shapes together.
//! The engine's methods are checked against those at compile time, so no
//! shape is ever copied into Rust by hand.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

const MODEL: &str = "src/model/service-2.json";

fn main() {
    println!("cargo:rerun-if-changed={MODEL}");
    println!("cargo:rerun-if-changed=build.rs");
    let text = std::fs::read_to_string(MODEL).expect("the service model is readable");
    let model: Value = serde_json::from_str(&text).expect("the service model is JSON");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    std::fs::write(Path::new(&out).join("shapes.rs"), generate(&model))
        .expect("OUT_DIR is writable");
    std::fs::write(Path::new(&out).join("py_shapes.rs"), generate_py(&model))
        .expect("OUT_DIR is writable");
}

/// Rust keywords a member name could turn into.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern",
    "false", "fn", "for", "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub",
    "ref", "return", "static", "struct", "trait", "true", "type", "unsafe", "use", "where",
    "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield",
];

/// `DBName` -> `db_name`, `EncryptedWithHSM` -> `encrypted_with_hsm`.
pub fn snake_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::with_capacity(name.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev.is_ascii_lowercase()
                || prev.is_ascii_digit()
                || (prev.is_ascii_uppercase() && next_lower)
            {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    if KEYWORDS.contains(&out.as_str()) {
        format!("r#{out}")
    } else {
        out
    }
}

fn shape<'a>(model: &'a Value, name: &str) -> &'a Value {
    &model["shapes"][name]
}

fn target(reference: &Value) -> &str {
    reference["shape"]
        .as_str()
        .expect("a shape reference names a shape")
}

/// Every shape reachable from `name`.
fn reach(model: &Value, name: &str, seen: &mut BTreeSet<String>) {
    if !seen.insert(name.to_owned()) {
        return;
    }
    let s = shape(model, name);
    match s["type"].as_str() {
        Some("structure") => {
            for m in s["members"].as_object().into_iter().flatten() {
                reach(model, target(m.1), seen);
            }
        }
        Some("list") => reach(model, target(&s["member"]), seen),
        Some("map") => {
            reach(model, target(&s["key"]), seen);
            reach(model, target(&s["value"]), seen);
        }
        _ => {}
    }
}

/// The Rust type of a shape (without `Option`).
fn rust_type(model: &Value, name: &str) -> String {
    let s = shape(model, name);
    match s["type"].as_str().unwrap_or("") {
        "structure" => name.to_owned(),
        "list" => format!("Vec<{}>", rust_type(model, target(&s["member"]))),
        "map" => format!(
            "std::collections::BTreeMap<{}, {}>",
            rust_type(model, target(&s["key"])),
            rust_type(model, target(&s["value"]))
        ),
        "string" | "blob" => "Name".to_owned(),
        "integer" | "long" => "i64".to_owned(),
        "double" | "float" => "f64".to_owned(),
        "boolean" => "bool".to_owned(),
        "timestamp" => "Timestamp".to_owned(),
        other => panic!("shape {name} has unknown type {other}"),
    }
}

/// The structure shapes an operation takes or returns (reachable from an
/// input or output shape), and the output shapes themselves.
fn structures(model: &Value) -> (Vec<String>, BTreeSet<String>) {
    let operations = model["operations"]
        .as_object()
        .expect("the model has operations");
    let mut roots = BTreeSet::new();
    let mut outputs = BTreeSet::new();
    for op in operations.values() {
        if let Some(input) = op["input"]["shape"].as_str() {
            roots.insert(input.to_owned());
        }
        if let Some(output) = op["output"]["shape"].as_str() {
            roots.insert(output.to_owned());
            outputs.insert(output.to_owned());
        }
    }
    let mut seen = BTreeSet::new();
    for root in &roots {
        reach(model, root, &mut seen);
    }
    let structures = seen
        .into_iter()
        .filter(|n| shape(model, n)["type"] == "structure")
        .collect();
    (structures, outputs)
}

fn generate(model: &Value) -> String {
    let operations = model["operations"]
        .as_object()
        .expect("the model has operations");
    let (structures, outputs) = structures(model);
    let mut code = String::new();
    code.push_str("// Generated by build.rs from src/model/service-2.json. Do not edit.\n\n");
    for name in &structures {
        let s = shape(model, name);
        let required: BTreeSet<&str> = s["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let _ = writeln!(code, "/// The model's `{name}` shape.");
        code.push_str("#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]\n");
        code.push_str("#[serde(default)]\n");
        let _ = writeln!(code, "pub struct {name} {{");
        for (member, reference) in s["members"].as_object().into_iter().flatten() {
            let ty = rust_type(model, target(reference));
            let field = snake_case(member);
            if required.contains(member.as_str()) {
                let _ = writeln!(code, "    #[serde(rename = \"{member}\")]");
                let _ = writeln!(code, "    pub {field}: {ty},");
            } else {
                let _ = writeln!(
                    code,
                    "    #[serde(rename = \"{member}\", skip_serializing_if = \"Option::is_none\")]"
                );
                let _ = writeln!(code, "    pub {field}: Option<{ty}>,");
            }
        }
        code.push_str("}\n\n");
    }

    // The output of any operation, rendered as its shape alone.
    code.push_str("/// An operation's answer: one variant per output shape of the model.\n");
    code.push_str("#[derive(Debug, Clone, Serialize)]\n#[serde(untagged)]\n");
    code.push_str("pub enum Output {\n    /// An operation without an output shape.\n    Nothing(NoOutput),\n");
    // Boxed: an output is moved several times on its way to a door, and the
    // largest shapes (a Cluster) are kilobytes.
    for name in &outputs {
        let _ = writeln!(code, "    {name}(Box<{name}>),");
    }
    code.push_str("}\n\n");
    code.push_str("impl From<()> for Output {\n    fn from(_: ()) -> Self {\n        Output::Nothing(NoOutput {})\n    }\n}\n\n");
    for name in &outputs {
        let _ = writeln!(
            code,
            "impl From<{name}> for Output {{\n    fn from(o: {name}) -> Self {{\n        Output::{name}(Box::new(o))\n    }}\n}}\n"
        );
    }

    // One marker type per operation, naming its input and output shapes.
    code.push_str("/// The operations of the model, each naming its input and output shapes.\n");
    code.push_str("pub mod operations {\n    use super::*;\n\n");
    let mut by_name: BTreeMap<&str, &Value> = BTreeMap::new();
    for (name, op) in operations {
        by_name.insert(name, op);
    }
    for (name, op) in by_name {
        let input = op["input"]["shape"].as_str().unwrap_or("NoInput");
        let output = op["output"]["shape"]
            .as_str()
            .map(str::to_owned)
            .unwrap_or_else(|| "()".to_owned());
        let _ = writeln!(
            code,
            "    /// `{name}`.\n    pub struct {name};\n    impl Operation for {name} {{\n        const NAME: &'static str = \"{name}\";\n        type Input = {input};\n        type Output = {output};\n    }}\n"
        );
    }
    code.push_str("}\n");
    code
}

/// The in-process door's conversion of every generated type into the Python
/// objects botocore's parser would make: a dict per structure, its member
/// names made once per type.
fn generate_py(model: &Value) -> String {
    let (structures, outputs) = structures(model);
    let mut code = String::new();
    code.push_str("// Generated by build.rs from src/model/service-2.json. Do not edit.\n\n");
    for name in &structures {
        let s = shape(model, name);
        let required: BTreeSet<&str> = s["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        let members: Vec<&String> = s["members"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|m| m.0)
            .collect();
        let _ = writeln!(code, "impl ToPython for shapes::{name} {{");
        code.push_str(
            "    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {\n",
        );
        let _ = writeln!(
            code,
            "        static NAMES: PyOnceLock<Vec<Py<PyString>>> = PyOnceLock::new();\n        let names = member_names(py, &NAMES, &[{}])?;",
            members.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
        );
        let _ = writeln!(
            code,
            "        let dict = presized_dict(py, {})?;",
            members.len()
        );
        for (i, member) in members.iter().enumerate() {
            let field = snake_case(member);
            let put = if required.contains(member.as_str()) {
                "put"
            } else {
                "put_some"
            };
            let _ = writeln!(
                code,
                "        {put}(py, &dict, &names[{i}], &self.{field})?;"
            );
        }
        code.push_str("        Ok(dict.into_any())\n    }\n}\n\n");
    }
    code.push_str("impl ToPython for shapes::Output {\n");
    code.push_str("    fn to_python<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {\n        match self {\n");
    code.push_str("            shapes::Output::Nothing(_) => Ok(PyDict::new(py).into_any()),\n");
    for name in &outputs {
        let _ = writeln!(
            code,
            "            shapes::Output::{name}(o) => o.to_python(py),"
        );
    }
    code.push_str("        }\n    }\n}\n");
    code
}
