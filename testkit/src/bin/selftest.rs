//! The shared cases as a static, libc-free program, for every target under
//! qemu-user and natively. `cargo xtask test` builds and runs it.
//!
//! Options (native runs as root only): `--deny-direct` installs a seccomp
//! filter that answers ENOSYS to the direct socket calls, `--deny-socketcall`
//! one that answers ENOSYS to socketcall(2). `--under-qemu` tells the cases
//! they run under qemu-user, so that a known qemu translation bug is a skip
//! that says so rather than a failure.
#![no_std]
#![no_main]
// entry!'s `_start` is inline asm, which mips64 still gates (feature `unstable-mips64`).
#![cfg_attr(target_arch = "mips64", feature(asm_experimental_arch))]

use core::fmt::Write;
use core::sync::atomic::Ordering;

use rawbind::raw::{self, socketcall};
use rawbind::rt::{self, Args};
use rawbind_testkit::cases;
use rawbind_testkit::sys::{self, SockFilter};

rawbind::entry!(main);

#[derive(Clone, Copy, PartialEq)]
enum Deny {
    Nothing,
    Direct,
    Socketcall,
}

const ENOSYS: u32 = 38;

/// A filter answering ENOSYS to syscalls `first..=last` of this arch.
fn enosys_filter(first: u32, last: u32) -> [SockFilter; 7] {
    let op = |code, jt, jf, k| SockFilter { code, jt, jf, k };
    let (ld_abs, jeq, jge, jgt, ret) = (0x20, 0x15, 0x35, 0x25, 0x06);
    [
        op(ld_abs, 0, 0, 4), // seccomp_data.arch
        op(jeq, 0, 4, raw::AUDIT_ARCH),
        op(ld_abs, 0, 0, 0), // seccomp_data.nr
        op(jge, 0, 2, first),
        op(jgt, 1, 0, last),
        op(ret, 0, 0, 0x0005_0000 | ENOSYS), // SECCOMP_RET_ERRNO
        op(ret, 0, 0, 0x7fff_0000),          // SECCOMP_RET_ALLOW
    ]
}

/// The mode as the summary line names it.
fn mode_name() -> &'static str {
    match socketcall::MODE {
        socketcall::Mode::DirectOnly => "direct",
        socketcall::Mode::DirectThenSocketcall => "auto",
        socketcall::Mode::Never => "never",
        socketcall::Mode::Always => "always",
    }
}

fn main(args: Args) -> i32 {
    let mut out = rt::stdout();
    let mut deny = Deny::Nothing;
    for arg in args.skip(1) {
        deny = match arg {
            b"--deny-direct" => Deny::Direct,
            b"--deny-socketcall" => Deny::Socketcall,
            b"--under-qemu" => {
                cases::UNDER_QEMU.store(true, Ordering::Relaxed);
                deny
            }
            _ => {
                let _ = writeln!(
                    out,
                    "usage: selftest [--deny-direct | --deny-socketcall] [--under-qemu]"
                );
                return 2;
            }
        };
    }
    if deny != Deny::Nothing {
        let Some((socketcall, direct)) = socketcall::NUMBERS else {
            let _ = writeln!(
                out,
                "skip seccomp: this architecture has no socketcall(2) to choose"
            );
            let _ = writeln!(out, "summary: 0 passed, 0 failed, 1 skipped");
            return 0;
        };
        let (first, last) = match deny {
            Deny::Direct => (*direct.start(), *direct.end()),
            _ => (socketcall, socketcall),
        };
        if let Err(errno) = sys::install_seccomp_filter(&enosys_filter(first as u32, last as u32)) {
            let _ = writeln!(
                out,
                "FAIL seccomp: installing the filter failed: {errno:?} ({errno})"
            );
            let _ = writeln!(out, "summary: 0 passed, 1 failed, 0 skipped");
            return 1;
        }
    }
    let mut tally = cases::run_all(&mut out, |out| {
        let _ = out.flush();
    });
    // Under a filter, the cases passing is half the proof; the other half is
    // which path carried them.
    let fallbacks = socketcall::fallbacks();
    let check = match deny {
        _ if socketcall::MODE != socketcall::Mode::DirectThenSocketcall => None,
        Deny::Nothing => None,
        Deny::Direct => Some((
            "every_socket_call_fell_back_to_socketcall",
            fallbacks.is_some() && fallbacks == socketcall::ALL_OPERATIONS,
        )),
        Deny::Socketcall => Some(("direct_calls_never_needed_socketcall", fallbacks == Some(0))),
    };
    if let Some((name, held)) = check {
        if held {
            tally.passed += 1;
            let _ = writeln!(out, "ok {name}");
        } else {
            tally.failed += 1;
            let _ = writeln!(
                out,
                "FAIL {name}: remembered fallbacks {fallbacks:x?}, all calls {:x?}",
                socketcall::ALL_OPERATIONS
            );
        }
    }
    let _ = writeln!(
        out,
        "summary: {} passed, {} failed, {} skipped (socket calls: {})",
        tally.passed,
        tally.failed,
        tally.skipped,
        mode_name()
    );
    (tally.failed != 0) as i32
}

#[panic_handler]
fn panic(info: &core::panic::PanicInfo) -> ! {
    let _ = writeln!(rt::stdout(), "FAIL panic: {info}");
    rt::exit(101)
}
