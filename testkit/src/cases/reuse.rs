//! SO_REUSEADDR and SO_REUSEPORT: which rebinds and shared ports Linux allows.

use super::prelude::*;

pub(super) fn reuse_address_rebinds_port_in_time_wait() -> Outcome {
    let server = stream(Family::INET)?;
    ok!(set_reuse_address(&server, true));
    ensure_eq!(reuse_address(&server), Ok(true));
    ok!(bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    ok!(listen(&server, 1));
    let port = inet_port_of(&server)?;
    let client = stream(Family::INET)?;
    ok!(connect(&client, &port));
    let (conn, peer) = ok!(accept(&server));
    ensure_eq!(ok!(peer.decode()), bound_to(&client)?);
    // The server side closes first, so its end (holding `port`) enters TIME_WAIT.
    drop(conn);
    drop(client);
    drop(server);
    let plain = stream(Family::INET)?;
    ensure_eq!(reuse_address(&plain), Ok(false));
    ensure_eq!(bind(&plain, &port), Err(Errno::EADDRINUSE));
    let reusing = stream(Family::INET)?;
    ok!(set_reuse_address(&reusing, true));
    ok!(bind(&reusing, &port));
    ensure_eq!(inet_port_of(&reusing)?, port);
    Ok(())
}

pub(super) fn reuse_port_shares_port_only_when_all_set() -> Outcome {
    let udp = |reuse: bool| -> Result<OwnedSocket, NotPassed> {
        let sock = ok!(socket(Family::INET, SocketType::DGRAM));
        ok!(set_reuse_port(&sock, reuse));
        ensure_eq!(reuse_port(&sock), Ok(reuse));
        Ok(sock)
    };
    let first = udp(true)?;
    ok!(bind(&first, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    let port = inet_port_of(&first)?;
    let second = udp(true)?;
    ok!(bind(&second, &port));
    ensure_eq!(bind(&udp(false)?, &port), Err(Errno::EADDRINUSE));
    // A port held without SO_REUSEPORT is not shared even with a socket that sets it.
    let alone = udp(false)?;
    ok!(bind(&alone, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)));
    ensure_eq!(
        bind(&udp(true)?, &inet_port_of(&alone)?),
        Err(Errno::EADDRINUSE)
    );
    Ok(())
}
