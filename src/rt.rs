//! A minimal runtime for `#![no_std] #![no_main]` programs that have no C
//! library: the `_start` entry point, the arguments, output, and exit.
//!
//! ```
//! use core::fmt::Write;
//!
//! // In a `#![no_std] #![no_main]` program (see `examples/bindprobe.rs`):
//! // rawbind::entry!(program);
//! fn program(args: rawbind::rt::Args) -> i32 {
//!     let _ = writeln!(rawbind::rt::stdout(), "{} arguments", args.len());
//!     0
//! }
//! ```

use core::fmt;

use crate::sys;

/// Defines what a program without a C library needs: `_start`, which reads
/// argc and argv from the initial stack, calls `main(Args) -> i32` and exits
/// with its result; and the memory functions `core` calls (`memcpy`,
/// `memmove`, `memset`, `memcmp`, `bcmp`, and `getauxval` for aarch64's
/// outline atomics). Link the program with `-nostdlib`
/// `-static` (this crate's `build.rs` does so for its examples).
#[macro_export]
macro_rules! entry {
    ($main:path) => {
        #[unsafe(naked)]
        #[unsafe(no_mangle)]
        unsafe extern "C" fn _start() -> ! {
            $crate::__rawbind_entry_trampoline!(__rawbind_start)
        }

        unsafe extern "C" fn __rawbind_start(stack: *const usize) -> ! {
            // SAFETY: `_start` passes the initial stack pointer, where the
            // kernel put argc and argv.
            let args = unsafe { $crate::rt::Args::from_stack(stack) };
            $crate::rt::exit($main(args))
        }

        #[unsafe(no_mangle)]
        unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
            // SAFETY: the caller upholds memcpy's contract.
            unsafe { $crate::rt::mem::copy(dest, src, n) }
        }

        #[unsafe(no_mangle)]
        unsafe extern "C" fn memmove(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
            // SAFETY: the caller upholds memmove's contract.
            unsafe { $crate::rt::mem::copy(dest, src, n) }
        }

        #[unsafe(no_mangle)]
        unsafe extern "C" fn memset(dest: *mut u8, byte: i32, n: usize) -> *mut u8 {
            // SAFETY: the caller upholds memset's contract.
            unsafe { $crate::rt::mem::set(dest, byte as u8, n) }
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

        /// compiler-builtins' aarch64 outline atomics name getauxval(3) from a
        /// constructor; with no C runtime no constructor runs, and the atomics
        /// keep their baseline instructions. "Not found" is a valid answer.
        #[unsafe(no_mangle)]
        extern "C" fn getauxval(_type: usize) -> usize {
            0
        }

        /// Unoptimized builds of the precompiled `core` name the unwinding
        /// personality; with `panic = "abort"` nothing ever calls it.
        #[unsafe(no_mangle)]
        extern "C" fn rust_eh_personality() {}
    };
}

/// The memory functions behind [`entry!`]. Each byte goes through a volatile
/// access, so the optimizer cannot turn the loops back into calls to the very
/// functions they implement.
#[doc(hidden)]
pub mod mem {
    use core::ptr::{read_volatile, write_volatile};

    /// memmove: copies `n` bytes, correct when the ranges overlap.
    ///
    /// # Safety
    /// `src` readable and `dest` writable for `n` bytes.
    pub unsafe fn copy(dest: *mut u8, src: *const u8, n: usize) -> *mut u8 {
        if (dest as usize) <= (src as usize) {
            for i in 0..n {
                // SAFETY: `i < n`; copying forwards never overwrites unread bytes here.
                unsafe { write_volatile(dest.add(i), read_volatile(src.add(i))) }
            }
        } else {
            for i in (0..n).rev() {
                // SAFETY: `i < n`; copying backwards never overwrites unread bytes here.
                unsafe { write_volatile(dest.add(i), read_volatile(src.add(i))) }
            }
        }
        dest
    }

    /// memset.
    ///
    /// # Safety
    /// `dest` writable for `n` bytes.
    pub unsafe fn set(dest: *mut u8, byte: u8, n: usize) -> *mut u8 {
        for i in 0..n {
            // SAFETY: `i < n`.
            unsafe { write_volatile(dest.add(i), byte) }
        }
        dest
    }

    /// memcmp.
    ///
    /// # Safety
    /// `a` and `b` readable for `n` bytes.
    pub unsafe fn compare(a: *const u8, b: *const u8, n: usize) -> i32 {
        for i in 0..n {
            // SAFETY: `i < n`.
            let (x, y) = unsafe { (read_volatile(a.add(i)), read_volatile(b.add(i))) };
            if x != y {
                return x as i32 - y as i32;
            }
        }
        0
    }
}

/// The program's arguments, `argv[0]` first, as byte strings.
#[derive(Clone, Copy, Debug)]
pub struct Args {
    argv: *const *const u8,
    remaining: usize,
}

impl Args {
    /// Reads argc and argv from the stack as the kernel leaves it at `_start`.
    ///
    /// # Safety
    /// `stack` must be the initial stack pointer of the process.
    #[doc(hidden)]
    pub unsafe fn from_stack(stack: *const usize) -> Args {
        // SAFETY: the kernel puts argc at the initial stack pointer and the
        // argv array, NULL-terminated, right after it.
        unsafe {
            Args {
                remaining: *stack,
                argv: stack.add(1).cast(),
            }
        }
    }
}

impl Iterator for Args {
    type Item = &'static [u8];

    fn next(&mut self) -> Option<&'static [u8]> {
        if self.remaining == 0 {
            return None;
        }
        // SAFETY: `remaining` counts the argv entries left, each a NUL-terminated
        // string the kernel placed for the life of the process.
        let arg = unsafe { c_string(*self.argv) };
        // SAFETY: at most one past the last entry, the NULL terminator.
        self.argv = unsafe { self.argv.add(1) };
        self.remaining -= 1;
        Some(arg)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.remaining, Some(self.remaining))
    }
}

impl ExactSizeIterator for Args {}

/// The bytes of a NUL-terminated string, without strlen(3).
///
/// # Safety
/// `start` points to a NUL-terminated string that lives forever.
unsafe fn c_string(start: *const u8) -> &'static [u8] {
    let mut len = 0;
    // SAFETY: the string is NUL-terminated, so every byte up to the NUL is readable.
    while unsafe { core::ptr::read_volatile(start.add(len)) } != 0 {
        len += 1;
    }
    // SAFETY: `len` bytes from `start` were just read and stay valid.
    unsafe { core::slice::from_raw_parts(start, len) }
}

/// Ends the process with `code` (exit_group(2)).
pub fn exit(code: i32) -> ! {
    sys::exit(code)
}

/// A writer to a standard descriptor, for `write!`; see [`stdout`] and [`stderr`].
#[derive(Debug)]
pub struct Output {
    fd: i32,
}

/// Standard output (descriptor 1).
pub fn stdout() -> Output {
    Output { fd: 1 }
}

/// Standard error (descriptor 2).
pub fn stderr() -> Output {
    Output { fd: 2 }
}

impl Output {
    /// Writes all of `bytes` (write(2), retried on short writes and EINTR).
    pub fn write_all(&mut self, mut bytes: &[u8]) -> Result<(), crate::Errno> {
        while !bytes.is_empty() {
            match sys::write(self.fd, bytes) {
                Ok(written) => bytes = bytes.get(written..).unwrap_or(&[]),
                Err(crate::Errno::EINTR) => {}
                Err(errno) => return Err(errno),
            }
        }
        Ok(())
    }
}

impl fmt::Write for Output {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.write_all(s.as_bytes()).map_err(|_| fmt::Error)
    }
}
