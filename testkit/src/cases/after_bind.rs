//! The calls after bind: data both ways over TCP and Unix sockets, shutdown,
//! getpeername, socketpair of every type, whole transfers larger than a
//! socket buffer, and descriptors passed with SCM_RIGHTS.

use rawbind::{
    getpeername, getpeername_raw, recv, recv_with_fds, send, send_all, send_with_fds, shutdown,
    socketpair, AsSocket, MsgFlags, Shutdown, MAX_FDS_PER_MESSAGE,
};

use super::prelude::*;

pub(super) fn tcp_data_both_ways_then_shutdown() -> Outcome {
    let server = stream(Family::INET)?;
    ok!(bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    ok!(listen(&server, 1));
    let at = inet_port_of(&server)?;
    let client = stream(Family::INET)?;
    ensure_eq!(getpeername_raw(&client).map(drop), Err(Errno::ENOTCONN));
    ok!(connect(&client, &at));
    let (conn, peer) = ok!(accept(&server));
    // Each side names the other.
    ensure_eq!(ok!(getpeername(&client)), SocketAddress::from(at));
    ensure_eq!(ok!(getpeername(&conn)), ok!(getsockname(&client)));
    ensure_eq!(ok!(peer.decode()), ok!(getsockname(&client)));
    let mut buf = [0u8; 64];
    ensure_eq!(ok!(send(&client, b"request", MsgFlags::NOSIGNAL)), 7);
    ensure_eq!(ok!(recv(&conn, &mut buf[..7], MsgFlags::WAITALL)), 7);
    ensure_eq!(&buf[..7], b"request");
    ok!(send_all(&conn, b"response", MsgFlags::NOSIGNAL));
    ensure_eq!(ok!(recv(&client, &mut buf[..8], MsgFlags::WAITALL)), 8);
    ensure_eq!(&buf[..8], b"response");
    // The client stops sending: the server reads end of file, and can still answer.
    ok!(shutdown(&client, Shutdown::Write));
    ensure_eq!(ok!(recv(&conn, &mut buf, MsgFlags::NONE)), 0);
    ok!(send_all(&conn, b"bye", MsgFlags::NOSIGNAL));
    ensure_eq!(ok!(recv(&client, &mut buf[..3], MsgFlags::WAITALL)), 3);
    ok!(shutdown(&conn, Shutdown::Both));
    ensure_eq!(ok!(recv(&client, &mut buf, MsgFlags::NONE)), 0);
    // Nothing queued and non-blocking for this call: EAGAIN, not a wait.
    let (a, _b) = ok!(socketpair(Family::UNIX, SocketType::STREAM));
    ensure_eq!(recv(&a, &mut buf, MsgFlags::DONTWAIT), Err(Errno::EAGAIN));
    Ok(())
}

pub(super) fn socketpairs_of_every_type() -> Outcome {
    let mut buf = [0u8; 16];
    for kind in [SocketType::STREAM, SocketType::DGRAM, SocketType::SEQPACKET] {
        let (a, b) = ok!(socketpair(Family::UNIX, kind));
        ensure_eq!(ok!(rawbind::socket_type(&a)), kind);
        ok!(send_all(&a, b"first", MsgFlags::NOSIGNAL));
        ok!(send_all(&a, b"second", MsgFlags::NOSIGNAL));
        let got = ok!(recv(&b, &mut buf, MsgFlags::NONE));
        // Datagrams and seqpackets keep their boundaries.
        match kind {
            SocketType::STREAM => ensure_eq!(&buf[..got], &b"firstsecond"[..got]),
            _ => ensure_eq!(&buf[..got], b"first"),
        }
        // Both ends are unnamed Unix sockets, each the other's peer.
        ensure_eq!(
            ok!(getpeername(&a)),
            SocketAddress::Unix(UnixAddr::new_unnamed())
        );
    }
    // Linux makes pairs only of Unix sockets.
    ensure_eq!(
        socketpair(Family::INET, SocketType::STREAM).map(drop),
        Err(Errno::EOPNOTSUPP)
    );
    Ok(())
}

/// More than a socket buffer holds, sent whole while a child reads it.
pub(super) fn send_all_moves_more_than_a_socket_buffer() -> Outcome {
    const TOTAL: usize = 1 << 20;
    let (a, b) = ok!(socketpair(Family::UNIX, SocketType::STREAM));
    // SAFETY: the child only makes system calls: no lock, no allocation.
    let reader = unsafe {
        sys::spawn(|| {
            let (mut sum, mut total) = (0u32, 0usize);
            let mut buf = [0u8; 4096];
            loop {
                match recv(&b, &mut buf, MsgFlags::NONE) {
                    Ok(0) => break,
                    Ok(got) => {
                        total += got;
                        sum = buf[..got]
                            .iter()
                            .fold(sum, |s, &x| s.wrapping_mul(31).wrapping_add(u32::from(x)));
                    }
                    Err(Errno::EINTR) => {}
                    Err(_) => return u32::MAX,
                }
            }
            if total == TOTAL {
                sum
            } else {
                u32::MAX - 1
            }
        })
    };
    let reader = ok!(reader);
    let mut block = [0u8; 4096];
    let mut sum = 0u32;
    for i in 0..TOTAL / block.len() {
        for (j, byte) in block.iter_mut().enumerate() {
            *byte = (i * 7 + j) as u8;
        }
        sum = block
            .iter()
            .fold(sum, |s, &x| s.wrapping_mul(31).wrapping_add(u32::from(x)));
        ok!(send_all(&a, &block, MsgFlags::NOSIGNAL));
    }
    ok!(shutdown(&a, Shutdown::Write));
    drop(b); // the child has its own copy
    ensure_eq!(ok!(reader.wait()), sum);
    Ok(())
}

pub(super) fn descriptors_pass_over_a_unix_socket() -> Outcome {
    let (a, b) = ok!(socketpair(Family::UNIX, SocketType::STREAM));
    let listener = stream(Family::INET)?;
    ok!(bind(&listener, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    let udp = ok!(socket(Family::INET6, SocketType::DGRAM));
    ensure_eq!(
        ok!(send_with_fds(
            &a,
            b"two",
            &[listener.as_socket(), udp.as_socket()],
            MsgFlags::NOSIGNAL
        )),
        3
    );
    let mut buf = [0u8; 8];
    let mut fds = [None, None, None];
    let got = ok!(recv_with_fds(&b, &mut buf, &mut fds));
    ensure_eq!((got.bytes, got.fds, got.truncated), (3, 2, false));
    let [Some(first), Some(second), None] = fds else {
        fail!("slots {fds:?}")
    };
    for passed in [&first, &second] {
        // New numbers, close-on-exec (MSG_CMSG_CLOEXEC).
        ensure_eq!(ok!(sys::fd_flags(passed.as_raw_fd())) & 1, 1);
    }
    let first = match first.into_socket() {
        Ok(socket) => socket,
        Err(not) => fail!("{not:?} is not a socket"),
    };
    if first.as_raw_fd() == listener.as_raw_fd() {
        fail!("the passed descriptor kept its number");
    }
    // The same socket: the same bound address.
    ensure_eq!(ok!(getsockname(&first)), ok!(getsockname(&listener)));
    match second.into_socket() {
        Ok(second) => ensure_eq!(ok!(rawbind::socket_family(&second)), Family::INET6),
        Err(not) => fail!("{not:?} is not a socket"),
    }
    let mut one = [None];
    // Too many for one message: refused before the kernel, as it would.
    let many = [udp.as_socket(); MAX_FDS_PER_MESSAGE + 1];
    ensure_eq!(
        send_with_fds(&a, b"x", &many, MsgFlags::NOSIGNAL),
        Err(Errno::EINVAL)
    );
    // No descriptors at all is a plain send.
    ensure_eq!(ok!(send_with_fds(&a, b"plain", &[], MsgFlags::NOSIGNAL)), 5);
    let got = ok!(recv_with_fds(&b, &mut buf, &mut one));
    ensure_eq!((got.bytes, got.fds, got.truncated), (5, 0, false));
    Ok(())
}

/// More descriptors than slots: the kernel closes the rest and says so.
pub(super) fn descriptors_beyond_the_slots_are_reported() -> Outcome {
    let (a, b) = ok!(socketpair(Family::UNIX, SocketType::STREAM));
    let udp = ok!(socket(Family::INET, SocketType::DGRAM));
    ok!(send_with_fds(
        &a,
        b"3",
        &[udp.as_socket(), udp.as_socket(), udp.as_socket()],
        MsgFlags::NOSIGNAL
    ));
    let (mut buf, mut one) = ([0u8; 4], [None]);
    let got = ok!(recv_with_fds(&b, &mut buf, &mut one));
    if UNDER_QEMU.load(Ordering::Relaxed) && cfg!(target_pointer_width = "32") && !got.truncated {
        return Err(NotPassed::Skip(
            "qemu-user (7.2) on a 32-bit guest receives into a larger host buffer and drops the extra descriptors without MSG_CTRUNC",
        ));
    }
    ensure_eq!((got.bytes, got.fds, got.truncated), (1, 1, true));
    Ok(())
}
