//! aarch64 (little endian): syscall numbers and the `svc 0` instruction.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`.

/// Numbers from the kernel's generic table.
#[path = "generic.rs"]
pub mod nr;

#[path = "common.rs"]
mod common;
pub use common::{signal, sock, sockopt, SIGCHLD};

/// `AUDIT_ARCH_AARCH64`, what a seccomp filter sees in `seccomp_data.arch`.
pub const AUDIT_ARCH: u32 = 0xc000_00b7;

#[cfg(target_arch = "aarch64")]
pub mod asm {
    use core::arch::asm;

    #[inline(always)]
    pub unsafe fn syscall0(nr: usize) -> isize {
        let ret;
        // SAFETY: the caller passes a valid syscall; `svc 0` only writes x0.
        unsafe { asm!("svc 0", in("x8") nr, lateout("x0") ret, options(nostack, preserves_flags)) }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall1(nr: usize, a0: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the argument.
        unsafe {
            asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, in("x1") a1,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, in("x1") a1, in("x2") a2,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, in("x1") a1, in("x2") a2,
                 in("x3") a3, options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall5(
        nr: usize,
        a0: usize,
        a1: usize,
        a2: usize,
        a3: usize,
        a4: usize,
    ) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, in("x1") a1, in("x2") a2,
                 in("x3") a3, in("x4") a4, options(nostack, preserves_flags));
        }
        ret
    }

    /// Body of a naked `_start`: a static-PIE's relative relocations, then
    /// `$entry(stack, dynamic)` (see arch/x86_64.rs).
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                ".weak _DYNAMIC",
                "mov x29, xzr",
                "mov x30, xzr",
                "mov x0, sp",
                "adrp x2, __ehdr_start",
                "add x2, x2, :lo12:__ehdr_start",
                "mov x1, xzr",
                "ldrh w3, [x2, #16]",
                "cmp w3, #3",
                "b.ne 5f",
                "adrp x1, _DYNAMIC",
                "add x1, x1, :lo12:_DYNAMIC",
                "mov x3, xzr",
                "mov x4, xzr",
                "mov x5, x1",
                // Find DT_RELA (7) and DT_RELASZ (8) before DT_NULL.
                "2: ldp x6, x7, [x5], #16",
                "cbz x6, 3f",
                "cmp x6, #7",
                "csel x3, x7, x3, eq",
                "cmp x6, #8",
                "csel x4, x7, x4, eq",
                "b 2b",
                "3: cmp x3, x2",
                "b.hs 5f",
                "add x3, x3, x2",
                "add x4, x4, x3",
                // Each Elf64_Rela of type R_AARCH64_RELATIVE (1027): *(base + offset) = base + addend.
                "4: cmp x3, x4",
                "b.hs 5f",
                "ldp x5, x6, [x3]",
                "ldr x7, [x3, #16]",
                "add x3, x3, #24",
                "cmp w6, #1027",
                "b.ne 4b",
                "add x7, x7, x2",
                "str x7, [x2, x5]",
                "b 4b",
                "5: bl {entry}",
                "udf #0",
                entry = sym $entry,
            )
        };
    }
}
