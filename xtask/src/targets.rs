//! Every supported target: how its libc-free programs are built (both ways
//! a user links), checked (static, no C library, the ELF type the way
//! promises) and run (natively or under qemu-user).

use std::path::{Path, PathBuf};

use crate::{cmd, installed, is_root, run, world_runnable_copy, Suite};

/// Where a target's programs can run on this (x86_64) machine besides qemu-user.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Native {
    /// The host's own target: natively, as root and as uid 65534.
    Host,
    /// i386: the kernel runs it natively, also under seccomp filters.
    I386,
    /// x32: only a kernel with CONFIG_X86_X32_ABI runs it; qemu-user cannot.
    X32,
    /// Only under qemu-user.
    No,
}

/// One supported target.
pub(crate) struct Target {
    pub(crate) triple: &'static str,
    /// The qemu-user program that runs it (none for x32).
    pub(crate) qemu: Option<&'static str>,
    /// rustup ships no `core` for it: built from rust-src (`-Zbuild-std`).
    pub(crate) build_std: bool,
    /// rustflags it needs beyond the common ones.
    pub(crate) flags: &'static [&'static str],
    /// Whether it needs rawbind's `unstable-mips64` opt-in.
    pub mips64: bool,
    pub(crate) native: Native,
    /// Whether it has socketcall(2), so the three modes are built.
    pub(crate) socketcall_modes: bool,
}

const fn target(triple: &'static str, qemu: &'static str, build_std: bool) -> Target {
    Target {
        triple,
        qemu: Some(qemu),
        build_std,
        flags: &[],
        mips64: false,
        native: Native::No,
        socketcall_modes: false,
    }
}

/// The one list of targets the driver builds, runs and names.
pub(crate) const TARGETS: &[Target] = &[
    Target {
        native: Native::Host,
        ..target("x86_64-unknown-linux-gnu", "qemu-x86_64", false)
    },
    Target {
        native: Native::I386,
        socketcall_modes: true,
        ..target("i686-unknown-linux-gnu", "qemu-i386", false)
    },
    target("aarch64-unknown-linux-gnu", "qemu-aarch64", false),
    target("armv7-unknown-linux-gnueabihf", "qemu-arm", false),
    target("thumbv7neon-unknown-linux-gnueabihf", "qemu-arm", false),
    target("riscv64gc-unknown-linux-gnu", "qemu-riscv64", false),
    target("s390x-unknown-linux-gnu", "qemu-s390x", false),
    target("powerpc64le-unknown-linux-gnu", "qemu-ppc64le", false),
    target("riscv32gc-unknown-linux-gnu", "qemu-riscv32", true),
    Target {
        // qemu 7.2 cannot run LSX instructions.
        flags: &["-C", "target-feature=-lsx"],
        ..target("loongarch64-unknown-linux-gnu", "qemu-loongarch64", true)
    },
    Target {
        qemu: None,
        native: Native::X32,
        ..target("x86_64-unknown-linux-gnux32", "", true)
    },
    Target {
        // lld wants the entry named on mips.
        flags: &["-C", "link-arg=--entry=_start"],
        mips64: true,
        ..target("mips64-unknown-linux-gnuabi64", "qemu-mips64", true)
    },
    Target {
        flags: &["-C", "link-arg=--entry=_start"],
        mips64: true,
        ..target("mips64el-unknown-linux-gnuabi64", "qemu-mips64el", true)
    },
];

/// The two ways a user links a libc-free program, and the ELF type each
/// must produce: readelf proves a check never tests the same kind twice.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Way {
    /// `-C relocation-model=static`: ET_EXEC.
    Static,
    /// A static-PIE (the x86_64 default, forced elsewhere): ET_DYN.
    Pie,
}

impl Way {
    pub(crate) const BOTH: [Way; 2] = [Way::Static, Way::Pie];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Way::Static => "static",
            Way::Pie => "pie",
        }
    }

    fn flags(self) -> &'static [&'static str] {
        match self {
            Way::Static => &["-C", "relocation-model=static"],
            Way::Pie => &[
                "-C",
                "relocation-model=pie",
                "-C",
                "link-arg=-pie",
                "-C",
                "link-arg=--no-dynamic-linker",
            ],
        }
    }

    pub(crate) fn elf_type(self) -> &'static str {
        match self {
            Way::Static => "EXEC",
            Way::Pie => "DYN",
        }
    }
}

/// The programs each build makes: the runner, the showcase, the size floor.
pub(crate) const PROGRAMS: [&str; 3] = ["selftest", "bindprobe", "minimal"];

/// Where a build of [`build`] put `program`: the runner is the test kit's
/// bin, bindprobe and minimal are the showcase's examples.
pub(crate) fn program_path(dir: &Path, program: &str) -> PathBuf {
    match program {
        "selftest" => dir.join(program),
        _ => dir.join("examples").join(program),
    }
}

/// Builds the runner, bindprobe and minimal for `target`, linked `way`, in
/// socketcall `mode`, stripped; the directory that holds them.
pub(crate) fn build(target: &Target, way: Way, mode: &str) -> Result<PathBuf, String> {
    cargo_build(
        target,
        way,
        mode,
        &[
            "-p",
            "rawbind-testkit",
            "-p",
            "rawbind-showcase",
            "--bin",
            "selftest",
            "--example",
            "bindprobe",
            "--example",
            "minimal",
        ],
    )
}

/// `cargo build --release` of what `selection` names for `target`, with the
/// flags a user's libc-free program takes (static, rust-lld, stripped) and
/// the way's relocation model; the directory that holds the results.
pub(crate) fn cargo_build(
    target: &Target,
    way: Way,
    mode: &str,
    selection: &[&str],
) -> Result<PathBuf, String> {
    let dir = format!("target/{}-{mode}", way.name());
    let mut flags = vec![
        "-C",
        "linker=rust-lld",
        "-C",
        "target-feature=+crt-static",
        "-C",
        "strip=symbols",
    ];
    flags.extend(way.flags());
    flags.extend(target.flags);
    let mut build = cmd(
        "cargo",
        ["build", "-q", "--release", "--target", target.triple],
    );
    build.args(selection);
    build
        .env("RUSTFLAGS", flags.join(" "))
        .env("CARGO_TARGET_DIR", &dir)
        .env("RAWBIND_SOCKETCALL", mode);
    if target.build_std {
        build
            .arg("-Zbuild-std=core,panic_abort")
            .env("RUSTC_BOOTSTRAP", "1");
    }
    if target.mips64 {
        build.args(["--features", "rawbind/unstable-mips64"]);
    }
    let out = run(&mut build);
    match out.ok() {
        true => Ok(PathBuf::from(dir).join(target.triple).join("release")),
        false => Err(crate::tail(&out.stderr, 8)),
    }
}

/// Static, no program interpreter, no shared libraries, no C library symbols.
pub(crate) fn libc_free(bin: &Path) -> Result<(), String> {
    let readelf = |flag: &str| run(cmd("readelf", [flag, "-W"]).arg(bin)).stdout;
    if readelf("-l").contains("INTERP") {
        return Err("has a program interpreter".into());
    }
    if readelf("-d").contains("NEEDED") {
        return Err("has DT_NEEDED entries".into());
    }
    let symbols = readelf("-s");
    for libc in ["__libc_", "GLIBC_", "__errno_location"] {
        if symbols.contains(libc) {
            return Err(format!("has C library symbols ({libc})"));
        }
    }
    Ok(())
}

/// Checks `bin` is libc-free and of the ELF type `way` makes; names the type.
pub(crate) fn check_binary(bin: &Path, way: Way) -> Result<String, String> {
    libc_free(bin)?;
    let header = run(cmd("readelf", ["-hW"]).arg(bin)).stdout;
    let kind = header
        .lines()
        .find_map(|line| line.trim().strip_prefix("Type:"))
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("(none)")
        .to_string();
    match kind == way.elf_type() {
        true => Ok(kind),
        false => Err(format!("ELF type {kind}, expected {}", way.elf_type())),
    }
}

/// bindprobe on three addresses prints exactly these lines (ports vary).
pub(crate) fn bindprobe_three_lines(stdout: &str) -> bool {
    let lines: Vec<&str> = stdout.lines().collect();
    lines.len() == 3
        && lines[0]
            .strip_prefix("ok 127.0.0.1:0 127.0.0.1:")
            .is_some_and(is_port)
        && lines[1]
            .strip_prefix("ok [::1]:0 [::1]:")
            .is_some_and(is_port)
        && lines[2] == "ok abstract:rawbind-way @rawbind-way"
}

/// A kernel-chosen port: decimal, not 0.
pub(crate) fn is_port(text: &str) -> bool {
    text.parse::<u16>().is_ok_and(|port| port != 0) && !text.starts_with('0')
}

/// Builds, checks and runs every selected target, both ways, in each of its
/// socketcall modes.
pub(crate) fn every_target(suite: &mut Suite) {
    if !suite.section(
        "libc-free programs on every target, linked both ways",
        "for each target (i686 in modes auto, never, always) and way (static, pie): build selftest, bindprobe, minimal; readelf checks; the runner's cases, bindprobe and minimal natively or under qemu-user; i686 natively under seccomp filters; x86_64 as uid 65534",
    ) {
        for target in TARGETS.iter().filter(|t| suite.selection.wants(t.triple)) {
            println!("   {}", target.triple);
        }
        return;
    }
    for mode in ["auto", "never", "always"] {
        for target in TARGETS {
            if !suite.selection.wants(target.triple) || (mode != "auto" && !target.socketcall_modes)
            {
                continue;
            }
            for way in Way::BOTH {
                one_build(suite, target, way, mode);
            }
        }
    }
    if installed("valgrind") && suite.selection.wants(TARGETS[0].triple) {
        let minimal = "target/static-auto/x86_64-unknown-linux-gnu/release/examples/minimal";
        let out = run(&mut cmd(
            "valgrind",
            [
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                minimal,
            ],
        ));
        let collected = out
            .stderr
            .lines()
            .find_map(|line| line.split("Collected : ").nth(1))
            .unwrap_or("(not measured)");
        println!("  minimal (x86_64, static), user-space instructions from _start to exit (callgrind): {collected}");
        // With an empty environment the count depends on the binary alone
        // (`_start` walks every environment entry to reach the auxiliary vector).
        let out = run(&mut cmd(
            "env",
            [
                "-i",
                "valgrind",
                "--tool=callgrind",
                "--callgrind-out-file=/dev/null",
                minimal,
            ],
        ));
        match out
            .stderr
            .lines()
            .find_map(|line| line.split("Collected : ").nth(1))
            .and_then(|n| n.trim().parse().ok())
        {
            Some(count) => crate::budgets::check(
                suite,
                "instructions minimal x86_64-unknown-linux-gnu static empty-environment",
                count,
                "instructions",
            ),
            None => suite.fail("budget: instructions minimal", crate::tail(&out.stderr, 3)),
        }
    }
}

fn one_build(suite: &mut Suite, target: &Target, way: Way, mode: &str) {
    let tag = format!("{}/{}/{mode}", target.triple, way.name());
    let dir = match build(target, way, mode) {
        Ok(dir) => dir,
        Err(why) => return suite.fail(format!("build-{tag}"), why),
    };
    for program in PROGRAMS {
        match check_binary(&program_path(&dir, program), way) {
            Ok(kind) => suite.pass(format!("static-libc-free-{program}-{tag} ({kind})")),
            Err(why) => return suite.fail(format!("static-libc-free-{program}-{tag}"), why),
        }
    }
    if mode == "auto" {
        let size =
            |program: &str| std::fs::metadata(program_path(&dir, program)).map_or(0, |m| m.len());
        println!(
            "  {} {} sizes: bindprobe {} bytes, minimal {} bytes",
            target.triple,
            way.name(),
            size("bindprobe"),
            size("minimal")
        );
        for program in ["bindprobe", "minimal"] {
            let key = format!("size {program} {} {}", target.triple, way.name());
            crate::budgets::check(suite, &key, size(program), "bytes");
        }
        // No formatting code where nothing formats an address.
        let minimal = std::fs::read(program_path(&dir, "minimal")).unwrap_or_default();
        let notation = [&b"sa_family"[..], b"sin6_flowinfo", b"unnamed"];
        let found = notation
            .iter()
            .any(|s| minimal.windows(s.len()).any(|w| w == *s));
        let name = format!("minimal-links-no-notation-{}-{}", target.triple, way.name());
        match found {
            false => suite.pass(name),
            true => suite.fail(name, "notation strings found in the minimal program"),
        }
    }
    let program = |name: &str| program_path(&dir, name);
    if target.native == Native::X32 {
        // qemu-user has no x32 mode; only an x32-enabled kernel runs it.
        match std::process::Command::new(program("selftest")).arg("--help").output() {
            Err(error) if error.raw_os_error() == Some(8) => suite.skip(
                format!("{tag}/native"),
                "built only: this kernel cannot execute x32 programs (CONFIG_X86_X32_ABI is off; exec fails with ENOEXEC)",
            ),
            _ => suite.run_cases(&format!("{tag}/native"), &mut cmd(&program("selftest").to_string_lossy(), [""; 0])),
        }
        return;
    }
    if let Some(qemu) = target.qemu {
        if installed(qemu) {
            suite.run_cases(
                &format!("{tag}/qemu"),
                cmd(qemu, [program("selftest")]).arg("--under-qemu"),
            );
            let out = run(cmd(qemu, [program("bindprobe")]).args([
                "127.0.0.1:0",
                "[::1]:0",
                "abstract:rawbind-way",
            ]));
            let name = format!("bindprobe-runs-{tag}/qemu");
            match out.ok() && bindprobe_three_lines(&out.stdout) {
                true => suite.pass(name),
                false => suite.fail(name, format!("exit {:?}: {}", out.code, out.all())),
            }
            let out = run(&mut cmd(qemu, [program("minimal")]));
            let name = format!("minimal-binds-{tag}/qemu");
            match out.ok() {
                true => suite.pass(name),
                false => suite.fail(name, format!("exit {:?}", out.code)),
            }
        } else {
            suite.skip(format!("{tag}/qemu"), format!("{qemu} is not installed"));
        }
    }
    match target.native {
        Native::Host => {
            suite.run_cases(
                &format!("{tag}/native"),
                &mut std::process::Command::new(program("selftest")),
            );
            let out = run(&mut std::process::Command::new(program("minimal")));
            let name = format!("minimal-binds-{tag}/native");
            match out.ok() {
                true => suite.pass(name),
                false => suite.fail(name, format!("exit {:?}", out.code)),
            }
            // As an ordinary user the root-only cases must skip, with their
            // reason, and the rest pass.
            if is_root() {
                match world_runnable_copy(&program("selftest"), "selftest") {
                    Ok(copy) => {
                        suite.run_cases(
                            &format!("{tag}/native/uid-65534"),
                            cmd(
                                "setpriv",
                                ["--reuid=65534", "--regid=65534", "--clear-groups"],
                            )
                            .arg(&copy),
                        );
                        let _ = std::fs::remove_file(copy);
                    }
                    Err(error) => suite.fail(format!("{tag}/native/uid-65534"), error),
                }
            }
        }
        Native::I386 => {
            suite.run_cases(
                &format!("{tag}/native"),
                &mut std::process::Command::new(program("selftest")),
            );
            // auto: both filters (the fallback taken, and never needed by
            // default); a pinned build runs under the filter its pin must
            // never trip.
            let denies: &[&str] = match mode {
                "auto" => &["direct", "socketcall"],
                "never" => &["socketcall"],
                _ => &["direct"],
            };
            for deny in denies {
                let name = format!("{tag}/native/deny-{deny}");
                match is_root() {
                    true => suite.run_cases(
                        &name,
                        cmd(
                            &program("selftest").to_string_lossy(),
                            [format!("--deny-{deny}")],
                        ),
                    ),
                    false => suite.skip(name, "installing a seccomp filter here needs root"),
                }
                suite.skip(
                    format!("{tag}/qemu/deny-{deny}"),
                    "qemu-user cannot install seccomp filters",
                );
            }
        }
        Native::X32 | Native::No => {}
    }
}
