//! What a bind(2) error usually means, for people reading it.

use crate::{Errno, SocketAddress};

impl Errno {
    /// The usual cause of this error from bind(2) of `addr`, and what to do
    /// about it, in one line; `None` where no common cause is known.
    ///
    /// ```
    /// use core::net::{Ipv4Addr, SocketAddrV4};
    /// use rawbind::{Errno, SocketAddress};
    /// let addr = SocketAddress::from(SocketAddrV4::new(Ipv4Addr::LOCALHOST, 80));
    /// let hint = Errno::EACCES.bind_hint(&addr).unwrap();
    /// assert!(hint.contains("CAP_NET_BIND_SERVICE"));
    /// assert_eq!(Errno::EBADF.bind_hint(&addr), None);
    /// ```
    #[must_use]
    pub fn bind_hint(self, addr: &SocketAddress) -> Option<&'static str> {
        let port = match addr {
            SocketAddress::Inet(v4) => Some(v4.port()),
            SocketAddress::Inet6(v6) => Some(v6.port()),
            _ => None,
        };
        let inet = port.is_some();
        let unix_path = matches!(addr, SocketAddress::Unix(unix) if unix.path().is_some());
        Some(match self {
            Errno::EACCES if inet => {
                "ports below net.ipv4.ip_unprivileged_port_start (1024 unless changed) need \
                 CAP_NET_BIND_SERVICE: grant it (setcap, or AmbientCapabilities= in a systemd \
                 unit), lower that sysctl, or use a higher port"
            }
            Errno::EACCES if unix_path => {
                "creating the socket file needs write and search permission on its directory, \
                 and search permission on every directory above it"
            }
            Errno::EADDRINUSE if port == Some(0) => {
                "port 0 asks for a free ephemeral port and none is left: widen \
                 net.ipv4.ip_local_port_range, or close idle sockets"
            }
            Errno::EADDRINUSE if inet => {
                "another socket holds this address (`ss -tulpn` shows which process); if a \
                 connection on it just closed, TIME_WAIT holds the port for about a minute: set \
                 SO_REUSEADDR before bind, on the old socket and the new one"
            }
            Errno::EADDRINUSE if unix_path => {
                "a file already exists at this path, often the socket file of an earlier run \
                 that was never removed: unlink it before binding"
            }
            Errno::EADDRNOTAVAIL if inet => {
                "no interface here has this address (`ip address` lists them): bind one that \
                 does, or the wildcard (0.0.0.0, ::), or set IP_FREEBIND to bind it before it \
                 exists"
            }
            Errno::EINVAL if needs_scope_id(addr) => {
                "a link-local IPv6 address needs a scope id naming its interface, e.g. \
                 [fe80::1%2]:PORT with the index `ip link` shows"
            }
            _ => return None,
        })
    }
}

/// An IPv6 address that the kernel only accepts with an interface (link-local
/// unicast, interface- or link-local multicast), given without one.
fn needs_scope_id(addr: &SocketAddress) -> bool {
    let SocketAddress::Inet6(v6) = addr else {
        return false;
    };
    let [first, second, ..] = v6.ip().octets();
    let link_local = first == 0xfe && second & 0xc0 == 0x80;
    let local_multicast = first == 0xff && matches!(second & 0x0f, 1 | 2);
    v6.scope_id() == 0 && (link_local || local_multicast)
}
