//! Every bind(2) error a test can provoke, asserted by its errno, and the
//! hints that explain them.

use super::prelude::*;

pub(super) fn ebadf_for_closed_descriptor() -> Outcome {
    let fd = stream(Family::INET)?.into_raw_fd();
    ok!(sys::close(fd));
    ensure_eq!(
        raw_bind(fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
        Err(Errno::EBADF)
    );
    ensure_eq!(
        raw_bind(-1, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
        Err(Errno::EBADF)
    );
    Ok(())
}

pub(super) fn enotsock_for_pipe() -> Outcome {
    let (read_end, write_end) = ok!(sys::pipe());
    let answer = raw_bind(read_end, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
    let _ = (sys::close(read_end), sys::close(write_end));
    ensure_eq!(answer, Err(Errno::ENOTSOCK));
    Ok(())
}

pub(super) fn einval_when_bound_twice() -> Outcome {
    let sock = stream(Family::INET)?;
    ok!(bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    ensure_eq!(
        bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
        Err(Errno::EINVAL)
    );
    Ok(())
}

pub(super) fn eaddrinuse_when_port_taken() -> Outcome {
    let first = stream(Family::INET)?;
    ok!(bind(&first, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    let SocketAddress::Inet(taken) = bound_to(&first)? else {
        fail!("not an IPv4 address")
    };
    let second = stream(Family::INET)?;
    ensure_eq!(bind(&second, &taken), Err(Errno::EADDRINUSE));
    Ok(())
}

pub(super) fn eaddrnotavail_for_foreign_address() -> Outcome {
    // 203.0.113.0/24 is TEST-NET-3 (RFC 5737): never a local address.
    let sock = stream(Family::INET)?;
    ensure_eq!(
        bind(&sock, &SocketAddrV4::new(Ipv4Addr::new(203, 0, 113, 1), 0)),
        Err(Errno::EADDRNOTAVAIL)
    );
    Ok(())
}

pub(super) fn eafnosupport_for_inet6_address_on_inet_socket() -> Outcome {
    let sock = stream(Family::INET)?;
    ensure_eq!(
        bind(&sock, &SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0)),
        Err(Errno::EAFNOSUPPORT)
    );
    Ok(())
}

pub(super) fn enoent_for_missing_directory() -> Outcome {
    let mut path = TempPath::new("missing-dir");
    ok!(path.write_str("/s.sock"));
    ensure_eq!(bind_unix_path(&path)?, Err(Errno::ENOENT));
    Ok(())
}

pub(super) fn eacces_for_low_port_as_unprivileged_user() -> Outcome {
    let start = unprivileged_port_start()?;
    if start <= 1 {
        return Err(NotPassed::Skip(
            "net.ipv4.ip_unprivileged_port_start is 0 or 1 here: every port is open to every user",
        ));
    }
    // The capability check comes before the in-use check, so the port may be taken.
    let low = SocketAddrV4::new(Ipv4Addr::LOCALHOST, start - 1);
    let answer = as_unprivileged(|| bind(&socket(Family::INET, SocketType::STREAM)?, &low))?;
    ensure_eq!(answer, Err(Errno::EACCES));
    Ok(())
}

pub(super) fn eacces_for_unix_path_without_write_or_search_permission() -> Outcome {
    // r-x for everyone: may be searched, not written (no new entry).
    let mut no_write = TempDir::new("no-write", 0o555)?;
    let in_no_write = no_write.entry("s.sock");
    // rw- for everyone: the path cannot be resolved through it.
    let mut no_search = TempDir::new("no-search", 0o666)?;
    let in_no_search = no_search.entry("s.sock");
    let sock = stream(Family::UNIX)?;
    for path in [in_no_write, in_no_search] {
        let addr = ok!(UnixAddr::new_path(path.bytes()));
        ensure_eq!(as_unprivileged(|| bind(&sock, &addr))?, Err(Errno::EACCES));
    }
    Ok(())
}

pub(super) fn eaddrinuse_when_unix_path_exists() -> Outcome {
    let mut dir = TempDir::new("in-use", 0o700)?;
    let socket_file = dir.entry("s.sock");
    let first = stream(Family::UNIX)?;
    ok!(bind(&first, &ok!(UnixAddr::new_path(socket_file.bytes()))));
    ensure_eq!(bind_unix_path(&socket_file)?, Err(Errno::EADDRINUSE));
    // Any file, not only a socket, holds the name; closing the socket does not free it.
    drop(first);
    ensure_eq!(bind_unix_path(&socket_file)?, Err(Errno::EADDRINUSE));
    let plain = dir.entry("plain");
    ok!(sys::make_file(plain.bytes()));
    ensure_eq!(bind_unix_path(&plain)?, Err(Errno::EADDRINUSE));
    Ok(())
}

pub(super) fn eaddrinuse_when_ephemeral_ports_run_out() -> Outcome {
    let any_port = SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0);
    // In a network namespace of its own, whose port range holds two ports,
    // both taken before the call.
    let setup = || {
        sys::private_network()?;
        sys::write_file(b"/proc/sys/net/ipv4/ip_local_port_range", b"40000 40001")?;
        for _ in 0..2 {
            let holder = socket(Family::INET, SocketType::STREAM)?;
            bind(&holder, &any_port)?;
            let _ = holder.into_raw_fd(); // held until the child exits
        }
        Ok(())
    };
    let call = || bind(&socket(Family::INET, SocketType::STREAM)?, &any_port);
    let needs = "needs root (CAP_SYS_ADMIN) for a network namespace, and a writable /proc/sys";
    ensure_eq!(in_child(setup, call, needs)?, Err(Errno::EADDRINUSE));
    Ok(())
}

pub(super) fn eaddrnotavail_for_foreign_inet6_address() -> Outcome {
    // 2001:db8::/32 is for documentation (RFC 3849): never a local address.
    let sock = stream(Family::INET6)?;
    let foreign = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1);
    ensure_eq!(
        bind(&sock, &SocketAddrV6::new(foreign, 0, 0, 0)),
        Err(Errno::EADDRNOTAVAIL)
    );
    Ok(())
}

pub(super) fn einval_for_length_shorter_than_family() -> Outcome {
    let inet = stream(Family::INET)?;
    let addr = SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0);
    ensure_eq!(
        raw_bind_cut(inet.as_raw_fd(), &addr, 15),
        Err(Errno::EINVAL)
    );
    let inet6 = stream(Family::INET6)?;
    let addr6 = SocketAddrV6::new(Ipv6Addr::LOCALHOST, 0, 0, 0);
    // 24 bytes is the RFC 2133 sockaddr_in6 without scope id; Linux wants at least that.
    ensure_eq!(
        raw_bind_cut(inet6.as_raw_fd(), &addr6, 23),
        Err(Errno::EINVAL)
    );
    let unix = stream(Family::UNIX)?;
    ensure_eq!(
        raw_bind_cut(unix.as_raw_fd(), &UnixAddr::new_unnamed(), 1),
        Err(Errno::EINVAL)
    );
    Ok(())
}

pub(super) fn einval_for_inet_address_on_unix_socket() -> Outcome {
    let unix = stream(Family::UNIX)?;
    ensure_eq!(
        bind(&unix, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)),
        Err(Errno::EINVAL)
    );
    Ok(())
}

pub(super) fn enotsock_for_regular_file() -> Outcome {
    let mut dir = TempDir::new("notsock", 0o700)?;
    let file = dir.entry("plain");
    ok!(sys::make_file(file.bytes()));
    let fd = ok!(sys::open_read(file.bytes()));
    let answer = raw_bind(fd, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0));
    let _ = sys::close(fd);
    ensure_eq!(answer, Err(Errno::ENOTSOCK));
    Ok(())
}

pub(super) fn enotdir_for_file_in_path_prefix() -> Outcome {
    let mut dir = TempDir::new("notdir", 0o700)?;
    let file = dir.entry("plain");
    ok!(sys::make_file(file.bytes()));
    ensure_eq!(bind_unix_path(&file.join("s.sock"))?, Err(Errno::ENOTDIR));
    Ok(())
}

pub(super) fn eloop_for_symlink_loop_in_path_prefix() -> Outcome {
    let mut dir = TempDir::new("loop", 0o700)?;
    let (a, b) = (dir.entry("a"), dir.entry("b"));
    ok!(sys::symlink(b"b", a.bytes()));
    ok!(sys::symlink(b"a", b.bytes()));
    ensure_eq!(bind_unix_path(&a.join("s.sock"))?, Err(Errno::ELOOP));
    Ok(())
}

pub(super) fn erofs_for_read_only_mount() -> Outcome {
    let mut dir = TempDir::new("ro", 0o700)?;
    // Mounted over in the child's own mount namespace only; never created here.
    let target = ok!(UnixAddr::new_path(dir.entry("s.sock").bytes()));
    let setup = || {
        sys::private_mounts()?;
        sys::mount_read_only_tmpfs(dir.path.bytes())
    };
    let call = || bind(&socket(Family::UNIX, SocketType::STREAM)?, &target);
    let needs = "needs root (CAP_SYS_ADMIN) for a mount namespace and a tmpfs mount";
    ensure_eq!(in_child(setup, call, needs)?, Err(Errno::EROFS));
    Ok(())
}

pub(super) fn enametoolong_and_what_the_kernel_says_instead() -> Outcome {
    // 109 bytes do not fit sun_path: refused before the kernel...
    let mut long = TempPath::new("long-");
    while long.len < UNIX_PATH_MAX + 1 {
        ok!(long.write_str("y"));
    }
    ensure_eq!(
        UnixAddr::new_path(long.bytes()),
        Err(AddressError::PathTooLong { len: 109 })
    );
    // ...and the kernel, handed them raw (length 2 + 109), says EINVAL, not
    // ENAMETOOLONG: a length beyond sockaddr_un is an invalid length.
    let mut raw_addr = [0u8; 2 + UNIX_PATH_MAX + 1];
    raw_addr[..2].copy_from_slice(&Family::UNIX.raw().to_ne_bytes());
    raw_addr[2..].copy_from_slice(long.bytes());
    let sock = stream(Family::UNIX)?;
    // SAFETY: `raw_addr` is readable for its whole length.
    let answer = unsafe {
        raw::bind(
            sock.as_raw_fd(),
            raw_addr.as_ptr().cast(),
            raw_addr.len() as u32,
        )
    };
    ensure_eq!(answer, Err(Errno::EINVAL));
    // The kernel's ENAMETOOLONG: a path component over NAME_MAX (255 bytes),
    // reached through a symlink since 108 bytes cannot spell one.
    let mut dir = TempDir::new("nametoolong", 0o700)?;
    let link = dir.entry("link");
    ok!(sys::symlink(&[b'n'; 256], link.bytes()));
    ensure_eq!(
        bind_unix_path(&link.join("s.sock"))?,
        Err(Errno::ENAMETOOLONG)
    );
    Ok(())
}

pub(super) fn efault_for_address_outside_the_process() -> Outcome {
    let sock = stream(Family::INET)?;
    // Page zero is never mapped (vm.mmap_min_addr), so the kernel's copy faults.
    let unmapped = 16 as *const core::ffi::c_void;
    // SAFETY: the kernel, not this process, reads through the pointer, and
    // answers EFAULT for an unmapped one.
    let answer = unsafe { raw::bind(sock.as_raw_fd(), unmapped, 16) };
    ensure_eq!(answer, Err(Errno::EFAULT));
    Ok(())
}

pub(super) fn bind_hints_match_the_cause() -> Outcome {
    let low_port = SocketAddress::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 80));
    let path = SocketAddress::from(ok!(UnixAddr::new_path("/run/x.sock")));
    let name = SocketAddress::from(ok!(UnixAddr::new_abstract("x")));
    let link_local = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
    let unscoped = SocketAddress::from(SocketAddrV6::new(link_local, 80, 0, 0));
    let scoped = SocketAddress::from(SocketAddrV6::new(link_local, 80, 0, 2));
    let all_nodes = SocketAddress::from(SocketAddrV6::new(
        Ipv6Addr::new(0xff02, 0, 0, 0, 0, 0, 0, 1),
        80,
        0,
        0,
    ));
    let has = |errno: Errno, addr: &SocketAddress, words: &str| {
        errno
            .bind_hint(addr)
            .is_some_and(|hint| hint.contains(words))
    };
    ensure_eq!(has(Errno::EACCES, &low_port, "CAP_NET_BIND_SERVICE"), true);
    ensure_eq!(
        has(Errno::EACCES, &path, "write and search permission"),
        true
    );
    ensure_eq!(has(Errno::EADDRINUSE, &low_port, "SO_REUSEADDR"), true);
    let any_port = SocketAddress::from(SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, 0));
    ensure_eq!(
        has(Errno::EADDRINUSE, &any_port, "ip_local_port_range"),
        true
    );
    ensure_eq!(has(Errno::EADDRINUSE, &path, "unlink it"), true);
    ensure_eq!(has(Errno::EADDRNOTAVAIL, &low_port, "IP_FREEBIND"), true);
    ensure_eq!(has(Errno::EINVAL, &unscoped, "scope id"), true);
    ensure_eq!(has(Errno::EINVAL, &all_nodes, "scope id"), true);
    // No hint where the usual cause does not apply.
    ensure_eq!(Errno::EINVAL.bind_hint(&scoped), None);
    ensure_eq!(Errno::EINVAL.bind_hint(&low_port), None);
    ensure_eq!(Errno::EADDRINUSE.bind_hint(&name), None);
    ensure_eq!(Errno::EBADF.bind_hint(&low_port), None);
    Ok(())
}
