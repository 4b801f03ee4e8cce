//! Exact encodings, byte for byte, and the decoder against inconsistent
//! and random input.

use super::prelude::*;

pub(super) fn sockaddr_bytes_are_exact() -> Outcome {
    let inet = SocketAddress::from(SocketAddrV4::new(Ipv4Addr::new(127, 0, 0, 1), 8080)).encode();
    let af_inet = 2u16.to_ne_bytes();
    let expected: [u8; 16] = [
        af_inet[0], af_inet[1], 0x1f, 0x90, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    ensure_eq!(inet.as_bytes(), &expected[..]);

    let ip6 = Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1);
    let inet6 = SocketAddress::from(SocketAddrV6::new(ip6, 443, 0x12345, 7)).encode();
    let b = inet6.as_bytes();
    ensure_eq!(b.len(), 28);
    ensure_eq!(b[..2], 10u16.to_ne_bytes());
    ensure_eq!(b[2..4], [0x01, 0xbb]);
    ensure_eq!(b[4..8], [0x00, 0x01, 0x23, 0x45]); // sin6_flowinfo, network order
    ensure_eq!(b[8..24], ip6.octets());
    ensure_eq!(b[24..28], 7u32.to_ne_bytes()); // sin6_scope_id, host order

    let path = SocketAddress::from(ok!(UnixAddr::new_path("/a"))).encode();
    let af_unix = 1u16.to_ne_bytes();
    ensure_eq!(
        path.as_bytes(),
        &[af_unix[0], af_unix[1], b'/', b'a', 0][..]
    );
    let abstract_name = SocketAddress::from(ok!(UnixAddr::new_abstract("x"))).encode();
    ensure_eq!(
        abstract_name.as_bytes(),
        &[af_unix[0], af_unix[1], 0, b'x'][..]
    );
    let empty_abstract = SocketAddress::from(ok!(UnixAddr::new_abstract(""))).encode();
    ensure_eq!(empty_abstract.as_bytes(), &[af_unix[0], af_unix[1], 0][..]);
    let unnamed = SocketAddress::from(UnixAddr::new_unnamed()).encode();
    ensure_eq!(unnamed.as_bytes(), &af_unix[..]);
    Ok(())
}

pub(super) fn decoder_refuses_inconsistent_input() -> Outcome {
    let decode = |bytes: &[u8]| RawSocketAddr::from_bytes(bytes).and_then(|raw| raw.decode());
    ensure_eq!(
        decode(&[]),
        Err(AddressError::TooShort {
            family: None,
            len: 0,
            needed: 2
        })
    );
    let mut inet = [0u8; 16];
    inet[..2].copy_from_slice(&2u16.to_ne_bytes());
    ensure_eq!(
        decode(&inet[..15]),
        Err(AddressError::TooShort {
            family: Some(2),
            len: 15,
            needed: 16
        })
    );
    let mut unknown = inet;
    unknown[..2].copy_from_slice(&99u16.to_ne_bytes());
    ensure_eq!(
        decode(&unknown),
        Err(AddressError::UnsupportedFamily { family: 99 })
    );
    ensure_eq!(
        decode(&[0; 129]),
        Err(AddressError::TooLong {
            family: Some(0),
            len: 129,
            max: 128
        })
    );
    Ok(())
}

pub(super) fn packet_netlink_vsock_bytes_are_exact() -> Outcome {
    let ne16 = |v: u16| v.to_ne_bytes();
    let ne32 = |v: u32| v.to_ne_bytes();
    let packet = SocketAddress::from(PacketAddr::new(7, ETH_P_IP)).encode();
    let mut want = [0u8; 20];
    want[..2].copy_from_slice(&ne16(17));
    want[2..4].copy_from_slice(&[0x08, 0x00]); // sll_protocol, network order
    want[4..8].copy_from_slice(&ne32(7));
    ensure_eq!(packet.as_bytes(), &want[..]);

    let netlink = SocketAddress::from(NetlinkAddr::new(0x0102_0304, 5)).encode();
    let mut want = [0u8; 12];
    want[..2].copy_from_slice(&ne16(16));
    want[4..8].copy_from_slice(&ne32(0x0102_0304));
    want[8..].copy_from_slice(&ne32(5));
    ensure_eq!(netlink.as_bytes(), &want[..]);

    let vsock = SocketAddress::from(VsockAddr::new(3, 1234).with_flags(1)).encode();
    let mut want = [0u8; 16];
    want[..2].copy_from_slice(&ne16(40));
    want[4..8].copy_from_slice(&ne32(1234));
    want[8..12].copy_from_slice(&ne32(3));
    want[12] = 1;
    ensure_eq!(vsock.as_bytes(), &want[..]);

    // As getsockname reports lo: 12 + sll_halen (6) = 18 bytes, under the struct's 20.
    let mut lo = [0u8; 18];
    lo[..2].copy_from_slice(&ne16(17));
    lo[8..10].copy_from_slice(&ne16(ARPHRD_LOOPBACK));
    lo[11] = 6;
    let decode = |bytes: &[u8]| RawSocketAddr::from_bytes(bytes).and_then(|raw| raw.decode());
    match decode(&lo) {
        Ok(SocketAddress::Packet(p)) if p.hardware_address() == [0; 6] => {}
        other => fail!("18-byte sockaddr_ll decoded as {other:?}"),
    }
    ensure_eq!(
        decode(&lo[..17]),
        Err(AddressError::TooShort {
            family: Some(17),
            len: 17,
            needed: 18
        })
    );
    lo[11] = HARDWARE_ADDRESS_MAX as u8 + 1;
    ensure_eq!(
        decode(&lo),
        Err(AddressError::TooLong {
            family: Some(17),
            len: 12 + 33,
            max: 44
        })
    );
    ensure_eq!(
        decode(&netlink.as_bytes()[..11]),
        Err(AddressError::TooShort {
            family: Some(16),
            len: 11,
            needed: 12
        })
    );
    ensure_eq!(
        decode(&vsock.as_bytes()[..15]),
        Err(AddressError::TooShort {
            family: Some(40),
            len: 15,
            needed: 16
        })
    );
    Ok(())
}

pub(super) fn decoder_survives_random_input() -> Outcome {
    let mut random = Random(0x5eed_0000_0000_0001);
    for round in 0..20_000 {
        let mut bytes = [0u8; SOCKADDR_STORAGE_LEN + 8];
        random.fill(&mut bytes);
        // Mostly known families, so each decoder sees random lengths and contents.
        let family = match random.below(8) {
            7 => random.next() as u16,
            i => FAMILIES[i % FAMILIES.len()],
        };
        bytes[..2].copy_from_slice(&family.to_ne_bytes());
        let len = random.below(bytes.len() + 1);
        let raw = match RawSocketAddr::from_bytes(&bytes[..len]) {
            Ok(raw) => raw,
            Err(AddressError::TooLong { .. }) if len > SOCKADDR_STORAGE_LEN => continue,
            Err(other) => fail!("round {round}: from_bytes({len} bytes) refused: {other:?}"),
        };
        ensure_eq!(raw.as_bytes(), &bytes[..len]);
        // Decoding must not panic; what decodes must survive a round trip.
        if let Ok(addr) = raw.decode() {
            ensure_eq!(addr.family().raw(), family);
            if addr.encode().decode() != Ok(addr) {
                fail!("round {round}: {addr:?} from {raw:?} did not survive encode and decode");
            }
        }
    }
    Ok(())
}

pub(super) fn every_family_round_trips() -> Outcome {
    let mut random = Random(0x5eed_0000_0000_0002);
    for round in 0..5_000 {
        let mut name = [0u8; UNIX_PATH_MAX];
        random.fill(&mut name);
        let r = random.next();
        let addr = match round % 7 {
            0 => SocketAddress::from(SocketAddrV4::new(
                Ipv4Addr::from(r as u32),
                (r >> 32) as u16,
            )),
            1 => {
                let ip = Ipv6Addr::from(u128::from(r) << 64 | u128::from(random.next()));
                let flowinfo = random.next() as u32 & 0x000f_ffff;
                SocketAddress::from(SocketAddrV6::new(ip, r as u16, flowinfo, (r >> 32) as u32))
            }
            2 => {
                let path = &mut name[..1 + random.below(UNIX_PATH_MAX)];
                for b in path.iter_mut().filter(|b| **b == 0) {
                    *b = b'/';
                }
                SocketAddress::from(ok!(UnixAddr::new_path(&*path)))
            }
            3 => SocketAddress::from(ok!(UnixAddr::new_abstract(
                &name[..random.below(ABSTRACT_NAME_MAX + 1)]
            ))),
            4 => SocketAddress::from(PacketAddr::new(r as i32, (r >> 32) as u16)),
            5 => SocketAddress::from(NetlinkAddr::new(r as u32, (r >> 32) as u32)),
            _ => SocketAddress::from(
                VsockAddr::new(r as u32, (r >> 32) as u32).with_flags(random.next() as u8),
            ),
        };
        if addr.encode().decode() != Ok(addr) {
            fail!("round {round}: {addr:?} encoded as {:?}", addr.encode());
        }
    }
    Ok(())
}

/// `TryFrom<&RawSocketAddr>`: the address the kernel reports for an IPv4
/// socket decodes into `SocketAddrV4` (the same port), and into every other
/// family's type only as `WrongFamily`, naming both numbers.
pub(super) fn typed_decoders_take_only_their_family() -> Outcome {
    let sock = stream(Family::INET)?;
    ok!(bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    let raw = ok!(getsockname_raw(&sock));
    let v4 = ok!(SocketAddrV4::try_from(&raw));
    ensure_eq!(SocketAddress::from(v4), ok!(raw.decode()));
    if v4.port() == 0 {
        fail!("getsockname reported port 0 after binding port 0");
    }
    let wrong = |expected: u16| AddressError::WrongFamily { expected, found: 2 };
    ensure_eq!(SocketAddrV6::try_from(&raw), Err(wrong(10)));
    ensure_eq!(UnixAddr::try_from(&raw), Err(wrong(1)));
    ensure_eq!(PacketAddr::try_from(&raw), Err(wrong(17)));
    ensure_eq!(NetlinkAddr::try_from(&raw), Err(wrong(16)));
    ensure_eq!(VsockAddr::try_from(&raw), Err(wrong(40)));
    // A short address is refused as `decode` refuses it.
    let short = ok!(RawSocketAddr::from_bytes(&2u16.to_ne_bytes()));
    ensure_eq!(
        SocketAddrV4::try_from(&short).map(|_| ()),
        short.decode().map(|_| ())
    );
    Ok(())
}
