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
    pub const RT_SIGACTION: usize = 174;
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
            asm!("svc 0", in("r1") nr, inlateout("r2") a0 => ret, in("r3") a1, options(nostack))
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

    #[inline(always)]
    pub unsafe fn exit_group(code: usize) -> ! {
        // SAFETY: exit_group does not return.
        unsafe {
            asm!("svc 0", in("r1") super::nr::EXIT_GROUP, in("r2") code, options(noreturn, nostack))
        }
    }

    /// Body of a naked `_start`: the stack pointer (argc, argv...) goes to
    /// `$entry`, below the 160-byte save area the ABI gives every callee.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                "lgr %r2, %r15", "aghi %r15, -160", "nill %r15, 0xfff8", "xc 0(8,%r15), 0(%r15)",
                "brasl %r14, {entry}", "j .",
                entry = sym $entry,
            )
        };
    }
}
