//! The `verbale` binary: parses arguments, runs one command, maps errors to exit codes.

mod cli;

/// mimalloc: polars zeroes an 8 MiB buffer on its first write, which the system allocator
/// does with a memset over fresh pages (half the run time of a one-file `freq -o`); mimalloc
/// knows fresh pages are zero. It is also quicker for the many small allocations of a run.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc.h (`enum mi_option_e`, the same place in v2 and v3).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

const EXIT_CODES: &str = "Exit codes: 0 success (files skipped with a warning, such as binary or \
empty ones, allowed); 1 an input could not be read (the other files are still processed; a path \
that does not exist stops the run before any is read) or the run failed; 2 usage error; 130 \
interrupted (what was being written is removed).";

/// Measure the language of official statements: term frequencies, quoted and scare-quoted
/// terms, keyness, concordances, charts and reports.
#[derive(Parser, Debug)]
#[command(name = "verbale", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Freq(cli::freq::FreqArgs),
    Quotes(cli::quotes::QuotesArgs),
    Compare(cli::compare::CompareArgs),
    Docs(cli::docs::DocsArgs),
    Kwic(cli::kwic::KwicArgs),
    Chart(cli::chart::ChartArgs),
    Report(cli::report::ReportArgs),
    Trend(cli::trend::TrendArgs),
    Ngrams(cli::ngrams::NgramsArgs),
    Collocations(cli::collocations::CollocationsArgs),
    Collocates(cli::collocates::CollocatesArgs),
    Dict(cli::dict::DictArgs),
    Acts(cli::acts::ActsArgs),
    Extract(cli::extract::ExtractArgs),
    Counts(cli::counts::CountsArgs),
    Completions(cli::completions::CompletionsArgs),
    Man(cli::completions::ManArgs),
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || e.downcast_ref::<verbale::Error>().is_some_and(|v| {
                matches!(v, verbale::Error::Io(io) if io.kind() == std::io::ErrorKind::BrokenPipe)
            })
    })
}

/// The flag that gets past a library error, said the way the library says what to do.
fn remedy(e: &anyhow::Error) -> &'static str {
    let r = e
        .chain()
        .find_map(|x| x.downcast_ref::<verbale::Error>()?.remedy());
    cli::common::remedy_text(r)
}

/// Polars' own thread pool for the report: one thread, unless `POLARS_MAX_THREADS` says
/// otherwise. The report reads its documents and builds its tables side by side on verbale's
/// workers (rayon's pool, one per core), so a polars pool of one thread per core besides only
/// doubled the threads on the cores, each with its own allocator heap: on UNGD the report
/// peaked at 125 MiB against 130, on four copies at 153 MiB against 160, in the same time
/// (medians of 5 runs each, 2026-12-07), and `report --from-counts` in the same time and
/// memory. The other commands measured (`freq`, `freq --by doc`, `freq --group-by`, `docs`,
/// `trend`, `compare`) showed no difference either way, and keep polars' default.
fn tune_threads(command: &Command) {
    if matches!(command, Command::Report(_)) && std::env::var_os("POLARS_MAX_THREADS").is_none() {
        // Set before any other thread is made: nothing else reads the environment meanwhile.
        std::env::set_var("POLARS_MAX_THREADS", "1");
    }
}

/// How the allocator and the kernel give this command its memory.
fn tune_memory(command: &Command) {
    // When mimalloc gives freed memory back to the system (its own default: after a second,
    // when most of a run on UNGD is over). `freq`, `quotes` and
    // `report` return it at once: a run frees each document's buffers while the next ones are
    // read, and peak memory should follow the vocabulary, not the reading speed. The report
    // frees the corpus held as word ids and large tables one after another, and what each
    // stage frees must be back before the next peaks: on UNGD 232 MiB at once against 249 MiB
    // with the default, for about 10% more time (3.6–4.0 s against 3.4 s, medians of 3,
    // 2026-12-06). The other streaming commands, `freq --by doc` too, return it after 10 ms:
    // the pages a document's text leaves are filled again by the next one rather than faulted
    // in anew, and what was let go for a while is back before a later peak (on ten copies of
    // UNGD `compare` peaks at 98 MiB against 139 with the default, `trend` at 78 against 92;
    // on UNGD `freq --by doc` at 95 MiB against 121, `collocations` at 150 against 197), for
    // up to 9% more time (on UNGD: `freq --by doc`'s contract, `trend`, `acts` and `docs`
    // within the runs' spread, `compare` 5%, `ngrams` 7%, `collocations` 9%; hyperfine,
    // 2026-12-07). `kwic` holds the corpus and never returns it, which spares re-faulting the
    // pages. MIMALLOC_PURGE_DELAY overrides all of these.
    let purge_delay = match command {
        Command::Freq(a) if a.by_doc || a.by == cli::common::By::Doc => 10,
        Command::Freq(_) | Command::Quotes(_) | Command::Report(_) => 0,
        Command::Kwic(_) => -1,
        _ => 10,
    };
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain integer option; mimalloc documents it as callable at any time.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, purge_delay) };
        // What was freed before this (parsing the arguments) was set to be returned with
        // mimalloc's default delay, a second, and the returns scheduled later wait for that
        // first deadline: a delay set now would not be kept before it (`trend` on
        // ten copies of UNGD peaked at 91 MiB with 10 ms set, as with the default, and at 78
        // MiB with MIMALLOC_PURGE_DELAY=10). Collecting at once returns what is pending and
        // clears that deadline.
        // SAFETY: a plain call on the allocator's own state, allowed at any time.
        unsafe { libmimalloc_sys::mi_collect(true) };
    }
    // The streaming commands (all but `kwic`) also turn transparent huge pages off for the
    // process (what MIMALLOC_ALLOW_THP=0 does, which mimalloc reads too early for a choice by
    // command): each huge page mimalloc asks for is a fresh 2 MiB the kernel zeroes, for a few
    // small buffers. On UNGD, `freq` then peaks at 60–70 MiB instead of about 90 at the same
    // speed, and a one-file run spends about 3 ms less in the kernel.
    #[cfg(target_os = "linux")]
    if !matches!(command, Command::Kwic(_)) && std::env::var_os("MIMALLOC_ALLOW_THP").is_none() {
        // SAFETY: sets a flag of this process's memory; no pointer is passed.
        unsafe { libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0) };
    }
}

/// A hint under clap's own message where a value is one another option takes: `--by year`
/// (rows per metadata field are `--group-by`, as `trend --by` and `chart --by` spell them).
fn usage_tip(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() == ErrorKind::UnknownArgument {
        // `kwic --from-counts`: the command needs the texts, which counts do not keep.
        let arg = match e.get(ContextKind::InvalidArg)? {
            ContextValue::String(s) => s.clone(),
            _ => return None,
        };
        return arg.starts_with("--from-counts").then(|| {
            "tip: this command reads the texts, which counts folders do not keep; --from-counts \
             is taken by freq, compare, trend, docs, chart and report"
                .to_string()
        });
    }
    if e.kind() != ErrorKind::InvalidValue {
        return None;
    }
    let arg = match e.get(ContextKind::InvalidArg)? {
        ContextValue::String(s) => s.clone(),
        _ => return None,
    };
    let value = match e.get(ContextKind::InvalidValue)? {
        ContextValue::String(s) => s.clone(),
        _ => return None,
    };
    // `--by docs` is a misspelt `doc`, which clap suggests itself.
    let near = ["doc", "corp"]
        .iter()
        .any(|p| value.to_lowercase().starts_with(p));
    (arg.starts_with("--by ") && !value.is_empty() && !near)
        .then(|| format!("tip: rows per metadata field (year, country) are --group-by {value}"))
}

fn main() -> ExitCode {
    // A panic is a bug; its message can quote the document being read, which has no place on
    // the terminal (it may hold escape sequences): say where, not what.
    std::panic::set_hook(Box::new(|info| {
        // A document reader's panic is caught and reported as that file's problem.
        if verbale::corpus::formats::in_reader() {
            return;
        }
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "verbale: internal error{at}: a bug; please report it with the command that led to it"
        );
    }));
    // Usage errors say `verbale: error: …` as the run's own errors do (exit 2, clap's);
    // help and version print as they are.
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e)
            if e.use_stderr()
                && e.kind() != clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand =>
        {
            eprint!("verbale: {}", e.render());
            if let Some(tip) = usage_tip(&e) {
                eprintln!("{tip}");
            }
            return ExitCode::from(2);
        }
        Err(e) => e.exit(),
    };
    tune_threads(&cli.command);
    on_interrupt();
    tune_memory(&cli.command);
    let result = match cli.command {
        Command::Freq(a) => cli::freq::run(a),
        Command::Quotes(a) => cli::quotes::run(a),
        Command::Compare(a) => cli::compare::run(a),
        Command::Docs(a) => cli::docs::run(a),
        Command::Kwic(a) => cli::kwic::run(a),
        Command::Chart(a) => cli::chart::run(a),
        Command::Report(a) => cli::report::run(a),
        Command::Trend(a) => cli::trend::run(a),
        Command::Ngrams(a) => cli::ngrams::run(a),
        Command::Collocations(a) => cli::collocations::run(a),
        Command::Collocates(a) => cli::collocates::run(a),
        Command::Dict(a) => cli::dict::run(a),
        Command::Acts(a) => cli::acts::run(a),
        Command::Extract(a) => cli::extract::run(a),
        Command::Counts(a) => cli::counts::run(a),
        Command::Completions(a) => {
            cli::completions::run(a, <Cli as clap::CommandFactory>::command())
        }
        Command::Man(a) => cli::completions::man(a, <Cli as clap::CommandFactory>::command()),
    };
    // The process ends here with no interrupt being handled ([`verbale::out::exit`]).
    verbale::out::exit(match result {
        Ok(false) => 0,
        Ok(true) => 1,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            // The chain without repeats (a message often quotes its cause).
            let mut msg = String::new();
            for part in e.chain().map(|c| c.to_string()) {
                if !msg.contains(&part) {
                    if !msg.is_empty() {
                        msg.push_str(": ");
                    }
                    msg.push_str(&part);
                }
            }
            msg.push_str(remedy(&e));
            eprintln!("verbale: error: {msg}");
            let usage = e.chain().any(|x| {
                matches!(
                    x.downcast_ref::<verbale::Error>(),
                    Some(
                        verbale::Error::Invalid(_)
                            | verbale::Error::UnknownField { .. }
                            | verbale::Error::UnknownLanguage(..)
                            | verbale::Error::OutputIsInput(_)
                    )
                )
            });
            if usage {
                2
            } else {
                1
            }
        }
    })
}

/// Ctrl-C, SIGTERM or SIGHUP: the temporary file or folder being written is removed (an
/// interrupted run leaves no `.verbale-*.tmp` behind) and the run ends with 130, as a shell
/// reports an interrupted command. A signal the run was started ignoring (`nohup`, a
/// background job's SIGINT) stays ignored. Without a handler, the next run in a folder removes
/// the temporary files a killed run left there. A file size limit is met as a failed write.
fn on_interrupt() {
    #[cfg(target_os = "linux")]
    let ignored = ignored_signals();
    let _ = ctrlc::set_handler(|| verbale::out::interrupted());
    // A file size limit (`ulimit -f`) would kill the process at the write that passes it,
    // with no message and its temporary file left: ignored, the write fails with EFBIG
    // ("File too large"), which is reported and cleaned up as any failed write is.
    #[cfg(unix)]
    // SAFETY: sets SIGXFSZ's disposition to SIG_IGN; no handler runs.
    unsafe {
        libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
    }
    #[cfg(target_os = "linux")]
    for sig in ignored {
        // SAFETY: sets a signal's disposition back to SIG_IGN, as the run found it.
        unsafe { libc::signal(sig, libc::SIG_IGN) };
    }
}

/// The signals among SIGINT, SIGTERM and SIGHUP that the process was started ignoring.
#[cfg(target_os = "linux")]
fn ignored_signals() -> Vec<libc::c_int> {
    [libc::SIGINT, libc::SIGTERM, libc::SIGHUP]
        .into_iter()
        .filter(|&sig| {
            // SAFETY: reads the signal's current action into a zeroed struct; changes nothing.
            unsafe {
                let mut old: libc::sigaction = std::mem::zeroed();
                libc::sigaction(sig, std::ptr::null(), &mut old) == 0
                    && old.sa_sigaction == libc::SIG_IGN
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// clap's own checks of the command line, which clap makes in debug builds only (as
    /// `cargo test` and CI build): a flag that contradicts itself fails here, named, instead of
    /// every command of a debug binary stopping at start.
    #[test]
    fn the_command_line_is_consistent() {
        <super::Cli as clap::CommandFactory>::command().debug_assert();
    }
}
