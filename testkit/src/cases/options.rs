//! The options that shape a bind, set and read back, and proven to count
//! where they only count before bind; socket types and families from
//! numbers; non-blocking sockets; peer credentials; the int-option hatch.

use rawbind::{
    bind_address_no_port, bind_to_device, bound_device, int_option, ipv6_freebind, nonblocking,
    peer_credentials, set_bind_address_no_port, set_int_option, set_ipv6_freebind, set_nonblocking,
    set_v6only, socket_family, socket_type, socketpair, v6only, DeviceNameError,
};

use super::prelude::*;

pub(super) fn types_and_families_come_from_numbers() -> Outcome {
    for (family, kind) in [
        (Family::UNIX, SocketType::SEQPACKET),
        (Family::UNIX, SocketType::DGRAM),
        (Family::INET, SocketType::STREAM),
        (Family::INET6, SocketType::DGRAM),
    ] {
        let sock = ok!(socket(family, kind));
        ensure_eq!(ok!(socket_type(&sock)), kind);
        ensure_eq!(ok!(socket_family(&sock)), family);
        ensure_eq!(SocketType::from_raw(kind.raw()), kind);
        ensure_eq!(Family::from_raw(family.raw()), family);
    }
    // A number the kernel has no family for is passed on and refused there.
    ensure_eq!(
        socket(Family::from_raw(250), SocketType::STREAM).map(drop),
        Err(Errno::EAFNOSUPPORT)
    );
    Ok(())
}

pub(super) fn nonblocking_sockets_answer_eagain() -> Outcome {
    let listener = ok!(socket(Family::INET, SocketType::STREAM.nonblocking()));
    ensure_eq!(ok!(nonblocking(&listener)), true);
    ok!(bind(&listener, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    ok!(listen(&listener, 1));
    ensure_eq!(accept(&listener).map(drop), Err(Errno::EAGAIN));
    ok!(set_nonblocking(&listener, false));
    ensure_eq!(ok!(nonblocking(&listener)), false);
    ok!(set_nonblocking(&listener, true));
    ensure_eq!(ok!(nonblocking(&listener)), true);
    Ok(())
}

/// Binds `[::]:0` with IPV6_V6ONLY `on`, then `0.0.0.0` on the same port.
fn wildcards_with_v6only(on: bool) -> Result<Result<(), Errno>, NotPassed> {
    let v6 = ok!(socket(Family::INET6, SocketType::STREAM));
    ok!(set_v6only(&v6, on));
    ensure_eq!(ok!(v6only(&v6)), on);
    ok!(bind(
        &v6,
        &SocketAddrV6::new(Ipv6Addr::UNSPECIFIED, 0, 0, 0)
    ));
    let SocketAddress::Inet6(bound) = ok!(getsockname(&v6)) else {
        fail!("not IPv6")
    };
    let v4 = ok!(socket(Family::INET, SocketType::STREAM));
    Ok(bind(
        &v4,
        &SocketAddrV4::new(Ipv4Addr::UNSPECIFIED, bound.port()),
    ))
}

pub(super) fn v6only_decides_whether_wildcards_conflict() -> Outcome {
    ensure_eq!(wildcards_with_v6only(false)?, Err(Errno::EADDRINUSE));
    // The port the kernel picks for [::] with v6only on need not be free
    // for IPv4, where another process may hold it: a real conflict repeats
    // on every fresh port, that one does not.
    let mut last = Ok(());
    for _ in 0..5 {
        last = wildcards_with_v6only(true)?;
        if last.is_ok() {
            return Ok(());
        }
    }
    fail!("[::] with v6only, then 0.0.0.0 on its port, 5 fresh ports: the last {last:?}")
}

pub(super) fn ipv6_freebind_binds_a_foreign_address() -> Outcome {
    let foreign = SocketAddrV6::new(Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 0, 0, 0);
    let plain = ok!(socket(Family::INET6, SocketType::STREAM));
    ensure_eq!(ok!(ipv6_freebind(&plain)), false);
    ensure_eq!(bind(&plain, &foreign), Err(Errno::EADDRNOTAVAIL));
    let free = ok!(socket(Family::INET6, SocketType::STREAM));
    ok!(set_ipv6_freebind(&free, true));
    ensure_eq!(ok!(ipv6_freebind(&free)), true);
    ensure_eq!(bind(&free, &foreign), Ok(()));
    Ok(())
}

pub(super) fn bind_address_no_port_leaves_the_port_to_connect() -> Outcome {
    let server = stream(Family::INET)?;
    ok!(bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    ok!(listen(&server, 1));
    let at = inet_port_of(&server)?;
    let client = stream(Family::INET)?;
    if UNDER_QEMU.load(Ordering::Relaxed)
        && set_bind_address_no_port(&client, true) == Err(Errno::ENOPROTOOPT)
    {
        return Err(NotPassed::Skip(
            "qemu-user (7.2) does not translate IP_BIND_ADDRESS_NO_PORT: setsockopt answers ENOPROTOOPT",
        ));
    }
    ok!(set_bind_address_no_port(&client, true));
    ensure_eq!(ok!(bind_address_no_port(&client)), true);
    ok!(bind(&client, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    ensure_eq!(inet_port_of(&client)?.port(), 0); // not chosen yet
    ok!(connect(&client, &at));
    if inet_port_of(&client)?.port() == 0 {
        fail!("connect(2) chose no port");
    }
    // Without the option, bind(2) chooses the port itself.
    let plain = stream(Family::INET)?;
    ensure_eq!(ok!(bind_address_no_port(&plain)), false);
    ok!(bind(&plain, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    if inet_port_of(&plain)?.port() == 0 {
        fail!("bind(2) to port 0 chose no port");
    }
    Ok(())
}

pub(super) fn bind_to_device_by_name() -> Outcome {
    const QEMU_READ: &str =
        "qemu-user (7.2) does not translate reading SO_BINDTODEVICE once set (EINVAL); setting it was checked";
    const UNBIND: &str =
        "removing a device binding needs CAP_NET_RAW: run as root; setting it was checked";
    let qemu = UNDER_QEMU.load(Ordering::Relaxed);
    let mut partly = None;
    // Reads the binding back, or notes qemu's gap.
    let mut expect = |sock: &OwnedSocket, name: &[u8]| -> Outcome {
        match bound_device(sock) {
            Ok(device) => ensure_eq!(device.as_bytes(), name),
            Err(DeviceNameError::Os(Errno::EINVAL)) if qemu => partly = Some(QEMU_READ),
            Err(other) => fail!("bound_device = {other:?}"),
        }
        Ok(())
    };
    let sock = ok!(socket(Family::INET, SocketType::DGRAM));
    expect(&sock, b"")?;
    ensure_eq!(
        bind_to_device(&sock, b"0123456789abcdef"),
        Err(DeviceNameError::TooLong { len: 16 })
    );
    ensure_eq!(
        bind_to_device(&sock, b"l\0o"),
        Err(DeviceNameError::InteriorNul { position: 1 })
    );
    match bind_to_device(&sock, b"lo") {
        Ok(()) => {}
        // Before Linux 5.7 the option needs CAP_NET_RAW.
        Err(DeviceNameError::Os(Errno::EPERM)) => {
            return Err(NotPassed::Skip(
                "SO_BINDTODEVICE needs CAP_NET_RAW on this kernel",
            ))
        }
        Err(other) => fail!("bind_to_device(lo) = {other:?}"),
    }
    expect(&sock, b"lo")?;
    ensure_eq!(
        bind_to_device(&sock, b"rawbind-none0"),
        Err(DeviceNameError::Os(Errno::ENODEV))
    );
    // Bound to lo, it binds to a loopback address as before.
    ok!(bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    match bind_to_device(&sock, b"") {
        Ok(()) => expect(&sock, b"")?,
        Err(DeviceNameError::Os(Errno::EPERM)) => partly = partly.or(Some(UNBIND)),
        Err(other) => fail!("bind_to_device(\"\") = {other:?}"),
    }
    match partly {
        Some(reason) => Err(NotPassed::Skip(reason)),
        None => Ok(()),
    }
}

pub(super) fn int_options_through_the_escape_hatch() -> Outcome {
    const IPPROTO_IP: u32 = 0;
    const IP_TTL: u32 = 2;
    const IPPROTO_TCP: u32 = 6;
    const TCP_NODELAY: u32 = 1;
    let sock = stream(Family::INET)?;
    ok!(set_int_option(&sock, IPPROTO_IP, IP_TTL, 33));
    ensure_eq!(ok!(int_option(&sock, IPPROTO_IP, IP_TTL)), 33);
    ok!(set_int_option(&sock, IPPROTO_TCP, TCP_NODELAY, 1));
    ensure_eq!(ok!(int_option(&sock, IPPROTO_TCP, TCP_NODELAY)), 1);
    ensure_eq!(
        int_option(&sock, IPPROTO_TCP, 9999),
        Err(Errno::ENOPROTOOPT)
    );
    Ok(())
}

pub(super) fn peer_credentials_name_this_process() -> Outcome {
    let (a, b) = ok!(socketpair(Family::UNIX, SocketType::STREAM));
    let (uid, gid) = sys::ids();
    for end in [&a, &b] {
        let credentials = ok!(peer_credentials(end));
        ensure_eq!(
            (credentials.pid, credentials.uid, credentials.gid),
            (sys::getpid(), uid, gid)
        );
    }
    // And over a path, through connect(2) and accept(2).
    let path = TempPath::new("peercred");
    let server = ok!(socket(Family::UNIX, SocketType::STREAM));
    ok!(bind(&server, &ok!(UnixAddr::new_path(path.bytes()))));
    ok!(listen(&server, 1));
    let client = ok!(socket(Family::UNIX, SocketType::STREAM));
    ok!(connect(&client, &ok!(UnixAddr::new_path(path.bytes()))));
    let (conn, _) = ok!(accept(&server));
    let _ = sys::unlink(path.bytes(), false);
    ensure_eq!(ok!(peer_credentials(&conn)).pid, sys::getpid());
    Ok(())
}
