//! Dropping privileges after a privileged bind, checked from the kernel's
//! own view (/proc/self/status) in a child process.

use rawbind::{drop_privileges, DropOptions};

use super::prelude::*;

/// The value after `key` on its line of /proc/self/status, e.g. `Uid:`.
fn status_field<'a>(status: &'a [u8], key: &[u8]) -> &'a [u8] {
    status
        .split(|&b| b == b'\n')
        .find_map(|line| line.strip_prefix(key))
        .map(|value| value.trim_ascii())
        .unwrap_or(b"(missing)")
}

/// Each check the child makes, as a bit of its answer.
const CHECKS: [&str; 8] = [
    "drop_privileges failed",
    "Uid is not 65534 four times",
    "Gid is not 65534 four times",
    "CapEff is not 0",
    "CapPrm is not 0",
    "CapBnd is not 0",
    "NoNewPrivs is not 1",
    "a new bind below the unprivileged start did not fail with EACCES, or the old port stopped accepting",
];

pub(super) fn privileges_drop_after_a_privileged_bind() -> Outcome {
    let start = unprivileged_port_start()?;
    if start < 2 {
        return Err(NotPassed::Skip(
            "ip_unprivileged_port_start is below 2: no port is privileged here",
        ));
    }
    // A free privileged port: 80 if it is, or the first free one below the start.
    let server = stream(Family::INET)?;
    let low = (80..start)
        .chain(1..80)
        .find(|&port| bind(&server, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)).is_ok());
    let Some(port) = low else {
        return Err(NotPassed::Skip(
            "no privileged port could be bound: not root (CAP_NET_BIND_SERVICE), or all in use",
        ));
    };
    ok!(listen(&server, 4));
    let other = if port + 1 < start { port + 1 } else { port - 1 };
    // SAFETY: the child only makes system calls: no lock, no allocation.
    let answer = unsafe {
        sys::in_child(|| {
            let mut failed = 0u32;
            if drop_privileges(
                UNPRIVILEGED,
                UNPRIVILEGED,
                DropOptions {
                    clear_bounding_set: true,
                },
            )
            .is_err()
            {
                return 1;
            }
            let mut buf = [0u8; 4096];
            let status = sys::read_file(b"/proc/self/status", &mut buf).unwrap_or(b"");
            let checks: [(&[u8], &[u8]); 6] = [
                (b"Uid:", b"65534\t65534\t65534\t65534"),
                (b"Gid:", b"65534\t65534\t65534\t65534"),
                (b"CapEff:", b"0000000000000000"),
                (b"CapPrm:", b"0000000000000000"),
                (b"CapBnd:", b"0000000000000000"),
                (b"NoNewPrivs:", b"1"),
            ];
            for (bit, (key, want)) in checks.iter().enumerate() {
                if status_field(status, key) != *want {
                    failed |= 2 << bit;
                }
            }
            // Unprivileged now: a new low port is refused, the old one serves.
            let fresh = socket(Family::INET, SocketType::STREAM);
            let refused = fresh.map(|s| bind(&s, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, other)));
            let client = socket(Family::INET, SocketType::STREAM);
            let served = client
                .and_then(|c| {
                    connect(&c, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, port)).map(|()| c)
                })
                .and_then(|_c| accept(&server).map(drop));
            if refused != Ok(Err(Errno::EACCES)) || served.is_err() {
                failed |= 1 << 7;
            }
            failed
        })
    };
    match ok!(answer) {
        0 => Ok(()),
        bits => {
            let mut text = Text::new();
            let _ = write!(text, "after binding port {port}: ");
            for (bit, what) in CHECKS.iter().enumerate() {
                if bits & (1 << bit) != 0 {
                    let _ = write!(text, "{what}; ");
                }
            }
            Err(NotPassed::Fail(text))
        }
    }
}
