//! AF_PACKET, AF_NETLINK and AF_VSOCK binds against the real kernel.

use super::prelude::*;

pub(super) fn packet_binds_to_loopback_by_index() -> Outcome {
    let every_frame = ETH_P_ALL.to_be() as i32;
    let sock = match socket_with_protocol(Family::PACKET, SocketType::RAW, every_frame) {
        Err(Errno::EPERM) => {
            return Err(NotPassed::Skip(
                "packet sockets need CAP_NET_RAW: run as root",
            ))
        }
        other => ok!(other),
    };
    ok!(bind(&sock, &PacketAddr::new(LOOPBACK_IFINDEX, ETH_P_IP)));
    match bound_to(&sock)? {
        SocketAddress::Packet(lo)
            if lo.ifindex() == LOOPBACK_IFINDEX
                && lo.protocol() == ETH_P_IP
                && lo.hatype() == ARPHRD_LOOPBACK
                && lo.hardware_address() == [0; 6] =>
        {
            Ok(())
        }
        other => fail!("getsockname = {other:?}, expected lo (index 1, hatype 772, 6 zero bytes) with ETH_P_IP"),
    }
}

pub(super) fn netlink_bind_gets_kernel_chosen_port_id() -> Outcome {
    const NETLINK_ROUTE: i32 = 0;
    const RTMGRP_LINK: u32 = 1;
    let sock = ok!(socket_with_protocol(
        Family::NETLINK,
        SocketType::RAW,
        NETLINK_ROUTE
    ));
    ok!(bind(&sock, &NetlinkAddr::new(0, RTMGRP_LINK)));
    match bound_to(&sock)? {
        SocketAddress::Netlink(a) if a.port_id() != 0 && a.groups() == RTMGRP_LINK => Ok(()),
        other => fail!("getsockname = {other:?}, expected a kernel-chosen port id and groups 1"),
    }
}

pub(super) fn vsock_binds_where_the_kernel_offers_it() -> Outcome {
    let sock = match socket(Family::VSOCK, SocketType::STREAM) {
        Err(Errno::EAFNOSUPPORT) => {
            return Err(NotPassed::Skip(
                "this kernel offers no AF_VSOCK: socket(2) answered EAFNOSUPPORT (asserted)",
            ))
        }
        other => ok!(other),
    };
    let any = VsockAddr::new(VsockAddr::CID_ANY, VsockAddr::PORT_ANY);
    ok!(bind(&sock, &any));
    match bound_to(&sock)? {
        SocketAddress::Vsock(a)
            if a.cid() == VsockAddr::CID_ANY && a.port() != VsockAddr::PORT_ANY =>
        {
            Ok(())
        }
        other => fail!("getsockname = {other:?}, expected CID_ANY with a kernel-chosen port"),
    }
}
