//! Time: the timeline itself, the transitions it carries (driven through the
//! operation table as a door drives them), and the clock's one way.

mod one_way;
mod timeline;
mod transitions;
