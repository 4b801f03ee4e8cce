//! Unix addresses: paths (to 108 bytes), abstract names, unnamed, and the
//! limits refused before the kernel sees them.

use super::prelude::*;

/// Binds a Unix stream socket to `path`, checks getsockname gives it back
/// exactly with the length the kernel reports (2 + path + NUL, which is 111
/// for a 108-byte path with no room for its NUL), and removes the socket file.
fn unix_path_round_trip(path: &[u8]) -> Outcome {
    let addr = ok!(UnixAddr::new_path(path));
    let sock = stream(Family::UNIX)?;
    let bound = bind(&sock, &addr);
    let reported = getsockname_raw(&sock);
    let removed = sys::unlink(path, false);
    ok!(bound);
    let reported = ok!(reported);
    ensure_eq!(reported.len() as usize, 2 + path.len() + 1);
    ensure_eq!(reported.decode(), Ok(SocketAddress::Unix(addr)));
    ok!(removed);
    Ok(())
}

pub(super) fn unix_path_round_trips() -> Outcome {
    unix_path_round_trip(TempPath::new("path.sock").bytes())
}

/// 108 bytes fill sun_path with no room for a NUL; the kernel then reports
/// length 111 and the decoder must still return exactly the 108 bytes.
pub(super) fn unix_path_of_108_bytes_round_trips() -> Outcome {
    let mut path = TempPath::new("full-");
    while path.len < UNIX_PATH_MAX {
        ok!(path.write_str("x"));
    }
    ensure_eq!(path.bytes().len(), 108);
    unix_path_round_trip(path.bytes())
}

pub(super) fn unix_abstract_name_round_trips() -> Outcome {
    // A NUL inside the name: abstract names are bytes, not C strings.
    let mut name = TempPath::new("abstract");
    ok!(name.write_str("\0end"));
    let addr = ok!(UnixAddr::new_abstract(name.bytes()));
    let sock = stream(Family::UNIX)?;
    ok!(bind(&sock, &addr));
    ensure_eq!(bound_to(&sock)?, SocketAddress::Unix(addr));
    Ok(())
}

pub(super) fn unix_unnamed_autobinds() -> Outcome {
    let sock = stream(Family::UNIX)?;
    ok!(bind(&sock, &UnixAddr::new_unnamed()));
    let bound = bound_to(&sock)?;
    let name = match bound {
        SocketAddress::Unix(addr) => addr
            .abstract_name()
            .map(|n| (n.len(), n.iter().all(u8::is_ascii_hexdigit))),
        _ => None,
    };
    if name != Some((5, true)) {
        fail!("getsockname = {bound:?}, expected an autobind name of five hex digits");
    }
    Ok(())
}

pub(super) fn unix_unbound_reports_unnamed() -> Outcome {
    let sock = stream(Family::UNIX)?;
    ensure_eq!(ok!(getsockname_raw(&sock)).len(), 2);
    ensure_eq!(
        bound_to(&sock)?,
        SocketAddress::Unix(UnixAddr::new_unnamed())
    );
    Ok(())
}

pub(super) fn unix_limits_refused_before_kernel() -> Outcome {
    let long = [b'p'; UNIX_PATH_MAX + 1];
    ensure_eq!(
        UnixAddr::new_path(&long[..]),
        Err(AddressError::PathTooLong { len: 109 })
    );
    ensure_eq!(
        UnixAddr::new_path("/tmp/a\0b"),
        Err(AddressError::InteriorNul { position: 6 })
    );
    ensure_eq!(UnixAddr::new_path(""), Err(AddressError::EmptyPath));
    ensure_eq!(
        UnixAddr::new_abstract(&long[..ABSTRACT_NAME_MAX + 1]),
        Err(AddressError::AbstractNameTooLong { len: 108 })
    );
    ensure_eq!(
        ok!(UnixAddr::new_abstract(&long[..ABSTRACT_NAME_MAX])).encoded_len(),
        110
    );
    Ok(())
}

pub(super) fn unix_empty_abstract_name_is_not_unnamed() -> Outcome {
    // Length 3 names the empty abstract name; length 2 asks for autobind.
    let empty = ok!(UnixAddr::new_abstract(""));
    ensure_eq!(empty.encoded_len(), 3);
    ensure_eq!(empty == UnixAddr::new_unnamed(), false);
    let sock = stream(Family::UNIX)?;
    let bound = match bind(&sock, &empty) {
        // Some other process may hold the one empty name.
        Err(Errno::EADDRINUSE) => {
            return Err(NotPassed::Skip(
                "another socket holds the empty abstract name",
            ))
        }
        other => other,
    };
    ok!(bound);
    let reported = ok!(getsockname_raw(&sock));
    ensure_eq!(reported.len(), 3);
    ensure_eq!(reported.decode(), Ok(SocketAddress::Unix(empty)));
    Ok(())
}
