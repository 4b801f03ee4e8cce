//! The shared cases (`tests/cases/mod.rs`) as `cargo test` tests on the host.

use std::io::Write;
use std::sync::Mutex;

// The list itself is for the libc-free runner; here each case is a #[test].
#[allow(dead_code)]
mod cases;

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

/// Runs one case. Cases run one at a time: the closed-descriptor case must
/// not see its number reused by another thread between close and bind.
fn run_in_libtest(name: &str, case: fn() -> cases::Outcome) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let _guard = ONE_AT_A_TIME
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    match case() {
        Ok(()) => {}
        Err(cases::NotPassed::Fail(detail)) => panic!("{}", detail.as_str()),
        // libtest has no runtime skip: say so where the test script counts it.
        Err(cases::NotPassed::Skip(reason)) => {
            let _ = writeln!(std::io::stderr(), "SKIPPED {name}: {reason}");
        }
    }
}
