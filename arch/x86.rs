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
    /// fcntl64, which takes the 64-bit lock structures where fcntl (55) does not.
    pub const FCNTL: usize = 221;
    pub const PPOLL: usize = 309;
    pub const RT_SIGACTION: usize = 174;
    pub const SENDTO: usize = 369;
    pub const RECVFROM: usize = 371;
    pub const SHUTDOWN: usize = 373;
    pub const GETPEERNAME: usize = 368;
    pub const SOCKETPAIR: usize = 360;
    pub const SENDMSG: usize = 370;
    pub const RECVMSG: usize = 372;
    pub const PRCTL: usize = 172;
    pub const CAPSET: usize = 185;
    pub const UMASK: usize = 60;
    pub const FLOCK: usize = 143;
    pub const STATX: usize = 383;
    pub const GETUID: usize = 199;
    pub const GETGID: usize = 200;
    pub const SOCKETCALL: usize = 102;
    /// The first and last of the direct socket calls, for seccomp tests.
    pub const FIRST_DIRECT_SOCKET_CALL: usize = 359;
    pub const LAST_DIRECT_SOCKET_CALL: usize = 373;
}

#[path = "common.rs"]
mod common;
pub use common::{signal, sock, socketcall, sockopt, SIGCHLD};

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

    /// Body of a naked `_start`: a static-PIE's relative relocations, then
    /// `$entry(stack, dynamic)` (see arch/x86_64.rs). i386 has no
    /// PC-relative addressing: `call` then `pop` gives the address of label
    /// 1, from which the GOT's address, and each symbol's from that, follow.
    /// (AT&T syntax: LLVM's Intel parser cannot write the GOT expression.)
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                ".weak _DYNAMIC",
                "xorl %ebp, %ebp",
                "movl %esp, %edi",
                "calll 1f",
                "1: popl %ebx",
                "addl $_GLOBAL_OFFSET_TABLE_ + (. - 1b), %ebx",
                "xorl %esi, %esi",
                "cmpw $3, __ehdr_start@GOTOFF + 16(%ebx)",
                "jne 5f",
                "leal _DYNAMIC@GOTOFF(%ebx), %esi",
                "leal __ehdr_start@GOTOFF(%ebx), %ebx",
                "xorl %ecx, %ecx",
                "xorl %edx, %edx",
                "movl %esi, %eax",
                // Find DT_REL (17) and DT_RELSZ (18) before DT_NULL.
                "2: movl (%eax), %ebp",
                "testl %ebp, %ebp",
                "jz 3f",
                "cmpl $17, %ebp",
                "cmovel 4(%eax), %ecx",
                "cmpl $18, %ebp",
                "cmovel 4(%eax), %edx",
                "addl $8, %eax",
                "jmp 2b",
                "3: cmpl %ebx, %ecx",
                "jae 5f",
                "addl %ebx, %ecx",
                "addl %ecx, %edx",
                // Each Elf32_Rel of type R_386_RELATIVE (8): *(base + offset) += base.
                "4: cmpl %edx, %ecx",
                "jae 5f",
                "cmpb $8, 4(%ecx)",
                "jne 6f",
                "movl (%ecx), %eax",
                "addl %ebx, (%ebx, %eax)",
                "6: addl $8, %ecx",
                "jmp 4b",
                "5: xorl %ebp, %ebp",
                "andl $-16, %esp",
                "subl $8, %esp",
                "pushl %esi",
                "pushl %edi",
                "calll {entry}",
                "ud2",
                entry = sym $entry,
                options(att_syntax),
            )
        };
    }
}
