//! Tests of security_groups.
