//! The shared cases under `cargo test` on the host, with the libc-free
//! runner's output: a line per case (`ok`, `FAIL`, `skip` with its reason)
//! and the same summary line, so a skip is never counted as a pass.

use std::io::Write;
use std::process::ExitCode;

/// glibc calls `.init_array` functions with argc, argv and envp, the
/// kernel's own arrays: handing them to rawbind's runtime lets the
/// environment and auxiliary-vector cases run under `cargo test` too.
#[used]
#[link_section = ".init_array"]
static ADOPT_PROCESS_START: extern "C" fn(i32, *const *const u8, *const *const u8) = adopt;

extern "C" fn adopt(argc: i32, argv: *const *const u8, envp: *const *const u8) {
    // SAFETY: glibc passes the process's original argc, argv and envp.
    unsafe { rawbind::rt::adopt_process_start(argc, argv, envp) }
}

/// `core::fmt::Write` onto std's standard output.
struct Stdout(std::io::Stdout);

impl core::fmt::Write for Stdout {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0.write_all(s.as_bytes()).map_err(|_| core::fmt::Error)
    }
}

fn main() -> ExitCode {
    let mut out = Stdout(std::io::stdout());
    let tally = rawbind_testkit::cases::run_all(&mut out, |out| {
        let _ = out.0.flush();
    });
    println!(
        "summary: {} passed, {} failed, {} skipped (host, cargo test)",
        tally.passed, tally.failed, tally.skipped
    );
    match tally.failed {
        0 => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    }
}
