//! What the measurements compare rawbind with, where no crate provides it:
//! a bare inline-asm system call and a bare `_start` (in
//! `arch/reference/bare.rs`, with every other instruction sequence), and
//! the few helpers the baseline programs share. The system call numbers
//! come from `rawbind::raw::nr` (constants, so they cost nothing).
#![no_std]
#![cfg_attr(target_arch = "mips64", feature(asm_experimental_arch))]
#![allow(clippy::missing_safety_doc, clippy::inline_always)]

#[path = "../../arch/reference/bare.rs"]
mod bare;
pub use bare::syscall3;

/// The port as decimal digits and a newline, into `buf`; the length.
#[inline]
pub fn port_line(port: u16, buf: &mut [u8; 6]) -> usize {
    let mut digits = [0u8; 5];
    let (mut n, mut len) = (port, 0);
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        n /= 10;
        len += 1;
        if n == 0 {
            break;
        }
    }
    for (i, digit) in digits[..len].iter().rev().enumerate() {
        buf[i] = *digit;
    }
    buf[len] = b'\n';
    len + 1
}

/// exit_group(2) with `code`, in bare asm.
pub fn exit(code: usize) -> ! {
    loop {
        // SAFETY: exit_group takes an integer and does not return.
        unsafe { syscall3(rawbind::raw::nr::EXIT_GROUP, code, 0, 0) };
    }
}

/// memset, memcpy, bcmp, strlen and the unwinding personality for a
/// program without rawbind's runtime (the rustix and bare baselines), where
/// the compiler's builtins do not provide them.
/// Byte at a time and volatile, so that the loop is not itself turned into
/// a call to memset: the smallest there is, as a bare program would have.
#[macro_export]
macro_rules! mem_functions {
    () => {
        #[no_mangle]
        unsafe extern "C" fn memset(dest: *mut u8, byte: i32, len: usize) -> *mut u8 {
            for i in 0..len {
                // SAFETY: the caller gives `len` writable bytes at `dest`.
                unsafe { dest.add(i).write_volatile(byte as u8) };
            }
            dest
        }

        #[no_mangle]
        unsafe extern "C" fn memcpy(dest: *mut u8, src: *const u8, len: usize) -> *mut u8 {
            for i in 0..len {
                // SAFETY: the caller gives `len` bytes at each, not overlapping.
                unsafe { dest.add(i).write_volatile(src.add(i).read_volatile()) };
            }
            dest
        }

        #[no_mangle]
        unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, len: usize) -> i32 {
            for i in 0..len {
                // SAFETY: the caller gives `len` readable bytes at each.
                if unsafe { a.add(i).read_volatile() != b.add(i).read_volatile() } {
                    return 1;
                }
            }
            0
        }

        #[no_mangle]
        unsafe extern "C" fn strlen(s: *const u8) -> usize {
            let mut len = 0;
            // SAFETY: the caller gives a NUL-terminated string.
            while unsafe { s.add(len).read_volatile() } != 0 {
                len += 1;
            }
            len
        }

        /// Unoptimized builds of the precompiled `core` name the unwinding
        /// personality; with `panic = "abort"` nothing ever calls it.
        #[no_mangle]
        extern "C" fn rust_eh_personality() {}
    };
}
