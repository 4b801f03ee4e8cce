//! Copying 64 MiB: rawbind's `memcpy` (the one `entry!` programs get)
//! against glibc's, best of 9 runs each. A report, not a test:
//! `cargo bench --bench memcpy`.

use std::time::{Duration, Instant};

const SIZE: usize = 64 << 20;

extern "C" {
    fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8;
}

fn best(mut copy: impl FnMut()) -> Duration {
    (0..9)
        .map(|_| {
            let start = Instant::now();
            copy();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn main() {
    let src = vec![0x5au8; SIZE];
    let mut dest = vec![0u8; SIZE];
    // SAFETY: both buffers hold SIZE bytes and do not overlap.
    let glibc = best(|| unsafe {
        memcpy(dest.as_mut_ptr(), src.as_ptr(), SIZE);
    });
    // SAFETY: as above.
    let ours =
        best(|| unsafe { rawbind::rt::mem::copy_forward(dest.as_mut_ptr(), src.as_ptr(), SIZE) });
    assert_eq!(dest, src);
    println!(
        "memcpy of 64 MiB: rawbind {:.2} ms, glibc {:.2} ms, ratio {:.2}",
        ours.as_secs_f64() * 1e3,
        glibc.as_secs_f64() * 1e3,
        ours.as_secs_f64() / glibc.as_secs_f64()
    );
}
