//! Tests of parameter_groups.
