//! redshift-fake: Amazon Redshift's snapshot rules in a Rust engine, with a
//! boto3-shaped client for Python test suites.
//!
//! One flow, several doors: parameters are validated against botocore's
//! service model ([`validate`]), run by the engine ([`engine`]) through the
//! operation table ([`ops`]), and rendered from the one response model
//! ([`model`]) by the door that received them ([`py`] in process, [`wire`]
//! for the Query protocol).

pub mod constraints;
pub mod engine;
pub mod errors;
pub mod model;
pub mod ops;
pub mod py;
pub mod validate;
pub mod wire;
