//! The showcase serving, talked to by real clients (Python's socket module):
//! `bindprobe --serve` over IPv4, IPv6 and a Unix socket natively and under
//! qemu-user on every target, through `systemd-socket-activate`, after
//! `--drop` (its privileges read from /proc), and the dual-stack bind
//! matrix against Python's on the same machine.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::targets::{Way, TARGETS};
use crate::{cmd, installed, is_root, run, tail, temp_path, Suite};

/// Connects to `addr` (`host port` or a Unix path), sends each line, reads
/// its echo, ends with `quit`; prints each echo. Retries the connection for
/// two seconds, for a server still starting (systemd-socket-activate).
const CLIENT: &str = r#"
import os, socket, sys, time
target = sys.argv[1:]
family = socket.AF_UNIX if len(target) == 1 else (socket.AF_INET6 if ":" in target[0] else socket.AF_INET)
address = target[0] if len(target) == 1 else (target[0], int(target[1]))
deadline = time.time() + 2
while True:
    s = socket.socket(family, socket.SOCK_STREAM)
    try:
        s.connect(address)
        break
    except OSError:
        s.close()
        if time.time() > deadline:
            raise
        time.sleep(0.05)
f = s.makefile("rwb")
for line in [b"hello from python\n", b"a second line\n", b"quit\n"]:
    if line == b"quit\n" and os.environ.get("RAWBIND_CLIENT_PAUSE"):
        time.sleep(float(os.environ["RAWBIND_CLIENT_PAUSE"]))
    f.write(line)
    f.flush()
    sys.stdout.write(f.readline().decode())
"#;

const ECHOES: &str = "hello from python\na second line\nquit\n";

/// A server process, killed if still running when dropped.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

impl Server {
    fn start(
        command: &mut Command,
    ) -> Result<(Server, BufReader<std::process::ChildStdout>), String> {
        let mut child = command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start {command:?}: {e}"))?;
        let out = child.stdout.take().ok_or("no stdout")?;
        Ok((Server(child), BufReader::new(out)))
    }

    /// Waits up to 10 s for the server to exit; its status.
    fn exit_status(&mut self) -> Option<i32> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.0.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

fn line(reader: &mut impl BufRead) -> String {
    let mut line = String::new();
    let _ = reader.read_line(&mut line);
    line.trim_end().to_string()
}

fn python_client(target: &[&str]) -> crate::Output {
    run(cmd("python3", ["-c", CLIENT]).args(target))
}

/// `bindprobe --serve ADDR` (through `runner`, e.g. qemu, or directly), a
/// client's three lines echoed, then exit status 0.
fn serve_once(runner: &[&str], probe: &Path, arg: &str) -> Result<(), String> {
    let mut command = match runner.split_first() {
        Some((qemu, rest)) => {
            let mut command = cmd(qemu, rest);
            command.arg(probe);
            command
        }
        None => Command::new(probe),
    };
    command.args(["--serve", arg]);
    let (mut server, mut out) = Server::start(&mut command)?;
    let first = line(&mut out);
    let bound = first
        .strip_prefix(&format!("ok {arg} "))
        .ok_or(format!("first line {first:?}"))?
        .to_string();
    let target: Vec<String> = if let Some(path) = arg.strip_prefix("unix:") {
        vec![path.to_string()]
    } else {
        let (host, port) = bound.rsplit_once(':').ok_or(format!("bound {bound:?}"))?;
        vec![host.trim_matches(['[', ']']).to_string(), port.to_string()]
    };
    let target: Vec<&str> = target.iter().map(String::as_str).collect();
    let client = python_client(&target);
    let status = server.exit_status();
    match (client.stdout == ECHOES, status) {
        (true, Some(0)) => Ok(()),
        _ => Err(format!(
            "echoed {:?}, server exit {status:?}: {}",
            client.stdout,
            tail(&client.stderr, 3)
        )),
    }
}

fn skip_without_python(suite: &mut Suite, name: &str) -> bool {
    let ok = run(&mut cmd("python3", ["-c", "import socket"])).ok();
    if !ok {
        suite.skip(name, "python3 is not installed");
    }
    !ok
}

pub(crate) fn serving(suite: &mut Suite) {
    if !suite.section(
        "the showcase serves (Python's socket module as the client)",
        "bindprobe --serve over IPv4, IPv6 and a Unix socket, natively (x86_64, i686) and under qemu-user on every target; through systemd-socket-activate; --drop with the process's /proc status read while it serves; the dual-stack bind matrix against Python's",
    ) {
        return;
    }
    if skip_without_python(suite, "serving") {
        return;
    }
    for target in TARGETS {
        // The host's own target always runs natively (a host check); the
        // others when selected.
        let host = target.native == crate::targets::Native::Host;
        if !(host || suite.selection.wants(target.triple))
            || target.native == crate::targets::Native::X32
        {
            continue;
        }
        let dir = match crate::targets::build(target, Way::Pie, "auto") {
            Ok(dir) => dir,
            Err(why) => {
                suite.fail(format!("serve-build-{}", target.triple), why);
                continue;
            }
        };
        let probe = crate::targets::program_path(&dir, "bindprobe");
        let mut runners: Vec<(String, Vec<&str>)> = Vec::new();
        if matches!(
            target.native,
            crate::targets::Native::Host | crate::targets::Native::I386
        ) {
            runners.push(("native".into(), vec![]));
        }
        if let Some(qemu) = target.qemu.filter(|_| suite.selection.wants(target.triple)) {
            if installed(qemu) {
                runners.push(("qemu".into(), vec![qemu]));
            } else {
                suite.skip(
                    format!("serve-{}/qemu", target.triple),
                    format!("{qemu} is not installed"),
                );
            }
        }
        for (how, runner) in runners {
            let sock = temp_path(&format!("serve-{}.sock", target.triple));
            let unix = format!("unix:{}", sock.display());
            for (family, arg) in [
                ("ipv4", "127.0.0.1:0"),
                ("ipv6", "[::1]:0"),
                ("unix", unix.as_str()),
            ] {
                let _ = std::fs::remove_file(&sock);
                let name = format!("serve-{family}-{}/pie/{how}", target.triple);
                suite.check(name, serve_once(&runner, &probe, arg));
            }
            let _ = std::fs::remove_file(&sock);
        }
    }
    let probe = match crate::targets::build(&TARGETS[0], Way::Static, "auto") {
        Ok(dir) => crate::targets::program_path(&dir, "bindprobe"),
        Err(why) => return suite.fail("serve-build-host", why),
    };
    activated(suite, &probe);
    dropped(suite, &probe);
    dual_stack(suite, &probe);
}

/// Through the real `systemd-socket-activate`, and refusals of malformed
/// or foreign activation variables.
fn activated(suite: &mut Suite, probe: &Path) {
    let name = "socket-activation-with-systemd-socket-activate";
    if !installed("systemd-socket-activate") {
        return suite.skip(
            name,
            "systemd-socket-activate is not installed (Debian's systemd package)",
        );
    }
    let port = 20000 + (std::process::id() % 20000) as u16;
    let sock = temp_path("activated.sock");
    for (family, listen, target) in [
        (
            "ipv4",
            format!("127.0.0.1:{port}"),
            vec!["127.0.0.1".to_string(), port.to_string()],
        ),
        (
            "unix",
            sock.display().to_string(),
            vec![sock.display().to_string()],
        ),
    ] {
        let _ = std::fs::remove_file(&sock);
        let result = (|| {
            let (mut server, mut out) = Server::start(
                cmd("systemd-socket-activate", ["-l", &listen, "--fdname=echo"])
                    .arg(probe)
                    .arg("--activated"),
            )?;
            // The client pauses before `quit`, so that the served process's
            // descriptor 3 can be looked at while it serves.
            let client = cmd("python3", ["-c", CLIENT])
                .args(&target)
                .env("RAWBIND_CLIENT_PAUSE", "0.5")
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .map_err(|e| format!("python3: {e}"))?;
            let first = line(&mut out);
            let fdinfo = std::fs::read_to_string(format!("/proc/{}/fdinfo/3", server.0.id()))
                .unwrap_or_default();
            let cloexec = fdinfo
                .lines()
                .find_map(|l| l.strip_prefix("flags:"))
                .and_then(|f| u32::from_str_radix(f.trim(), 8).ok())
                .is_some_and(|flags| flags & 0o2000000 != 0);
            let client = crate::Output::from(client.wait_with_output().map_err(|e| e.to_string())?);
            let status = server.exit_status();
            let (af, shown) = match family {
                "unix" => ("AF_UNIX", listen.clone()),
                _ => ("AF_INET", listen.clone()),
            };
            let want = format!("ok activated fd 3 {af} stream name=echo {shown}");
            match (first == want, cloexec, client.stdout == ECHOES, status) {
                (true, true, true, Some(0)) => Ok(()),
                _ => Err(format!(
                    "first line {first:?} (expected {want:?}), fd 3 close-on-exec {cloexec} ({fdinfo:?}), echoed {:?}, exit {status:?}: {}",
                    client.stdout,
                    tail(&client.stderr, 3)
                )),
            }
        })();
        suite.check(format!("{name}-{family}"), result);
    }
    let _ = std::fs::remove_file(&sock);
    // What must never hand out a descriptor: each refused with its reason.
    let probe = probe.display().to_string();
    for (case, script, want) in [
        ("foreign-pid", format!("LISTEN_PID=1 LISTEN_FDS=1 exec {probe} --activated 3</dev/null"), "err activated: LISTEN_PID is 1, but this process is "),
        ("malformed-count", format!("LISTEN_PID=$$ LISTEN_FDS=one exec {probe} --activated"), "err activated: LISTEN_FDS is not a decimal number"),
        ("not-a-socket", format!("LISTEN_PID=$$ LISTEN_FDS=1 exec {probe} --activated 3</dev/null"), "err activated: passed descriptor 3 is not a socket: ENOTSOCK"),
        ("closed-descriptor", format!("LISTEN_PID=$$ LISTEN_FDS=1 exec {probe} --activated 3<&-"), "err activated: passed descriptor 3 is not a socket: EBADF"),
        ("name-count", format!("LISTEN_PID=$$ LISTEN_FDS=1 LISTEN_FDNAMES=a:b exec {probe} --activated 3</dev/null"), "err activated: LISTEN_FDNAMES has 2 names for 1 descriptors"),
        ("not-activated", format!("exec env -u LISTEN_PID -u LISTEN_FDS {probe} --activated"), "err activated: no sockets were passed (LISTEN_FDS unset)"),
    ] {
        let out = run(&mut cmd("bash", ["-c", &script]));
        let name = format!("activation-refuses-{case}");
        match out.code == Some(1) && out.stdout.starts_with(want) {
            true => suite.pass(name),
            false => suite.fail(name, format!("exit {:?}: {}", out.code, out.all())),
        }
    }
}

/// The fields of /proc/PID/status that show what a privilege drop left.
fn privileges_of(pid: u32) -> Vec<String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    [
        "Uid:",
        "Gid:",
        "Groups:",
        "CapInh:",
        "CapPrm:",
        "CapEff:",
        "CapBnd:",
        "CapAmb:",
        "NoNewPrivs:",
    ]
    .iter()
    .map(|key| {
        let value = status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or("(missing)");
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        format!("{key} {value}").trim_end().to_string()
    })
    .collect()
}

/// `--drop` after binding a privileged port: the serving process's status,
/// read from outside, then a client served through the port bound as root.
fn dropped(suite: &mut Suite, probe: &Path) {
    let name = "drop-privileges-after-binding-a-privileged-port";
    if !is_root() {
        return suite.skip(name, "needs root to bind a privileged port and drop");
    }
    let result = (|| {
        for port in [80u16, 81, 88, 180, 280, 380, 480, 580, 680, 780, 880, 980] {
            let arg = format!("127.0.0.1:{port}");
            let mut command = cmd(
                &probe.display().to_string(),
                ["--serve", &arg, "--drop", "65534:65534"],
            );
            let (mut server, mut out) = Server::start(&mut command)?;
            let first = line(&mut out);
            if first.starts_with("err ") {
                continue; // in use: the next port
            }
            let second = line(&mut out);
            let privileges = privileges_of(server.0.id());
            let client = python_client(&["127.0.0.1", &port.to_string()]);
            let status = server.exit_status();
            let want = [
                "Uid: 65534 65534 65534 65534",
                "Gid: 65534 65534 65534 65534",
                "Groups:",
                "CapInh: 0000000000000000",
                "CapPrm: 0000000000000000",
                "CapEff: 0000000000000000",
                "CapBnd: 0000000000000000",
                "CapAmb: 0000000000000000",
                "NoNewPrivs: 1",
            ];
            println!("  [{name}] port {port}: {}", privileges.join(", "));
            return match (first == format!("ok {arg} {arg}"), second == "dropped to 65534:65534", privileges == want, client.stdout == ECHOES, status) {
                (true, true, true, true, Some(0)) => Ok(()),
                _ => Err(format!(
                    "lines {first:?} {second:?}; status {privileges:?}; echoed {:?}; exit {status:?}",
                    client.stdout
                )),
            };
        }
        Err("no privileged port from the list was free".to_string())
    })();
    suite.check(name, result);
}

/// The addresses of the kernel's `bind_wildcard` selftest.
const DUAL_STACK: [(&str, &str); 6] = [
    ("0.0.0.0", "AF_INET"),
    ("127.0.0.1", "AF_INET"),
    ("::", "AF_INET6"),
    ("::1", "AF_INET6"),
    ("::ffff:0.0.0.0", "AF_INET6"),
    ("::ffff:127.0.0.1", "AF_INET6"),
];

/// Binds two addresses on one port with Python, as bindprobe does; prints
/// `ok` or the errno's name for each.
const PYTHON_PAIR: &str = r#"
import errno, socket, sys
v6only, reuse, port = sys.argv[1] == "on", sys.argv[2] == "on", int(sys.argv[3])
held = []
for host in sys.argv[4:]:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    held.append(s)
    try:
        if reuse:
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if family == socket.AF_INET6:
            s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)
        s.bind((host, port))
        print("ok")
    except OSError as e:
        print(errno.errorcode[e.errno])
"#;

/// bindprobe's answer for each address: `ok` or the errno's name.
fn rawbind_pair(
    probe: &Path,
    v6only: bool,
    reuse: bool,
    port: u16,
    a: &str,
    b: &str,
) -> Vec<String> {
    let arg = |host: &str| match host.contains(':') {
        true => format!("[{host}]:{port}"),
        false => format!("{host}:{port}"),
    };
    let mut command = cmd(
        &probe.display().to_string(),
        [if v6only {
            "--v6only=on"
        } else {
            "--v6only=off"
        }],
    );
    if reuse {
        command.arg("--reuseaddr");
    }
    let out = run(command.args([arg(a), arg(b)]));
    out.stdout
        .lines()
        .filter_map(|l| match l.split(' ').next() {
            Some("ok") => Some("ok".to_string()),
            Some("err") => l.split(' ').nth(2).map(str::to_string),
            _ => None,
        })
        .collect()
}

/// The rawbind and Python results for every pair, with IPV6_V6ONLY off and
/// on, SO_REUSEADDR off and on; printed as four matrices.
fn dual_stack(suite: &mut Suite, probe: &Path) {
    let base = 30000 + (std::process::id() % 10000) as u16;
    let mut next_port = 0u16;
    for v6only in [false, true] {
        for reuse in [false, true] {
            let title = format!(
                "v6only {}, SO_REUSEADDR {}",
                if v6only { "on" } else { "off" },
                if reuse { "on" } else { "off" }
            );
            println!("  dual-stack binds, {title}: row first, column second on the same port (rawbind = Python)");
            println!(
                "  {:>18} | {}",
                "",
                DUAL_STACK.map(|(a, _)| format!("{a:>16}")).join(" ")
            );
            let mut differ = Vec::new();
            for (a, _) in DUAL_STACK {
                let mut row = Vec::new();
                for (b, _) in DUAL_STACK {
                    let (mut ours, mut theirs) = (Vec::new(), Vec::new());
                    for _attempt in 0..5 {
                        next_port += 1;
                        let port = base + next_port;
                        ours = rawbind_pair(probe, v6only, reuse, port, a, b);
                        let flag = |on: bool| if on { "on" } else { "off" };
                        theirs = run(cmd(
                            "python3",
                            [
                                "-c",
                                PYTHON_PAIR,
                                flag(v6only),
                                flag(reuse),
                                &port.to_string(),
                                a,
                                b,
                            ],
                        ))
                        .stdout
                        .lines()
                        .map(str::to_string)
                        .collect();
                        // A port something else holds: another port.
                        if ours.first().map(String::as_str) != Some("EADDRINUSE") {
                            break;
                        }
                    }
                    let cell = |r: &[String]| match r {
                        [first, second] if first == "ok" => second.clone(),
                        [first, _] => format!("first:{first}"),
                        other => format!("{other:?}"),
                    };
                    if ours != theirs {
                        differ.push(format!("{a} then {b}: rawbind {ours:?}, Python {theirs:?}"));
                    }
                    row.push(format!("{:>16}", cell(&ours)));
                }
                println!("  {a:>18} | {}", row.join(" "));
            }
            let name = format!("dual-stack-matrix-equals-python ({title})");
            match differ.is_empty() {
                true => suite.pass(name),
                false => suite.fail(name, differ.join("; ")),
            }
        }
    }
}
