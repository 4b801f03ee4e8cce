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

    macro_rules! syscall {
        ($nr:expr, $a0:expr, $a1:expr, $a2:expr, $a3:expr, $a4:expr) => {{
            let ret;
            asm!("syscall 0", in("$a7") $nr, inlateout("$a0") $a0 => ret, in("$a1") $a1,
                 in("$a2") $a2, in("$a3") $a3, in("$a4") $a4,
                 lateout("$t0") _, lateout("$t1") _, lateout("$t2") _, lateout("$t3") _,
                 lateout("$t4") _, lateout("$t5") _, lateout("$t6") _, lateout("$t7") _,
                 lateout("$t8") _, options(nostack, preserves_flags));
            ret
        }};
    }

    syscalls_via!(syscall);

    #[inline(always)]
    pub unsafe fn exit_group(code: usize) -> ! {
        // SAFETY: exit_group does not return.
        unsafe {
            asm!("syscall 0", in("$a7") super::nr::EXIT_GROUP, in("$a0") code, options(noreturn, nostack))
        }
    }

    /// Body of a naked `_start`: the stack pointer (argc, argv...) goes to
    /// `$entry`, with the stack 16-byte aligned.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                "move $a0, $sp", "bstrins.d $sp, $zero, 3, 0", "move $ra, $zero", "bl {entry}", "break 0",
                entry = sym $entry,
            )
        };
    }
}
