//! The runtime for `#![no_std] #![no_main]` programs with no C library:
//! [`entry!`](crate::entry) defines `_start`, which applies a static-PIE's
//! own relocations, checks the program was linked so that it can run, makes
//! sure descriptors 0, 1 and 2 are open, ignores SIGPIPE (unless told not
//! to), runs `.init_array`, calls `main(Args) -> i32` and exits with its
//! answer after flushing [`stdout`]. Around it: the arguments, the
//! environment and the auxiliary vector ([`var`], [`vars`], [`auxv`]),
//! buffered standard output and error ([`Output`]), and the memory functions
//! `core` calls.
//!
//! ```
//! use core::fmt::Write;
//!
//! // In a `#![no_std] #![no_main]` program (see `showcase/src/bindprobe.rs`):
//! // rawbind::entry!(program);
//! fn program(args: rawbind::rt::Args) -> i32 {
//!     let home = rawbind::rt::var(b"HOME").unwrap_or(b"(unset)");
//!     let _ = writeln!(rawbind::rt::stdout(), "{} arguments, HOME is {} bytes", args.len(), home.len());
//!     0
//! }
//! ```
//!
//! How to build such a program (the `.cargo/config.toml` and the profile to
//! copy) is in the README's "Writing a libc-free program".

mod activation;
mod env;
pub mod mem;
mod output;

use core::sync::atomic::{AtomicPtr, Ordering};

use crate::sys;

pub use activation::{listen_fds, ActivationError, ListenFd, ListenFds};
pub use env::{args, at, auxv, random_bytes, var, vars, Args, Vars};
pub use output::{stderr, stdout, write_unbuffered, Output};

/// Defines a libc-free program's entry point and what `core` needs without
/// a C library: `_start`; `memcpy`, `memmove`, `memset`, `memcmp` and
/// `bcmp`; `getauxval`, answered from the real auxiliary vector (aarch64's
/// outline atomics ask it whether the CPU has LSE); and the unwinding
/// personality that unoptimized builds of `core` name.
///
/// `_start` runs, in order: the static-PIE's relative relocations (nothing
/// for a non-PIE), a refusal with exit status 127 and a message if the
/// program was started by a dynamic linker or packs its relocations as
/// `DT_RELR`, `/dev/null` opened on whichever of descriptors 0, 1, 2 is closed
/// (so no socket becomes standard output), SIGPIPE ignored, `.init_array`,
/// then `main(Args) -> i32` and [`exit`] with its answer.
///
/// A write to a pipe or socket whose reader is gone then fails with EPIPE
/// instead of killing the program, as in Rust's std. To keep the disposition
/// the program inherited (a filter that should die with its pipe), write
/// `entry!(main, sigpipe = inherit)`; `sigpipe = ignore` is the default.
///
/// Link statically, as a static-PIE or not, with `panic = "abort"`; the
/// README's "Writing a libc-free program" has the whole recipe. Needs Rust
/// 1.88 (naked functions). A whole program (`text`: a doctest cannot be a
/// `no_main` program; `showcase/src/minimal.rs` is this, built and run by the
/// test command on every target):
///
/// ```text
/// #![no_std]
/// #![no_main]
///
/// rawbind::entry!(main);
///
/// fn main(_args: rawbind::rt::Args) -> i32 {
///     0
/// }
///
/// #[panic_handler]
/// fn panic(_: &core::panic::PanicInfo) -> ! {
///     rawbind::rt::exit(101)
/// }
/// ```
#[macro_export]
macro_rules! entry {
    ($main:path) => {
        $crate::entry!($main, sigpipe = ignore);
    };
    ($main:path, sigpipe = ignore) => {
        $crate::__rawbind_entry!($main, $crate::rt::Sigpipe::Ignore);
    };
    ($main:path, sigpipe = inherit) => {
        $crate::__rawbind_entry!($main, $crate::rt::Sigpipe::Inherit);
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __rawbind_entry {
    ($main:path, $sigpipe:expr) => {
        #[unsafe(naked)]
        #[unsafe(no_mangle)]
        unsafe extern "C" fn _start() -> ! {
            $crate::__rawbind_entry_trampoline!(__rawbind_start)
        }

        unsafe extern "C" fn __rawbind_start(stack: *const usize, dynamic: *const usize) -> ! {
            // SAFETY: `_start` passes the initial stack pointer, where the
            // kernel put argc, argv, envp and the auxiliary vector, and the
            // address of this program's dynamic section (or null), having
            // applied its relocations.
            unsafe { $crate::rt::start(stack, dynamic, $sigpipe, $main) }
        }

        #[unsafe(no_mangle)]
        unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
            // SAFETY: the caller upholds memcpy's contract.
            unsafe { $crate::rt::mem::copy_forward(dest, src, n) };
            dest
        }

        #[unsafe(no_mangle)]
        unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
            // SAFETY: the caller upholds memmove's contract.
            unsafe { $crate::rt::mem::copy(dest, src, n) };
            dest
        }

        #[unsafe(no_mangle)]
        unsafe extern "C" fn memset(dest: *mut u8, byte: i32, n: usize) -> *mut u8 {
            // SAFETY: the caller upholds memset's contract.
            unsafe { $crate::rt::mem::set(dest, byte as u8, n) };
            dest
        }

        #[unsafe(no_mangle)]
        unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
            // SAFETY: the caller upholds memcmp's contract.
            unsafe { $crate::rt::mem::compare(a, b, n) }
        }

        #[unsafe(no_mangle)]
        unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
            // SAFETY: the caller upholds bcmp's contract.
            unsafe { $crate::rt::mem::compare(a, b, n) }
        }

        /// getauxval(3) from the auxiliary vector `_start` found; 0 when the
        /// kernel gave no such entry.
        #[unsafe(no_mangle)]
        extern "C" fn getauxval(key: usize) -> usize {
            $crate::rt::auxv(key).unwrap_or(0)
        }

        /// Unoptimized builds of the precompiled `core` name the unwinding
        /// personality; with `panic = "abort"` nothing ever calls it.
        #[unsafe(no_mangle)]
        extern "C" fn rust_eh_personality() {}
    };
}

/// What [`entry!`](crate::entry) does with SIGPIPE before `main`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sigpipe {
    /// Ignore it, so a write to a closed pipe or socket fails with EPIPE
    /// (`entry!(main)`, as Rust's std does).
    Ignore,
    /// Leave the disposition inherited from the parent
    /// (`entry!(main, sigpipe = inherit)`).
    Inherit,
}

/// `_start`'s work once relocated: see [`entry!`](crate::entry).
///
/// # Safety
/// `stack` is the process's initial stack pointer and `dynamic` the runtime
/// address of its `_DYNAMIC` (or null), as the arch file's `_start` passes
/// them; called once, before anything else.
#[doc(hidden)]
#[inline]
pub unsafe fn start(
    stack: *const usize,
    dynamic: *const usize,
    sigpipe: Sigpipe,
    main: fn(Args) -> i32,
) -> ! {
    // SAFETY: forwarded from the caller.
    let (argc, argv, envp) = unsafe { env::from_stack(stack) };
    // SAFETY: `dynamic` is null or this program's dynamic section.
    unsafe { refuse_unstartable(dynamic) };
    open_standard_descriptors();
    if sigpipe == Sigpipe::Ignore {
        // Refused only for a bad signal number, which SIGPIPE is not.
        let _ = sys::ignore_signal(crate::arch::signal::SIGPIPE);
    }
    // SAFETY: the linker bounds `.init_array` with these symbols, and the
    // relocations its entries need are applied.
    unsafe { run_init_array(argc, argv, envp) };
    exit(main(args()))
}

/// Ends with status 127 and says why, for a program linked in a way this
/// start code cannot serve. Reads only integers and prints a literal, which
/// work even when a dynamic linker has applied REL relocations a second time.
///
/// # Safety
/// `dynamic` is null or this program's dynamic section.
unsafe fn refuse_unstartable(dynamic: *const usize) {
    const DT_NULL: usize = 0;
    const DT_RELR: usize = 36;
    if has_interpreter() {
        refuse(
            b"rawbind::entry!: this program was started by a dynamic linker, but it must be \
              linked static (-C target-feature=+crt-static; README: \"Writing a libc-free \
              program\")\n",
        );
    }
    let mut entry = dynamic;
    // SAFETY: the dynamic section is (tag, value) pairs ending with DT_NULL.
    while !entry.is_null() && unsafe { *entry } != DT_NULL {
        // SAFETY: as above; the pair's value follows its tag.
        if unsafe { *entry } == DT_RELR {
            refuse(
                b"rawbind::entry!: DT_RELR relocations (-z pack-relative-relocs) are not \
                  applied by entry!: link without that option\n",
            );
        }
        // SAFETY: the next pair, at most the DT_NULL one.
        entry = unsafe { entry.add(2) };
    }
}

/// Whether the program was linked with a program interpreter (`PT_INTERP`),
/// so that a dynamic linker starts it. Read from this program's own headers
/// rather than from `AT_BASE`: the ELF gABI places `PT_INTERP` before every
/// loadable segment, so the scan ends at the first `PT_LOAD`, the first or
/// second header, where a walk of the auxiliary vector takes a dozen pairs.
fn has_interpreter() -> bool {
    const PT_LOAD: u32 = 1;
    const PT_INTERP: u32 = 3;
    // Elf64_Ehdr / Elf32_Ehdr: e_phoff, e_phentsize, e_phnum.
    #[cfg(target_pointer_width = "64")]
    const FIELDS: (usize, usize, usize) = (32, 54, 56);
    #[cfg(target_pointer_width = "32")]
    const FIELDS: (usize, usize, usize) = (28, 42, 44);
    extern "C" {
        static __ehdr_start: u8;
    }
    // SAFETY: only the address is taken (older compilers call that unsafe).
    #[allow(unused_unsafe)]
    let header = unsafe { core::ptr::addr_of!(__ehdr_start) };
    // SAFETY: the linker defines `__ehdr_start` at this program's ELF header,
    // page-aligned and mapped with its first segment (`_start` reads it
    // too); the program headers it points to are mapped with it. ELF lays
    // out every field at its natural alignment, so each read is aligned.
    unsafe {
        let at = |offset: usize| header.add(offset);
        let phoff = at(FIELDS.0).cast::<usize>().read();
        let phentsize = usize::from(at(FIELDS.1).cast::<u16>().read());
        let phnum = usize::from(at(FIELDS.2).cast::<u16>().read());
        for index in 0..phnum {
            match at(phoff + index * phentsize).cast::<u32>().read() {
                PT_INTERP => return true,
                PT_LOAD => return false,
                _ => {}
            }
        }
    }
    false
}

fn refuse(why: &[u8]) -> ! {
    let _ = sys::write(2, why);
    sys::exit(127)
}

/// Opens `/dev/null` on each of descriptors 0, 1 and 2 that is closed, as
/// std does, so that the program's first socket cannot become its standard
/// output. If even that fails the process cannot safely go on.
fn open_standard_descriptors() {
    // One ppoll(2) asks after all three: a closed descriptor would answer
    // POLLNVAL, so no answer at all, the usual case, means all are open.
    // Any other outcome (an event, a kernel or filter that refuses ppoll)
    // is settled one descriptor at a time.
    let mut standard = [0, 1, 2].map(|fd| sys::PollFd {
        fd,
        events: 0,
        revents: 0,
    });
    if sys::poll_now(&mut standard) != Ok(0) {
        open_if_closed(0);
        open_if_closed(1);
        open_if_closed(2);
    }
}

/// `/dev/null` on `fd` if it is closed, taking the lowest free number, so
/// the calls go in order; exit status 127 if that cannot be done.
#[cold]
#[inline(never)]
fn open_if_closed(fd: i32) {
    const O_RDWR: usize = 2;
    if sys::fcntl(fd, sys::F_GETFD, 0) == Err(crate::Errno::EBADF)
        && sys::open(c"/dev/null", O_RDWR) != Ok(fd)
    {
        sys::exit(127);
    }
}

type InitFunction = unsafe extern "C" fn(i32, *const *const u8, *const *const u8);

/// Calls each `.init_array` function with argc, argv and envp, as C runtimes
/// do (compiler-builtins' aarch64 atomics read the CPU's features there).
///
/// # Safety
/// Called once, at start, with the process's own argc, argv and envp.
#[inline]
unsafe fn run_init_array(argc: usize, argv: *const *const u8, envp: *const *const u8) {
    extern "C" {
        static __init_array_start: [InitFunction; 0];
        static __init_array_end: [InitFunction; 0];
    }
    // SAFETY: only the addresses are taken (older compilers call that unsafe).
    #[allow(unused_unsafe)]
    let (mut next, end) = unsafe {
        (
            core::ptr::addr_of!(__init_array_start).cast::<usize>(),
            core::ptr::addr_of!(__init_array_end).cast::<usize>(),
        )
    };
    while next < end {
        // SAFETY: `next` is inside `.init_array`, an array of function
        // addresses (0 and -1 are old markers, not functions).
        let function = unsafe { *next };
        if function != 0 && function != usize::MAX {
            // SAFETY: an `.init_array` entry is a function taking these.
            unsafe {
                let function: InitFunction = core::mem::transmute(function);
                function(argc as i32, argv, envp);
            }
        }
        // SAFETY: at most `end`.
        next = unsafe { next.add(1) };
    }
}

/// Set by the first write to [`stdout`] or [`stderr`]: what [`exit`] calls
/// to flush them and report a failed write. A program that never writes
/// does not link that code.
static BEFORE_EXIT: AtomicPtr<()> = AtomicPtr::new(core::ptr::null_mut());

/// Ends the process with `code` (`exit_group(2)`), after flushing standard
/// output and error. If a write to standard output failed during the run
/// (`/dev/full`, a closed pipe), it says so on standard error and a `code`
/// of 0 becomes 1, so the failure is never silent.
///
/// ```no_run
/// rawbind::rt::exit(0);
/// ```
pub fn exit(code: i32) -> ! {
    let before_exit = BEFORE_EXIT.load(Ordering::Acquire);
    let code = if before_exit.is_null() {
        code
    } else {
        // SAFETY: only `output` stores here, and only `output::before_exit`.
        let before_exit: fn(i32) -> i32 = unsafe { core::mem::transmute(before_exit) };
        before_exit(code)
    };
    sys::exit(code)
}

/// For programs started by a C runtime (the host test harness): records
/// the arguments, environment and auxiliary vector from what an
/// `.init_array` function receives, so [`var`] and [`auxv`] answer there too.
///
/// # Safety
/// `argv` and `envp` are the process's original arrays (the auxiliary vector
/// follows `envp`'s terminating null), as glibc passes them to `.init_array`.
#[doc(hidden)]
pub unsafe fn adopt_process_start(argc: i32, argv: *const *const u8, envp: *const *const u8) {
    // SAFETY: forwarded from the caller, before the program could edit
    // its environment.
    unsafe {
        env::record(argc as usize, argv, envp);
        env::record_auxiliary_vector();
    }
}
