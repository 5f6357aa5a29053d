//! Tests of subnet_groups.
