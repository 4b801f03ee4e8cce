//! Costs, side by side with the alternatives (the `bench/` member):
//! instructions per call and per program (callgrind), program sizes on
//! every target, writes per output line, and build cost.
//!
//! `cargo xtask bench` measures everything and prints one table (Markdown,
//! also written to `target/bench-table.md`). `cargo xtask test` measures
//! the deterministic figures and checks each against `xtask/budgets.txt`,
//! and checks the goals the table shows as met; wall-clock figures (the
//! build cost) are only ever reported.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::targets::{self, Target, Way, TARGETS};
use crate::{cmd, installed, run, Suite};

/// The 32-bit target percall runs on: musl, which links a static std
/// program without a 32-bit C toolchain (the machine has none).
const I686_MUSL: &str = "i686-unknown-linux-musl";
const MODES: [&str; 3] = ["auto", "never", "always"];

/// The programs built with rawbind, whose sizes have budgets.
const RAWBIND_PROGRAMS: [&str; 8] = [
    "baseline_rawbind",
    "print_number",
    "print_short",
    "print_strace",
    "print_errno_name",
    "print_errno_description",
    "print_bind_hint",
    "print_short_name_description",
];

/// A figure that may not exist on some build, with the reason.
type Measured = Result<u64, String>;

/// Every measured figure, by a name that is also its budget key.
#[derive(Default)]
pub(crate) struct Figures {
    values: BTreeMap<String, Measured>,
}

impl Figures {
    fn set(&mut self, key: String, value: Measured) {
        self.values.insert(key, value);
    }

    fn get(&self, key: &str) -> Option<u64> {
        self.values
            .get(key)
            .and_then(|value| value.as_ref().ok().copied())
    }

    /// The figure as a table cell: the number, or why there is none.
    fn cell(&self, key: &str) -> String {
        match self.values.get(key) {
            Some(Ok(value)) => value.to_string(),
            Some(Err(why)) if why == RUSTIX_I686 => "— (¹)".into(),
            Some(Err(why)) => format!("— ({why})"),
            None => "—".into(),
        }
    }
}

/// The builds percall is measured in: (label, binary).
fn percall_builds() -> Vec<(String, Result<PathBuf, String>)> {
    let mut builds = Vec::new();
    let host = cargo_percall(None, "auto");
    builds.push(("x86_64".to_string(), host));
    for mode in MODES {
        builds.push((format!("i686 {mode}"), cargo_percall(Some(I686_MUSL), mode)));
    }
    builds
}

fn cargo_percall(target: Option<&str>, mode: &str) -> Result<PathBuf, String> {
    let dir = format!("target/bench-percall-{mode}");
    let mut build = cmd(
        "cargo",
        [
            "build",
            "-q",
            "--release",
            "-p",
            "rawbind-bench",
            "--bin",
            "percall",
        ],
    );
    build
        .env("CARGO_TARGET_DIR", &dir)
        .env("RAWBIND_SOCKETCALL", mode)
        .env_remove("RUSTFLAGS");
    if let Some(target) = target {
        build.args(["--target", target]);
    }
    let out = run(&mut build);
    if !out.ok() {
        return Err(crate::tail(&out.stderr, 4));
    }
    let dir = PathBuf::from(dir);
    Ok(match target {
        Some(target) => dir.join(target).join("release/percall"),
        None => dir.join("release/percall"),
    })
}

/// callgrind's instruction count for `command`, or why there is none (a
/// program valgrind ended with a signal names the function it was in).
fn callgrind(program: &Path, args: &[&str], empty_environment: bool) -> Measured {
    let mut command = cmd(
        "valgrind",
        ["--tool=callgrind", "--callgrind-out-file=/dev/null"],
    );
    command.arg(program).args(args);
    if empty_environment {
        command.env_clear();
    }
    let out = run(&mut command);
    if let Some(signal) = out.stderr.lines().find_map(|line| {
        line.split("Process terminating with default action of signal ")
            .nth(1)
    }) {
        let place = out
            .stderr
            .lines()
            .find_map(|line| {
                line.split(": ")
                    .nth(1)
                    .filter(|_| line.contains("   at 0x"))
            })
            .unwrap_or("an unknown function");
        return Err(format!("killed by signal {} in {place}", signal.trim()));
    }
    out.stderr
        .lines()
        .find_map(|line| line.split("Collected : ").nth(1))
        .and_then(|n| n.trim().parse().ok())
        .ok_or_else(|| format!("callgrind counted nothing: {}", crate::tail(&out.all(), 2)))
}

/// Instructions of one iteration of `path`'s loop: two runs (1000 and 2000
/// calls) so the start and end of the program cancel out.
fn per_iteration(program: &Path, path: &str) -> Measured {
    let once = callgrind(program, &[path, "1000"], true)?;
    let twice = callgrind(program, &[path, "2000"], true)?;
    Ok(twice.saturating_sub(once) / 1000)
}

/// A copy of `binary` at a path that is the same on every machine and run
/// (`/tmp/rawbind-percall-LABEL`), for callgrind: with an empty environment the process's stack then has
/// the same layout every time, and so has every copy whose instruction
/// count depends on alignment (the C library's memcpy on i686).
fn fixed_place(binary: &Path, label: &str) -> Result<PathBuf, String> {
    let copy = PathBuf::from(format!("/tmp/rawbind-percall-{}", label.replace(' ', "-")));
    std::fs::copy(binary, &copy)
        .map_err(|e| format!("cannot copy percall to {}: {e}", copy.display()))?;
    Ok(copy)
}

/// Measures every path of every percall build, two at a time.
fn per_call(figures: &mut Figures) {
    for (label, binary) in percall_builds() {
        let binary = match binary.and_then(|binary| fixed_place(&binary, &label)) {
            Ok(binary) => binary,
            Err(why) => {
                figures.set(
                    format!("instructions per call {label} raw::bind"),
                    Err(format!("percall did not build: {why}")),
                );
                continue;
            }
        };
        let listed = run(cmd(&binary.to_string_lossy(), ["--list"]));
        let paths: Vec<String> = listed.stdout.lines().map(str::to_string).collect();
        let results: Vec<(String, Measured)> = std::thread::scope(|scope| {
            let halves: Vec<_> = [0, 1]
                .map(|half| {
                    let (paths, binary) = (&paths, &binary);
                    scope.spawn(move || {
                        paths
                            .iter()
                            .skip(half)
                            .step_by(2)
                            .map(|path| (path.clone(), per_iteration(binary, path)))
                            .collect::<Vec<_>>()
                    })
                })
                .into_iter()
                .collect();
            halves
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let empty = results
            .iter()
            .find(|(path, _)| path == "empty")
            .and_then(|(_, m)| m.as_ref().ok().copied())
            .unwrap_or(0);
        for (path, measured) in results {
            if path == "empty" {
                figures.set(format!("instructions empty loop {label}"), measured);
                continue;
            }
            let measured = measured
                .map(|n| n.saturating_sub(empty))
                .map_err(|why| rustix_under_valgrind(&path, &label, why));
            figures.set(format!("instructions per call {label} {path}"), measured);
        }
    }
}

/// rustix on i686 reads the vDSO's ELF header (AT_SYSINFO_EHDR) at its
/// first call, an address valgrind does not map for a 32-bit guest: the
/// table says so rather than leaving the cell empty.
const RUSTIX_I686: &str = "rustix cannot run under valgrind on i686: it reads the vDSO at AT_SYSINFO_EHDR, which valgrind does not map (SIGSEGV)";

fn rustix_under_valgrind(path: &str, label: &str, why: String) -> String {
    if path.contains("rustix") && label.starts_with("i686") && why.contains("SIGSEGV") {
        RUSTIX_I686.into()
    } else {
        why
    }
}

/// The bench programs for `target`, linked static: rawbind's in one build,
/// rustix's and the bare one each on their own (they may not build).
fn build_programs(target: &Target) -> [(&'static str, Result<PathBuf, String>); 3] {
    let mut rawbind = vec!["-p", "rawbind-bench"];
    for program in RAWBIND_PROGRAMS {
        rawbind.extend(["--example", program]);
    }
    let one = |name: &str| {
        targets::cargo_build(
            target,
            Way::Static,
            "auto",
            &["-p", "rawbind-bench", "--example", name],
        )
    };
    [
        (
            "rawbind",
            targets::cargo_build(target, Way::Static, "auto", &rawbind),
        ),
        ("rustix", one("baseline_rustix")),
        ("bare", one("baseline_bare")),
    ]
}

fn size_of(path: &Path) -> Measured {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| e.to_string())
}

/// Why a reference program did not build, in one line.
fn build_failure(why: &str) -> String {
    if why.contains("unable to find library -lc") {
        "rustix uses its libc backend on this target, so it is not libc-free".into()
    } else if why.contains("naked") || why.contains("asm") && why.contains("unsupported") {
        "no bare asm written for this architecture".into()
    } else {
        why.lines()
            .find(|l| l.contains("error"))
            .unwrap_or(why)
            .trim()
            .to_string()
    }
}

/// Sizes of every bench program on every selected target, and the whole
/// run of the baselines on x86_64 and i686.
fn programs(figures: &mut Figures, suite: &Suite) {
    for target in TARGETS
        .iter()
        .filter(|t| t.triple == TARGETS[0].triple || suite.selection.wants(t.triple))
    {
        for (builder, built) in build_programs(target) {
            let names: &[&str] = match builder {
                "rawbind" => &RAWBIND_PROGRAMS,
                "rustix" => &["baseline_rustix"],
                _ => &["baseline_bare"],
            };
            for name in names {
                let key = format!("size {name} {}", target.triple);
                let bare_missing = builder == "bare" && !bare_written(target);
                let value = match &built {
                    _ if bare_missing => Err("no bare asm written for this architecture".into()),
                    Ok(dir) => size_of(&targets::program_path(dir, name)),
                    Err(why) => Err(build_failure(why)),
                };
                figures.set(key, value);
            }
            let dir = match built {
                Ok(dir) => dir,
                Err(_) => continue,
            };
            for name in names {
                let ran = runs(target, &targets::program_path(&dir, name), name);
                if builder != "rawbind" {
                    // A reference that builds but does not run has no size worth showing.
                    if let Err(why) = &ran {
                        let key = format!("size {name} {}", target.triple);
                        if figures.get(&key).is_some() {
                            figures.set(key, Err(format!("built, but {why}")));
                        }
                    }
                }
                figures.set(format!("runs {name} {}", target.triple), ran.map(|()| 1));
            }
            let native = matches!(target.native, targets::Native::Host | targets::Native::I386);
            if native && installed("valgrind") {
                for name in names.iter().filter(|n| n.starts_with("baseline")) {
                    let program = targets::program_path(&dir, name);
                    let arch = target.triple.split('-').next().unwrap_or(target.triple);
                    let key = format!("instructions {name} {arch} empty-environment");
                    let bare_missing = builder == "bare" && !bare_written(target);
                    let counted = fixed_place(&program, &format!("{name}-{arch}"))
                        .and_then(|program| callgrind(&program, &[], true))
                        .map_err(|why| rustix_under_valgrind(name, arch, why));
                    figures.set(
                        key,
                        if bare_missing {
                            Err("no bare asm".into())
                        } else {
                            counted
                        },
                    );
                }
            }
        }
    }
}

/// Runs a bench program (natively or under qemu-user): a baseline must
/// print a port, a printing program one line, and each exit 0.
fn runs(target: &Target, program: &Path, name: &str) -> Result<(), String> {
    let mut command = match (target.native, target.qemu) {
        (targets::Native::Host | targets::Native::I386, _) => {
            cmd(&program.to_string_lossy(), [""; 0])
        }
        (targets::Native::X32, _) => return Err(X32_UNRUNNABLE.into()),
        (_, Some(qemu)) if installed(qemu) => cmd(qemu, [program]),
        (_, qemu) => return Err(format!("{} is not installed", qemu.unwrap_or("qemu"))),
    };
    let out = run(&mut command);
    let line = out.stdout.lines().next().unwrap_or("");
    let printed = match name.starts_with("baseline") {
        true => targets::is_port(line),
        false => out.stdout.lines().count() == 1,
    };
    match out.ok() && printed {
        true => Ok(()),
        false => Err(format!(
            "does not run: exit {:?}, {}",
            out.code,
            crate::tail(&out.all(), 1)
        )),
    }
}

/// Why no x32 program runs here.
const X32_UNRUNNABLE: &str = "this kernel cannot execute x32 programs (CONFIG_X86_X32_ABI is off)";

/// Whether `bench/src/lib.rs` has a bare `_start` for the target's arch.
fn bare_written(target: &Target) -> bool {
    !target.mips64 && target.native != targets::Native::X32
}

/// write(2) calls bindprobe makes for its three lines (strace).
fn bindprobe_writes(figures: &mut Figures) {
    let built = targets::cargo_build(
        &TARGETS[0],
        Way::Static,
        "auto",
        &["-p", "rawbind-showcase", "--example", "bindprobe"],
    );
    let probe = "target/static-auto/x86_64-unknown-linux-gnu/release/examples/bindprobe";
    let value = if let Err(why) = built {
        Err(format!("bindprobe did not build: {why}"))
    } else if !installed("strace") {
        Err("strace is not installed".into())
    } else {
        let log = crate::temp_path("bindprobe-writes");
        let out = run(cmd("strace", ["-f", "-e", "trace=write", "-o"])
            .arg(&log)
            .args([probe, "127.0.0.1:0", "[::1]:0", "abstract:rawbind-writes"]));
        let traced = std::fs::read_to_string(&log).unwrap_or_default();
        let _ = std::fs::remove_file(&log);
        match out.stdout.lines().count() {
            3 => Ok(traced.lines().filter(|l| l.contains("write(1, ")).count() as u64),
            lines => Err(format!(
                "bindprobe printed {lines} lines, not 3: {}",
                out.all()
            )),
        }
    };
    figures.set("write(2) calls bindprobe x86_64 3 lines".into(), value);
    figures.set(
        "size bindprobe x86_64-unknown-linux-gnu static".into(),
        size_of(Path::new(probe)),
    );
}

/// The crates `cargo tree --prefix none` lists, each once, sorted.
fn tree_crates(tree: &str) -> Vec<&str> {
    let mut crates: Vec<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    crates.sort_unstable();
    crates.dedup();
    crates
}

/// Whether rawbind's normal dependency tree is free of libc, rustix and nix.
fn dependency_tree() -> Result<String, String> {
    let out = run(cmd(
        "cargo",
        [
            "tree", "-q", "-p", "rawbind", "-e", "normal", "--prefix", "none",
        ],
    ));
    if !out.ok() {
        return Err(crate::tail(&out.stderr, 3));
    }
    let crates = tree_crates(&out.stdout);
    match crates
        .iter()
        .find(|c| ["libc", "rustix", "nix"].contains(c))
    {
        Some(found) => Err(format!(
            "rawbind's dependency tree has {found}: {}",
            crates.join(" ")
        )),
        None => Ok(crates.join(" ")),
    }
}

/// A library's clean build: seconds of wall clock and crates pulled in.
type BuildCost = Result<(f64, usize), String>;

/// Clean release builds of rawbind, rustix (net) and nix (socket), each in a
/// fresh crate outside the workspace.
fn build_cost() -> Vec<(&'static str, BuildCost)> {
    let root = std::env::current_dir().unwrap_or_default();
    let libraries = [
        (
            "rawbind",
            format!("rawbind = {{ path = {:?} }}", root.display().to_string()),
        ),
        (
            "rustix",
            "rustix = { version = \"1\", features = [\"net\"] }".to_string(),
        ),
        (
            "nix",
            "nix = { version = \"0.30\", default-features = false, features = [\"socket\"] }"
                .to_string(),
        ),
    ];
    libraries
        .into_iter()
        .map(|(name, dependency)| {
            let dir = crate::temp_path(&format!("buildcost-{name}"));
            let _ = std::fs::remove_dir_all(&dir);
            let written = std::fs::create_dir_all(dir.join("src"))
                .and_then(|()| {
                    std::fs::write(
                        dir.join("Cargo.toml"),
                        format!("[package]\nname = \"cost\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[dependencies]\n{dependency}\n\n[workspace]\n"),
                    )
                })
                .and_then(|()| std::fs::write(dir.join("src/lib.rs"), ""));
            if let Err(error) = written {
                return (name, Err(error.to_string()));
            }
            let manifest = dir.join("Cargo.toml");
            // Fetch first, so only the build is timed.
            let fetched = run(cmd("cargo", ["fetch", "-q", "--manifest-path"]).arg(&manifest));
            if !fetched.ok() {
                return (name, Err(format!("cargo fetch failed: {}", crate::tail(&fetched.stderr, 1))));
            }
            let started = Instant::now();
            let built = run(cmd("cargo", ["build", "-q", "--release", "--manifest-path"])
                .arg(&manifest)
                .env("CARGO_TARGET_DIR", dir.join("target"))
                .env_remove("RUSTFLAGS"));
            let seconds = started.elapsed().as_secs_f64();
            if !built.ok() {
                return (name, Err(crate::tail(&built.stderr, 2)));
            }
            let tree = run(cmd("cargo", ["tree", "-q", "-e", "normal", "--prefix", "none", "--manifest-path"]).arg(&manifest));
            // The crate that depends on it is not counted.
            let count = tree_crates(&tree.stdout).len().saturating_sub(1);
            let _ = std::fs::remove_dir_all(&dir);
            (name, Ok((seconds, count)))
        })
        .collect()
}

/// The deterministic figures (everything but the build cost).
pub(crate) fn measure(suite: &Suite) -> Figures {
    let mut figures = Figures::default();
    if installed("valgrind") {
        per_call(&mut figures);
    }
    programs(&mut figures, suite);
    bindprobe_writes(&mut figures);
    figures
}

/// One goal of issue 12: its text, and whether the figures meet it (`None`
/// when a figure it needs is missing).
struct Goal {
    text: String,
    met: Option<bool>,
}

fn goals(f: &Figures) -> Vec<Goal> {
    let mut goals = Vec::new();
    let within = |f: &Figures, key: &str, limit: Option<u64>| -> Option<bool> {
        Some(f.get(key)? <= limit?)
    };
    for label in ["x86_64", "i686 never"] {
        let raw = f.get(&format!("instructions per call {label} raw::bind"));
        for path in safe_binds() {
            let key = format!("instructions per call {label} {path}");
            goals.push(Goal {
                text: format!(
                    "{label}: `{path}` within 2 instructions of `raw::bind` ({} vs {})",
                    f.cell(&key),
                    raw.map_or("—".into(), |r| r.to_string())
                ),
                met: within(f, &key, raw.map(|r| r + 2)),
            });
        }
    }
    for path in ["raw::bind", "v4"] {
        let (auto, never) = (
            format!("instructions per call i686 auto {path}"),
            format!("instructions per call i686 never {path}"),
        );
        goals.push(Goal {
            text: format!("i686: `{path}` in the default mode within 3 instructions of the pinned direct mode ({} vs {})", f.cell(&auto), f.cell(&never)),
            met: within(f, &auto, f.get(&never).map(|n| n + 3)),
        });
    }
    let program = |name: &str, arch: &str| format!("instructions {name} {arch} empty-environment");
    goals.push(Goal {
        text: format!(
            "x86_64: the baseline program's whole run no more instructions than rustix's ({} vs {})",
            f.cell(&program("baseline_rawbind", "x86_64")),
            f.cell(&program("baseline_rustix", "x86_64"))
        ),
        met: within(f, &program("baseline_rawbind", "x86_64"), f.get(&program("baseline_rustix", "x86_64"))),
    });
    goals.push(Goal {
        text: format!(
            "i686: the baseline program's whole run within 1.5x of bare asm ({} vs {})",
            f.cell(&program("baseline_rawbind", "i686")),
            f.cell(&program("baseline_bare", "i686"))
        ),
        met: within(
            f,
            &program("baseline_rawbind", "i686"),
            f.get(&program("baseline_bare", "i686")).map(|b| b * 3 / 2),
        ),
    });
    let size = |name: &str| format!("size {name} x86_64-unknown-linux-gnu");
    goals.push(Goal {
        text: format!(
            "x86_64: the baseline program no bigger than rustix's ({} vs {} bytes)",
            f.cell(&size("baseline_rawbind")),
            f.cell(&size("baseline_rustix"))
        ),
        met: within(
            f,
            &size("baseline_rawbind"),
            f.get(&size("baseline_rustix")),
        ),
    });
    let marginal = f
        .get(&size("print_short_name_description"))
        .zip(f.get(&size("print_number")))
        .map(|(with, without)| with.saturating_sub(without));
    goals.push(Goal {
        text: format!(
            "x86_64: the short form, an errno's name and its description add at most 8 KiB to a program printing numbers with core::fmt (+{} bytes)",
            marginal.map_or("—".into(), |m| m.to_string())
        ),
        met: marginal.map(|m| m <= 8192),
    });
    let probe = "size bindprobe x86_64-unknown-linux-gnu static";
    goals.push(Goal {
        text: format!("x86_64: bindprobe at most 24 KiB ({} bytes)", f.cell(probe)),
        met: f.get(probe).map(|n| n <= 24 * 1024),
    });
    let writes = "write(2) calls bindprobe x86_64 3 lines";
    goals.push(Goal {
        text: format!(
            "bindprobe: at most one write(2) per output line ({} for 3 lines)",
            f.cell(writes)
        ),
        met: f.get(writes).map(|n| (1..=3).contains(&n)),
    });
    goals
}

/// The address families percall binds through rawbind's safe API, each as
/// its concrete type (`FAMILY`) and as a `SocketAddress` (`SocketAddress
/// FAMILY`): the table's rows and the first goal's paths.
const BIND_FAMILIES: [&str; 9] = [
    "v4",
    "v6",
    "unix path",
    "abstract20",
    "abstract100",
    "unnamed",
    "packet",
    "netlink",
    "vsock",
];

/// The safe binds the first goal covers, as percall names them.
fn safe_binds() -> impl Iterator<Item = String> {
    let concrete = BIND_FAMILIES.iter().map(|family| family.to_string());
    concrete.chain(
        BIND_FAMILIES
            .iter()
            .map(|family| format!("SocketAddress {family}")),
    )
}

/// Whether a percall path measures rawbind (the others are the references).
fn is_rawbind_path(path: &str) -> bool {
    !["rustix", "libc", "bare asm", "sc::"]
        .iter()
        .any(|other| path.contains(other))
}

/// Whether `key` names a figure with a budget: rawbind's, not a reference's.
fn budgeted(key: &str) -> bool {
    if key.starts_with("runs ") {
        return false;
    }
    match key.strip_prefix("instructions per call ") {
        Some(rest) => is_rawbind_path(rest),
        None => key.contains("rawbind") || key.starts_with("size print_"),
    }
}

/// `cargo xtask bench --print-budgets`: a budget line for every budgeted
/// figure as measured now (instructions exact, sizes with at least 64
/// bytes of headroom, rounded up to 64), for xtask/budgets.txt after a
/// deliberate change.
pub(crate) fn print_budgets(suite: &Suite) {
    let figures = measure(suite);
    for (key, value) in &figures.values {
        match value {
            Ok(n) if budgeted(key) => {
                let budget = if key.starts_with("size") {
                    (n + 64).div_ceil(64) * 64
                } else {
                    *n
                };
                println!("{key} {budget}");
            }
            Err(why) if budgeted(key) => println!("# {key}: not measured ({why})"),
            _ => {}
        }
    }
}

/// `cargo xtask test`'s part: every deterministic rawbind figure against its
/// budget, the dependency tree, and the goals that are met kept met.
pub(crate) fn check(suite: &mut Suite) {
    if !suite.section(
        "costs against budgets (xtask/budgets.txt) and issue 12's goals",
        "percall under callgrind (x86_64; i686 musl in modes auto, never, always), the bench programs' stripped sizes on every target, the baselines' whole runs, bindprobe's writes per line; rawbind's normal dependency tree",
    ) {
        return;
    }
    if !installed("valgrind") {
        suite.skip("budgets: instructions", "valgrind is not installed");
    }
    let figures = measure(suite);
    for (key, value) in &figures.values {
        if !budgeted(key) {
            continue;
        }
        match value {
            Ok(measured) => {
                let unit = if key.starts_with("size") {
                    "bytes"
                } else {
                    "instructions"
                };
                crate::budgets::check(suite, key, *measured, unit);
            }
            Err(why) => suite.fail(format!("budget: {key}"), why),
        }
    }
    for (key, value) in &figures.values {
        let Some(program) = key.strip_prefix("runs ") else {
            continue;
        };
        if !budgeted(&format!("size {program}")) {
            continue;
        }
        match value {
            Err(why) if why == X32_UNRUNNABLE || why.contains("is not installed") => {
                suite.skip(format!("bench program runs: {program}"), why);
            }
            value => suite.check(
                format!("bench program runs: {program}"),
                value.clone().map(drop),
            ),
        }
    }
    suite.check(
        "rawbind's normal dependencies have no libc, rustix or nix",
        dependency_tree().map(drop),
    );
    // The README's third command, as a user runs it.
    let out = run(cmd("cargo", ["xtask", "bench"]));
    let printed = out.stdout.contains("| figure | rawbind | alternatives |")
        && out.stdout.contains("\nGoals:\n");
    let written = std::fs::read_to_string("target/bench-table.md")
        .is_ok_and(|t| out.stdout.contains(t.trim()));
    suite.check(
        "readme-command: cargo xtask bench prints the table and writes target/bench-table.md",
        match out.ok() && printed && written {
            true => Ok(()),
            false => Err(format!(
                "exit {:?}: {}",
                out.code,
                crate::tail(&out.all(), 5)
            )),
        },
    );
    for goal in goals(&figures) {
        match goal.met {
            Some(true) => suite.pass(format!("goal met: {}", goal.text)),
            // A goal not yet met is the table's business, not a failure;
            // one that was met and broke fails through its budget.
            Some(false) => println!("  goal not met (issue 12 stays open): {}", goal.text),
            None => println!("  goal not measured here: {}", goal.text),
        }
    }
}

/// `cargo xtask bench`: everything, as one table.
pub(crate) fn table(suite: &Suite) -> String {
    let figures = measure(suite);
    let mut t = String::new();
    let date = run(cmd("date", ["-u", "+%Y-%m-%d"]))
        .stdout
        .trim()
        .to_string();
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|m| m.trim_start_matches([' ', '\t', ':']).to_string())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let rustc = run(cmd("rustc", ["--version"])).stdout.trim().to_string();
    t += &format!(
        "Measured {date} on {cpu}, {} cores, {rustc}, by `cargo xtask bench`.\n\n",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    t += "| figure | rawbind | alternatives |\n|---|---|---|\n";
    let per =
        |label: &str, path: &str| figures.cell(&format!("instructions per call {label} {path}"));
    for label in ["x86_64", "i686 auto", "i686 never", "i686 always"] {
        let refs = |paths: &[&str]| -> String {
            paths
                .iter()
                .filter(|p| {
                    figures
                        .values
                        .contains_key(&format!("instructions per call {label} {p}"))
                })
                .map(|p| format!("{p} {}", per(label, p)))
                .collect::<Vec<_>>()
                .join("; ")
        };
        t += &format!("| **{label}: instructions per call** (callgrind; the empty loop's {} subtracted; every bind answers EINVAL but unnamed) | | |\n", figures.cell(&format!("instructions empty loop {label}")));
        t += &format!(
            "| `raw::bind`, prebuilt IPv4 address | {} | {} |\n",
            per(label, "raw::bind"),
            refs(&["bare asm", "sc::syscall!", "libc::bind"])
        );
        for family in BIND_FAMILIES {
            let rustix = format!("rustix {family}");
            t += &format!(
                "| `bind`, {family}: concrete type / `SocketAddress`{} | {} / {} | {} |\n",
                if family == "unnamed" {
                    " (autobind: answers 0)"
                } else {
                    ""
                },
                per(label, family),
                per(label, &format!("SocketAddress {family}")),
                refs(&[&rustix])
            );
        }
        t += &format!(
            "| `bind`, core's `SocketAddrV4` / `SocketAddrV6` (encoded on each call) | {} / {} | {} |\n",
            per(label, "core v4"),
            per(label, "core v6"),
            refs(&["rustix v4", "rustix v6"])
        );
        t += &format!(
            "| success: socket + bind 127.0.0.1:0 + close (rawbind / raw::bind) | {} / {} | {} |\n",
            per(label, "success rawbind"),
            per(label, "success raw::bind"),
            refs(&["success bare asm", "success libc", "success rustix"])
        );
        t += &format!(
            "| `getsockname` decoded / raw | {} / {} | {} |\n",
            per(label, "getsockname rawbind"),
            per(label, "getsockname_raw rawbind"),
            refs(&["getsockname libc", "getsockname rustix"])
        );
    }
    t += "| **baseline program, whole run** (socket, bind 127.0.0.1:0, getsockname, print the port; static; empty environment) | | |\n";
    for arch in ["x86_64", "i686"] {
        let key =
            |name: &str| figures.cell(&format!("instructions {name} {arch} empty-environment"));
        t += &format!(
            "| {arch} instructions | {} | rustix {}; bare asm {} |\n",
            key("baseline_rawbind"),
            key("baseline_rustix"),
            key("baseline_bare")
        );
    }
    t += "| **stripped size, bytes** (static) | | |\n";
    for target in TARGETS {
        let key = |name: &str| figures.cell(&format!("size {name} {}", target.triple));
        if !figures
            .values
            .contains_key(&format!("size baseline_rawbind {}", target.triple))
        {
            continue;
        }
        let base = figures.get(&format!("size print_number {}", target.triple));
        let plus = |name: &str| match (figures.get(&format!("size {name} {}", target.triple)), base)
        {
            (Some(with), Some(without)) => format!("+{}", with.saturating_sub(without)),
            _ => "—".into(),
        };
        t += &format!(
            "| {}: baseline program; printing adds: short form / strace form / errno name / description / bind hint / short + name + description (over {} B printing numbers) | {}; {} / {} / {} / {} / {} / {} | rustix {}; bare asm {} |\n",
            target.triple,
            key("print_number"),
            key("baseline_rawbind"),
            plus("print_short"),
            plus("print_strace"),
            plus("print_errno_name"),
            plus("print_errno_description"),
            plus("print_bind_hint"),
            plus("print_short_name_description"),
            key("baseline_rustix"),
            key("baseline_bare"),
        );
    }
    t += &format!(
        "| bindprobe, x86_64 static | {} B | |\n",
        figures.cell("size bindprobe x86_64-unknown-linux-gnu static")
    );
    t += &format!(
        "| bindprobe `127.0.0.1:0 '[::1]:0' abstract:x`: write(2) calls for 3 lines | {} | |\n",
        figures.cell("write(2) calls bindprobe x86_64 3 lines")
    );
    let costs = build_cost();
    let seconds = |name: &str| {
        costs
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, c)| c.as_ref().ok().copied())
    };
    let show = |name: &str| match costs.iter().find(|(n, _)| *n == name) {
        Some((_, Ok((s, crates)))) => format!("{s:.2} s, {crates} crates"),
        Some((_, Err(why))) => format!("— ({why})"),
        None => "—".into(),
    };
    let ratio = |other: &str| match (seconds("rawbind"), seconds(other)) {
        (Some((ours, _)), Some((theirs, _))) if ours > 0.0 => {
            format!(" ({:.1}x rawbind's)", theirs / ours)
        }
        _ => String::new(),
    };
    t += &format!("| clean release build, wall clock (reported, never checked) | {} | rustix (net) {}{}; nix (socket) {}{} |\n", show("rawbind"), show("rustix"), ratio("rustix"), show("nix"), ratio("nix"));
    t += &format!(
        "| `cargo tree -e normal` of rawbind | {} | |\n",
        match dependency_tree() {
            Ok(crates) => crates,
            Err(why) => why,
        }
    );
    t += &format!("\n¹ {RUSTIX_I686}.\n\nGoals:\n\n");
    for goal in goals(&figures) {
        let mark = match goal.met {
            Some(true) => "met",
            Some(false) => "**not met**",
            None => "not measured",
        };
        t += &format!("- {mark}: {}\n", goal.text);
    }
    if let Some((ours, _)) = seconds("rawbind") {
        let faster = seconds("rustix").map(|(theirs, _)| theirs / ours);
        t += &format!(
            "- {}: a clean build of rawbind at least 5x faster than rustix's ({})\n",
            match faster {
                Some(x) if x >= 5.0 => "met",
                Some(_) => "**not met**",
                None => "not measured",
            },
            faster.map_or("—".into(), |x| format!("{x:.1}x"))
        );
    }
    t
}
