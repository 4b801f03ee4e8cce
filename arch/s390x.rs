//! s390x (64-bit, big endian): syscall numbers, the socketcall(2)
//! multiplexer's numbers, and `svc 0`.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`.

/// Numbers from the kernel's `arch/s390/kernel/syscalls/syscall.tbl`. The direct socket calls arrived in Linux 4.3; before, socketcall (102).
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
    pub const EXIT_GROUP: usize = 248;
    pub const GETPID: usize = 20;
    pub const PIPE2: usize = 325;
    pub const UNLINKAT: usize = 294;
    pub const MKDIRAT: usize = 289;
    pub const SECCOMP: usize = 348;
    pub const READ: usize = 3;
    pub const OPENAT: usize = 288;
    pub const MKNODAT: usize = 290;
    pub const SYMLINKAT: usize = 297;
    pub const CLONE: usize = 120;
    pub const WAITID: usize = 281;
    pub const SETRESUID: usize = 208;
    pub const SETRESGID: usize = 210;
    pub const SETGROUPS: usize = 206;
    pub const UNSHARE: usize = 303;
    pub const MOUNT: usize = 21;
    pub const FCNTL: usize = 55;
    pub const PPOLL: usize = 302;
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
    pub const STATX: usize = 379;
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

/// `AUDIT_ARCH_S390X`, what a seccomp filter sees in `seccomp_data.arch`.
pub const AUDIT_ARCH: u32 = 0x8000_0016;

#[cfg(target_arch = "s390x")]
pub mod asm {
    use core::arch::asm;

    // Number in r1, arguments in r2..r6, answer in r2. The condition code is
    // not promised to survive, so no `preserves_flags`.

    #[inline(always)]
    pub unsafe fn syscall0(nr: usize) -> isize {
        let ret;
        // SAFETY: the caller passes a valid syscall; `svc 0` only writes r2.
        unsafe { asm!("svc 0", in("r1") nr, lateout("r2") ret, options(nostack)) }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall1(nr: usize, a0: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the argument.
        unsafe { asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, options(nostack)) }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1, options(nostack));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1, in("r4") a2,
                 options(nostack));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1, in("r4") a2,
                 in("r5") a3, options(nostack));
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
            asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1, in("r4") a2,
                 in("r5") a3, in("r6") a4, options(nostack));
        }
        ret
    }

    /// Body of a naked `_start`: a static-PIE's relative relocations, then
    /// `$entry(stack, dynamic)` (see arch/x86_64.rs), with the 160-byte
    /// register save area the s390x ABI gives every callee, its back chain 0.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                ".weak _DYNAMIC",
                "lgr %r2, %r15",
                "larl %r4, __ehdr_start",
                "lghi %r3, 0",
                "llgh %r0, 16(%r4)",
                "cghi %r0, 3",
                "jne 5f",
                "larl %r3, _DYNAMIC",
                "lghi %r5, 0",
                "lghi %r6, 0",
                "lgr %r1, %r3",
                // Find DT_RELA (7) and DT_RELASZ (8) before DT_NULL.
                "2: lg %r0, 0(%r1)",
                "ltgr %r0, %r0",
                "jz 3f",
                "cghi %r0, 7",
                "jne 6f",
                "lg %r5, 8(%r1)",
                "6: cghi %r0, 8",
                "jne 7f",
                "lg %r6, 8(%r1)",
                "7: aghi %r1, 16",
                "j 2b",
                "3: clgr %r5, %r4",
                "jhe 5f",
                "agr %r5, %r4",
                "agr %r6, %r5",
                // Each Elf64_Rela of type R_390_RELATIVE (12): *(base + offset) = base + addend.
                "4: clgr %r5, %r6",
                "jhe 5f",
                "lg %r0, 8(%r5)",
                "cghi %r0, 12",
                "jne 8f",
                "lg %r0, 16(%r5)",
                "agr %r0, %r4",
                "lg %r1, 0(%r5)",
                "stg %r0, 0(%r1,%r4)",
                "8: aghi %r5, 24",
                "j 4b",
                "5: aghi %r15, -160",
                "nill %r15, 0xfff8",
                "xc 0(8,%r15), 0(%r15)",
                "brasl %r14, {entry}",
                "j .",
                entry = sym $entry,
            )
        };
    }
}
