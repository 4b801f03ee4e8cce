//! The shared cases (`tests/cases/mod.rs`) as `cargo test` tests on the host.

use std::io::Write;
use std::sync::Mutex;

// The list itself is for the libc-free runner; here each case is a #[test].
#[allow(dead_code)]
mod cases;

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
