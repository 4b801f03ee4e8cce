//! The bare reference the cost comparison (`bench/`, `cargo xtask bench`)
//! measures rawbind against: one inline-asm system call with three
//! arguments and a bare `_start`, per architecture, with nothing else. It
//! is not rawbind's asm on purpose (a reference that shared it would
//! measure nothing) and it is not part of the library or its package
//! (`Cargo.toml` ships `arch/*.rs` only); it lives under `arch/` because
//! every instruction sequence in the repository does. No mips64 or x32
//! version: the tables say so.

use core::arch::asm;

/// System call `nr` with three arguments; the kernel's raw answer.
///
/// # Safety
/// The arguments must be valid for the call.
#[inline(always)]
pub unsafe fn syscall3(nr: usize, a: usize, b: usize, c: usize) -> isize {
    let ret: isize;
    // SAFETY: the caller vouches for the call; each block names every
    // register the instruction reads or clobbers.
    unsafe {
        #[cfg(target_arch = "x86_64")]
        asm!("syscall", inlateout("rax") nr => ret, in("rdi") a, in("rsi") b, in("rdx") c,
             lateout("rcx") _, lateout("r11") _, options(nostack));
        #[cfg(target_arch = "x86")]
        asm!("int 0x80", inlateout("eax") nr => ret, in("ebx") a, in("ecx") b, in("edx") c,
             options(nostack));
        #[cfg(target_arch = "aarch64")]
        asm!("svc 0", in("x8") nr, inlateout("x0") a => ret, in("x1") b, in("x2") c,
             options(nostack));
        // r7 is the frame pointer in Thumb code, which asm may not name: the
        // number rides in another register and is swapped in around `svc`.
        #[cfg(target_arch = "arm")]
        asm!("mov {saved}, r7", "mov r7, {nr}", "svc 0", "mov r7, {saved}", nr = in(reg) nr,
             saved = out(reg) _, inlateout("r0") a => ret, in("r1") b, in("r2") c,
             options(nostack));
        #[cfg(any(target_arch = "riscv64", target_arch = "riscv32"))]
        asm!("ecall", in("a7") nr, inlateout("a0") a => ret, in("a1") b, in("a2") c,
             options(nostack));
        #[cfg(target_arch = "loongarch64")]
        asm!("syscall 0", in("$a7") nr, inlateout("$a0") a => ret, in("$a1") b, in("$a2") c,
             lateout("$t0") _, lateout("$t1") _, lateout("$t2") _, lateout("$t3") _,
             lateout("$t4") _, lateout("$t5") _, lateout("$t6") _, lateout("$t7") _,
             lateout("$t8") _, options(nostack));
        #[cfg(target_arch = "s390x")]
        asm!("svc 0", in("r1") nr, inlateout("r2") a => ret, in("r3") b, in("r4") c,
             options(nostack));
        #[cfg(target_arch = "powerpc64")]
        {
            let raw: isize;
            asm!("sc", "bns 1f", "neg 3, 3", "1:",
                 inlateout("r0") nr => _, inlateout("r3") a => raw, inlateout("r4") b => _,
                 inlateout("r5") c => _, lateout("r6") _, lateout("r7") _, lateout("r8") _,
                 lateout("r9") _, lateout("r10") _, lateout("r11") _, lateout("r12") _,
                 lateout("cr0") _, options(nostack));
            ret = raw;
        }
        #[cfg(not(any(
            target_arch = "x86_64",
            target_arch = "x86",
            target_arch = "aarch64",
            target_arch = "arm",
            target_arch = "riscv64",
            target_arch = "riscv32",
            target_arch = "loongarch64",
            target_arch = "s390x",
            target_arch = "powerpc64"
        )))]
        {
            let _ = (nr, a, b, c);
            ret = -38; // ENOSYS: no bare asm written for this architecture
        }
    }
    ret
}

/// A bare `_start` for a static, non-PIE program: it calls `$main(stack)`
/// (`extern "C" fn(*const usize) -> !`) on an aligned stack, and does
/// nothing else: no relocations, no standard descriptors, no signals.
#[macro_export]
macro_rules! start {
    ($main:path) => {
        #[cfg(target_arch = "x86_64")]
        ::core::arch::global_asm!(".globl _start", "_start:", "mov rdi, rsp", "and rsp, -16",
                                  "call {main}", "ud2", main = sym $main);
        #[cfg(target_arch = "x86")]
        ::core::arch::global_asm!(".globl _start", "_start:", "mov eax, esp", "and esp, -16",
                                  "sub esp, 12", "push eax", "call {main}", "ud2", main = sym $main);
        #[cfg(target_arch = "aarch64")]
        ::core::arch::global_asm!(".globl _start", "_start:", "mov x0, sp", "bl {main}",
                                  main = sym $main);
        // A naked function rather than global asm: the compiler then marks
        // its address with the Thumb bit on Thumb targets, so the kernel
        // enters it in the right state.
        #[cfg(target_arch = "arm")]
        #[unsafe(naked)]
        #[unsafe(no_mangle)]
        unsafe extern "C" fn _start() -> ! {
            ::core::arch::naked_asm!("mov r0, sp", "bl {main}", main = sym $main)
        }
        #[cfg(any(target_arch = "riscv64", target_arch = "riscv32"))]
        ::core::arch::global_asm!(".globl _start", "_start:", "mv a0, sp", "call {main}",
                                  main = sym $main);
        #[cfg(target_arch = "loongarch64")]
        ::core::arch::global_asm!(".globl _start", "_start:", "move $a0, $sp", "bl {main}",
                                  main = sym $main);
        #[cfg(target_arch = "s390x")]
        ::core::arch::global_asm!(".globl _start", "_start:", "lgr %r2, %r15",
                                  "aghi %r15, -160", "xc 0(8,%r15), 0(%r15)",
                                  "brasl %r14, {main}", main = sym $main);
        #[cfg(target_arch = "powerpc64")]
        ::core::arch::global_asm!(".globl _start", "_start:", "bcl 20, 31, 1f", "1: mflr 12",
                                  "addis 2, 12, (.TOC. - 1b)@ha", "addi 2, 2, (.TOC. - 1b)@l",
                                  "mr 3, 1", "clrrdi 1, 1, 4", "li 0, 0", "stdu 0, -32(1)",
                                  "bl {main}", "nop", main = sym $main);
    };
}
