//! The command line: one file per command, each with an `Args` struct and a `run` function that
//! builds library options, makes one library call and writes the result.

pub mod acts;
pub mod chart;
pub mod chart_reads;
pub mod collocates;
pub mod collocations;
pub mod common;
pub mod compare;
pub mod completions;
pub mod counts;
pub mod dict;
pub mod docs;
pub mod extract;
pub mod freq;
pub mod from_counts;
pub mod held;
pub mod kwic;
pub mod ngrams;
pub mod output;
pub mod problems;
pub mod quotes;
pub mod report;
pub mod trend;
pub mod values;
