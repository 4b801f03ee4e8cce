//! 32-bit Arm, EABI, in Arm or Thumb-2 code: syscall numbers and `svc 0`.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`.

/// Numbers from the kernel's `arch/arm/tools/syscall.tbl` (EABI; the id calls are the 32-bit ones).
pub mod nr {
    pub const SOCKET: usize = 281;
    pub const BIND: usize = 282;
    pub const GETSOCKNAME: usize = 286;
    pub const CONNECT: usize = 283;
    pub const LISTEN: usize = 284;
    pub const ACCEPT4: usize = 366;
    pub const GETSOCKOPT: usize = 295;
    pub const SETSOCKOPT: usize = 294;
    pub const CLOSE: usize = 6;
    pub const WRITE: usize = 4;
    pub const EXIT_GROUP: usize = 248;
    pub const GETPID: usize = 20;
    pub const PIPE2: usize = 359;
    pub const UNLINKAT: usize = 328;
    pub const MKDIRAT: usize = 323;
    pub const SECCOMP: usize = 383;
    pub const READ: usize = 3;
    pub const OPENAT: usize = 322;
    pub const MKNODAT: usize = 324;
    pub const SYMLINKAT: usize = 331;
    pub const CLONE: usize = 120;
    pub const WAITID: usize = 280;
    pub const SETRESUID: usize = 208;
    pub const SETRESGID: usize = 210;
    pub const SETGROUPS: usize = 206;
    pub const UNSHARE: usize = 337;
    pub const MOUNT: usize = 21;
    /// fcntl64, which takes the 64-bit lock structures where fcntl (55) does not.
    pub const FCNTL: usize = 221;
    pub const PPOLL: usize = 336;
    pub const RT_SIGACTION: usize = 174;
    pub const SENDTO: usize = 290;
    pub const RECVFROM: usize = 292;
    pub const SHUTDOWN: usize = 293;
    pub const GETPEERNAME: usize = 287;
    pub const SOCKETPAIR: usize = 288;
    pub const SENDMSG: usize = 296;
    pub const RECVMSG: usize = 297;
    pub const PRCTL: usize = 172;
    pub const CAPSET: usize = 185;
    pub const UMASK: usize = 60;
    pub const FLOCK: usize = 143;
    pub const STATX: usize = 397;
    pub const GETUID: usize = 199;
    pub const GETGID: usize = 200;
}

#[path = "common.rs"]
mod common;
pub use common::{signal, sock, sockopt, SIGCHLD};

/// `AUDIT_ARCH_ARM`, what a seccomp filter sees in `seccomp_data.arch`.
pub const AUDIT_ARCH: u32 = 0x4000_0028;

#[cfg(target_arch = "arm")]
pub mod asm {
    use core::arch::asm;

    // The number goes in r7. Thumb code keeps its frame pointer there, and
    // asm! refuses it as an operand, so each call parks r7 in a scratch
    // register, loads the number, and puts r7 back after `svc 0`. (In Arm
    // code r7 is an ordinary register and the same sequence is harmless.)

    #[inline(always)]
    pub unsafe fn syscall0(nr: usize) -> isize {
        let ret;
        // SAFETY: the caller passes a valid syscall; r7 is restored, r0 is the answer.
        unsafe {
            asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}",
                 nr = in(reg) nr, saved = out(reg) _, lateout("r0") ret,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall1(nr: usize, a0: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the argument.
        unsafe {
            asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}",
                 nr = in(reg) nr, saved = out(reg) _, inlateout("r0") a0 => ret,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}",
                 nr = in(reg) nr, saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1,
                 options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}",
                 nr = in(reg) nr, saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1,
                 in("r2") a2, options(nostack, preserves_flags));
        }
        ret
    }

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let ret;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}",
                 nr = in(reg) nr, saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1,
                 in("r2") a2, in("r3") a3, options(nostack, preserves_flags));
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
            asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}",
                 nr = in(reg) nr, saved = out(reg) _, inlateout("r0") a0 => ret, in("r1") a1,
                 in("r2") a2, in("r3") a3, in("r4") a4, options(nostack, preserves_flags));
        }
        ret
    }

    /// Body of a naked `_start`: a static-PIE's relative relocations, then
    /// `$entry(stack, dynamic)` (see arch/x86_64.rs). Each address is a
    /// word's own address (`adr`, the same in Arm and Thumb code) plus the
    /// symbol's distance from that word, which the linker writes there.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                ".weak _DYNAMIC",
                "mov r0, sp",
                "adr r2, 8f",
                "ldr r3, [r2]",
                "add r2, r2, r3",
                "mov r1, #0",
                "ldrh r3, [r2, #16]",
                "cmp r3, #3",
                "bne 5f",
                "adr r1, 9f",
                "ldr r3, [r1]",
                "add r1, r1, r3",
                "mov r3, #0",
                "mov r4, #0",
                "mov r5, r1",
                // Find DT_REL (17) and DT_RELSZ (18) before DT_NULL.
                "2: ldr r6, [r5]",
                "ldr r7, [r5, #4]",
                "add r5, r5, #8",
                "cmp r6, #0",
                "beq 3f",
                "cmp r6, #17",
                "it eq",
                "moveq r3, r7",
                "cmp r6, #18",
                "it eq",
                "moveq r4, r7",
                "b 2b",
                "3: cmp r3, r2",
                "bhs 5f",
                "add r3, r3, r2",
                "add r4, r4, r3",
                // Each Elf32_Rel of type R_ARM_RELATIVE (23): *(base + offset) += base.
                "4: cmp r3, r4",
                "bhs 5f",
                "ldr r5, [r3]",
                "ldrb r6, [r3, #4]",
                "add r3, r3, #8",
                "cmp r6, #23",
                "bne 4b",
                "ldr r7, [r2, r5]",
                "add r7, r7, r2",
                "str r7, [r2, r5]",
                "b 4b",
                "5: bic r4, r0, #15",
                "mov sp, r4",
                "mov lr, #0",
                "bl {entry}",
                "udf #0",
                ".balign 4",
                "8: .word __ehdr_start - 8b",
                "9: .word _DYNAMIC - 9b",
                entry = sym $entry,
            )
        };
    }
}
