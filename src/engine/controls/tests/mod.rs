//! The test-author controls: faults and the call log, forced statuses,
//! seeded snapshots, and the world saved and loaded.

mod faults;
mod save;
mod seed;
