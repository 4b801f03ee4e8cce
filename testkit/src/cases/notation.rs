//! The short notation and strace's, exactly, for every family.

use super::prelude::*;

pub(super) fn notation_short_and_strace() -> Outcome {
    let v4 = SocketAddress::from(SocketAddrV4::new(Ipv4Addr::new(127, 0, 0, 1), 8080));
    let v6 = SocketAddress::from(SocketAddrV6::new(
        Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1),
        80,
        74565,
        2,
    ));
    let path = SocketAddress::from(ok!(UnixAddr::new_path("@/tmp/a\\b\x01")));
    let name = SocketAddress::from(ok!(UnixAddr::new_abstract(b"n\x1b7\0\"\n")));
    let unnamed = SocketAddress::from(UnixAddr::new_unnamed());
    let empty = SocketAddress::from(ok!(UnixAddr::new_abstract("")));
    let packet = SocketAddress::from(PacketAddr::new(3, ETH_P_IP));
    let netlink = SocketAddress::from(NetlinkAddr::new(9, 5));
    let vsock = SocketAddress::from(VsockAddr::new(VsockAddr::CID_ANY, 1234).with_flags(1));
    let cases: [(&SocketAddress, &str, &str); 9] = [
        (&v4, "127.0.0.1:8080", r#"{sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("127.0.0.1")}"#),
        (&v6, "[fe80::1%2]:80", r#"{sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(74565), inet_pton(AF_INET6, "fe80::1", &sin6_addr), sin6_scope_id=2}"#),
        (&path, r"\x40/tmp/a\\b\x01", r#"{sa_family=AF_UNIX, sun_path="@/tmp/a\\b\1"}"#),
        (&name, r#"@n\x1b7\x00"\x0a"#, r#"{sa_family=AF_UNIX, sun_path=@"n\0337\0\"\n"}"#),
        (&unnamed, "(unnamed)", "{sa_family=AF_UNIX}"),
        (&empty, "@", r#"{sa_family=AF_UNIX, sun_path=@""}"#),
        (&packet, "packet:3:0x0800", "{sa_family=AF_PACKET, sll_protocol=htons(ETH_P_IP), sll_ifindex=3, sll_hatype=ARPHRD_NETROM, sll_pkttype=PACKET_HOST, sll_halen=0}"),
        (&netlink, "netlink:9:0x5", "{sa_family=AF_NETLINK, nl_pid=9, nl_groups=0x000005}"),
        (&vsock, "vsock:any:1234", "{sa_family=AF_VSOCK, svm_cid=VMADDR_CID_ANY, svm_port=0x4d2, svm_flags=VMADDR_FLAG_TO_HOST}"),
    ];
    for (addr, short, strace) in cases {
        let (ours_short, ours_strace) = (shown(addr), shown(addr.strace()));
        ensure_eq!(ours_short.as_str(), short);
        ensure_eq!(ours_strace.as_str(), strace);
    }
    Ok(())
}

/// rawbind writes IP addresses with its own digits (not core::fmt's); the
/// text must still be exactly core's: every pattern of zero and non-zero
/// groups (256), IPv4-mapped and IPv4-compatible addresses, scopes, and
/// IPv4 octets at every width.
pub(super) fn notation_inet_matches_core() -> Outcome {
    let mut random = Random(0x5eed_1e55);
    for pattern in 0..256u32 {
        let mut groups = [0u16; 8];
        for (i, group) in groups.iter_mut().enumerate() {
            if pattern & (1 << i) != 0 {
                // Widths 1 to 4 hex digits.
                *group = [0x1, 0xab, 0xcde, 0xf00d][random.below(4)];
            }
        }
        let ip = Ipv6Addr::from(groups);
        for scope in [0, 7] {
            let core_form = SocketAddrV6::new(ip, 443, 0, scope);
            let ours = SocketAddress::from(core_form);
            let (ours, theirs) = (shown(ours), shown(core_form));
            ensure_eq!(ours.as_str(), theirs.as_str());
        }
    }
    for ip in [
        Ipv4Addr::new(10, 200, 3, 255).to_ipv6_mapped(),
        Ipv4Addr::new(1, 2, 3, 4).to_ipv6_compatible(),
        Ipv6Addr::UNSPECIFIED,
        Ipv6Addr::LOCALHOST,
    ] {
        let core_form = SocketAddrV6::new(ip, 0, 0, 0);
        let (ours, theirs) = (shown(SocketAddress::from(core_form)), shown(core_form));
        ensure_eq!(ours.as_str(), theirs.as_str());
    }
    for octets in [[0, 0, 0, 0], [9, 10, 99, 100], [255, 255, 255, 255]] {
        let core_form = SocketAddrV4::new(Ipv4Addr::from(octets), 65535);
        let (ours, theirs) = (shown(SocketAddress::from(core_form)), shown(core_form));
        ensure_eq!(ours.as_str(), theirs.as_str());
    }
    Ok(())
}
