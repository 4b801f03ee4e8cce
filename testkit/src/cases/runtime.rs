//! Cases for the runtime (`rawbind::rt`): what the process was started with,
//! the memory functions, standard descriptors and SIGPIPE. Under `cargo
//! test` the harness adopts glibc's view of the start (testkit/tests/host.rs), so
//! the same assertions hold there.

use rawbind::rt::{self, at};

use super::prelude::*;

/// The variable `cargo xtask test` sets for every run, and its value: an `=` in
/// the value and a space, which a naive split would cut.
pub const TEST_VARIABLE: &[u8] = b"RAWBIND_TEST_VARIABLE";
pub const TEST_VALUE: &[u8] = b"a value = with signs";

extern "C" {
    /// glibc's on the host; the one `rawbind::entry!` defines in the runner.
    fn getauxval(key: usize) -> usize;
}

pub(super) fn environment_holds_the_variable_the_test_set() -> Outcome {
    let Some(value) = rt::var(TEST_VARIABLE) else {
        return Err(NotPassed::Skip(
            "RAWBIND_TEST_VARIABLE is not set: `cargo xtask test` sets it for every run",
        ));
    };
    ensure_eq!(value, TEST_VALUE);
    ensure_eq!(
        rt::vars()
            .filter(|&(name, _)| name == TEST_VARIABLE)
            .count(),
        1
    );
    ensure_eq!(rt::var(b"RAWBIND_TEST_VARIABL"), None);
    // The whole environment, against what the kernel shows of it.
    let mut buf = [0u8; 32 * 1024];
    let environ = ok!(sys::read_file(b"/proc/self/environ", &mut buf));
    if environ.len() == 32 * 1024 {
        return Ok(()); // too big to compare here; the variable itself was checked
    }
    // Compared as sets: qemu-user hands its guest the same variables in
    // another order.
    let mut count = 0;
    for entry in environ.split(|&b| b == 0).filter(|e| !e.is_empty()) {
        let Some(eq) = entry.iter().position(|&b| b == b'=') else {
            continue;
        };
        count += 1;
        let (name, value) = (&entry[..eq], &entry[eq + 1..]);
        if !rt::vars().any(|pair| pair == (name, value)) {
            fail!(
                "/proc/self/environ has {:?}, which rt::vars() lacks",
                core::str::from_utf8(entry)
            );
        }
    }
    ensure_eq!(rt::vars().count(), count);
    Ok(())
}

pub(super) fn auxiliary_vector_gives_page_size_and_random_bytes() -> Outcome {
    let Some(page) = rt::auxv(at::PAGESZ) else {
        fail!("no AT_PAGESZ in the auxiliary vector");
    };
    if !page.is_power_of_two() || page < 4096 {
        fail!("AT_PAGESZ = {page}");
    }
    // SAFETY: getauxval takes any key.
    ensure_eq!(unsafe { getauxval(at::PAGESZ) }, page);
    // SAFETY: as above.
    ensure_eq!(unsafe { getauxval(0x7fff_ffff) }, 0);
    let Some(random) = rt::random_bytes() else {
        fail!("no AT_RANDOM in the auxiliary vector");
    };
    ensure_eq!(Some(random.as_ptr() as usize), rt::auxv(at::RANDOM));
    // 16 readable bytes; all zero has a chance of 2^-128.
    if random.iter().all(|&b| b == 0) {
        fail!("AT_RANDOM's 16 bytes are all zero");
    }
    // Every entry against the kernel's (or qemu's) /proc/self/auxv.
    let mut buf = [0u8; 1024];
    let kernel = ok!(sys::read_file(b"/proc/self/auxv", &mut buf));
    const WORD: usize = core::mem::size_of::<usize>();
    let mut compared = 0;
    for pair in kernel.chunks_exact(2 * WORD) {
        let word = |bytes: &[u8]| {
            let mut w = [0u8; WORD];
            w.copy_from_slice(bytes);
            usize::from_ne_bytes(w)
        };
        let (key, value) = (word(&pair[..WORD]), word(&pair[WORD..]));
        if key == 0 {
            break;
        }
        // qemu-user shows its own view of a few entries (AT_EXECFD and kin):
        // compare the ones a program relies on.
        if [
            at::PAGESZ,
            at::RANDOM,
            at::HWCAP,
            at::UID,
            at::EUID,
            at::GID,
            at::EGID,
            at::SECURE,
        ]
        .contains(&key)
        {
            ensure_eq!((key, rt::auxv(key)), (key, Some(value)));
            compared += 1;
        }
    }
    if compared < 7 {
        fail!("only {compared} of the entries compared are in /proc/self/auxv");
    }
    lse_atomics_follow_hwcap()
}

/// compiler-builtins' outline atomics pick LSE from getauxval(AT_HWCAP) in an
/// `.init_array` function: proof that both ran.
#[cfg(target_arch = "aarch64")]
fn lse_atomics_follow_hwcap() -> Outcome {
    extern "C" {
        static __aarch64_have_lse_atomics: u8;
    }
    const HWCAP_ATOMICS: usize = 1 << 8;
    let cpu_has_lse = rt::auxv(at::HWCAP).unwrap_or(0) & HWCAP_ATOMICS != 0;
    // SAFETY: a byte compiler-builtins sets once, at start.
    let chosen =
        unsafe { core::ptr::read_volatile(core::ptr::addr_of!(__aarch64_have_lse_atomics)) };
    ensure_eq!(chosen != 0, cpu_has_lse);
    Ok(())
}

#[cfg(not(target_arch = "aarch64"))]
fn lse_atomics_follow_hwcap() -> Outcome {
    Ok(())
}

/// The reference each memory function is compared with.
fn reference_move(buf: &mut [u8], dest: usize, src: usize, n: usize) {
    let mut tmp = [0u8; 512];
    tmp[..n].copy_from_slice(&buf[src..src + n]);
    buf[dest..dest + n].copy_from_slice(&tmp[..n]);
}

pub(super) fn memory_functions_match_a_byte_loop() -> Outcome {
    let mut random = Random(0x5eed_0000_0000_0003);
    for round in 0..3000 {
        let mut ours = [0u8; 512];
        random.fill(&mut ours);
        let mut theirs = ours;
        let n = match random.below(4) {
            0 => random.below(17),
            _ => random.below(300),
        };
        let (src, dest) = (random.below(512 - n), random.below(512 - n));
        // memmove, wherever the ranges fall (overlapping either way or not).
        // SAFETY: both ranges lie inside `ours`.
        unsafe { rt::mem::copy(ours.as_mut_ptr().add(dest), ours.as_ptr().add(src), n) };
        reference_move(&mut theirs, dest, src, n);
        if ours != theirs {
            fail!("round {round}: memmove of {n} bytes from {src} to {dest} differs");
        }
        // memcpy into a separate buffer at any alignment.
        let mut other = [0xa5u8; 512];
        // SAFETY: `src..src + n` in `ours` and `dest..dest + n` in `other`.
        unsafe { rt::mem::copy_forward(other.as_mut_ptr().add(dest), ours.as_ptr().add(src), n) };
        if other[dest..dest + n] != ours[src..src + n]
            || other[..dest]
                .iter()
                .chain(&other[dest + n..])
                .any(|&b| b != 0xa5)
        {
            fail!("round {round}: memcpy of {n} bytes from {src} to {dest} differs");
        }
        // memset.
        let byte = random.next() as u8;
        // SAFETY: inside `ours`.
        unsafe { rt::mem::set(ours.as_mut_ptr().add(dest), byte, n) };
        theirs[dest..dest + n].fill(byte);
        if ours != theirs {
            fail!("round {round}: memset of {n} bytes at {dest} differs");
        }
        // memcmp: equal, then one byte changed either way.
        let copy = other;
        // SAFETY: both ranges inside their buffers.
        let equal =
            unsafe { rt::mem::compare(other.as_ptr().add(dest), copy.as_ptr().add(dest), n) };
        ensure_eq!(equal, 0);
        if n > 0 {
            let at = dest + random.below(n);
            other[at] = copy[at].wrapping_add(1 + random.below(255) as u8);
            let want = (other[at] as i32 - copy[at] as i32).signum();
            // SAFETY: as above.
            let got =
                unsafe { rt::mem::compare(other.as_ptr().add(dest), copy.as_ptr().add(dest), n) };
            if got.signum() != want {
                fail!("round {round}: memcmp of {n} bytes at {dest} with byte {at} changed gave {got}");
            }
        }
    }
    Ok(())
}

pub(super) fn sockets_never_take_the_standard_descriptors() -> Outcome {
    // `cargo xtask test` runs the runner with each of 0, 1, 2 closed: entry! must
    // have opened /dev/null there, or this socket would be one of them.
    let sock = ok!(socket(Family::INET, SocketType::STREAM));
    if sock.as_raw_fd() <= 2 {
        fail!("a new socket got descriptor {}", sock.as_raw_fd());
    }
    Ok(())
}

/// The one ppoll(2) `entry!` makes before `main` (arch files' `PPOLL`):
/// an open descriptor with nothing to report answers nothing, a closed one
/// POLLNVAL, and the call says how many answered.
pub(super) fn one_ppoll_tells_closed_descriptors_from_open_ones() -> Outcome {
    const POLLNVAL: i16 = 0x20;
    let (read_end, write_end) = ok!(sys::pipe());
    let (gone, other) = ok!(sys::pipe());
    ok!(sys::close(gone));
    ok!(sys::close(other));
    let ask = |fd| sys::PollFd {
        fd,
        events: 0,
        revents: 0,
    };
    let mut fds = [ask(read_end), ask(gone), ask(write_end)];
    let answered = sys::poll_now(&mut fds);
    let _ = sys::close(read_end);
    let _ = sys::close(write_end);
    ensure_eq!(answered, Ok(1));
    ensure_eq!(fds.map(|f| f.revents), [0, POLLNVAL, 0]);
    Ok(())
}

pub(super) fn write_to_a_closed_pipe_fails_with_epipe() -> Outcome {
    let (read_end, write_end) = ok!(sys::pipe());
    ok!(sys::close(read_end));
    // SIGPIPE is ignored (entry!'s default, and std's under cargo test), so
    // the process lives and the write says why it failed.
    let wrote = sys::write(write_end, b"x");
    let _ = sys::close(write_end);
    ensure_eq!(wrote, Err(Errno::EPIPE));
    Ok(())
}

/// `rt::write_unbuffered`: all of a write larger than a pipe's buffer
/// arrives, in order, while a child drains the pipe; a closed descriptor is
/// EBADF and a pipe without a reader EPIPE, each returned, never retried.
pub(super) fn unbuffered_writes_arrive_whole() -> Outcome {
    // 256 KiB: four times Linux's default pipe buffer, so writes come back
    // short and the loop must carry on after each.
    const LEN: usize = 256 * 1024;
    let pattern = |i: usize| (i % 251) as u8;
    let (read_end, write_end) = ok!(sys::pipe());
    // SAFETY: the child only makes system calls through rawbind: no lock,
    // no allocation, no unwinding.
    let drainer = unsafe {
        sys::spawn(move || {
            let _ = sys::close(write_end);
            let (mut buf, mut position) = ([0u8; 4096], 0usize);
            loop {
                match sys::read(read_end, &mut buf) {
                    Ok(0) => break,
                    Ok(n) => {
                        for (i, &b) in buf[..n].iter().enumerate() {
                            if b != pattern(position + i) {
                                return 3;
                            }
                        }
                        position += n;
                    }
                    Err(_) => return 4,
                }
            }
            u32::from(position != LEN)
        })
    };
    let _ = sys::close(read_end);
    let Ok(drainer) = drainer else {
        let _ = sys::close(write_end);
        fail!("could not start the child that drains the pipe");
    };
    // On the stack (the runners' main threads have megabytes of it), so
    // the runner's file does not carry it.
    let mut bytes = [0u8; LEN];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = pattern(i);
    }
    let wrote = rawbind::rt::write_unbuffered(write_end, &bytes);
    let _ = sys::close(write_end);
    ensure_eq!(wrote, Ok(()));
    ensure_eq!(drainer.wait().ok(), Some(0));
    ensure_eq!(
        rawbind::rt::write_unbuffered(write_end, b"x"),
        Err(Errno::EBADF)
    );
    // Nothing to write makes no call, so even a closed descriptor is Ok.
    ensure_eq!(rawbind::rt::write_unbuffered(write_end, b""), Ok(()));
    let (read_end, write_end) = ok!(sys::pipe());
    ok!(sys::close(read_end));
    let wrote = rawbind::rt::write_unbuffered(write_end, b"x");
    let _ = sys::close(write_end);
    ensure_eq!(wrote, Err(Errno::EPIPE));
    Ok(())
}
