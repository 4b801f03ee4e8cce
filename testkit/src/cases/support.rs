//! What the cases share: temporary paths and directories, child processes
//! (as another user, in private namespaces), sockets and their addresses,
//! and a seeded random generator.

use super::prelude::*;

/// A path under /tmp no other case or process uses: `/tmp/rawbind-PID-N-tag`.
#[derive(Clone)]
pub(super) struct TempPath {
    pub(super) buf: [u8; 128],
    pub(super) len: usize,
}

impl TempPath {
    pub(super) fn new(tag: &str) -> TempPath {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let mut path = TempPath {
            buf: [0; 128],
            len: 0,
        };
        let _ = write!(path, "/tmp/rawbind-{}-{}-{}", sys::getpid(), n, tag);
        path
    }

    pub(super) fn bytes(&self) -> &[u8] {
        &self.buf[..self.len]
    }

    /// `self/name`.
    pub(super) fn join(&self, name: &str) -> TempPath {
        let mut path = self.clone();
        let _ = write!(path, "/{name}");
        path
    }
}

/// A fresh directory under /tmp; dropping it removes the entries named by
/// [`TempDir::entry`] and then the directory.
pub(super) struct TempDir {
    pub(super) path: TempPath,
    pub(super) entries: [&'static str; 4],
    pub(super) count: usize,
}

impl TempDir {
    pub(super) fn new(tag: &str, mode: u32) -> Result<TempDir, NotPassed> {
        let path = TempPath::new(tag);
        ok!(sys::mkdir(path.bytes(), mode));
        Ok(TempDir {
            path,
            entries: [""; 4],
            count: 0,
        })
    }

    /// The path of `name` inside, removed with the directory.
    pub(super) fn entry(&mut self, name: &'static str) -> TempPath {
        self.entries[self.count] = name;
        self.count += 1;
        self.path.join(name)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        for name in self.entries[..self.count].iter().rev() {
            let _ = sys::unlink(self.path.join(name).bytes(), false);
        }
        let _ = sys::unlink(self.path.bytes(), true);
    }
}

pub(super) const SETUP_FAILED: u32 = 1 << 16;

/// `call`'s answer, made in a child process after `setup`, so that what setup
/// changes (uid, namespaces) ends with the child. Setup refused for want of
/// privilege is a skip that says what it `needs`; any other setup failure
/// fails the case.
pub(super) fn in_child(
    setup: impl FnOnce() -> Result<(), Errno>,
    call: impl FnOnce() -> Result<(), Errno>,
    needs: &'static str,
) -> Result<Result<(), Errno>, NotPassed> {
    let errno = |value: u32| Errno::new((value & 0xffff) as i32).unwrap_or(Errno::EIO);
    // SAFETY: the child only makes system calls through rawbind: it takes no
    // lock, allocates nothing and does not unwind.
    let answer = unsafe {
        sys::in_child(|| match setup() {
            Err(e) => SETUP_FAILED | e.raw() as u32,
            Ok(()) => call().map_or_else(|e| e.raw() as u32, |()| 0),
        })
    };
    match ok!(answer) {
        0 => Ok(Ok(())),
        value if value & SETUP_FAILED == 0 => Ok(Err(errno(value))),
        // Not root, or a container that keeps /proc/sys or mounts read-only.
        value if matches!(errno(value), Errno::EPERM | Errno::EACCES | Errno::EROFS) => {
            Err(NotPassed::Skip(needs))
        }
        value => fail!("setting up the child: {:?}", errno(value)),
    }
}

/// The uid and gid tests drop to: `nobody` on Debian and most systems.
pub(super) const UNPRIVILEGED: u32 = 65534;

/// `call`'s answer when made by uid 65534, in a child.
pub(super) fn as_unprivileged(
    call: impl FnOnce() -> Result<(), Errno>,
) -> Result<Result<(), Errno>, NotPassed> {
    let drop_to = || sys::become_user(UNPRIVILEGED);
    in_child(
        drop_to,
        call,
        "dropping to uid 65534 needs root (CAP_SETUID, CAP_SETGID)",
    )
}

impl Write for TempPath {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        self.buf
            .get_mut(self.len..end)
            .ok_or(fmt::Error)?
            .copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

pub(super) fn stream(family: Family) -> Result<OwnedSocket, NotPassed> {
    match socket(family, SocketType::STREAM) {
        Err(Errno::EAFNOSUPPORT) => Err(NotPassed::Skip(
            "the kernel offers no socket of this family here",
        )),
        other => Ok(ok!(other)),
    }
}

pub(super) fn bound_to(sock: &OwnedSocket) -> Result<SocketAddress, NotPassed> {
    Ok(ok!(getsockname(sock)))
}

/// bind(2) through the raw entry with an encoded `addr`.
pub(super) fn raw_bind(fd: i32, addr: &impl ToSocketAddr) -> Result<(), Errno> {
    raw_bind_cut(fd, addr, u32::MAX)
}

/// The kernel's answer to binding a new Unix stream socket to `path`.
pub(super) fn bind_unix_path(path: &TempPath) -> Result<Result<(), Errno>, NotPassed> {
    let addr = ok!(UnixAddr::new_path(path.bytes()));
    Ok(bind(&stream(Family::UNIX)?, &addr))
}

/// The lowest port an unprivileged process may bind, from
/// /proc/sys/net/ipv4/ip_unprivileged_port_start (Linux 4.11).
pub(super) fn unprivileged_port_start() -> Result<u16, NotPassed> {
    let mut buf = [0u8; 16];
    let Ok(text) = sys::read_file(b"/proc/sys/net/ipv4/ip_unprivileged_port_start", &mut buf)
    else {
        return Err(NotPassed::Skip(
            "no /proc/sys/net/ipv4/ip_unprivileged_port_start (Linux before 4.11, or no /proc)",
        ));
    };
    match core::str::from_utf8(text)
        .ok()
        .map(str::trim)
        .map(str::parse)
    {
        Some(Ok(port)) => Ok(port),
        _ => fail!("ip_unprivileged_port_start reads {text:?}"),
    }
}

/// bind(2) through the raw entry with at most the first `len` bytes of
/// `addr`'s encoding.
pub(super) fn raw_bind_cut(fd: i32, addr: &impl ToSocketAddr, len: u32) -> Result<(), Errno> {
    addr.with_sockaddr(|bytes| {
        let cut = &bytes[..bytes.len().min(len as usize)];
        // SAFETY: `cut` is readable for its length.
        unsafe { raw::bind(fd, cut.as_ptr().cast(), cut.len() as u32) }
    })
}

pub(super) fn inet_port_of(sock: &OwnedSocket) -> Result<SocketAddrV4, NotPassed> {
    match bound_to(sock)? {
        SocketAddress::Inet(addr) => Ok(addr.into()),
        other => fail!("getsockname = {other:?}, expected an IPv4 address"),
    }
}

pub(super) const LOOPBACK_IFINDEX: i32 = 1; // the kernel gives lo index 1 in every namespace
pub(super) const ETH_P_ALL: u16 = 0x0003;
pub(super) const ETH_P_IP: u16 = 0x0800;
pub(super) const ARPHRD_LOOPBACK: u16 = 772;

/// xorshift64*: a fixed seed, so every target checks the same inputs and a
/// failure names one that reproduces.
pub(super) struct Random(pub(super) u64);

impl Random {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(super) fn fill(&mut self, bytes: &mut [u8]) {
        for b in bytes {
            *b = self.next() as u8;
        }
    }
}

pub(super) const FAMILIES: [u16; 7] = [1, 2, 10, 16, 17, 40, 0];

/// `value`'s `Display` into a fixed buffer, for comparing with a literal.
pub(super) fn shown(value: impl fmt::Display) -> Text {
    let mut text = Text::new();
    let _ = write!(text, "{value}");
    text
}
