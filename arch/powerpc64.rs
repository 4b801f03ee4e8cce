//! powerpc64 little endian (ELFv2): syscall numbers, the socketcall(2)
//! multiplexer's numbers, and `sc`.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`. (The kernel itself
//! returns a positive errno and flags it in cr0.SO; the asm negates it.)

/// Numbers from the kernel's `arch/powerpc/kernel/syscalls/syscall.tbl` (64-bit). The direct socket calls arrived in Linux 4.3; before, socketcall (102).
pub mod nr {
    pub const SOCKET: usize = 326;
    pub const BIND: usize = 327;
    pub const GETSOCKNAME: usize = 331;
    pub const CONNECT: usize = 328;
    pub const LISTEN: usize = 329;
    pub const ACCEPT4: usize = 344;
    pub const GETSOCKOPT: usize = 340;
    pub const SETSOCKOPT: usize = 339;
    pub const CLOSE: usize = 6;
    pub const WRITE: usize = 4;
    pub const EXIT_GROUP: usize = 234;
    pub const GETPID: usize = 20;
    pub const PIPE2: usize = 317;
    pub const UNLINKAT: usize = 292;
    pub const MKDIRAT: usize = 287;
    pub const SECCOMP: usize = 358;
    pub const READ: usize = 3;
    pub const OPENAT: usize = 286;
    pub const MKNODAT: usize = 288;
    pub const SYMLINKAT: usize = 295;
    pub const CLONE: usize = 120;
    pub const WAITID: usize = 272;
    pub const SETRESUID: usize = 164;
    pub const SETRESGID: usize = 169;
    pub const SETGROUPS: usize = 81;
    pub const UNSHARE: usize = 282;
    pub const MOUNT: usize = 21;
    pub const FCNTL: usize = 55;
    pub const PPOLL: usize = 281;
    pub const RT_SIGACTION: usize = 173;
    pub const SENDTO: usize = 335;
    pub const RECVFROM: usize = 337;
    pub const SHUTDOWN: usize = 338;
    pub const GETPEERNAME: usize = 332;
    pub const SOCKETPAIR: usize = 333;
    pub const SENDMSG: usize = 341;
    pub const RECVMSG: usize = 342;
    pub const PRCTL: usize = 171;
    pub const CAPSET: usize = 184;
    pub const UMASK: usize = 60;
    pub const FLOCK: usize = 143;
    pub const STATX: usize = 383;
    pub const GETUID: usize = 24;
    pub const GETGID: usize = 47;
    pub const SOCKETCALL: usize = 102;
    /// The first and last of the direct socket calls, for seccomp tests.
    pub const FIRST_DIRECT_SOCKET_CALL: usize = 326;
    pub const LAST_DIRECT_SOCKET_CALL: usize = 344;
}

#[path = "common.rs"]
mod common;
pub use common::{signal, sock, socketcall, SIGCHLD};

/// `setsockopt(2)` options: the common ones, but powerpc numbers the
/// credential and timeout options differently.
pub mod sockopt {
    pub use super::common::sockopt::*;
    pub const SO_PEERCRED: u32 = 21;
}

/// `AUDIT_ARCH_PPC64LE`, what a seccomp filter sees in `seccomp_data.arch`.
pub const AUDIT_ARCH: u32 = 0xc000_0015;

#[cfg(target_arch = "powerpc64")]
pub mod asm {
    use core::arch::asm;

    // Number in r0, arguments in r3..r8, answer in r3; the kernel may change
    // r0, r4..r12, cr0, ctr and xer. An error comes back as a positive errno
    // with cr0.SO set: `bns+` skips the negation when SO is clear.

    #[inline(always)]
    pub unsafe fn syscall0(nr: usize) -> isize {
        let ret;
        // SAFETY: the caller passes a valid syscall and vouches for its arguments; every
        // register the kernel may change is declared.
        unsafe {
            asm!("sc", "bns+ 1f", "neg 3, 3", "1:", inlateout("r0") nr => _, lateout("r3") ret,
                 lateout("r4") _, lateout("r5") _, lateout("r6") _, lateout("r7") _,
                 lateout("r8") _, lateout("r9") _, lateout("r10") _, lateout("r11") _,
                 lateout("r12") _, lateout("cr0") _, lateout("ctr") _, lateout("xer") _,
                 options(nostack));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall1(nr: usize, a0: usize) -> isize {
        let ret;
        // SAFETY: as syscall0.
        unsafe {
            asm!("sc", "bns+ 1f", "neg 3, 3", "1:", inlateout("r0") nr => _,
                 inlateout("r3") a0 => ret, lateout("r4") _, lateout("r5") _, lateout("r6") _,
                 lateout("r7") _, lateout("r8") _, lateout("r9") _, lateout("r10") _,
                 lateout("r11") _, lateout("r12") _, lateout("cr0") _, lateout("ctr") _,
                 lateout("xer") _, options(nostack));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> isize {
        let ret;
        // SAFETY: as syscall0.
        unsafe {
            asm!("sc", "bns+ 1f", "neg 3, 3", "1:", inlateout("r0") nr => _,
                 inlateout("r3") a0 => ret, inlateout("r4") a1 => _, lateout("r5") _,
                 lateout("r6") _, lateout("r7") _, lateout("r8") _, lateout("r9") _,
                 lateout("r10") _, lateout("r11") _, lateout("r12") _, lateout("cr0") _,
                 lateout("ctr") _, lateout("xer") _, options(nostack));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> isize {
        let ret;
        // SAFETY: as syscall0.
        unsafe {
            asm!("sc", "bns+ 1f", "neg 3, 3", "1:", inlateout("r0") nr => _,
                 inlateout("r3") a0 => ret, inlateout("r4") a1 => _, inlateout("r5") a2 => _,
                 lateout("r6") _, lateout("r7") _, lateout("r8") _, lateout("r9") _,
                 lateout("r10") _, lateout("r11") _, lateout("r12") _, lateout("cr0") _,
                 lateout("ctr") _, lateout("xer") _, options(nostack));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let ret;
        // SAFETY: as syscall0.
        unsafe {
            asm!("sc", "bns+ 1f", "neg 3, 3", "1:", inlateout("r0") nr => _,
                 inlateout("r3") a0 => ret, inlateout("r4") a1 => _, inlateout("r5") a2 => _,
                 inlateout("r6") a3 => _, lateout("r7") _, lateout("r8") _, lateout("r9") _,
                 lateout("r10") _, lateout("r11") _, lateout("r12") _, lateout("cr0") _,
                 lateout("ctr") _, lateout("xer") _, options(nostack));
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
            asm!("sc", "bns+ 1f", "neg 3, 3", "1:", inlateout("r0") nr => _,
                 inlateout("r3") a0 => ret, inlateout("r4") a1 => _, inlateout("r5") a2 => _,
                 inlateout("r6") a3 => _, inlateout("r7") a4 => _, lateout("r8") _,
                 lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
                 lateout("cr0") _, lateout("ctr") _, lateout("xer") _, options(nostack));
        }
        ret
    }

    /// Body of a naked `_start`: the TOC pointer from `_start`'s own address,
    /// a static-PIE's relative relocations (see arch/x86_64.rs), then
    /// `$entry(stack, dynamic)` on a 16-byte aligned stack with a null back
    /// chain.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                ".weak _DYNAMIC",
                "bcl 20, 31, 1f",
                "1: mflr 12",
                "addis 2, 12, (.TOC. - 1b)@ha",
                "addi 2, 2, (.TOC. - 1b)@l",
                "addis 5, 12, (__ehdr_start - 1b)@ha",
                "addi 5, 5, (__ehdr_start - 1b)@l",
                "li 4, 0",
                "lhz 9, 16(5)",
                "cmpdi 9, 3",
                "bne 5f",
                "addis 4, 12, (_DYNAMIC - 1b)@ha",
                "addi 4, 4, (_DYNAMIC - 1b)@l",
                "li 6, 0",
                "li 7, 0",
                "mr 8, 4",
                // Find DT_RELA (7) and DT_RELASZ (8) before DT_NULL.
                "2: ld 9, 0(8)",
                "ld 10, 8(8)",
                "addi 8, 8, 16",
                "cmpdi 9, 0",
                "beq 3f",
                "cmpdi 9, 7",
                "bne 6f",
                "mr 6, 10",
                "6: cmpdi 9, 8",
                "bne 2b",
                "mr 7, 10",
                "b 2b",
                "3: cmpld 6, 5",
                "bge 5f",
                "add 6, 6, 5",
                "add 7, 7, 6",
                // Each Elf64_Rela of type R_PPC64_RELATIVE (22): *(base + offset) = base + addend.
                "4: cmpld 6, 7",
                "bge 5f",
                "ld 9, 0(6)",
                "ld 10, 8(6)",
                "ld 11, 16(6)",
                "addi 6, 6, 24",
                "cmpdi 10, 22",
                "bne 4b",
                "add 11, 11, 5",
                "stdx 11, 9, 5",
                "b 4b",
                "5: mr 3, 1",
                "clrrdi 1, 1, 4",
                "li 0, 0",
                "stdu 0, -32(1)",
                "bl {entry}",
                "nop",
                "trap",
                entry = sym $entry,
            )
        };
    }
}
