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
    pub const PPOLL: usize = 5261;
    pub const RT_SIGACTION: usize = 5013;
    pub const SENDTO: usize = 5043;
    pub const RECVFROM: usize = 5044;
    pub const SHUTDOWN: usize = 5047;
    pub const GETPEERNAME: usize = 5051;
    pub const SOCKETPAIR: usize = 5052;
    pub const SENDMSG: usize = 5045;
    pub const RECVMSG: usize = 5046;
    pub const PRCTL: usize = 5153;
    pub const CAPSET: usize = 5124;
    pub const UMASK: usize = 5093;
    pub const FLOCK: usize = 5071;
    pub const STATX: usize = 5326;
    pub const GETUID: usize = 5100;
    pub const GETGID: usize = 5102;
}

/// `socket(2)` type and flag values: mips swaps STREAM and DGRAM
/// (`SOCK_CLOEXEC` is `O_CLOEXEC`, the same as elsewhere).
pub mod sock {
    pub const STREAM: u32 = 2;
    pub const DGRAM: u32 = 1;
    pub const RAW: u32 = 3;
    pub const SEQPACKET: u32 = 5;
    pub const CLOEXEC: u32 = 0o2000000;
    pub const NONBLOCK: u32 = 0x80;
}

/// `setsockopt(2)` levels and options: mips has the BSD numbers.
pub mod sockopt {
    pub const SOL_SOCKET: u32 = 0xffff;
    pub const SO_REUSEADDR: u32 = 4;
    pub const SO_REUSEPORT: u32 = 0x200;
    pub const SO_TYPE: u32 = 0x1008;
    pub const SO_PEERCRED: u32 = 18;
    pub const SO_BINDTODEVICE: u32 = 25;
    pub const SO_DOMAIN: u32 = 0x1029;
}

/// The signal a child's exit sends its parent (signal(7)); 18 on mips.
pub const SIGCHLD: usize = 18;

/// What `rt_sigaction(2)` needs to ignore SIGPIPE: mips's `struct sigaction`
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
    #[inline(always)]
    pub unsafe fn syscall0(nr: usize) -> isize {
        let (value, failed): (isize, usize);
        // SAFETY: the caller passes a valid syscall and vouches for its arguments; every
        // register the kernel may change is declared.
        unsafe {
            asm!("syscall", inlateout("$2") nr => value, lateout("$7") failed, lateout("$8") _,
                 lateout("$3") _, lateout("$9") _, lateout("$10") _, lateout("$11") _,
                 lateout("$12") _, lateout("$13") _, lateout("$14") _, lateout("$15") _,
                 lateout("$24") _, lateout("$25") _, options(nostack, preserves_flags));
        }
        if failed != 0 {
            -value
        } else {
            value
        }
    }

    #[inline(always)]
    pub unsafe fn syscall1(nr: usize, a0: usize) -> isize {
        let (value, failed): (isize, usize);
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall", inlateout("$2") nr => value, in("$4") a0, lateout("$7") failed,
                 lateout("$8") _, lateout("$3") _, lateout("$9") _, lateout("$10") _,
                 lateout("$11") _, lateout("$12") _, lateout("$13") _, lateout("$14") _,
                 lateout("$15") _, lateout("$24") _, lateout("$25") _,
                 options(nostack, preserves_flags));
        }
        if failed != 0 {
            -value
        } else {
            value
        }
    }

    #[inline(always)]
    pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> isize {
        let (value, failed): (isize, usize);
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall", inlateout("$2") nr => value, in("$4") a0, in("$5") a1,
                 lateout("$7") failed, lateout("$8") _, lateout("$3") _, lateout("$9") _,
                 lateout("$10") _, lateout("$11") _, lateout("$12") _, lateout("$13") _,
                 lateout("$14") _, lateout("$15") _, lateout("$24") _, lateout("$25") _,
                 options(nostack, preserves_flags));
        }
        if failed != 0 {
            -value
        } else {
            value
        }
    }

    #[inline(always)]
    pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> isize {
        let (value, failed): (isize, usize);
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall", inlateout("$2") nr => value, in("$4") a0, in("$5") a1, in("$6") a2,
                 lateout("$7") failed, lateout("$8") _, lateout("$3") _, lateout("$9") _,
                 lateout("$10") _, lateout("$11") _, lateout("$12") _, lateout("$13") _,
                 lateout("$14") _, lateout("$15") _, lateout("$24") _, lateout("$25") _,
                 options(nostack, preserves_flags));
        }
        if failed != 0 {
            -value
        } else {
            value
        }
    }

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let (value, failed): (isize, usize);
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall", inlateout("$2") nr => value, in("$4") a0, in("$5") a1, in("$6") a2,
                 inlateout("$7") a3 => failed, lateout("$8") _, lateout("$3") _,
                 lateout("$9") _, lateout("$10") _, lateout("$11") _, lateout("$12") _,
                 lateout("$13") _, lateout("$14") _, lateout("$15") _, lateout("$24") _,
                 lateout("$25") _, options(nostack, preserves_flags));
        }
        if failed != 0 {
            -value
        } else {
            value
        }
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
        let (value, failed): (isize, usize);
        // SAFETY: as syscall0.
        unsafe {
            asm!("syscall", inlateout("$2") nr => value, in("$4") a0, in("$5") a1, in("$6") a2,
                 inlateout("$7") a3 => failed, inlateout("$8") a4 => _, lateout("$3") _,
                 lateout("$9") _, lateout("$10") _, lateout("$11") _, lateout("$12") _,
                 lateout("$13") _, lateout("$14") _, lateout("$15") _, lateout("$24") _,
                 lateout("$25") _, options(nostack, preserves_flags));
        }
        if failed != 0 {
            -value
        } else {
            value
        }
    }

    /// Body of a naked `_start`. mips PIC code reaches everything through
    /// `$gp` and calls through `$t9`, so `_start` first computes `$gp` from
    /// its own address (`bal`) and the linker's `%gp_rel` distances, as a PIC
    /// function's prologue does, and derives every other address the same
    /// way. A static-PIE (ET_DYN) then gets its relocations: each REL entry
    /// of type R_MIPS_REL32 with R_MIPS_64 (`r_info` 0x1203 read big endian,
    /// those bytes reversed little endian) and symbol 0, `*(base + offset)
    /// += base`, and each of the DT_MIPS_LOCAL_GOTNO local GOT entries at
    /// DT_PLTGOT, `+= base`. Then `$entry(stack, dynamic)` through `$t9`.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                ".weak _DYNAMIC",
                ".set noreorder",
                "move $4, $sp",
                "bal 1f",
                "nop",
                "1: lui $28, %hi(%neg(%gp_rel(1b)))",
                "daddu $28, $28, $31",
                "daddiu $28, $28, %lo(%neg(%gp_rel(1b)))",
                // base: the runtime address of __ehdr_start.
                "lui $6, %hi(%neg(%gp_rel(__ehdr_start)))",
                "daddiu $6, $6, %lo(%neg(%gp_rel(__ehdr_start)))",
                "dsubu $6, $28, $6",
                "move $5, $zero",
                "lhu $12, 16($6)",
                "daddiu $12, $12, -3",
                "bnez $12, 5f",
                "nop",
                "lui $5, %hi(%neg(%gp_rel(_DYNAMIC)))",
                "daddiu $5, $5, %lo(%neg(%gp_rel(_DYNAMIC)))",
                "dsubu $5, $28, $5",
                // DT_REL (17), DT_RELSZ (18), DT_PLTGOT (3), DT_MIPS_LOCAL_GOTNO (0x7000000a).
                "move $7, $zero",
                "move $8, $zero",
                "move $9, $zero",
                "move $10, $zero",
                "move $11, $5",
                "li $15, 0x7000000a",
                "2: ld $12, 0($11)",
                "ld $13, 8($11)",
                "beqz $12, 3f",
                "daddiu $11, $11, 16",
                "daddiu $14, $12, -17",
                "movz $7, $13, $14",
                "daddiu $14, $12, -18",
                "movz $8, $13, $14",
                "daddiu $14, $12, -3",
                "movz $10, $13, $14",
                "dsubu $14, $12, $15",
                "b 2b",
                "movz $9, $13, $14",
                "3: sltu $14, $7, $6",
                "beqz $14, 5f",
                "nop",
                "daddu $7, $7, $6",
                "daddu $8, $8, $7",
                "dli $15, {relative_info}",
                "4: sltu $14, $7, $8",
                "beqz $14, 6f",
                "nop",
                "ld $12, 0($7)",
                "ld $13, 8($7)",
                "bne $13, $15, 4b",
                "daddiu $7, $7, 16",
                "daddu $12, $12, $6",
                "ld $14, 0($12)",
                "daddu $14, $14, $6",
                "b 4b",
                "sd $14, 0($12)",
                "6: daddu $10, $10, $6",
                "7: beqz $9, 5f",
                "nop",
                "ld $12, 0($10)",
                "daddu $12, $12, $6",
                "sd $12, 0($10)",
                "daddiu $10, $10, 8",
                "b 7b",
                "daddiu $9, $9, -1",
                "5: daddiu $2, $zero, -16",
                "and $sp, $sp, $2",
                "move $31, $zero",
                "lui $25, %hi(%neg(%gp_rel({entry})))",
                "daddiu $25, $25, %lo(%neg(%gp_rel({entry})))",
                "dsubu $25, $28, $25",
                "jalr $25",
                "nop",
                "break",
                ".set reorder",
                entry = sym $entry,
                relative_info = const if cfg!(target_endian = "big") { 0x1203u64 } else { 0x0312_0000_0000_0000u64 },
            )
        };
    }
}
