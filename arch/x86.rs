//! i386: syscall numbers, the socketcall(2) multiplexer's numbers, and `int 0x80`.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`.

/// Numbers from the kernel's `arch/x86/entry/syscalls/syscall_32.tbl`. The
/// direct socket calls (359..=373) arrived in Linux 4.3.
pub mod nr {
    pub const SOCKET: usize = 359;
    pub const BIND: usize = 361;
    pub const GETSOCKNAME: usize = 367;
    pub const CONNECT: usize = 362;
    pub const LISTEN: usize = 363;
    pub const ACCEPT4: usize = 364;
    pub const GETSOCKOPT: usize = 365;
    pub const SETSOCKOPT: usize = 366;
    pub const CLOSE: usize = 6;
    pub const WRITE: usize = 4;
    pub const EXIT_GROUP: usize = 252;
    pub const GETPID: usize = 20;
    pub const PIPE2: usize = 331;
    pub const UNLINKAT: usize = 301;
    pub const MKDIRAT: usize = 296;
    pub const SECCOMP: usize = 354;
    pub const READ: usize = 3;
    pub const OPENAT: usize = 295;
    pub const MKNODAT: usize = 297;
    pub const SYMLINKAT: usize = 304;
    pub const CLONE: usize = 120;
    pub const WAITID: usize = 284;
    /// The 32-bit-id calls (`setresuid32` and kin), not the 16-bit originals.
    pub const SETRESUID: usize = 208;
    pub const SETRESGID: usize = 210;
    pub const SETGROUPS: usize = 206;
    pub const UNSHARE: usize = 310;
    pub const MOUNT: usize = 21;
    pub const SOCKETCALL: usize = 102;
    /// The first and last of the direct socket calls, for seccomp tests.
    pub const FIRST_DIRECT_SOCKET_CALL: usize = 359;
    pub const LAST_DIRECT_SOCKET_CALL: usize = 373;
}

#[path = "common.rs"]
mod common;
pub use common::{sock, socketcall, sockopt, SIGCHLD};

/// `AUDIT_ARCH_I386`, what a seccomp filter sees in `seccomp_data.arch`.
pub const AUDIT_ARCH: u32 = 0x4000_0003;

#[cfg(target_arch = "x86")]
pub mod asm {
    use core::arch::asm;

    #[inline(always)]
    pub unsafe fn syscall0(nr: usize) -> isize {
        let ret;
        // SAFETY: the caller passes a valid syscall; `int 0x80` only writes eax.
        unsafe { asm!("int 0x80", inlateout("eax") nr => ret, options(nostack, preserves_flags)) }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall1(nr: usize, a0: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the argument.
        unsafe {
            asm!("int 0x80", inlateout("eax") nr => ret, in("ebx") a0, options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("int 0x80", inlateout("eax") nr => ret, in("ebx") a0, in("ecx") a1,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("int 0x80", inlateout("eax") nr => ret, in("ebx") a0, in("ecx") a1, in("edx") a2,
                 options(nostack, preserves_flags));
        }
        ret
    }

    // The fourth argument belongs in esi, which LLVM keeps for itself and
    // refuses as an operand: it rides in any free register and is swapped
    // into esi around `int 0x80`, then swapped back, so esi is unchanged.

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments; both
        // swaps restore esi and the operand register.
        unsafe {
            asm!("xchg {a3}, esi", "int 0x80", "xchg {a3}, esi", a3 = in(reg) a3,
                 inlateout("eax") nr => ret, in("ebx") a0, in("ecx") a1, in("edx") a2,
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
        // SAFETY: as syscall4; the fifth argument goes in edi.
        unsafe {
            asm!("xchg {a3}, esi", "int 0x80", "xchg {a3}, esi", a3 = in(reg) a3,
                 inlateout("eax") nr => ret, in("ebx") a0, in("ecx") a1, in("edx") a2,
                 in("edi") a4, options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn exit_group(code: usize) -> ! {
        // SAFETY: exit_group does not return.
        unsafe {
            asm!("int 0x80", in("eax") super::nr::EXIT_GROUP, in("ebx") code, options(noreturn, nostack))
        }
    }

    /// Body of a naked `_start`: the stack pointer (argc, argv...) goes to
    /// `$entry` as its cdecl argument, with the stack 16-byte aligned at the call.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                "xor ebp, ebp", "mov eax, esp", "and esp, -16", "sub esp, 12", "push eax",
                "call {entry}", "ud2",
                entry = sym $entry,
            )
        };
    }
}
