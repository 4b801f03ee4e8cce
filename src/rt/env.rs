//! What the kernel hands a new process on its stack: the arguments, the
//! environment and the auxiliary vector (execve(2), getauxval(3)).
//!
//! `_start` records where they are once; everything here reads them as the
//! kernel wrote them, without copying. A program not started through
//! [`entry!`](crate::entry) (nor adopted by the test harness) sees no
//! arguments, no variables and no auxiliary vector.

use core::ptr::null_mut;
use core::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};

static ARGC: AtomicUsize = AtomicUsize::new(0);
static ARGV: AtomicPtr<*const u8> = AtomicPtr::new(null_mut());
static ENVP: AtomicPtr<*const u8> = AtomicPtr::new(null_mut());
/// Set only for a start adopted from a C runtime; otherwise [`auxv`] finds
/// the vector after envp's null each time it is asked.
static AUXV: AtomicPtr<usize> = AtomicPtr::new(null_mut());

/// Finds argc, argv and envp on the initial stack and records them.
///
/// # Safety
/// `stack` is the initial stack pointer of the process.
pub(super) unsafe fn from_stack(
    stack: *const usize,
) -> (usize, *const *const u8, *const *const u8) {
    // SAFETY: the kernel puts argc at the initial stack pointer, then the
    // argv array and its null, then envp's.
    unsafe {
        let argc = *stack;
        let argv = stack.add(1).cast::<*const u8>();
        let envp = argv.add(argc + 1);
        record(argc, argv, envp);
        (argc, argv, envp)
    }
}

/// Records the three arrays. The auxiliary vector, which follows envp's
/// null, is found when [`auxv`] is asked, so a start does not walk the
/// environment.
///
/// # Safety
/// `argv` holds `argc` strings and a null; `envp` is null-terminated and is
/// the kernel's own array, so the auxiliary vector follows it.
pub(super) unsafe fn record(argc: usize, argv: *const *const u8, envp: *const *const u8) {
    ARGC.store(argc, Ordering::Relaxed);
    ARGV.store(argv.cast_mut(), Ordering::Relaxed);
    ENVP.store(envp.cast_mut(), Ordering::Release);
}

/// Finds the auxiliary vector now and keeps it, for a process started by a
/// C runtime, whose unsetenv(3) may later move entries down the kernel's
/// envp array (glibc's does), so its null would no longer mark the start.
///
/// # Safety
/// `record` was given the kernel's own envp, untouched so far.
pub(super) unsafe fn record_auxiliary_vector() {
    // SAFETY: forwarded from the caller.
    let found = unsafe { after_environment(ENVP.load(Ordering::Acquire)) };
    AUXV.store(found.cast_mut(), Ordering::Release);
}

/// The auxiliary vector's first pair, one past `envp`'s null; null for a
/// null `envp`.
///
/// # Safety
/// `envp` is null or the kernel's null-terminated envp array.
unsafe fn after_environment(envp: *const *const u8) -> *const usize {
    if envp.is_null() {
        return core::ptr::null();
    }
    let mut end = envp;
    // SAFETY: envp is null-terminated.
    while !unsafe { *end }.is_null() {
        // SAFETY: not past the null.
        end = unsafe { end.add(1) };
    }
    // SAFETY: one past envp's null is the auxiliary vector.
    unsafe { end.add(1) }.cast()
}

/// The program's arguments, `argv[0]` first, as byte strings.
///
/// ```
/// // Empty outside a program started by rawbind::entry!.
/// for arg in rawbind::rt::args().skip(1) {
///     let _: &[u8] = arg;
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Args {
    argv: *const *const u8,
    remaining: usize,
}

/// The arguments `_start` found (the same [`Args`] `main` receives).
pub fn args() -> Args {
    Args {
        remaining: ARGC.load(Ordering::Relaxed),
        argv: ARGV.load(Ordering::Relaxed),
    }
}

impl Iterator for Args {
    type Item = &'static [u8];

    fn next(&mut self) -> Option<&'static [u8]> {
        if self.remaining == 0 {
            return None;
        }
        // SAFETY: `remaining` counts the argv entries left, each a
        // NUL-terminated string the kernel placed for the life of the process.
        let arg = unsafe { c_string(*self.argv) };
        // SAFETY: at most one past the last entry, the null terminator.
        self.argv = unsafe { self.argv.add(1) };
        self.remaining -= 1;
        Some(arg)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Args {}

/// The environment's variables as `(name, value)` byte strings, in the
/// order the kernel received them. An entry with no `=` is not a variable
/// and is skipped, as Rust's std does.
///
/// ```
/// for (name, value) in rawbind::rt::vars() {
///     assert!(!name.contains(&b'='));
///     let _ = value;
/// }
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Vars {
    next: *const *const u8,
}

/// Every environment variable (see [`Vars`]).
pub fn vars() -> Vars {
    Vars {
        next: ENVP.load(Ordering::Relaxed),
    }
}

impl Iterator for Vars {
    type Item = (&'static [u8], &'static [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.next.is_null() {
                return None;
            }
            // SAFETY: `next` points into envp, before or at its null.
            let entry = unsafe { *self.next };
            if entry.is_null() {
                self.next = core::ptr::null();
                return None;
            }
            // SAFETY: not past the null.
            self.next = unsafe { self.next.add(1) };
            // SAFETY: each entry is a NUL-terminated string for the life of the process.
            let entry = unsafe { c_string(entry) };
            if let Some(eq) = entry.iter().position(|&b| b == b'=') {
                return Some((&entry[..eq], &entry[eq + 1..]));
            }
        }
    }
}

/// The value of the environment variable `name` (the first one, if the
/// environment names it twice), as bytes.
///
/// ```
/// if let Some(fds) = rawbind::rt::var(b"LISTEN_FDS") {
///     let _: &[u8] = fds;
/// }
/// ```
#[must_use]
// One copy for every caller: each inlined copy is a scan of the environment.
#[inline(never)]
pub fn var(name: &[u8]) -> Option<&'static [u8]> {
    vars()
        .find(|&(candidate, _)| candidate == name)
        .map(|(_, value)| value)
}

/// Keys of the auxiliary vector (`AT_*` in `include/uapi/linux/auxvec.h`),
/// for [`auxv`].
pub mod at {
    /// Address of the program headers.
    pub const PHDR: usize = 3;
    /// Size of one program header.
    pub const PHENT: usize = 4;
    /// Number of program headers.
    pub const PHNUM: usize = 5;
    /// The page size.
    pub const PAGESZ: usize = 6;
    /// Where the program interpreter was loaded (0 without one).
    pub const BASE: usize = 7;
    /// The program's entry point.
    pub const ENTRY: usize = 9;
    /// Real uid.
    pub const UID: usize = 11;
    /// Effective uid.
    pub const EUID: usize = 12;
    /// Real gid.
    pub const GID: usize = 13;
    /// Effective gid.
    pub const EGID: usize = 14;
    /// Address of a string naming the platform.
    pub const PLATFORM: usize = 15;
    /// CPU feature bits (on aarch64, bit 8 is LSE atomics).
    pub const HWCAP: usize = 16;
    /// Clock ticks per second.
    pub const CLKTCK: usize = 17;
    /// Non-zero when the program runs set-uid or with file capabilities.
    pub const SECURE: usize = 23;
    /// Address of 16 random bytes.
    pub const RANDOM: usize = 25;
    /// More CPU feature bits.
    pub const HWCAP2: usize = 26;
    /// Address of the file name the program was executed as.
    pub const EXECFN: usize = 31;
    /// Address of the vDSO's ELF header.
    pub const SYSINFO_EHDR: usize = 33;
    /// The smallest signal stack the kernel needs.
    pub const MINSIGSTKSZ: usize = 51;
}

/// The value the kernel put in the auxiliary vector under `key` (one of
/// [`at`]), or `None` if it gave no such entry.
///
/// ```
/// use rawbind::rt::{auxv, at};
/// if let Some(page) = auxv(at::PAGESZ) {
///     assert!(page.is_power_of_two());
/// }
/// ```
pub fn auxv(key: usize) -> Option<usize> {
    const AT_NULL: usize = 0;
    let mut pair = AUXV.load(Ordering::Acquire).cast_const();
    if pair.is_null() {
        // SAFETY: `record` was given the kernel's envp (or none), which
        // nothing in a program started by `entry!` edits.
        pair = unsafe { after_environment(ENVP.load(Ordering::Acquire)) };
    }
    if pair.is_null() {
        return None;
    }
    loop {
        // SAFETY: the auxiliary vector is (key, value) pairs ending with AT_NULL.
        let (found, value) = unsafe { (*pair, *pair.add(1)) };
        match found {
            AT_NULL => return None,
            _ if found == key => return Some(value),
            // SAFETY: the next pair, at most the AT_NULL one.
            _ => pair = unsafe { pair.add(2) },
        }
    }
}

/// The 16 random bytes the kernel gives every process (`AT_RANDOM`), for
/// seeding hashes or stack canaries.
///
/// ```
/// if let Some(seed) = rawbind::rt::random_bytes() {
///     assert_eq!(seed.len(), 16);
/// }
/// ```
#[must_use]
pub fn random_bytes() -> Option<&'static [u8; 16]> {
    let address = auxv(at::RANDOM)?;
    // SAFETY: the kernel's AT_RANDOM points at 16 bytes on the initial stack,
    // which nothing writes to.
    (address != 0).then(|| unsafe { &*(address as *const [u8; 16]) })
}

/// The bytes of a NUL-terminated string, without strlen(3).
///
/// # Safety
/// `start` points to a NUL-terminated string that lives forever.
unsafe fn c_string(start: *const u8) -> &'static [u8] {
    let mut len = 0;
    // Volatile, so the optimizer cannot turn the loop into a call to strlen,
    // which a program without a C library does not have.
    // SAFETY: the string is NUL-terminated, so every byte up to the NUL is readable.
    while unsafe { core::ptr::read_volatile(start.add(len)) } != 0 {
        len += 1;
    }
    // SAFETY: `len` bytes from `start` were just read and stay valid.
    unsafe { core::slice::from_raw_parts(start, len) }
}
