//! rawbind's test driver: `cargo xtask test` runs every check on the host and
//! on every target and ends with one line, `N passed, N failed, N skipped`.
//!
//! ```text
//! cargo xtask test                      everything (what CI runs)
//! cargo xtask test --host-only          the host's checks, no cross targets
//! cargo xtask test --target T [...]     the host's checks and only target T
//! cargo xtask test --list               what would run, without running it
//! cargo xtask bench                     the cost table (rawbind against the alternatives)
//! ```
//!
//! On a fresh machine it first installs what it needs and says so:
//! qemu-user, strace and systemd's `systemd-socket-activate` (apt-get), the
//! rustup targets, rust-src and the minimum Rust version's toolchain.

mod bench;
mod budgets;
mod host;
mod serve;
mod setup;
mod targets;

use std::borrow::BorrowMut;
use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

/// What a run selected from the command line.
pub(crate) struct Selection {
    /// Only these targets (`--target`); all when empty.
    pub(crate) targets: Vec<String>,
    /// No cross targets at all (`--host-only`).
    pub(crate) host_only: bool,
    /// Print the plan instead of running it (`--list`).
    pub(crate) list: bool,
}

impl Selection {
    /// Whether target `triple` runs in this selection.
    pub(crate) fn wants(&self, triple: &str) -> bool {
        !self.host_only && (self.targets.is_empty() || self.targets.iter().any(|t| t == triple))
    }
}

/// The tally of every check, and how they are printed: `ok NAME`,
/// `FAIL NAME: why`, `skip NAME: why`.
pub(crate) struct Suite {
    pub(crate) passed: u32,
    pub(crate) failed: u32,
    pub(crate) skipped: u32,
    pub(crate) selection: Selection,
    /// The repository's root, where every command runs.
    pub(crate) root: PathBuf,
}

impl Suite {
    pub(crate) fn pass(&mut self, name: impl Display) {
        self.passed += 1;
        println!("ok {name}");
    }

    pub(crate) fn fail(&mut self, name: impl Display, why: impl Display) {
        self.failed += 1;
        println!("FAIL {name}: {why}");
    }

    pub(crate) fn skip(&mut self, name: impl Display, why: impl Display) {
        self.skipped += 1;
        println!("skip {name}: {why}");
    }

    /// Passes or fails `name` on `result`.
    pub(crate) fn check(&mut self, name: impl Display, result: Result<(), String>) {
        match result {
            Ok(()) => self.pass(name),
            Err(why) => self.fail(name, why),
        }
    }

    /// Starts a section: prints its heading, or in `--list` mode prints what
    /// it covers and returns false so that nothing runs.
    pub(crate) fn section(&self, title: &str, covers: &str) -> bool {
        println!("== {title}");
        if self.selection.list {
            println!("   {covers}");
            return false;
        }
        true
    }

    /// Runs a program that prints cases and a `summary: N passed, N failed,
    /// N skipped` line (the libc-free runner, the host harness); adds its
    /// counts. Lines other than `ok` are shown with `[name]` before them.
    pub(crate) fn run_cases(&mut self, name: &str, command: impl BorrowMut<Command>) {
        let out = run(command);
        let mut summary = None;
        for line in out.stdout.lines().chain(out.stderr.lines()) {
            if let Some(counts) = parse_summary(line) {
                summary = Some((line.to_string(), counts));
            } else if !line.starts_with("ok ") && !line.trim().is_empty() {
                println!("  [{name}] {line}");
            }
        }
        match summary {
            Some((line, (passed, failed, skipped))) => {
                println!("  [{name}] {line}");
                self.passed += passed;
                self.failed += failed;
                self.skipped += skipped;
                if failed == 0 && out.code != Some(0) {
                    self.fail(
                        name,
                        format!("exit status {:?} after a clean summary", out.code),
                    );
                }
            }
            None => self.fail(
                name,
                format!(
                    "no summary line (exit {:?}): {}",
                    out.code,
                    tail(&out.all(), 5)
                ),
            ),
        }
    }
}

/// The three counts of a `summary: N passed, N failed, N skipped` line.
fn parse_summary(line: &str) -> Option<(u32, u32, u32)> {
    let rest = line.strip_prefix("summary: ")?;
    let mut numbers = rest
        .split(", ")
        .map(|part| part.split(' ').next()?.parse().ok());
    Some((numbers.next()??, numbers.next()??, numbers.next()??))
}

/// What a finished command said.
pub(crate) struct Output {
    /// The exit status; `None` when killed by a signal or never started.
    pub(crate) code: Option<i32>,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Output {
    /// Standard output then standard error.
    pub(crate) fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }

    pub(crate) fn ok(&self) -> bool {
        self.code == Some(0)
    }
}

impl From<std::process::Output> for Output {
    fn from(out: std::process::Output) -> Output {
        Output {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// Runs `command` to the end with no input; a program that cannot start
/// answers `code: None` and the reason on `stderr`.
pub(crate) fn run(mut command: impl BorrowMut<Command>) -> Output {
    let command = command.borrow_mut();
    match command.stdin(Stdio::null()).output() {
        Ok(out) => Output::from(out),
        Err(error) => Output {
            code: None,
            stdout: String::new(),
            stderr: format!("could not run {command:?}: {error}"),
        },
    }
}

/// A command for `program` with `args`.
pub(crate) fn cmd<S: AsRef<std::ffi::OsStr>>(
    program: &str,
    args: impl IntoIterator<Item = S>,
) -> Command {
    let mut command = Command::new(program);
    command.args(args);
    command
}

/// The last `n` lines of `text`, for a failure message.
pub(crate) fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Whether `program` is on the PATH.
pub(crate) fn installed(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}

/// Whether this process runs as root.
pub(crate) fn is_root() -> bool {
    run(&mut cmd("id", ["-u"])).stdout.trim() == "0"
}

/// A path for a temporary file or directory of this run.
pub(crate) fn temp_path(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!("rawbind-xtask-{}-{tag}", std::process::id()))
}

/// Copies `bin` where another user can run it (the target directory may be
/// private to root); the caller removes it.
pub(crate) fn world_runnable_copy(bin: &Path, tag: &str) -> std::io::Result<PathBuf> {
    use std::os::unix::fs::PermissionsExt;
    let copy = temp_path(tag);
    std::fs::copy(bin, &copy)?;
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o755))?;
    Ok(copy)
}

const USAGE: &str = "usage: cargo xtask test [--host-only | --target TRIPLE ...] [--list]
       cargo xtask bench [--host-only | --target TRIPLE ...] [--print-budgets]
  test             every check (what CI runs), ending with `N passed, N failed, N skipped`
  bench            issue 12's table: rawbind against libc, rustix, sc and bare asm (also in target/bench-table.md)
  --print-budgets  (bench) a budget line for each deterministic figure as measured now, for xtask/budgets.txt
  --host-only      only the host's checks (format, lints, cargo test, the showcase, the runtime, the README recipe, packaging)
  --target TRIPLE  the host's checks, and of the cross targets only TRIPLE (repeatable)
  --list           print what would run, then stop";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut selection = Selection {
        targets: Vec::new(),
        host_only: false,
        list: false,
    };
    let mut args = args.iter().map(String::as_str);
    let bench = match args.next() {
        Some("test") => false,
        Some("bench") => true,
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let mut print_budgets = false;
    while let Some(arg) = args.next() {
        match arg {
            "--print-budgets" if bench => print_budgets = true,
            "--host-only" => selection.host_only = true,
            "--list" => selection.list = true,
            "--target" => match args.next() {
                Some(triple) if targets::TARGETS.iter().any(|t| t.triple == triple) => {
                    selection.targets.push(triple.to_string());
                }
                other => {
                    eprintln!(
                        "unknown target {other:?}; the targets are: {}",
                        targets::TARGETS
                            .iter()
                            .map(|t| t.triple)
                            .collect::<Vec<_>>()
                            .join(" ")
                    );
                    return ExitCode::from(2);
                }
            },
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let root = root.canonicalize().unwrap_or(root);
    if let Err(error) = std::env::set_current_dir(&root) {
        eprintln!("cannot enter {}: {error}", root.display());
        return ExitCode::FAILURE;
    }
    // The variable the environment case looks for (testkit/src/cases/runtime.rs).
    std::env::set_var("RAWBIND_TEST_VARIABLE", "a value = with signs");
    let mut suite = Suite {
        passed: 0,
        failed: 0,
        skipped: 0,
        selection,
        root,
    };
    let started = Instant::now();
    setup::install(&mut suite);
    if print_budgets {
        bench::print_budgets(&suite);
        return ExitCode::SUCCESS;
    }
    if bench {
        let table = bench::table(&suite);
        println!("{table}");
        let _ = std::fs::write("target/bench-table.md", &table);
        return ExitCode::SUCCESS;
    }
    host::lints(&mut suite);
    host::cargo_tests(&mut suite);
    host::refusals(&mut suite);
    host::showcase(&mut suite);
    let cross = Instant::now();
    targets::every_target(&mut suite);
    let cross = cross.elapsed().as_secs();
    bench::check(&mut suite);
    host::runtime_promises(&mut suite);
    serve::serving(&mut suite);
    host::readme_recipe(&mut suite);
    host::msrv(&mut suite);
    host::package(&mut suite);
    host::reports(&mut suite);
    if suite.selection.list {
        return ExitCode::SUCCESS;
    }
    println!("== summary");
    println!(
        "cross-arch builds and runs: {cross}s; whole run: {}s",
        started.elapsed().as_secs()
    );
    println!(
        "{} passed, {} failed, {} skipped",
        suite.passed, suite.failed, suite.skipped
    );
    match suite.failed {
        0 => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}
