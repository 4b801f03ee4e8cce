//! loongarch64: syscall numbers and `syscall 0`.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`.

/// Numbers from the kernel's generic table.
#[path = "generic.rs"]
pub mod nr;

#[path = "common.rs"]
mod common;
pub use common::{signal, sock, sockopt, SIGCHLD};

/// `AUDIT_ARCH_LOONGARCH64`, what a seccomp filter sees in `seccomp_data.arch`.
pub const AUDIT_ARCH: u32 = 0xc000_0102;

#[cfg(target_arch = "loongarch64")]
pub mod asm {
    use core::arch::asm;

    // Number in a7, arguments in a0..a5, answer in a0; the kernel may change
    // the temporaries t0..t8.

    #[inline(always)]
    pub unsafe fn syscall0(nr: usize) -> isize {
        let ret;
        // SAFETY: the caller passes a valid syscall and vouches for its arguments; every
        // register the kernel may change is declared.
        unsafe {
            asm!("syscall 0", in("$a7") nr, lateout("$a0") ret, lateout("$t0") _,
                 lateout("$t1") _, lateout("$t2") _, lateout("$t3") _, lateout("$t4") _,
                 lateout("$t5") _, lateout("$t6") _, lateout("$t7") _, lateout("$t8") _,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall1(nr: usize, a0: usize) -> isize {
        let ret;
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, lateout("$t0") _,
                 lateout("$t1") _, lateout("$t2") _, lateout("$t3") _, lateout("$t4") _,
                 lateout("$t5") _, lateout("$t6") _, lateout("$t7") _, lateout("$t8") _,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> isize {
        let ret;
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, in("$a1") a1,
                 lateout("$t0") _, lateout("$t1") _, lateout("$t2") _, lateout("$t3") _,
                 lateout("$t4") _, lateout("$t5") _, lateout("$t6") _, lateout("$t7") _,
                 lateout("$t8") _, options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> isize {
        let ret;
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, in("$a1") a1,
                 in("$a2") a2, lateout("$t0") _, lateout("$t1") _, lateout("$t2") _,
                 lateout("$t3") _, lateout("$t4") _, lateout("$t5") _, lateout("$t6") _,
                 lateout("$t7") _, lateout("$t8") _, options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let ret;
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, in("$a1") a1,
                 in("$a2") a2, in("$a3") a3, lateout("$t0") _, lateout("$t1") _,
                 lateout("$t2") _, lateout("$t3") _, lateout("$t4") _, lateout("$t5") _,
                 lateout("$t6") _, lateout("$t7") _, lateout("$t8") _,
                 options(nostack, preserves_flags));
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
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall 0", in("$a7") nr, inlateout("$a0") a0 => ret, in("$a1") a1,
                 in("$a2") a2, in("$a3") a3, in("$a4") a4, lateout("$t0") _, lateout("$t1") _,
                 lateout("$t2") _, lateout("$t3") _, lateout("$t4") _, lateout("$t5") _,
                 lateout("$t6") _, lateout("$t7") _, lateout("$t8") _,
                 options(nostack, preserves_flags));
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
                "move $a0, $sp",
                "la.pcrel $a2, __ehdr_start",
                "move $a1, $zero",
                "ld.hu $t0, $a2, 16",
                "ori $t1, $zero, 3",
                "bne $t0, $t1, 5f",
                "la.pcrel $a1, _DYNAMIC",
                "move $a3, $zero",
                "move $a4, $zero",
                "move $a5, $a1",
                // Find DT_RELA (7) and DT_RELASZ (8) before DT_NULL.
                "2: ld.d $t0, $a5, 0",
                "ld.d $t1, $a5, 8",
                "addi.d $a5, $a5, 16",
                "beqz $t0, 3f",
                "ori $t2, $zero, 7",
                "bne $t0, $t2, 6f",
                "move $a3, $t1",
                "6: ori $t2, $zero, 8",
                "bne $t0, $t2, 2b",
                "move $a4, $t1",
                "b 2b",
                "3: bgeu $a3, $a2, 5f",
                "add.d $a3, $a3, $a2",
                "add.d $a4, $a4, $a3",
                // Each Elf64_Rela of type R_LARCH_RELATIVE (3): *(base + offset) = base + addend.
                "4: bgeu $a3, $a4, 5f",
                "ld.d $t0, $a3, 0",
                "ld.d $t1, $a3, 8",
                "ld.d $t2, $a3, 16",
                "addi.d $a3, $a3, 24",
                "ori $t3, $zero, 3",
                "bne $t1, $t3, 4b",
                "add.d $t2, $t2, $a2",
                "stx.d $t2, $t0, $a2",
                "b 4b",
                "5: bstrins.d $sp, $zero, 3, 0",
                "move $ra, $zero",
                "bl {entry}",
                "break 0",
                entry = sym $entry,
            )
        };
    }
}
