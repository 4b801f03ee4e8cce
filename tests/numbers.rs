//! Every arch file's numbers against tables other people generated from the
//! kernel sources: `syscalls` (all arches, from any host), `sc` (where it
//! builds) and `linux-raw-sys` (socketcall numbers, errno values, constants).
//! They run on the hosts that build those tables.
#![cfg(any(target_arch = "x86_64", target_arch = "x86", target_arch = "aarch64"))]
// Every generic-table arch file includes arch/generic.rs, and this test
// loads each of them: the same numbers, once per arch module.
#![allow(clippy::duplicate_mod)]

#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/aarch64.rs"]
mod aarch64;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/arm.rs"]
mod arm;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/loongarch64.rs"]
mod loongarch64;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/mips64.rs"]
mod mips64;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/powerpc64.rs"]
mod powerpc64;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/riscv.rs"]
mod riscv;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/s390x.rs"]
mod s390x;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/x32.rs"]
mod x32;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/x86.rs"]
mod x86;
#[allow(dead_code, unused_macros, unused_imports)]
#[path = "../arch/x86_64.rs"]
mod x86_64;

/// Asserts `ours::NAME == table::Sysno::name` for each pair, by value.
macro_rules! same_numbers {
    ($ours:path, $table:path, $($name:ident = $sysno:ident),* $(,)?) => {{
        use $ours as ours;
        use $table as table;
        $(assert_eq!(ours::$name, table::Sysno::$sysno.id() as usize,
                     concat!(stringify!($ours), "::", stringify!($name)));)*
    }};
}

/// The numbers every arch file has, against `$table`; more pairs may follow.
macro_rules! common_numbers {
    ($ours:path, $table:path $(, $name:ident = $sysno:ident)* $(,)?) => {
        same_numbers!($ours, $table, SOCKET = socket, BIND = bind, GETSOCKNAME = getsockname, CLOSE = close,
            WRITE = write, EXIT_GROUP = exit_group, GETPID = getpid, PIPE2 = pipe2, UNLINKAT = unlinkat,
            MKDIRAT = mkdirat, SECCOMP = seccomp, CONNECT = connect, LISTEN = listen,
            ACCEPT4 = accept4, GETSOCKOPT = getsockopt, SETSOCKOPT = setsockopt, READ = read,
            OPENAT = openat, MKNODAT = mknodat, SYMLINKAT = symlinkat, CLONE = clone, WAITID = waitid,
            UNSHARE = unshare, MOUNT = mount $(, $name = $sysno)*)
    };
}

#[test]
fn x86_64_numbers_match_syscalls_crate() {
    common_numbers!(
        x86_64::nr,
        syscalls::x86_64,
        FCNTL = fcntl,
        RT_SIGACTION = rt_sigaction,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups
    );
}

#[test]
fn x86_numbers_match_syscalls_crate() {
    common_numbers!(
        x86::nr,
        syscalls::x86,
        FCNTL = fcntl64,
        RT_SIGACTION = rt_sigaction,
        SOCKETCALL = socketcall,
        SETRESUID = setresuid32,
        SETRESGID = setresgid32,
        SETGROUPS = setgroups32,
        FIRST_DIRECT_SOCKET_CALL = socket,
        LAST_DIRECT_SOCKET_CALL = shutdown
    );
    // The direct socket calls are exactly the range the seccomp tests deny.
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
}

#[test]
fn aarch64_numbers_match_syscalls_crate() {
    common_numbers!(
        aarch64::nr,
        syscalls::aarch64,
        FCNTL = fcntl,
        RT_SIGACTION = rt_sigaction,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups
    );
}

/// x32 takes the x86_64 number with bit 30 set, except for the calls whose
/// structures hold pointers: those have x32 rows of their own (512 and up),
/// which the `syscalls` crate does not list; the kernel's table gives them.
#[test]
fn x32_numbers_are_x86_64_numbers_with_the_x32_bit() {
    const X32: usize = 0x4000_0000;
    macro_rules! x32_common {
        ($($name:ident = $sysno:ident),*) => {$(
            assert_eq!(x32::nr::$name, syscalls::x86_64::Sysno::$sysno.id() as usize | X32,
                       stringify!($name));
        )*};
    }
    x32_common!(
        SOCKET = socket,
        BIND = bind,
        GETSOCKNAME = getsockname,
        CONNECT = connect,
        LISTEN = listen,
        ACCEPT4 = accept4,
        CLOSE = close,
        WRITE = write,
        EXIT_GROUP = exit_group,
        GETPID = getpid,
        PIPE2 = pipe2,
        UNLINKAT = unlinkat,
        MKDIRAT = mkdirat,
        SECCOMP = seccomp,
        READ = read,
        OPENAT = openat,
        MKNODAT = mknodat,
        SYMLINKAT = symlinkat,
        CLONE = clone,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups,
        UNSHARE = unshare,
        MOUNT = mount,
        FCNTL = fcntl
    );
    assert_eq!(
        [
            x32::nr::SETSOCKOPT,
            x32::nr::GETSOCKOPT,
            x32::nr::WAITID,
            x32::nr::RT_SIGACTION
        ],
        [X32 | 541, X32 | 542, X32 | 529, X32 | 512]
    );
}

#[test]
fn arm_numbers_match_syscalls_crate() {
    common_numbers!(
        arm::nr,
        syscalls::arm,
        FCNTL = fcntl64,
        RT_SIGACTION = rt_sigaction,
        SETRESUID = setresuid32,
        SETRESGID = setresgid32,
        SETGROUPS = setgroups32
    );
}

#[test]
fn generic_table_arches_match_syscalls_crate() {
    common_numbers!(
        riscv::nr,
        syscalls::riscv64,
        FCNTL = fcntl,
        RT_SIGACTION = rt_sigaction,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups
    );
    common_numbers!(
        riscv::nr,
        syscalls::riscv32,
        FCNTL = fcntl64,
        RT_SIGACTION = rt_sigaction,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups
    );
    common_numbers!(
        loongarch64::nr,
        syscalls::loongarch64,
        FCNTL = fcntl,
        RT_SIGACTION = rt_sigaction,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups
    );
}

#[test]
fn s390x_and_powerpc64_numbers_match_syscalls_crate() {
    common_numbers!(
        s390x::nr,
        syscalls::s390x,
        FCNTL = fcntl,
        RT_SIGACTION = rt_sigaction,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups,
        SOCKETCALL = socketcall,
        FIRST_DIRECT_SOCKET_CALL = socket,
        LAST_DIRECT_SOCKET_CALL = shutdown
    );
    common_numbers!(
        powerpc64::nr,
        syscalls::powerpc64,
        FCNTL = fcntl,
        RT_SIGACTION = rt_sigaction,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups,
        SOCKETCALL = socketcall,
        FIRST_DIRECT_SOCKET_CALL = socket,
        LAST_DIRECT_SOCKET_CALL = accept4
    );
    // The socketcall numbers are the generic ones on every arch that has it.
    for table in [
        [
            x86::socketcall::SOCKET,
            x86::socketcall::BIND,
            x86::socketcall::ACCEPT4,
        ],
        [
            s390x::socketcall::SOCKET,
            s390x::socketcall::BIND,
            s390x::socketcall::ACCEPT4,
        ],
        [
            powerpc64::socketcall::SOCKET,
            powerpc64::socketcall::BIND,
            powerpc64::socketcall::ACCEPT4,
        ],
    ] {
        assert_eq!(table, [1, 2, 18]);
    }
}

/// mips64's own constants (SOCK_*, SOL_SOCKET/SO_*, SIGCHLD) have no table
/// on a non-mips host; the runner proves them under qemu-mips64.
#[test]
fn mips64_numbers_match_syscalls_crate() {
    common_numbers!(
        mips64::nr,
        syscalls::mips64,
        FCNTL = fcntl,
        RT_SIGACTION = rt_sigaction,
        SETRESUID = setresuid,
        SETRESGID = setresgid,
        SETGROUPS = setgroups
    );
}

#[test]
fn socketcall_numbers_match_linux_raw_sys() {
    use linux_raw_sys::net;
    assert_eq!(x86::socketcall::SOCKET, net::SYS_SOCKET as usize);
    assert_eq!(x86::socketcall::BIND, net::SYS_BIND as usize);
    assert_eq!(x86::socketcall::GETSOCKNAME, net::SYS_GETSOCKNAME as usize);
    assert_eq!(x86::socketcall::CONNECT, net::SYS_CONNECT as usize);
    assert_eq!(x86::socketcall::LISTEN, net::SYS_LISTEN as usize);
    assert_eq!(x86::socketcall::ACCEPT4, net::SYS_ACCEPT4 as usize);
    assert_eq!(x86::socketcall::SETSOCKOPT, net::SYS_SETSOCKOPT as usize);
    assert_eq!(x86::socketcall::GETSOCKOPT, net::SYS_GETSOCKOPT as usize);
}

#[test]
fn socket_constants_match_linux_raw_sys() {
    use linux_raw_sys::net;
    for (stream, dgram, cloexec) in [
        (
            x86_64::sock::STREAM,
            x86_64::sock::DGRAM,
            x86_64::sock::CLOEXEC,
        ),
        (x86::sock::STREAM, x86::sock::DGRAM, x86::sock::CLOEXEC),
        (
            aarch64::sock::STREAM,
            aarch64::sock::DGRAM,
            aarch64::sock::CLOEXEC,
        ),
        (arm::sock::STREAM, arm::sock::DGRAM, arm::sock::CLOEXEC),
        (
            riscv::sock::STREAM,
            riscv::sock::DGRAM,
            riscv::sock::CLOEXEC,
        ),
        (
            loongarch64::sock::STREAM,
            loongarch64::sock::DGRAM,
            loongarch64::sock::CLOEXEC,
        ),
        (
            s390x::sock::STREAM,
            s390x::sock::DGRAM,
            s390x::sock::CLOEXEC,
        ),
        (
            powerpc64::sock::STREAM,
            powerpc64::sock::DGRAM,
            powerpc64::sock::CLOEXEC,
        ),
    ] {
        assert_eq!(
            (stream, dgram, cloexec),
            (
                net::SOCK_STREAM,
                net::SOCK_DGRAM,
                linux_raw_sys::general::O_CLOEXEC
            )
        );
    }
    for raw in [
        x86_64::sock::RAW,
        x86::sock::RAW,
        aarch64::sock::RAW,
        arm::sock::RAW,
        riscv::sock::RAW,
        loongarch64::sock::RAW,
        s390x::sock::RAW,
        powerpc64::sock::RAW,
    ] {
        assert_eq!(raw, net::SOCK_RAW);
    }
    assert_eq!(rawbind::Family::UNIX.raw() as u32, net::AF_UNIX);
    assert_eq!(rawbind::Family::INET.raw() as u32, net::AF_INET);
    assert_eq!(rawbind::Family::INET6.raw() as u32, net::AF_INET6);
}

#[test]
fn socket_options_and_sigchld_match_linux_raw_sys() {
    use linux_raw_sys::{general::SIGCHLD, net};
    for (level, reuse_addr, reuse_port, sigchld) in [
        (
            x86_64::sockopt::SOL_SOCKET,
            x86_64::sockopt::SO_REUSEADDR,
            x86_64::sockopt::SO_REUSEPORT,
            x86_64::SIGCHLD,
        ),
        (
            x86::sockopt::SOL_SOCKET,
            x86::sockopt::SO_REUSEADDR,
            x86::sockopt::SO_REUSEPORT,
            x86::SIGCHLD,
        ),
        (
            aarch64::sockopt::SOL_SOCKET,
            aarch64::sockopt::SO_REUSEADDR,
            aarch64::sockopt::SO_REUSEPORT,
            aarch64::SIGCHLD,
        ),
        (
            arm::sockopt::SOL_SOCKET,
            arm::sockopt::SO_REUSEADDR,
            arm::sockopt::SO_REUSEPORT,
            arm::SIGCHLD,
        ),
        (
            riscv::sockopt::SOL_SOCKET,
            riscv::sockopt::SO_REUSEADDR,
            riscv::sockopt::SO_REUSEPORT,
            riscv::SIGCHLD,
        ),
        (
            loongarch64::sockopt::SOL_SOCKET,
            loongarch64::sockopt::SO_REUSEADDR,
            loongarch64::sockopt::SO_REUSEPORT,
            loongarch64::SIGCHLD,
        ),
        (
            s390x::sockopt::SOL_SOCKET,
            s390x::sockopt::SO_REUSEADDR,
            s390x::sockopt::SO_REUSEPORT,
            s390x::SIGCHLD,
        ),
        (
            powerpc64::sockopt::SOL_SOCKET,
            powerpc64::sockopt::SO_REUSEADDR,
            powerpc64::sockopt::SO_REUSEPORT,
            powerpc64::SIGCHLD,
        ),
    ] {
        assert_eq!(
            (level, reuse_addr, reuse_port, sigchld as u32),
            (
                net::SOL_SOCKET,
                net::SO_REUSEADDR,
                net::SO_REUSEPORT,
                SIGCHLD
            )
        );
    }
}

#[test]
fn audit_arch_values_match_linux_raw_sys() {
    use linux_raw_sys::ptrace as g;
    assert_eq!(x86_64::AUDIT_ARCH, g::AUDIT_ARCH_X86_64);
    assert_eq!(x86::AUDIT_ARCH, g::AUDIT_ARCH_I386);
    assert_eq!(aarch64::AUDIT_ARCH, g::AUDIT_ARCH_AARCH64);
    assert_eq!(arm::AUDIT_ARCH, g::AUDIT_ARCH_ARM);
    assert_eq!(riscv::AUDIT_ARCH_64, g::AUDIT_ARCH_RISCV64);
    assert_eq!(riscv::AUDIT_ARCH_32, g::AUDIT_ARCH_RISCV32);
    assert_eq!(loongarch64::AUDIT_ARCH, g::AUDIT_ARCH_LOONGARCH64);
    assert_eq!(s390x::AUDIT_ARCH, g::AUDIT_ARCH_S390X);
    assert_eq!(powerpc64::AUDIT_ARCH, g::AUDIT_ARCH_PPC64LE);
    assert_eq!(mips64::AUDIT_ARCH_BIG, g::AUDIT_ARCH_MIPS64);
    assert_eq!(mips64::AUDIT_ARCH_LITTLE, g::AUDIT_ARCH_MIPSEL64);
}

/// `sc` builds for x86_64, aarch64 and riscv64 only; it checks the arch file
/// of the host it runs on.
#[cfg(target_arch = "x86_64")]
#[test]
fn x86_64_numbers_match_sc() {
    use x86_64::nr;
    let pairs = [
        (nr::SOCKET, sc::nr::SOCKET),
        (nr::BIND, sc::nr::BIND),
        (nr::GETSOCKNAME, sc::nr::GETSOCKNAME),
        (nr::CLOSE, sc::nr::CLOSE),
        (nr::WRITE, sc::nr::WRITE),
        (nr::EXIT_GROUP, sc::nr::EXIT_GROUP),
        (nr::GETPID, sc::nr::GETPID),
        (nr::PIPE2, sc::nr::PIPE2),
        (nr::UNLINKAT, sc::nr::UNLINKAT),
        (nr::MKDIRAT, sc::nr::MKDIRAT),
        (nr::SECCOMP, sc::nr::SECCOMP),
        (nr::CONNECT, sc::nr::CONNECT),
        (nr::LISTEN, sc::nr::LISTEN),
        (nr::ACCEPT4, sc::nr::ACCEPT4),
        (nr::GETSOCKOPT, sc::nr::GETSOCKOPT),
        (nr::SETSOCKOPT, sc::nr::SETSOCKOPT),
        (nr::READ, sc::nr::READ),
        (nr::OPENAT, sc::nr::OPENAT),
        (nr::MKNODAT, sc::nr::MKNODAT),
        (nr::SYMLINKAT, sc::nr::SYMLINKAT),
        (nr::CLONE, sc::nr::CLONE),
        (nr::WAITID, sc::nr::WAITID),
        (nr::SETRESUID, sc::nr::SETRESUID),
        (nr::SETRESGID, sc::nr::SETRESGID),
        (nr::SETGROUPS, sc::nr::SETGROUPS),
        (nr::UNSHARE, sc::nr::UNSHARE),
        (nr::MOUNT, sc::nr::MOUNT),
    ];
    for (ours, theirs) in pairs {
        assert_eq!(ours, theirs);
    }
}

/// Each errno's value and name against linux-raw-sys.
#[test]
fn errno_values_match_linux_raw_sys() {
    macro_rules! same {
        ($($name:ident),* $(,)?) => {$(
            assert_eq!(rawbind::Errno::$name.raw() as u32, linux_raw_sys::errno::$name, stringify!($name));
            if !matches!(stringify!($name), "EWOULDBLOCK" | "EDEADLOCK") {
                assert_eq!(rawbind::Errno::$name.name(), Some(stringify!($name)));
            }
        )*};
    }
    same!(
        EPERM,
        ENOENT,
        ESRCH,
        EINTR,
        EIO,
        ENXIO,
        E2BIG,
        ENOEXEC,
        EBADF,
        ECHILD,
        EAGAIN,
        ENOMEM,
        EACCES,
        EFAULT,
        ENOTBLK,
        EBUSY,
        EEXIST,
        EXDEV,
        ENODEV,
        ENOTDIR,
        EISDIR,
        EINVAL,
        ENFILE,
        EMFILE,
        ENOTTY,
        ETXTBSY,
        EFBIG,
        ENOSPC,
        ESPIPE,
        EROFS,
        EMLINK,
        EPIPE,
        EDOM,
        ERANGE,
        EDEADLK,
        ENAMETOOLONG,
        ENOLCK,
        ENOSYS,
        ENOTEMPTY,
        ELOOP,
        EWOULDBLOCK,
        ENOMSG,
        EIDRM,
        ECHRNG,
        EL2NSYNC,
        EL3HLT,
        EL3RST,
        ELNRNG,
        EUNATCH,
        ENOCSI,
        EL2HLT,
        EBADE,
        EBADR,
        EXFULL,
        ENOANO,
        EBADRQC,
        EBADSLT,
        EDEADLOCK,
        EBFONT,
        ENOSTR,
        ENODATA,
        ETIME,
        ENOSR,
        ENONET,
        ENOPKG,
        EREMOTE,
        ENOLINK,
        EADV,
        ESRMNT,
        ECOMM,
        EPROTO,
        EMULTIHOP,
        EDOTDOT,
        EBADMSG,
        EOVERFLOW,
        ENOTUNIQ,
        EBADFD,
        EREMCHG,
        ELIBACC,
        ELIBBAD,
        ELIBSCN,
        ELIBMAX,
        ELIBEXEC,
        EILSEQ,
        ERESTART,
        ESTRPIPE,
        EUSERS,
        ENOTSOCK,
        EDESTADDRREQ,
        EMSGSIZE,
        EPROTOTYPE,
        ENOPROTOOPT,
        EPROTONOSUPPORT,
        ESOCKTNOSUPPORT,
        EOPNOTSUPP,
        EPFNOSUPPORT,
        EAFNOSUPPORT,
        EADDRINUSE,
        EADDRNOTAVAIL,
        ENETDOWN,
        ENETUNREACH,
        ENETRESET,
        ECONNABORTED,
        ECONNRESET,
        ENOBUFS,
        EISCONN,
        ENOTCONN,
        ESHUTDOWN,
        ETOOMANYREFS,
        ETIMEDOUT,
        ECONNREFUSED,
        EHOSTDOWN,
        EHOSTUNREACH,
        EALREADY,
        EINPROGRESS,
        ESTALE,
        EUCLEAN,
        ENOTNAM,
        ENAVAIL,
        EISNAM,
        EREMOTEIO,
        EDQUOT,
        ENOMEDIUM,
        EMEDIUMTYPE,
        ECANCELED,
        ENOKEY,
        EKEYEXPIRED,
        EKEYREVOKED,
        EKEYREJECTED,
        EOWNERDEAD,
        ENOTRECOVERABLE,
        ERFKILL,
        EHWPOISON
    );
}
