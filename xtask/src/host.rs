//! The checks that run on the host: format and lints, `cargo test`, the
//! build script's refusals, the showcase's exact output, the runtime's
//! promises, the README's recipe in a new crate, the minimum Rust version,
//! the published package, and the reports.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
use std::path::{Path, PathBuf};

use rawbind::{Errno, SocketAddress, UnixAddr};

use crate::targets::{self, Way, TARGETS};
use crate::{cmd, installed, is_root, run, tail, temp_path, world_runnable_copy, Output, Suite};

/// Adds the counts of every `test result:` line libtest printed, showing
/// each failed test; a run that printed none fails as `name`.
fn count_libtest(suite: &mut Suite, name: &str, out: &Output) {
    let mut seen = false;
    for line in out.stdout.lines() {
        if line.starts_with("test ") && line.ends_with("FAILED") {
            println!("  [{name}] {line}");
        }
        let Some(rest) = line.strip_prefix("test result: ") else {
            continue;
        };
        let count = |what: &str| {
            rest.split("; ")
                .find_map(|part| {
                    part.trim_start_matches(|c: char| !c.is_ascii_digit())
                        .strip_suffix(what)
                })
                .and_then(|n| n.trim().parse::<u32>().ok())
                .unwrap_or(0)
        };
        seen = true;
        suite.passed += count(" passed");
        suite.failed += count(" failed");
        suite.skipped += count(" ignored");
        println!("  [{name}] {line}");
    }
    if !seen || !out.ok() {
        suite.fail(name, tail(&out.all(), 20));
    }
}

pub(crate) fn lints(suite: &mut Suite) {
    if !suite.section(
        "format and lints",
        "cargo fmt --check; cargo clippy -D warnings on the host (workspace, and rawbind with std), i686 in each socketcall mode, every prebuilt cross target; clippy::pedantic on rawbind (its lint table, and -W clippy::pedantic on the command line)",
    ) {
        return;
    }
    let fmt = run(&mut cmd("cargo", ["fmt", "--all", "--", "--check"]));
    suite.check(
        "fmt",
        fmt.ok().then_some(()).ok_or_else(|| tail(&fmt.all(), 10)),
    );
    // `extra` is cargo's arguments, then optionally `--` and more lints.
    let clippy = |extra: &[&str], env: &[(&str, &str)]| {
        let (cargo_args, lints) = match extra.iter().position(|a| *a == "--") {
            Some(at) => (&extra[..at], &extra[at + 1..]),
            None => (extra, &[][..]),
        };
        let mut command = cmd("cargo", ["clippy", "-q"]);
        command
            .args(cargo_args)
            .args(["--", "-D", "warnings"])
            .args(lints);
        for (key, value) in env {
            command.env(key, value);
        }
        let out = run(&mut command);
        out.ok().then_some(()).ok_or_else(|| tail(&out.all(), 30))
    };
    suite.check(
        "clippy-host",
        clippy(&["--workspace", "--all-targets"], &[]),
    );
    // Pedantic as a user asks for it on the command line: what the library
    // allows is allowed in src/lib.rs, so the command line cannot undo it.
    suite.check(
        "clippy-pedantic-rawbind",
        clippy(
            &[
                "-p",
                "rawbind",
                "--all-targets",
                "--features",
                "std",
                "--",
                "-W",
                "clippy::pedantic",
            ],
            &[],
        ),
    );
    suite.check(
        "clippy-host-std",
        clippy(
            &["-p", "rawbind", "--all-targets", "--features", "std"],
            &[],
        ),
    );
    let programs = [
        "-p",
        "rawbind",
        "-p",
        "rawbind-testkit",
        "-p",
        "rawbind-showcase",
        "--lib",
        "--bins",
        "--examples",
    ];
    for mode in ["auto", "never", "always"] {
        let mut args = programs.to_vec();
        args.extend(["--target", "i686-unknown-linux-gnu"]);
        let dir = format!("target/clippy-{mode}");
        suite.check(
            format!("clippy-i686-{mode}"),
            clippy(
                &args,
                &[("RAWBIND_SOCKETCALL", mode), ("CARGO_TARGET_DIR", &dir)],
            ),
        );
    }
    for target in TARGETS
        .iter()
        .filter(|t| !t.build_std && t.native == targets::Native::No)
    {
        if !suite.selection.wants(target.triple) {
            continue;
        }
        let mut args = programs.to_vec();
        args.extend(["--target", target.triple]);
        suite.check(
            format!("clippy-{}", target.triple),
            clippy(&args, &[("CARGO_TARGET_DIR", "target/clippy-cross")]),
        );
    }
}

pub(crate) fn cargo_tests(suite: &mut Suite) {
    if !suite.section(
        "cargo test (host)",
        "cargo test -p rawbind --features std (number cross-checks, doctests); cargo test -p rawbind-testkit (every case, on the host)",
    ) {
        return;
    }
    let out = run(&mut cmd(
        "cargo",
        ["test", "-p", "rawbind", "--features", "std"],
    ));
    count_libtest(suite, "cargo-test-rawbind", &out);
    suite.run_cases(
        "host/cargo-test",
        &mut cmd(
            "cargo",
            ["test", "-q", "-p", "rawbind-testkit", "--test", "host"],
        ),
    );
}

pub(crate) fn refusals(suite: &mut Suite) {
    if !suite.section(
        "refusal of unsupported targets",
        "cargo check for sparc64, big-endian powerpc64 and mips64 without its opt-in (core from rust-src) fails with rawbind's message; an unknown RAWBIND_SOCKETCALL is refused",
    ) {
        return;
    }
    let refused = [
        ("sparc64-unknown-linux-gnu", "rawbind does not support the target `sparc64-unknown-linux-gnu`: no arch file for arch `sparc64`"),
        ("powerpc64-unknown-linux-gnu", "big-endian powerpc64 calls functions through ELFv1 descriptors"),
        ("mips64-unknown-linux-gnuabi64", "opt in with the cargo feature `unstable-mips64`"),
    ];
    for (triple, message) in refused {
        let out = run(cmd(
            "cargo",
            [
                "check",
                "-q",
                "-p",
                "rawbind",
                "-Zbuild-std=core",
                "--target",
                triple,
            ],
        )
        .env("RUSTC_BOOTSTRAP", "1")
        .env("CARGO_TARGET_DIR", "target/refuse"));
        let all = out.all();
        let name = format!(
            "cargo-check-refuses-{}",
            triple.split('-').next().unwrap_or(triple)
        );
        match !out.ok() && all.contains(message) && all.contains("Supported targets:") {
            true => suite.pass(name),
            false => suite.fail(name, tail(&all, 5)),
        }
    }
    let out = run(cmd(
        "cargo",
        [
            "check",
            "-q",
            "-p",
            "rawbind",
            "--target",
            "i686-unknown-linux-gnu",
        ],
    )
    .env("RAWBIND_SOCKETCALL", "sometimes")
    .env("CARGO_TARGET_DIR", "target/refuse"));
    match !out.ok()
        && out
            .all()
            .contains("RAWBIND_SOCKETCALL=`sometimes` is not one of")
    {
        true => suite.pass("build-refuses-bad-socketcall-mode"),
        false => suite.fail(
            "build-refuses-bad-socketcall-mode",
            "an unknown RAWBIND_SOCKETCALL value was not refused",
        ),
    }
}

/// The line bindprobe prints after `err ADDR`: the errno's name and description.
fn err_line(arg: &str, errno: Errno) -> String {
    format!(
        "err {arg} {} {}",
        errno.name().unwrap_or("?"),
        errno.description().unwrap_or("?")
    )
}

/// The hint line bindprobe prints for `errno` binding `addr`, from the library itself.
fn hint_line(errno: Errno, addr: impl Into<SocketAddress>) -> String {
    format!(
        "hint: {}",
        errno.bind_hint(&addr.into()).unwrap_or("(no hint)")
    )
}

/// `ok ARG BOUND` where BOUND is `prefix` and a kernel-chosen port.
fn ok_with_port(line: &str, arg: &str, prefix: &str) -> bool {
    line.strip_prefix(&format!("ok {arg} {prefix}"))
        .is_some_and(targets::is_port)
}

pub(crate) fn showcase(suite: &mut Suite) {
    if !suite.section(
        "showcase (bindprobe, host)",
        "bindprobe's exact lines for every family, error and hint lines, EACCES as uid 65534, strace's decoding against --strace, usage errors",
    ) {
        return;
    }
    let build = run(&mut cmd(
        "cargo",
        [
            "build",
            "-q",
            "--release",
            "-p",
            "rawbind-showcase",
            "--examples",
        ],
    ));
    if !build.ok() {
        return suite.fail("bindprobe-build", tail(&build.stderr, 10));
    }
    let probe = PathBuf::from("target/release/examples/bindprobe");
    suite.check("bindprobe-libc-free", targets::libc_free(&probe));
    let bindprobe = |args: &[&str]| run(cmd(&probe.to_string_lossy(), args));

    let sock = temp_path("probe.sock");
    let sock_text = sock.to_string_lossy().into_owned();
    let unix_arg = format!("unix:{sock_text}");
    let out = bindprobe(&[
        "127.0.0.1:0",
        "[::1]:0",
        &unix_arg,
        "abstract:rawbind-probe\\x00end",
        "unnamed",
    ]);
    let _ = std::fs::remove_file(&sock);
    let lines: Vec<&str> = out.stdout.lines().collect();
    let every_family = out.ok()
        && lines.len() == 5
        && ok_with_port(lines[0], "127.0.0.1:0", "127.0.0.1:")
        && ok_with_port(lines[1], "[::1]:0", "[::1]:")
        && lines[2] == format!("ok {unix_arg} {sock_text}")
        && lines[3] == "ok abstract:rawbind-probe\\x00end @rawbind-probe\\x00end"
        && lines[4].strip_prefix("ok unnamed @").is_some_and(|name| {
            name.len() == 5
                && name
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        });
    match every_family {
        true => suite.pass("bindprobe-binds-every-family"),
        false => suite.fail(
            "bindprobe-binds-every-family",
            format!("exit {:?}: {}", out.code, out.all()),
        ),
    }

    // Each error line is followed by the hint for its usual cause.
    let stale = UnixAddr::new_path(sock_text.as_bytes()).map(SocketAddress::Unix);
    let not_local = SocketAddrV4::new(Ipv4Addr::new(203, 0, 113, 1), 0);
    let not_local6 = SocketAddrV6::new(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 0, 0, 0);
    let unscoped = SocketAddrV6::new(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1), 0, 0, 0);
    let out = bindprobe(&[
        &unix_arg,
        &unix_arg,
        "203.0.113.1:0",
        "[2001:db8::1]:0",
        "[fe80::1]:0",
    ]);
    let _ = std::fs::remove_file(&sock);
    let want = match stale {
        Ok(stale) => [
            format!("ok {unix_arg} {sock_text}"),
            err_line(&unix_arg, Errno::EADDRINUSE),
            hint_line(Errno::EADDRINUSE, stale),
            err_line("203.0.113.1:0", Errno::EADDRNOTAVAIL),
            hint_line(Errno::EADDRNOTAVAIL, not_local),
            err_line("[2001:db8::1]:0", Errno::EADDRNOTAVAIL),
            hint_line(Errno::EADDRNOTAVAIL, not_local6),
            err_line("[fe80::1]:0", Errno::EINVAL),
            hint_line(Errno::EINVAL, unscoped),
        ]
        .join("\n"),
        Err(error) => format!("(no Unix address: {error})"),
    };
    match out.code == Some(1) && out.stdout.trim_end() == want {
        true => suite.pass("bindprobe-reports-errors-with-hints"),
        false => suite.fail(
            "bindprobe-reports-errors-with-hints",
            format!("exit {:?}:\n{}\nexpected:\n{want}", out.code, out.stdout),
        ),
    }

    // The same TCP port twice; a port some other process holds is retried.
    let mut result = Err("no free port found".to_string());
    for attempt in 0..5u16 {
        let port = 20000
            + (std::process::id() as u16)
                .wrapping_mul(7)
                .wrapping_add(attempt * 4099)
                % 30000;
        let arg = format!("127.0.0.1:{port}");
        let out = bindprobe(&[&arg, &arg]);
        if !out.stdout.starts_with("ok ") {
            continue;
        }
        let want = [
            format!("ok {arg} {arg}"),
            err_line(&arg, Errno::EADDRINUSE),
            hint_line(
                Errno::EADDRINUSE,
                SocketAddrV4::new(Ipv4Addr::LOCALHOST, port),
            ),
        ]
        .join("\n");
        result = match out.code == Some(1) && out.stdout.trim_end() == want {
            true => Ok(()),
            false => Err(format!(
                "exit {:?}:\n{}\nexpected:\n{want}",
                out.code, out.stdout
            )),
        };
        break;
    }
    suite.check("bindprobe-port-in-use-hint", result);

    let start = std::fs::read_to_string("/proc/sys/net/ipv4/ip_unprivileged_port_start")
        .ok()
        .and_then(|text| text.trim().parse::<u16>().ok())
        .unwrap_or(1024);
    if !is_root() {
        suite.skip(
            "bindprobe-eacces",
            "needs root to run the probe as an unprivileged user",
        );
    } else if start <= 80 {
        suite.skip(
            "bindprobe-eacces",
            format!("ip_unprivileged_port_start is {start}: port 80 is not privileged here"),
        );
    } else {
        let result = world_runnable_copy(&probe, "probe")
            .map_err(|e| e.to_string())
            .and_then(|copy| {
                let out = run(cmd(
                    "setpriv",
                    ["--reuid=65534", "--regid=65534", "--clear-groups"],
                )
                .arg(&copy)
                .arg("127.0.0.1:80"));
                let _ = std::fs::remove_file(copy);
                let want = [
                    err_line("127.0.0.1:80", Errno::EACCES),
                    hint_line(Errno::EACCES, SocketAddrV4::new(Ipv4Addr::LOCALHOST, 80)),
                ]
                .join("\n");
                match out.code == Some(1) && out.stdout.trim_end() == want {
                    true => Ok(()),
                    false => Err(format!("exit {:?}: {}", out.code, out.all())),
                }
            });
        suite.check("bindprobe-eacces", result);
    }

    strace_notation(suite, &probe);

    let out = bindprobe(&["127.0.0.1:0", "not-an-address"]);
    match out.code == Some(2)
        && out.stderr.contains("malformed address `not-an-address`")
        && out.stderr.contains("usage:")
    {
        true => suite.pass("bindprobe-usage"),
        false => suite.fail(
            "bindprobe-usage",
            format!("exit {:?}: {}", out.code, out.stderr),
        ),
    }
    let long_path = format!("unix:/{}", "x".repeat(108));
    let out = bindprobe(&[&long_path]);
    let limit = UnixAddr::new_path([b'x'; 109])
        .map(drop)
        .map_err(|e| e.to_string());
    match (out.code, limit) {
        (Some(2), Err(message)) if out.stderr.contains(&message) => {
            suite.pass("bindprobe-names-the-limit")
        }
        (code, limit) => suite.fail(
            "bindprobe-names-the-limit",
            format!("exit {code:?}: {} (the library says {limit:?})", out.stderr),
        ),
    }
}

/// strace's own decoding of each bind(2) call against rawbind's notation of
/// it. Interface indexes are ones strace cannot resolve to a name (it would
/// print if_nametoindex("lo"); rawbind makes no call to format).
fn strace_notation(suite: &mut Suite, probe: &Path) {
    if !installed("strace") {
        return suite.skip("strace-notation-matches-strace", "strace is not installed");
    }
    let upath = format!(
        "{}-\x01\x1b7\"\\\t.sock",
        temp_path("strace").to_string_lossy()
    );
    let trace = temp_path("strace.txt");
    let out = run(cmd(
        "strace",
        ["-qq", "-e", "trace=bind", "-e", "signal=none", "-o"],
    )
    .arg(&trace)
    .arg(probe)
    .arg("--strace")
    .args([
        "127.0.0.1:0",
        "[::1]:0",
        "[2001:db8::1%7]:80",
        "[fe80::1%4242]:0",
    ])
    .arg(format!("unix:{upath}"))
    .args([
        "abstract:rawbind-strace\\x00\\x0a\\x7f",
        "unnamed",
        "packet:0",
        "packet:0:0x86dd",
        "packet:0:0x1234",
        "netlink:0",
        "netlink:5",
        "netlink:0xffffffff",
        "vsock:any:any",
        "vsock:1:0x4d2",
    ]));
    let _ = std::fs::remove_file(&upath);
    let traced = std::fs::read_to_string(&trace).unwrap_or_default();
    let _ = std::fs::remove_file(&trace);
    let ours: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("strace: "))
        .collect();
    // `bind(3, {...}, 16) = 0` or `= -1 E...`: the braces between the first
    // ", " and the last ", LEN)".
    let theirs: Vec<&str> = traced
        .lines()
        .filter(|l| l.starts_with("bind("))
        .filter_map(|l| {
            let start = l.find(", {")? + 2;
            let end = l.rfind("}, ")? + 1;
            l.get(start..end)
        })
        .collect();
    match !ours.is_empty() && ours == theirs {
        true => suite.pass(format!(
            "strace-notation-matches-strace ({} bind calls)",
            ours.len()
        )),
        false => suite.fail(
            "strace-notation-matches-strace",
            format!(
                "ours:\n{}\nstrace's:\n{}",
                ours.join("\n"),
                theirs.join("\n")
            ),
        ),
    }
}

/// Runs `program` with descriptor `fd` closed (through the shell's `N>&-`).
fn with_fd_closed(fd: u8, program: &str) -> Output {
    run(&mut cmd("bash", ["-c", &format!("exec {program} {fd}>&-")]))
}

pub(crate) fn runtime_promises(suite: &mut Suite) {
    if !suite.section(
        "the runtime's promises, natively (x86_64 and i686, both ways)",
        "each standard descriptor closed (runner, and bindprobe under strace); /dev/full reported; one write(2) for four lines",
    ) {
        return;
    }
    for target in &TARGETS[..2] {
        for way in Way::BOTH {
            let tag = format!("{}/{}", target.triple, way.name());
            let dir = match targets::build(target, way, "auto") {
                Ok(dir) => dir,
                Err(why) => {
                    suite.fail(format!("runtime-{tag}"), why);
                    continue;
                }
            };
            let selftest = targets::program_path(&dir, "selftest")
                .to_string_lossy()
                .into_owned();
            let probe = targets::program_path(&dir, "bindprobe")
                .to_string_lossy()
                .into_owned();
            // With a standard descriptor closed: /dev/null takes its place,
            // the sockets get 3 and up, and the exit status is the normal one.
            for fd in 0..3u8 {
                let out = with_fd_closed(fd, &selftest);
                let clean = out.ok() && (fd == 1 || out.stdout.contains(" 0 failed"));
                let name = format!("runner-with-fd-{fd}-closed-{tag}");
                match clean {
                    true => suite.pass(name),
                    false => suite.fail(
                        name,
                        format!("exit {:?}: {}", out.code, tail(&out.all(), 3)),
                    ),
                }
                if installed("strace") {
                    let trace = temp_path("fd.txt");
                    let out = with_fd_closed(
                        fd,
                        &format!(
                            "strace -qq -e trace=socket,openat -o {} {probe} 127.0.0.1:0 '[::1]:0'",
                            trace.display()
                        ),
                    );
                    let traced = std::fs::read_to_string(&trace).unwrap_or_default();
                    let _ = std::fs::remove_file(&trace);
                    let sockets: Vec<&str> = traced
                        .lines()
                        .filter(|l| l.starts_with("socket("))
                        .filter_map(|l| l.rsplit("= ").next())
                        .collect();
                    let null = traced
                        .lines()
                        .filter(|l| {
                            l.contains("\"/dev/null\", O_RDWR)")
                                && l.trim_end().ends_with(&format!("= {fd}"))
                        })
                        .count();
                    let name = format!("bindprobe-with-fd-{fd}-closed-{tag}");
                    match out.ok() && sockets == ["3", "4"] && null == 1 {
                        true => suite.pass(name),
                        false => suite.fail(
                            name,
                            format!(
                                "exit {:?}, sockets {sockets:?}, /dev/null opened on {fd}: {null}",
                                out.code
                            ),
                        ),
                    }
                }
            }
            // Output that cannot be written is reported, and the status says so.
            let out = run(&mut cmd(
                "bash",
                ["-c", &format!("exec {probe} 127.0.0.1:0 >/dev/full")],
            ));
            let name = format!("bindprobe-reports-dev-full-{tag}");
            let want = format!(
                "error: writing to standard output failed with errno {}; output was lost",
                Errno::ENOSPC.raw()
            );
            match out.code == Some(1) && out.stderr.trim_end() == want {
                true => suite.pass(name),
                false => suite.fail(name, format!("exit {:?}: {}", out.code, out.stderr)),
            }
            // One write(2) per line at most: these four lines fit one buffer, one write.
            let name = format!("bindprobe-one-write-for-4-lines-{tag}");
            if !installed("strace") {
                suite.skip(name, "strace is not installed");
                continue;
            }
            let trace = temp_path("writes.txt");
            let out = run(cmd("strace", ["-qq", "-e", "trace=write", "-o"])
                .arg(&trace)
                .args([
                    probe.as_str(),
                    "127.0.0.1:0",
                    "[::1]:0",
                    "abstract:x",
                    "unnamed",
                ]));
            let writes = std::fs::read_to_string(&trace)
                .unwrap_or_default()
                .lines()
                .filter(|l| l.starts_with("write("))
                .count();
            let _ = std::fs::remove_file(&trace);
            let lines = out.stdout.lines().count();
            match lines == 4 && writes == 1 {
                true => suite.pass(name),
                false => suite.fail(name, format!("{writes} writes for {lines} lines")),
            }
        }
    }
}

/// The README's recipe files: each code block after a `<!-- recipe: PATH -->` line.
fn recipe_files(readme: &str) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut rest = readme;
    while let Some(at) = rest.find("<!-- recipe: ") {
        rest = &rest[at + "<!-- recipe: ".len()..];
        let Some((name, after)) = rest.split_once(" -->\n```") else {
            break;
        };
        let Some((_, code)) = after.split_once('\n') else {
            break;
        };
        let Some((text, after)) = code.split_once("```") else {
            break;
        };
        files.push((name.to_string(), text.to_string()));
        rest = after;
    }
    files
}

/// Writes the README's recipe into a new crate at `dir`, depending on this
/// repository's rawbind by path; fails if the README changed shape.
fn write_recipe(root: &Path, dir: &Path) -> Result<String, String> {
    let readme = std::fs::read_to_string(root.join("README.md")).map_err(|e| e.to_string())?;
    let files = recipe_files(&readme);
    let names: Vec<&str> = files.iter().map(|(name, _)| name.as_str()).collect();
    if names != ["Cargo.toml", ".cargo/config.toml", "src/main.rs"] {
        return Err(format!("the README's recipe blocks are {names:?}"));
    }
    for (name, text) in &files {
        let mut text = text.clone();
        if name == "Cargo.toml" {
            if text.matches("rawbind = \"0.1\"\n").count() != 1 {
                return Err("the recipe's Cargo.toml has no `rawbind = \"0.1\"` line".into());
            }
            text = text.replace(
                "rawbind = \"0.1\"\n",
                &format!("rawbind = {{ path = {:?} }}\n", root.display().to_string()),
            );
        }
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        std::fs::write(&path, text).map_err(|e| e.to_string())?;
    }
    Ok(names.join(" "))
}

pub(crate) fn readme_recipe(suite: &mut Suite) {
    if !suite.section(
        "the README's recipe, in a new crate outside the repository",
        "the README's Cargo.toml, .cargo/config.toml and src/main.rs in a new crate; cargo run for x86_64, i686, aarch64; a dynamically linked build is refused with a message",
    ) {
        return;
    }
    let dir = temp_path("recipe");
    let _ = std::fs::remove_dir_all(&dir);
    match write_recipe(&suite.root, &dir) {
        Ok(names) => suite.pass(format!("readme-recipe-files ({names})")),
        Err(why) => return suite.fail("readme-recipe-files", why),
    }
    for triple in [
        "x86_64-unknown-linux-gnu",
        "i686-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
    ] {
        if !suite.selection.wants(triple) && triple != TARGETS[0].triple {
            continue;
        }
        // As a user runs it: none of this driver's environment.
        let out = run(cmd(
            "cargo",
            ["run", "-q", "--release", "--target", triple, "--", "0"],
        )
        .current_dir(&dir)
        .env_remove("RUSTFLAGS")
        .env_remove("RUSTC_BOOTSTRAP")
        .env_remove("CARGO_TARGET_DIR"));
        let bin = dir.join("target").join(triple).join("release/hello-bind");
        let name = format!("readme-recipe-runs-{triple}");
        let bound = out
            .stdout
            .trim_end()
            .strip_prefix("bound 127.0.0.1:")
            .is_some_and(targets::is_port);
        match (out.ok() && bound, targets::check_binary(&bin, Way::Pie)) {
            (true, Ok(kind)) => suite.pass(format!("{name} ({kind})")),
            (_, kind) => suite.fail(
                name,
                format!("exit {:?}: {} ({kind:?})", out.code, tail(&out.all(), 5)),
            ),
        }
    }
    // Linked the wrong way (a dynamic executable with an interpreter, through
    // cc): refused with the reason, never a crash that names nothing.
    let build = run(cmd(
        "cargo",
        ["build", "-q", "--release", "--target-dir", "target/dynamic"],
    )
    .current_dir(&dir)
    .env("RUSTFLAGS", "-C link-arg=-nostartfiles")
    .env_remove("CARGO_TARGET_DIR"));
    let out = run(&mut cmd(
        &dir.join("target/dynamic/x86_64-unknown-linux-gnu/release/hello-bind")
            .to_string_lossy(),
        [""; 0],
    ));
    let refused = out.code == Some(127)
        && out
            .stderr
            .starts_with("rawbind::entry!: this program was started by a dynamic linker")
        && out.stderr.contains("must be linked static");
    match build.ok() && refused {
        true => suite.pass("dynamic-executable-refused-with-a-message"),
        false => suite.fail(
            "dynamic-executable-refused-with-a-message",
            format!(
                "exit {:?}: {}{}",
                out.code,
                tail(&build.stderr, 5),
                out.stderr
            ),
        ),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

pub(crate) fn msrv(suite: &mut Suite) {
    if !suite.section(
        "minimum Rust version of the library",
        "rustup toolchain install RUST_VERSION; cargo +RUST_VERSION build -p rawbind",
    ) {
        return;
    }
    let manifest = std::fs::read_to_string("Cargo.toml").unwrap_or_default();
    let Some(msrv) = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|l| l.strip_suffix('"'))
    else {
        return suite.fail("library-msrv", "Cargo.toml has no rust-version");
    };
    let name = format!("library-builds-with-rust-{msrv}");
    println!("  rustup toolchain install {msrv} --profile minimal");
    if !run(&mut cmd(
        "rustup",
        ["toolchain", "install", msrv, "--profile", "minimal"],
    ))
    .ok()
    {
        return suite.skip(
            name,
            format!("rustup could not install Rust {msrv} (offline?)"),
        );
    }
    let out = run(cmd(
        "cargo",
        [
            format!("+{msrv}").as_str(),
            "build",
            "-q",
            "-p",
            "rawbind",
            "--lib",
        ],
    )
    .env("CARGO_TARGET_DIR", "target/msrv"));
    suite.check(
        name,
        out.ok().then_some(()).ok_or_else(|| tail(&out.all(), 5)),
    );
}

pub(crate) fn package(suite: &mut Suite) {
    if !suite.section(
        "the published package",
        "cargo package --list holds the library and its licences, nothing of the test kit; the docs as docs.rs builds them; cargo publish --dry-run; the tests in the extracted .crate pass",
    ) {
        return;
    }
    let listed = run(&mut cmd(
        "cargo",
        ["package", "-q", "--list", "-p", "rawbind", "--allow-dirty"],
    ));
    let files: Vec<&str> = listed.stdout.lines().collect();
    let needed = [
        "Cargo.toml",
        "LICENSE-MIT",
        "LICENSE-APACHE",
        "README.md",
        "build.rs",
        "src/lib.rs",
        "arch/x86_64.rs",
        "tests/numbers.rs",
    ];
    let missing: Vec<&&str> = needed.iter().filter(|f| !files.contains(f)).collect();
    let stray: Vec<&&str> = files
        .iter()
        .filter(|f| {
            [
                "testkit/",
                "showcase/",
                "xtask/",
                ".ci/",
                "fuzz/",
                ".cargo/",
            ]
            .iter()
            .any(|p| f.starts_with(p))
        })
        .collect();
    match (listed.ok(), missing.is_empty(), stray.is_empty()) {
        (true, true, true) => suite.pass(format!(
            "package-holds-what-users-need ({} files)",
            files.len()
        )),
        _ => suite.fail(
            "package-holds-what-users-need",
            format!(
                "missing {missing:?}, not for users {stray:?}: {}",
                tail(&listed.stderr, 5)
            ),
        ),
    }
    let dry = run(cmd(
        "cargo",
        ["publish", "--dry-run", "-p", "rawbind", "--allow-dirty"],
    )
    .env("CARGO_TARGET_DIR", "target/publish"));
    suite.check(
        "publish-dry-run",
        dry.ok().then_some(()).ok_or_else(|| tail(&dry.stderr, 10)),
    );
    let packaged = run(cmd(
        "cargo",
        [
            "package",
            "-q",
            "--no-verify",
            "-p",
            "rawbind",
            "--allow-dirty",
        ],
    )
    .env("CARGO_TARGET_DIR", "target/publish"));
    if !packaged.ok() {
        return suite.fail("packaged-crate-tests", tail(&packaged.stderr, 10));
    }
    let crate_file = Path::new("target/publish/package/rawbind-0.1.0.crate");
    let unpacked = temp_path("package");
    let _ = std::fs::remove_dir_all(&unpacked);
    let _ = std::fs::create_dir_all(&unpacked);
    let untar = run(cmd("tar", ["xzf"]).arg(crate_file).arg("-C").arg(&unpacked));
    if !untar.ok() {
        return suite.fail(
            "packaged-crate-tests",
            format!("cannot unpack {}: {}", crate_file.display(), untar.stderr),
        );
    }
    // Fresh every time: the packaged files carry the package's fixed
    // timestamps, so cargo would take the last run's build for current.
    let target_dir = suite.root.join("target/package-tests");
    let _ = std::fs::remove_dir_all(&target_dir);
    let out = run(cmd("cargo", ["test", "--features", "std"])
        .current_dir(unpacked.join("rawbind-0.1.0"))
        .env("CARGO_TARGET_DIR", target_dir));
    count_libtest(suite, "packaged-crate-tests", &out);
    let _ = std::fs::remove_dir_all(&unpacked);
}

pub(crate) fn reports(suite: &mut Suite) {
    if !suite.section(
        "reports (not checks)",
        "memcpy against glibc on 64 MiB (cargo bench -p rawbind-testkit --bench memcpy)",
    ) {
        return;
    }
    let out = run(cmd(
        "cargo",
        ["bench", "-q", "-p", "rawbind-testkit", "--bench", "memcpy"],
    )
    .env("CARGO_TARGET_DIR", "target/bench"));
    println!(
        "  {}",
        out.stdout
            .lines()
            .last()
            .unwrap_or("memcpy benchmark printed nothing")
    );
}
