//! mips64 and mips64el, n64 ABI: syscall numbers, mips's own constants, and
//! `syscall`. Needs the `unstable-mips64` feature and a nightly compiler.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`. (The kernel itself
//! returns a positive errno and flags it in a3; the wrapper negates it.)

/// Numbers from the kernel's `arch/mips/kernel/syscalls/syscall_n64.tbl` (5000 + n).
pub mod nr {
    pub const SOCKET: usize = 5040;
    pub const BIND: usize = 5048;
    pub const GETSOCKNAME: usize = 5050;
    pub const CONNECT: usize = 5041;
    pub const LISTEN: usize = 5049;
    pub const ACCEPT4: usize = 5293;
    pub const GETSOCKOPT: usize = 5054;
    pub const SETSOCKOPT: usize = 5053;
    pub const CLOSE: usize = 5003;
    pub const WRITE: usize = 5001;
    pub const EXIT_GROUP: usize = 5205;
    pub const GETPID: usize = 5038;
    pub const PIPE2: usize = 5287;
    pub const UNLINKAT: usize = 5253;
    pub const MKDIRAT: usize = 5248;
    pub const SECCOMP: usize = 5312;
    pub const READ: usize = 5000;
    pub const OPENAT: usize = 5247;
    pub const MKNODAT: usize = 5249;
    pub const SYMLINKAT: usize = 5256;
    pub const CLONE: usize = 5055;
    pub const WAITID: usize = 5237;
    pub const SETRESUID: usize = 5115;
    pub const SETRESGID: usize = 5117;
    pub const SETGROUPS: usize = 5114;
    pub const UNSHARE: usize = 5262;
    pub const MOUNT: usize = 5160;
    pub const FCNTL: usize = 5070;
    pub const RT_SIGACTION: usize = 5013;
}

/// `socket(2)` type and flag values: mips swaps STREAM and DGRAM
/// (`SOCK_CLOEXEC` is `O_CLOEXEC`, the same as elsewhere).
pub mod sock {
    pub const STREAM: u32 = 2;
    pub const DGRAM: u32 = 1;
    pub const RAW: u32 = 3;
    pub const CLOEXEC: u32 = 0o2000000;
}

/// `setsockopt(2)` levels and options: mips has the BSD numbers.
pub mod sockopt {
    pub const SOL_SOCKET: u32 = 0xffff;
    pub const SO_REUSEADDR: u32 = 4;
    pub const SO_REUSEPORT: u32 = 0x200;
}

/// The signal a child's exit sends its parent (signal(7)); 18 on mips.
pub const SIGCHLD: usize = 18;

/// What rt_sigaction(2) needs to ignore SIGPIPE: mips's `struct sigaction`
/// starts with a 32-bit `sa_flags` (padded), and its mask has 128 signals.
pub mod signal {
    pub const SIGPIPE: usize = 13;
    pub const HANDLER_WORD: usize = 1;
    pub const MASK_BYTES: usize = 16;
}

/// `AUDIT_ARCH_MIPS64` or `AUDIT_ARCH_MIPSEL64`.
pub const AUDIT_ARCH_BIG: u32 = 0x8000_0008;
pub const AUDIT_ARCH_LITTLE: u32 = 0xc000_0008;
/// What a seccomp filter sees in `seccomp_data.arch`.
pub const AUDIT_ARCH: u32 = if cfg!(target_endian = "big") {
    AUDIT_ARCH_BIG
} else {
    AUDIT_ARCH_LITTLE
};

#[cfg(target_arch = "mips64")]
pub mod asm {
    use core::arch::asm;

    // Number in v0 ($2), arguments in a0..a4 ($4..$8), answer in v0 with a3
    // ($7) non-zero when it is an errno. The kernel may change v1 and the
    // temporaries $9..$15, $24 and $25 (at, $1, is the assembler's own, and
    // the compiler keeps nothing in hi and lo across asm).
    macro_rules! syscall {
        ($nr:expr, $a0:expr, $a1:expr, $a2:expr, $a3:expr, $a4:expr) => {{
            let (value, failed): (isize, usize);
            asm!("syscall",
                 inlateout("$2") $nr => value, in("$4") $a0, in("$5") $a1, in("$6") $a2,
                 inlateout("$7") $a3 => failed, inlateout("$8") $a4 => _,
                 lateout("$3") _, lateout("$9") _, lateout("$10") _, lateout("$11") _,
                 lateout("$12") _, lateout("$13") _, lateout("$14") _, lateout("$15") _,
                 lateout("$24") _, lateout("$25") _, options(nostack, preserves_flags));
            if failed != 0 { -value } else { value }
        }};
    }

    syscalls_via!(syscall);

    #[inline(always)]
    pub unsafe fn exit_group(code: usize) -> ! {
        // SAFETY: exit_group does not return.
        unsafe {
            asm!("syscall", in("$2") super::nr::EXIT_GROUP, in("$4") code, options(noreturn, nostack))
        }
    }

    /// Body of a naked `_start`: the stack pointer (argc, argv...) goes to
    /// `$entry`, with the stack 16-byte aligned.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                "move $4, $sp", "daddiu $2, $zero, -16", "and $sp, $sp, $2", "move $31, $zero",
                "jal {entry}", "nop", "break",
                entry = sym $entry,
            )
        };
    }
}
