//! x32 (`x86_64` instructions, 32-bit pointers): what differs from
//! `x86_64.rs`, whose `syscall` functions (which widen every argument to
//! the full register) and shared values it takes: the numbers, and `_start`
//! for 32-bit ELF structures.

#[path = "x86_64.rs"]
pub mod x86_64;

pub use x86_64::{asm, signal, sock, sockopt, SIGCHLD};

/// Numbers from the kernel's `arch/x86/entry/syscalls/syscall_64.tbl`: the
/// `x86_64` ("common") number with the x32 bit, or the x32 row where the call
/// takes structures laid out for 32-bit pointers (512 and up).
pub mod nr {
    use super::x86_64::nr as x86_64;

    const X32: usize = 0x4000_0000;

    macro_rules! with_the_x32_bit {
        ($($name:ident),* $(,)?) => {
            $(pub const $name: usize = X32 | x86_64::$name;)*
        };
    }

    with_the_x32_bit!(
        SOCKET,
        BIND,
        GETSOCKNAME,
        CONNECT,
        LISTEN,
        ACCEPT4,
        CLOSE,
        WRITE,
        EXIT_GROUP,
        GETPID,
        PIPE2,
        UNLINKAT,
        MKDIRAT,
        SECCOMP,
        READ,
        OPENAT,
        MKNODAT,
        SYMLINKAT,
        CLONE,
        SETRESUID,
        SETRESGID,
        SETGROUPS,
        UNSHARE,
        MOUNT,
        FCNTL,
        PPOLL,
        SENDTO,
        SHUTDOWN,
        GETPEERNAME,
        SOCKETPAIR,
        PRCTL,
        CAPSET,
        UMASK,
        FLOCK,
        STATX,
        GETUID,
        GETGID,
    );
    pub const SETSOCKOPT: usize = X32 | 541;
    pub const GETSOCKOPT: usize = X32 | 542;
    pub const WAITID: usize = X32 | 529;
    pub const RECVFROM: usize = X32 | 517;
    pub const SENDMSG: usize = X32 | 518;
    pub const RECVMSG: usize = X32 | 519;
    /// x32's own row: its `struct sigaction` holds pointers.
    pub const RT_SIGACTION: usize = X32 | 512;
}

/// `AUDIT_ARCH_X86_64`: x32 calls reach the `x86_64` entry, marked by the x32
/// bit in the number rather than by their own audit arch.
pub const AUDIT_ARCH: u32 = x86_64::AUDIT_ARCH;

#[cfg(all(target_arch = "x86_64", target_pointer_width = "32"))]
mod start {
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
