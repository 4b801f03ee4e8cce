//! RISC-V, 64-bit (riscv64) and 32-bit (riscv32): syscall numbers and
//! `ecall`, the same for both widths.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`.

/// Numbers from the kernel's generic table.
#[path = "generic.rs"]
pub mod nr;

#[path = "common.rs"]
mod common;
pub use common::{signal, sock, sockopt, SIGCHLD};

/// `AUDIT_ARCH_RISCV64` and `AUDIT_ARCH_RISCV32`.
pub const AUDIT_ARCH_64: u32 = 0xc000_00f3;
pub const AUDIT_ARCH_32: u32 = 0x4000_00f3;
/// What a seccomp filter sees in `seccomp_data.arch`.
pub const AUDIT_ARCH: u32 = if cfg!(target_pointer_width = "64") {
    AUDIT_ARCH_64
} else {
    AUDIT_ARCH_32
};

#[cfg(any(target_arch = "riscv64", target_arch = "riscv32"))]
pub mod asm {
    use core::arch::asm;

    // Number in a7, arguments in a0..a5, answer in a0.

    #[inline(always)]
    pub unsafe fn syscall0(nr: usize) -> isize {
        let ret;
        // SAFETY: the caller passes a valid syscall; `ecall` only writes a0.
        unsafe { asm!("ecall", in("a7") nr, lateout("a0") ret, options(nostack, preserves_flags)) }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall1(nr: usize, a0: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the argument.
        unsafe {
            asm!("ecall", in("a7") nr, inlateout("a0") a0 => ret, options(nostack, preserves_flags))
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("ecall", in("a7") nr, inlateout("a0") a0 => ret, in("a1") a1,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("ecall", in("a7") nr, inlateout("a0") a0 => ret, in("a1") a1, in("a2") a2,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("ecall", in("a7") nr, inlateout("a0") a0 => ret, in("a1") a1, in("a2") a2,
                 in("a3") a3, options(nostack, preserves_flags));
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
            asm!("ecall", in("a7") nr, inlateout("a0") a0 => ret, in("a1") a1, in("a2") a2,
                 in("a3") a3, in("a4") a4, options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn exit_group(code: usize) -> ! {
        // SAFETY: exit_group does not return.
        unsafe {
            asm!("ecall", in("a7") super::nr::EXIT_GROUP, in("a0") code, options(noreturn, nostack))
        }
    }

    /// Body of a naked `_start`: the stack pointer (argc, argv...) goes to `$entry`.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                "mv a0, sp", "andi sp, sp, -16", "li ra, 0", "call {entry}", "unimp",
                entry = sym $entry,
            )
        };
    }
}
