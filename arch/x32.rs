//! x32 (x86_64 instructions, 32-bit pointers): syscall numbers and `syscall`.
//!
//! Contract shared by every arch file: `syscallN` returns the kernel's raw
//! answer, a value in `-4095..=-1` meaning `-errno`.

/// Numbers from the kernel's `arch/x86/entry/syscalls/syscall_64.tbl`: the
/// x86_64 ("common") number with the x32 bit, or the x32 row where the call
/// takes structures laid out for 32-bit pointers (getsockopt, setsockopt,
/// waitid: 512 and up).
pub mod nr {
    const X32: usize = 0x4000_0000;
    pub const SOCKET: usize = X32 | 41;
    pub const BIND: usize = X32 | 49;
    pub const GETSOCKNAME: usize = X32 | 51;
    pub const CONNECT: usize = X32 | 42;
    pub const LISTEN: usize = X32 | 50;
    pub const ACCEPT4: usize = X32 | 288;
    pub const GETSOCKOPT: usize = X32 | 542;
    pub const SETSOCKOPT: usize = X32 | 541;
    pub const CLOSE: usize = X32 | 3;
    pub const WRITE: usize = X32 | 1;
    pub const EXIT_GROUP: usize = X32 | 231;
    pub const GETPID: usize = X32 | 39;
    pub const PIPE2: usize = X32 | 293;
    pub const UNLINKAT: usize = X32 | 263;
    pub const MKDIRAT: usize = X32 | 258;
    pub const SECCOMP: usize = X32 | 317;
    pub const READ: usize = X32; // read is 0
    pub const OPENAT: usize = X32 | 257;
    pub const MKNODAT: usize = X32 | 259;
    pub const SYMLINKAT: usize = X32 | 266;
    pub const CLONE: usize = X32 | 56;
    pub const WAITID: usize = X32 | 529;
    pub const SETRESUID: usize = X32 | 117;
    pub const SETRESGID: usize = X32 | 119;
    pub const SETGROUPS: usize = X32 | 116;
    pub const UNSHARE: usize = X32 | 272;
    pub const MOUNT: usize = X32 | 165;
    pub const FCNTL: usize = X32 | 72;
    /// x32's own row: its `struct sigaction` holds pointers.
    pub const RT_SIGACTION: usize = X32 | 512;
}

#[path = "common.rs"]
mod common;
pub use common::{signal, sock, sockopt, SIGCHLD};

/// `AUDIT_ARCH_X86_64`: x32 calls reach the x86_64 entry, marked by the x32 bit
/// in the number rather than by their own audit arch.
pub const AUDIT_ARCH: u32 = 0xc000_003e;

#[cfg(all(target_arch = "x86_64", target_pointer_width = "32"))]
pub mod asm {
    use core::arch::asm;

    // As x86_64, but `usize` is 32 bits: each argument is widened to the full
    // register (the kernel reads all 64 bits of a pointer), and the answer,
    // sign-extended by the kernel, is narrowed back.

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
            asm!("syscall", inlateout("rax") nr as u64 => ret, in("rdi") a0 as u64, in("rsi") a1 as u64,
                 in("rdx") a2 as u64, lateout("rcx") _, lateout("r11") _, options(nostack, preserves_flags));
        }
        ret as isize
    }

    #[inline(always)]
    pub unsafe fn syscall4(nr: usize, a0: usize, a1: usize, a2: usize, a3: usize) -> isize {
        let ret: i64;
        // SAFETY: as syscall0; the caller vouches for the arguments (the fourth goes in r10).
        unsafe {
            asm!("syscall", inlateout("rax") nr as u64 => ret, in("rdi") a0 as u64, in("rsi") a1 as u64,
                 in("rdx") a2 as u64, in("r10") a3 as u64, lateout("rcx") _, lateout("r11") _,
                 options(nostack, preserves_flags));
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
            asm!("syscall", inlateout("rax") nr as u64 => ret, in("rdi") a0 as u64, in("rsi") a1 as u64,
                 in("rdx") a2 as u64, in("r10") a3 as u64, in("r8") a4 as u64, lateout("rcx") _,
                 lateout("r11") _, options(nostack, preserves_flags));
        }
        ret as isize
    }

    #[inline(always)]
    pub unsafe fn exit_group(code: usize) -> ! {
        // SAFETY: exit_group does not return.
        unsafe {
            asm!("syscall", in("rax") super::nr::EXIT_GROUP as u64, in("rdi") code as u64,
                 options(noreturn, nostack))
        }
    }

    /// Body of a naked `_start`: a static-PIE's relative relocations, then
    /// `$entry(stack, dynamic)`, as on x86_64 but over ELF32 structures
    /// (8-byte Elf32_Dyn, 12-byte Elf32_Rela with the type in `r_info`'s low
    /// byte). Every address fits in 32 bits, zero-extended in its register.
    #[doc(hidden)]
    #[macro_export]
    macro_rules! __rawbind_entry_trampoline {
        ($entry:path) => {
            ::core::arch::naked_asm!(
                ".weak _DYNAMIC",
                "xor ebp, ebp",
                "mov edi, esp",
                "lea r8d, [rip + __ehdr_start]",
                "xor esi, esi",
                "cmp word ptr [r8 + 16], 3",
                "jne 5f",
                "lea esi, [rip + _DYNAMIC]",
                "xor ecx, ecx",
                "xor edx, edx",
                "mov eax, esi",
                // Find DT_RELA (7) and DT_RELASZ (8) before DT_NULL.
                "2: mov r9d, [rax]",
                "test r9d, r9d",
                "jz 3f",
                "cmp r9d, 7",
                "cmove ecx, [rax + 4]",
                "cmp r9d, 8",
                "cmove edx, [rax + 4]",
                "add eax, 8",
                "jmp 2b",
                "3: cmp ecx, r8d",
                "jae 5f",
                "add ecx, r8d",
                "add edx, ecx",
                // Each Elf32_Rela of type R_X86_64_RELATIVE (8): *(base + offset) = base + addend.
                "4: cmp ecx, edx",
                "jae 5f",
                "cmp byte ptr [rcx + 4], 8",
                "jne 6f",
                "mov eax, [rcx + 8]",
                "add eax, r8d",
                "mov r9d, [rcx]",
                "mov [r8 + r9], eax",
                "6: add ecx, 12",
                "jmp 4b",
                "5: and esp, -16",
                "call {entry}",
                "ud2",
                entry = sym $entry,
            )
        };
    }
}
