//! `x86_64`: syscall numbers and the `syscall` instruction (shared with x32,
//! whose file includes this one), and `_start` for 64-bit pointers.
//!
//! Every arch file is written the same way: `nr` (the numbers), the values
//! it shares with others (`common.rs`), `AUDIT_ARCH`, and an `asm` module
//! with one function per argument count, `syscall0` to `syscall5`, each a
//! single `asm!` naming exactly the registers its arguments use and every
//! register the kernel may change (one function per arity, as rustix and
//! nolibc do: a call never pays for arguments it does not pass). Each
//! returns the kernel's raw answer, a value in `-4095..=-1` meaning `-errno`.
//! Then the body of `_start`, `__rawbind_entry_trampoline!`.

/// Numbers from the kernel's `arch/x86/entry/syscalls/syscall_64.tbl`.
pub mod nr {
    pub const SOCKET: usize = 41;
    pub const BIND: usize = 49;
    pub const GETSOCKNAME: usize = 51;
    pub const CONNECT: usize = 42;
    pub const LISTEN: usize = 50;
    pub const ACCEPT4: usize = 288;
    pub const GETSOCKOPT: usize = 55;
    pub const SETSOCKOPT: usize = 54;
    pub const CLOSE: usize = 3;
    pub const WRITE: usize = 1;
    pub const EXIT_GROUP: usize = 231;
    pub const GETPID: usize = 39;
    pub const PIPE2: usize = 293;
    pub const UNLINKAT: usize = 263;
    pub const MKDIRAT: usize = 258;
    pub const SECCOMP: usize = 317;
    pub const READ: usize = 0;
    pub const OPENAT: usize = 257;
    pub const MKNODAT: usize = 259;
    pub const SYMLINKAT: usize = 266;
    pub const CLONE: usize = 56;
    pub const WAITID: usize = 247;
    pub const SETRESUID: usize = 117;
    pub const SETRESGID: usize = 119;
    pub const SETGROUPS: usize = 116;
    pub const UNSHARE: usize = 272;
    pub const MOUNT: usize = 165;
    pub const FCNTL: usize = 72;
    pub const PPOLL: usize = 271;
    pub const RT_SIGACTION: usize = 13;
    pub const SENDTO: usize = 44;
    pub const RECVFROM: usize = 45;
    pub const SHUTDOWN: usize = 48;
    pub const GETPEERNAME: usize = 52;
    pub const SOCKETPAIR: usize = 53;
    pub const SENDMSG: usize = 46;
    pub const RECVMSG: usize = 47;
    pub const PRCTL: usize = 157;
    pub const CAPSET: usize = 126;
    pub const UMASK: usize = 95;
    pub const FLOCK: usize = 73;
    pub const STATX: usize = 332;
    pub const GETUID: usize = 102;
    pub const GETGID: usize = 104;
}

#[path = "common.rs"]
mod common;
pub use common::{signal, sock, sockopt, SIGCHLD};

/// `AUDIT_ARCH_X86_64`, what a seccomp filter sees in `seccomp_data.arch`.
pub const AUDIT_ARCH: u32 = 0xc000_003e;

#[cfg(target_arch = "x86_64")]
pub mod asm {
    // Each argument is widened to the whole register and the answer read from
    // it: a no-op for x86_64, and what x32 (32-bit `usize`) needs, since the
    // kernel reads all 64 bits of a pointer.

    use core::arch::asm;

    #[inline(always)]
    pub unsafe fn syscall0(nr: usize) -> isize {
        let ret: i64;
        // SAFETY: the caller passes a valid syscall; rcx and r11 are clobbered by `syscall`.
        unsafe {
            asm!("syscall", inlateout("rax") nr as u64 => ret,
                 lateout("rcx") _, lateout("r11") _, options(nostack, preserves_flags));
        }
        ret as isize
    }

    #[inline(always)]
    pub unsafe fn syscall1(nr: usize, a0: usize) -> isize {
        let ret: i64;
        // SAFETY: as syscall0; the caller vouches for the argument.
        unsafe {
            asm!("syscall", inlateout("rax") nr as u64 => ret, in("rdi") a0 as u64,
                 lateout("rcx") _, lateout("r11") _, options(nostack, preserves_flags));
        }
        ret as isize
    }

    #[inline(always)]
    pub unsafe fn syscall2(nr: usize, a0: usize, a1: usize) -> isize {
        let ret: i64;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("syscall", inlateout("rax") nr as u64 => ret, in("rdi") a0 as u64, in("rsi") a1 as u64,
                 lateout("rcx") _, lateout("r11") _, options(nostack, preserves_flags));
        }
        ret as isize
    }

    #[inline(always)]
    pub unsafe fn syscall3(nr: usize, a0: usize, a1: usize, a2: usize) -> isize {
        let ret: i64;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("syscall", inlateout("rax") nr as u64 => ret, in("rdi") a0 as u64, in("rsi") a1 as u64, in("rdx") a2 as u64,
                 lateout("rcx") _, lateout("r11") _, options(nostack, preserves_flags));
        }
        ret as isize
    }

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let ret: i64;
        // SAFETY: as syscall0; the caller vouches for the arguments (the fourth goes in r10).
        unsafe {
            asm!("syscall", inlateout("rax") nr as u64 => ret, in("rdi") a0 as u64, in("rsi") a1 as u64, in("rdx") a2 as u64,
                 in("r10") a3 as u64, lateout("rcx") _, lateout("r11") _, options(nostack, preserves_flags));
        }
        ret as isize
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
        let ret: i64;
        // SAFETY: as syscall0; the caller vouches for the arguments.
        unsafe {
            asm!("syscall", inlateout("rax") nr as u64 => ret, in("rdi") a0 as u64, in("rsi") a1 as u64, in("rdx") a2 as u64,
                 in("r10") a3 as u64, in("r8") a4 as u64, lateout("rcx") _, lateout("r11") _,
                 options(nostack, preserves_flags));
        }
        ret as isize
    }

    /// Body of a naked `_start`. A static-PIE (ELF type ET_DYN, 3, at offset
    /// 16 of its header) first gets its relative relocations applied here,
    /// before any Rust code runs: the load base is where `__ehdr_start`
    /// landed (PIEs are linked at 0), and `_DYNAMIC` gives DT_RELA and
    /// DT_RELASZ. (`_DYNAMIC` is weak: a non-PIE has none and never reads
    /// it.) Then `$entry(stack, dynamic)`: the initial stack pointer (argc,
    /// argv...) and the runtime address of `_DYNAMIC`, or null for a non-PIE.
    /// A DT_RELA at or above the load base means a dynamic linker already
    /// relocated the program (glibc's rewrites the dynamic section): nothing
    /// is applied twice, and the Rust side refuses the program with a message.
    /// Every arch file's `_start` follows these steps.
    #[cfg(target_pointer_width = "64")]
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                ".weak _DYNAMIC",
                "xor ebp, ebp",
                "mov rdi, rsp",
                "lea r8, [rip + __ehdr_start]",
                "xor esi, esi",
                "cmp word ptr [r8 + 16], 3",
                "jne 5f",
                "lea rsi, [rip + _DYNAMIC]",
                "xor ecx, ecx",
                "xor edx, edx",
                "mov rax, rsi",
                // Find DT_RELA (7) and DT_RELASZ (8) before DT_NULL.
                "2: mov r9, [rax]",
                "test r9, r9",
                "jz 3f",
                "cmp r9, 7",
                "cmove rcx, [rax + 8]",
                "cmp r9, 8",
                "cmove rdx, [rax + 8]",
                "add rax, 16",
                "jmp 2b",
                "3: cmp rcx, r8",
                "jae 5f",
                "add rcx, r8",
                "add rdx, rcx",
                // Each Elf64_Rela of type R_X86_64_RELATIVE (8): *(base + offset) = base + addend.
                "4: cmp rcx, rdx",
                "jae 5f",
                "cmp dword ptr [rcx + 8], 8",
                "jne 6f",
                "mov rax, [rcx + 16]",
                "add rax, r8",
                "mov r9, [rcx]",
                "mov [r8 + r9], rax",
                "6: add rcx, 24",
                "jmp 4b",
                "5: and rsp, -16",
                "call {entry}",
                "ud2",
                entry = sym $entry,
            )
        };
    }
}
