//! The command line: one file per command, each with an `Args` struct and a `run` function that
//! builds library options, makes one library call and writes the result.

pub mod common;
pub mod freq;
pub mod quotes;
