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
            asm!("ecall", in("a7") nr, inlateout("a0") a0 => ret, options(nostack, preserves_flags));
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

    /// Body of a naked `_start`: a static-PIE's relative relocations, then
    /// `$entry(stack, dynamic)` (see arch/x86_64.rs). The same code for
    /// riscv64 and riscv32, with the pointer-sized load and store of each
    /// (ELF64 or ELF32 structures) and `{word}` their size.
    #[cfg(target_pointer_width = "64")]
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            $crate::__rawbind_riscv_start!($entry, "ld", "sd")
        };
    }

    #[cfg(target_pointer_width = "32")]
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            $crate::__rawbind_riscv_start!($entry, "lw", "sw")
        };
    }

    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_riscv_start {
        ($entry:path, $load:literal, $store:literal) => {
            ::core::arch::naked_asm!(
                ".weak _DYNAMIC",
                "mv a0, sp",
                "lla a2, __ehdr_start",
                "li a1, 0",
                "lhu t0, 16(a2)",
                "li t1, 3",
                "bne t0, t1, 5f",
                "lla a1, _DYNAMIC",
                "li a3, 0",
                "li a4, 0",
                "mv a5, a1",
                // Find DT_RELA (7) and DT_RELASZ (8) before DT_NULL.
                concat!("2: ", $load, " t0, 0(a5)"),
                concat!($load, " t1, {word}(a5)"),
                "addi a5, a5, 2 * {word}",
                "beqz t0, 3f",
                "li t2, 7",
                "bne t0, t2, 6f",
                "mv a3, t1",
                "6: li t2, 8",
                "bne t0, t2, 2b",
                "mv a4, t1",
                "j 2b",
                "3: bgeu a3, a2, 5f",
                "add a3, a3, a2",
                "add a4, a4, a3",
                // Each Elf_Rela of type R_RISCV_RELATIVE (3, symbol 0): *(base + offset) = base + addend.
                "4: bgeu a3, a4, 5f",
                concat!($load, " t0, 0(a3)"),
                concat!($load, " t1, {word}(a3)"),
                concat!($load, " t2, 2 * {word}(a3)"),
                "addi a3, a3, 3 * {word}",
                "li t3, 3",
                "bne t1, t3, 4b",
                "add t2, t2, a2",
                "add t0, t0, a2",
                concat!($store, " t2, 0(t0)"),
                "j 4b",
                "5: andi sp, sp, -16",
                "li ra, 0",
                "call {entry}",
                "unimp",
                entry = sym $entry,
                word = const core::mem::size_of::<usize>(),
            )
        };
    }
}
