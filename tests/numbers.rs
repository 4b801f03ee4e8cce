//! Every arch file's numbers against tables other people generated from the
//! kernel sources: `syscalls` (every arch, from any host), `sc` (where it
//! builds) and `linux-raw-sys` (socket constants, socketcall numbers,
//! `AUDIT_ARCH_*`, and every row of rawbind's errno table). One list below
//! names each arch file and what it is checked against; the errno check
//! reads `src/errno_table.rs` itself. They run on the hosts that build
//! those tables.
#![cfg(any(target_arch = "x86_64", target_arch = "x86", target_arch = "aarch64"))]
// Every generic-table arch file includes arch/generic.rs, and this test
// loads each of them: the same numbers, once per arch module.
#![allow(clippy::duplicate_mod)]
// The arch modules here are the library's files, linted (pedantic included)
// where the library compiles them; this file is tables of assertions.
#![allow(clippy::pedantic)]

/// Declares each arch module (from `arch/FILE.rs`) and one test that checks
/// all of them. Per arch: its file, its `syscalls` table (riscv twice, for
/// 64 and 32 bits), the names it shares with the generic socket constants
/// (`common`) or has its own values for (`own`, mips64: checked by its
/// runner under qemu), its `AUDIT_ARCH` constants, and its numbers whose
/// name in the table differs by arch (fcntl64, setresuid32, socketcall).
macro_rules! arches {
    ($(
        $arch:ident in $file:literal {
            $(syscalls::$table:ident [$($name:ident = $sysno:ident),* $(,)?])*
            constants: $kind:ident,
            audit: [$($audit:ident = $theirs:ident),+ $(,)?],
        }
    )*) => {
        $(
            #[allow(dead_code, unused_macros, unused_imports)]
            #[path = $file]
            mod $arch;
        )*

        #[test]
        fn every_arch_file_matches_the_syscalls_crate() {
            $($(
                common_numbers!($arch::nr, syscalls::$table $(, $name = $sysno)*);
            )*)*
        }

        #[test]
        fn socket_constants_and_sigchld_match_linux_raw_sys() {
            $(constants!($kind, $arch);)*
        }

        #[test]
        fn audit_arch_values_match_linux_raw_sys() {
            $($(
                assert_eq!($arch::$audit, linux_raw_sys::ptrace::$theirs, stringify!($arch::$audit));
            )+)*
        }
    };
}

/// Asserts `ours::NAME == table::Sysno::name` for each pair, by value.
macro_rules! same_numbers {
    ($ours:path, $table:path, $($name:ident = $sysno:ident),* $(,)?) => {{
        use $ours as ours;
        use $table as table;
        $(assert_eq!(ours::$name, table::Sysno::$sysno.id() as usize,
                     concat!(stringify!($ours), "::", stringify!($name)));)*
    }};
}

/// The numbers whose name is the same in every table, then an arch's own pairs.
macro_rules! common_numbers {
    ($ours:path, $table:path $(, $name:ident = $sysno:ident)* $(,)?) => {
        same_numbers!($ours, $table, SOCKET = socket, BIND = bind, GETSOCKNAME = getsockname, CLOSE = close,
            WRITE = write, EXIT_GROUP = exit_group, GETPID = getpid, PIPE2 = pipe2, UNLINKAT = unlinkat,
            MKDIRAT = mkdirat, SECCOMP = seccomp, CONNECT = connect, LISTEN = listen,
            ACCEPT4 = accept4, GETSOCKOPT = getsockopt, SETSOCKOPT = setsockopt, READ = read,
            OPENAT = openat, MKNODAT = mknodat, SYMLINKAT = symlinkat, CLONE = clone, WAITID = waitid,
            UNSHARE = unshare, MOUNT = mount, RT_SIGACTION = rt_sigaction, SENDTO = sendto,
            RECVFROM = recvfrom, SHUTDOWN = shutdown, GETPEERNAME = getpeername, SOCKETPAIR = socketpair,
            SENDMSG = sendmsg, RECVMSG = recvmsg, PRCTL = prctl, CAPSET = capset, UMASK = umask,
            FLOCK = flock, STATX = statx $(, $name = $sysno)*)
    };
}

/// The socket types, `SOL_SOCKET` options and SIGCHLD an arch shares with
/// the generic values (`common`), or nothing for an arch with its own.
macro_rules! constants {
    (common, $arch:ident) => {{
        use linux_raw_sys::{general, net};
        assert_eq!(
            [
                $arch::sock::STREAM,
                $arch::sock::DGRAM,
                $arch::sock::RAW,
                $arch::sock::CLOEXEC
            ],
            [
                net::SOCK_STREAM,
                net::SOCK_DGRAM,
                net::SOCK_RAW,
                general::O_CLOEXEC
            ],
            stringify!($arch::sock)
        );
        assert_eq!(
            [
                $arch::sockopt::SOL_SOCKET,
                $arch::sockopt::SO_REUSEADDR,
                $arch::sockopt::SO_REUSEPORT
            ],
            [net::SOL_SOCKET, net::SO_REUSEADDR, net::SO_REUSEPORT],
            stringify!($arch::sockopt)
        );
        assert_eq!(
            $arch::SIGCHLD as u32,
            general::SIGCHLD,
            stringify!($arch::SIGCHLD)
        );
    }};
    (own, $arch:ident) => {};
}

arches! {
    x86 in "../arch/x86.rs" {
        syscalls::x86 [FCNTL = fcntl64, SETRESUID = setresuid32, SETRESGID = setresgid32, SETGROUPS = setgroups32, GETUID = getuid32, GETGID = getgid32, PPOLL = ppoll,
              SOCKETCALL = socketcall, FIRST_DIRECT_SOCKET_CALL = socket, LAST_DIRECT_SOCKET_CALL = shutdown]
        constants: common,
        audit: [AUDIT_ARCH = AUDIT_ARCH_I386],
    }
    x32 in "../arch/x32.rs" {
        // x32.rs includes x86_64.rs, whose asm it shares: x86_64 is checked
        // as `x32::x86_64` (below), so its `_start` is compiled once; x32's
        // own numbers are x86_64's with the x32 bit, which no table lists.
        constants: own,
        audit: [AUDIT_ARCH = AUDIT_ARCH_X86_64],
    }
    aarch64 in "../arch/aarch64.rs" {
        syscalls::aarch64 [FCNTL = fcntl, SETRESUID = setresuid, SETRESGID = setresgid, SETGROUPS = setgroups, GETUID = getuid, GETGID = getgid, PPOLL = ppoll]
        constants: common,
        audit: [AUDIT_ARCH = AUDIT_ARCH_AARCH64],
    }
    arm in "../arch/arm.rs" {
        syscalls::arm [FCNTL = fcntl64, SETRESUID = setresuid32, SETRESGID = setresgid32, SETGROUPS = setgroups32, GETUID = getuid32, GETGID = getgid32, PPOLL = ppoll]
        constants: common,
        audit: [AUDIT_ARCH = AUDIT_ARCH_ARM],
    }
    riscv in "../arch/riscv.rs" {
        syscalls::riscv64 [FCNTL = fcntl, SETRESUID = setresuid, SETRESGID = setresgid, SETGROUPS = setgroups, GETUID = getuid, GETGID = getgid, PPOLL = ppoll]
        syscalls::riscv32 [FCNTL = fcntl64, SETRESUID = setresuid, SETRESGID = setresgid, SETGROUPS = setgroups, GETUID = getuid, GETGID = getgid, PPOLL_TIME64 = ppoll_time64]
        constants: common,
        audit: [AUDIT_ARCH_64 = AUDIT_ARCH_RISCV64, AUDIT_ARCH_32 = AUDIT_ARCH_RISCV32],
    }
    loongarch64 in "../arch/loongarch64.rs" {
        syscalls::loongarch64 [FCNTL = fcntl, SETRESUID = setresuid, SETRESGID = setresgid, SETGROUPS = setgroups, GETUID = getuid, GETGID = getgid, PPOLL = ppoll]
        constants: common,
        audit: [AUDIT_ARCH = AUDIT_ARCH_LOONGARCH64],
    }
    s390x in "../arch/s390x.rs" {
        syscalls::s390x [FCNTL = fcntl, SETRESUID = setresuid, SETRESGID = setresgid, SETGROUPS = setgroups, GETUID = getuid, GETGID = getgid, PPOLL = ppoll,
                SOCKETCALL = socketcall, FIRST_DIRECT_SOCKET_CALL = socket, LAST_DIRECT_SOCKET_CALL = shutdown]
        constants: common,
        audit: [AUDIT_ARCH = AUDIT_ARCH_S390X],
    }
    powerpc64 in "../arch/powerpc64.rs" {
        syscalls::powerpc64 [FCNTL = fcntl, SETRESUID = setresuid, SETRESGID = setresgid, SETGROUPS = setgroups, GETUID = getuid, GETGID = getgid, PPOLL = ppoll,
                    SOCKETCALL = socketcall, FIRST_DIRECT_SOCKET_CALL = socket, LAST_DIRECT_SOCKET_CALL = accept4]
        constants: common,
        audit: [AUDIT_ARCH = AUDIT_ARCH_PPC64LE],
    }
    mips64 in "../arch/mips64.rs" {
        // mips64's own SOCK_*, SO_*, SIGCHLD and errno values have no table
        // on a non-mips host: its runner proves them under qemu-mips64.
        syscalls::mips64 [FCNTL = fcntl, SETRESUID = setresuid, SETRESGID = setresgid, SETGROUPS = setgroups, GETUID = getuid, GETGID = getgid, PPOLL = ppoll]
        constants: own,
        audit: [AUDIT_ARCH_BIG = AUDIT_ARCH_MIPS64, AUDIT_ARCH_LITTLE = AUDIT_ARCH_MIPSEL64],
    }
}

/// `x86_64`, reached through `x32.rs` (see the list).
use x32::x86_64;

#[test]
fn x86_64_numbers_match_syscalls_crate() {
    common_numbers!(
        x86_64::nr,
        syscalls::x86_64,
        FCNTL = fcntl,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups,
        GETUID = getuid,
        GETGID = getgid,
        PPOLL = ppoll
    );
    constants!(common, x86_64);
    assert_eq!(x86_64::AUDIT_ARCH, linux_raw_sys::ptrace::AUDIT_ARCH_X86_64);
}

/// x32 takes the `x86_64` number with bit 30 set, except for the calls whose
/// structures hold pointers: those have x32 rows of their own (512 and up),
/// which the `syscalls` crate does not list; the kernel's table gives them.
#[test]
fn x32_numbers_are_x86_64_numbers_with_the_x32_bit() {
    const X32: usize = 0x4000_0000;
    assert_eq!(
        x32::nr::BIND,
        X32 | syscalls::x86_64::Sysno::bind.id() as usize
    );
    assert_eq!(
        x32::nr::READ,
        X32 | syscalls::x86_64::Sysno::read.id() as usize
    );
    assert_eq!(
        [
            x32::nr::SETSOCKOPT,
            x32::nr::GETSOCKOPT,
            x32::nr::WAITID,
            x32::nr::RT_SIGACTION,
            x32::nr::RECVFROM,
            x32::nr::SENDMSG,
            x32::nr::RECVMSG,
        ],
        [
            X32 | 541,
            X32 | 542,
            X32 | 529,
            X32 | 512,
            X32 | 517,
            X32 | 518,
            X32 | 519
        ]
    );
    assert_eq!(
        x32::nr::FLOCK,
        X32 | syscalls::x86_64::Sysno::flock.id() as usize
    );
    assert_eq!(
        x32::nr::PPOLL,
        X32 | syscalls::x86_64::Sysno::ppoll.id() as usize
    );
}

/// The direct socket calls are exactly the range the seccomp tests deny, and
/// socketcall's own call numbers are the generic ones on every arch that has it.
#[test]
fn socketcall_numbers_match_linux_raw_sys() {
    use linux_raw_sys::net;
    for sysno in [
        syscalls::x86::Sysno::socketpair,
        syscalls::x86::Sysno::connect,
        syscalls::x86::Sysno::recvmsg,
    ] {
        assert!(
            (x86::nr::FIRST_DIRECT_SOCKET_CALL..=x86::nr::LAST_DIRECT_SOCKET_CALL)
                .contains(&(sysno.id() as usize))
        );
    }
    macro_rules! generic {
        ($($arch:ident),*) => {$(
            assert_eq!(
                [$arch::socketcall::SOCKET, $arch::socketcall::BIND, $arch::socketcall::GETSOCKNAME,
                 $arch::socketcall::CONNECT, $arch::socketcall::LISTEN, $arch::socketcall::ACCEPT4,
                 $arch::socketcall::SETSOCKOPT, $arch::socketcall::GETSOCKOPT],
                [net::SYS_SOCKET, net::SYS_BIND, net::SYS_GETSOCKNAME, net::SYS_CONNECT,
                 net::SYS_LISTEN, net::SYS_ACCEPT4, net::SYS_SETSOCKOPT, net::SYS_GETSOCKOPT]
                    .map(|n| n as usize),
                stringify!($arch::socketcall)
            );
        )*};
    }
    generic!(x86, s390x, powerpc64);
    assert_eq!(u32::from(rawbind::Family::UNIX.raw()), net::AF_UNIX);
    assert_eq!(u32::from(rawbind::Family::INET.raw()), net::AF_INET);
    assert_eq!(u32::from(rawbind::Family::INET6.raw()), net::AF_INET6);
}

/// `sc` builds for `x86_64`, aarch64 and riscv64 only; it checks the arch file
/// of the host it runs on.
#[cfg(target_arch = "x86_64")]
#[test]
fn x86_64_numbers_match_sc() {
    use x86_64::nr;
    macro_rules! same {
        ($($name:ident),*) => {$(assert_eq!(nr::$name, sc::nr::$name, stringify!($name));)*};
    }
    same!(
        SOCKET,
        BIND,
        GETSOCKNAME,
        CLOSE,
        WRITE,
        EXIT_GROUP,
        GETPID,
        PIPE2,
        UNLINKAT,
        MKDIRAT,
        SECCOMP,
        CONNECT,
        LISTEN,
        ACCEPT4,
        GETSOCKOPT,
        SETSOCKOPT,
        READ,
        OPENAT,
        MKNODAT,
        SYMLINKAT,
        CLONE,
        WAITID,
        SETRESUID,
        SETRESGID,
        SETGROUPS,
        UNSHARE,
        MOUNT,
        FCNTL,
        RT_SIGACTION,
        PPOLL
    );
}

/// Every row of rawbind's errno table (its generic value, its name and its
/// description) against linux-raw-sys, read from the table file itself:
/// `errnos!` here turns the rows into assertions.
macro_rules! errnos {
    ($($name:ident = $value:literal | $mips:literal, $description:literal;)*) => {
        /// Checks each row; how many there are.
        fn check_errno_rows() -> usize {
            let mut rows = 0;
            $(
                assert_eq!($value, linux_raw_sys::errno::$name, stringify!($name));
                assert_eq!(rawbind::Errno::$name.name(), Some(stringify!($name)));
                assert_eq!(rawbind::Errno::$name.description(), Some($description));
                rows += 1;
            )*
            rows
        }
    };
}

include!("../src/errno_table.rs");

#[test]
fn errno_table_matches_linux_raw_sys() {
    assert_eq!(check_errno_rows(), 131, "rows in src/errno_table.rs");
    // The two aliases share their number with the name the table gives it.
    assert_eq!(
        rawbind::Errno::EWOULDBLOCK.raw() as u32,
        linux_raw_sys::errno::EWOULDBLOCK
    );
    assert_eq!(
        rawbind::Errno::EDEADLOCK.raw() as u32,
        linux_raw_sys::errno::EDEADLOCK
    );
}
