//! aarch64 (little endian): syscall numbers and the `svc 0` instruction.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`.

/// Numbers from the kernel's generic table, `include/uapi/asm-generic/unistd.h`.
pub mod nr {
    pub const SOCKET: usize = 198;
    pub const BIND: usize = 200;
    pub const GETSOCKNAME: usize = 204;
    pub const CONNECT: usize = 203;
    pub const LISTEN: usize = 201;
    pub const ACCEPT4: usize = 242;
    pub const GETSOCKOPT: usize = 209;
    pub const SETSOCKOPT: usize = 208;
    pub const CLOSE: usize = 57;
    pub const WRITE: usize = 64;
    pub const EXIT_GROUP: usize = 94;
    pub const GETPID: usize = 172;
    pub const PIPE2: usize = 59;
    pub const UNLINKAT: usize = 35;
    pub const MKDIRAT: usize = 34;
    pub const SECCOMP: usize = 277;
    pub const READ: usize = 63;
    pub const OPENAT: usize = 56;
    pub const MKNODAT: usize = 33;
    pub const SYMLINKAT: usize = 36;
    pub const CLONE: usize = 220;
    pub const WAIT4: usize = 260;
    pub const SETRESUID: usize = 147;
    pub const SETRESGID: usize = 149;
    pub const SETGROUPS: usize = 159;
    pub const UNSHARE: usize = 97;
    pub const MOUNT: usize = 40;
}

/// `socket(2)` type and flag values (`SOCK_CLOEXEC` is `O_CLOEXEC`).
pub mod sock {
    pub const STREAM: u32 = 1;
    pub const DGRAM: u32 = 2;
    pub const RAW: u32 = 3;
    pub const CLOEXEC: u32 = 0o2000000;
}

/// `setsockopt(2)` levels and options (socket(7)).
pub mod sockopt {
    pub const SOL_SOCKET: u32 = 1;
    pub const SO_REUSEADDR: u32 = 2;
    pub const SO_REUSEPORT: u32 = 15;
}

/// The signal a child's exit sends its parent (signal(7)).
pub const SIGCHLD: usize = 17;

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
            asm!("svc 0", in("x8") nr, inlateout("x0") a0 => ret, options(nostack, preserves_flags))
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

    #[inline(always)]
    pub unsafe fn exit_group(code: usize) -> ! {
        // SAFETY: exit_group does not return.
        unsafe {
            asm!("svc 0", in("x8") super::nr::EXIT_GROUP, in("x0") code, options(noreturn, nostack))
        }
    }

    /// Body of a naked `_start`: the stack pointer (argc, argv...) goes to `$entry`.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                "mov x29, xzr", "mov x30, xzr", "mov x0, sp", "bl {entry}", "udf #0",
                entry = sym $entry,
            )
        };
    }
}
