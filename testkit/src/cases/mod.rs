//! Every case, written once without std, one file per topic; the registry
//! below lists them in the order they run. `testkit/tests/host.rs` runs them
//! under `cargo test`, `testkit/src/bin/selftest.rs` as a static libc-free
//! program on each target (natively and under qemu-user); both through
//! [`run_all`].

// A failure carries its message inline: the libc-free runner has no allocator.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

use core::fmt::{self, Write};
use core::sync::atomic::AtomicBool;

/// A short message in a fixed buffer; a message that does not fit ends in `...`.
pub struct Text {
    buf: [u8; 240],
    len: usize,
}

impl Text {
    pub fn new() -> Text {
        Text {
            buf: [0; 240],
            len: 0,
        }
    }

    pub fn as_str(&self) -> &str {
        core::str::from_utf8(&self.buf[..self.len]).unwrap_or("(message cut inside a character)")
    }
}

impl Default for Text {
    fn default() -> Text {
        Text::new()
    }
}

impl Write for Text {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        for &b in s.as_bytes() {
            if self.len == self.buf.len() {
                self.buf[self.len - 3..].copy_from_slice(b"...");
                return Ok(());
            }
            self.buf[self.len] = b;
            self.len += 1;
        }
        Ok(())
    }
}

/// Why a case did not pass.
pub enum NotPassed {
    /// It failed, saying what it saw.
    Fail(Text),
    /// It could not run here, saying why.
    Skip(&'static str),
}

pub type Outcome = Result<(), NotPassed>;

/// Set by the libc-free runner's `--under-qemu`: the cases run under
/// qemu-user, whose known translation bugs a case may name and skip.
pub static UNDER_QEMU: AtomicBool = AtomicBool::new(false);

/// One case: its name (the function's) and the function.
pub struct Case {
    pub name: &'static str,
    pub run: fn() -> Outcome,
}

macro_rules! fail {
    ($($fmt:tt)*) => {{
        let mut text = Text::new();
        let _ = write!(text, "line {}: ", line!());
        let _ = write!(text, $($fmt)*);
        return Err(NotPassed::Fail(text));
    }};
}

/// `left == right`, or the case fails naming both values.
macro_rules! ensure_eq {
    ($left:expr, $right:expr) => {{
        let (left, right) = (&$left, &$right);
        if left != right {
            fail!("{} = {:?}, expected {:?}", stringify!($left), left, right);
        }
    }};
}

/// Unwraps `Ok`, or fails with the error.
macro_rules! ok {
    ($result:expr) => {
        match $result {
            Ok(value) => value,
            Err(error) => fail!("{} failed: {:?}", stringify!($result), error),
        }
    };
}

mod after_bind;
mod encoding;
mod errors;
mod families;
mod inet;
mod notation;
mod options;
mod privilege;
mod reuse;
mod runtime;
mod support;
mod unix;
mod unix_files;

/// What every topic file uses: rawbind's API, the test system calls, the
/// shared helpers and the outcome types.
mod prelude {
    pub(super) use core::fmt::{self, Write};
    pub(super) use core::net::{Ipv4Addr, Ipv6Addr, SocketAddrV4, SocketAddrV6};
    pub(super) use core::sync::atomic::{AtomicU32, Ordering};

    pub(super) use rawbind::{
        accept, bind, connect, getsockname, getsockname_raw, listen, raw, reuse_address,
        reuse_port, set_freebind, set_reuse_address, set_reuse_port, socket, socket_with_protocol,
        AddressError, Errno, Family, NetlinkAddr, OwnedSocket, PacketAddr, RawSocketAddr,
        SocketAddress, SocketType, ToSocketAddr, UnixAddr, VsockAddr, ABSTRACT_NAME_MAX,
        HARDWARE_ADDRESS_MAX, SOCKADDR_STORAGE_LEN, UNIX_PATH_MAX,
    };

    pub(super) use super::support::*;
    pub(super) use super::{NotPassed, Outcome, Text, UNDER_QEMU};
    pub(super) use crate::sys;
}

macro_rules! cases {
    ($($topic:ident :: $name:ident,)*) => {
        /// Every case, in the order the runners run them.
        pub static CASES: &[Case] = &[$(Case { name: stringify!($name), run: $topic::$name },)*];
    };
}

cases! {
    inet::inet_loopback_binds_with_kernel_port,
    inet::inet6_loopback_binds_with_kernel_port,
    unix::unix_path_round_trips,
    unix::unix_path_of_108_bytes_round_trips,
    unix::unix_abstract_name_round_trips,
    unix::unix_unnamed_autobinds,
    unix::unix_unbound_reports_unnamed,
    encoding::sockaddr_bytes_are_exact,
    inet::inet6_flowinfo_and_scope_survive,
    unix::unix_limits_refused_before_kernel,
    encoding::decoder_refuses_inconsistent_input,
    errors::ebadf_for_closed_descriptor,
    errors::enotsock_for_pipe,
    errors::einval_when_bound_twice,
    errors::eaddrinuse_when_port_taken,
    errors::eaddrnotavail_for_foreign_address,
    errors::eafnosupport_for_inet6_address_on_inet_socket,
    errors::enoent_for_missing_directory,
    errors::eacces_for_low_port_as_unprivileged_user,
    errors::eacces_for_unix_path_without_write_or_search_permission,
    errors::eaddrinuse_when_unix_path_exists,
    errors::eaddrinuse_when_ephemeral_ports_run_out,
    errors::eaddrnotavail_for_foreign_inet6_address,
    errors::einval_for_length_shorter_than_family,
    errors::einval_for_inet_address_on_unix_socket,
    errors::enotsock_for_regular_file,
    errors::enotdir_for_file_in_path_prefix,
    errors::eloop_for_symlink_loop_in_path_prefix,
    errors::erofs_for_read_only_mount,
    errors::enametoolong_and_what_the_kernel_says_instead,
    errors::efault_for_address_outside_the_process,
    reuse::reuse_address_rebinds_port_in_time_wait,
    reuse::reuse_port_shares_port_only_when_all_set,
    errors::bind_hints_match_the_cause,
    unix::unix_empty_abstract_name_is_not_unnamed,
    families::packet_binds_to_loopback_by_index,
    families::netlink_bind_gets_kernel_chosen_port_id,
    families::vsock_binds_where_the_kernel_offers_it,
    encoding::packet_netlink_vsock_bytes_are_exact,
    encoding::decoder_survives_random_input,
    encoding::every_family_round_trips,
    inet::inet6_link_local_binds_only_with_scope_id,
    notation::notation_short_and_strace,
    notation::notation_inet_matches_core,
    encoding::typed_decoders_take_only_their_family,
    runtime::environment_holds_the_variable_the_test_set,
    runtime::auxiliary_vector_gives_page_size_and_random_bytes,
    runtime::memory_functions_match_a_byte_loop,
    runtime::sockets_never_take_the_standard_descriptors,
    runtime::write_to_a_closed_pipe_fails_with_epipe,
    runtime::one_ppoll_tells_closed_descriptors_from_open_ones,
    runtime::unbuffered_writes_arrive_whole,
    options::types_and_families_come_from_numbers,
    options::nonblocking_sockets_answer_eagain,
    options::v6only_decides_whether_wildcards_conflict,
    options::ipv6_freebind_binds_a_foreign_address,
    options::bind_address_no_port_leaves_the_port_to_connect,
    options::bind_to_device_by_name,
    options::int_options_through_the_escape_hatch,
    options::peer_credentials_name_this_process,
    after_bind::tcp_data_both_ways_then_shutdown,
    after_bind::socketpairs_of_every_type,
    after_bind::send_all_moves_more_than_a_socket_buffer,
    after_bind::descriptors_pass_over_a_unix_socket,
    after_bind::descriptors_beyond_the_slots_are_reported,
    privilege::privileges_drop_after_a_privileged_bind,
    unix_files::socket_files_get_exactly_the_mode_asked,
    unix_files::no_process_sees_a_wider_mode_at_any_moment,
    unix_files::reclaim_replaces_only_a_stale_socket,
    unix_files::two_reclaimers_end_with_one_bound,
}

/// How many cases passed, failed and skipped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub passed: u32,
    pub failed: u32,
    pub skipped: u32,
}

/// Runs every case, one at a time, writing `ok NAME`, `FAIL NAME: why` or
/// `skip NAME: why` for each; `flush` runs after each line, so that a crash
/// in the next case loses nothing.
pub fn run_all<W: Write>(out: &mut W, mut flush: impl FnMut(&mut W)) -> Tally {
    let mut tally = Tally::default();
    for case in CASES {
        let _ = match (case.run)() {
            Ok(()) => {
                tally.passed += 1;
                writeln!(out, "ok {}", case.name)
            }
            Err(NotPassed::Fail(detail)) => {
                tally.failed += 1;
                writeln!(out, "FAIL {}: {}", case.name, detail.as_str())
            }
            Err(NotPassed::Skip(reason)) => {
                tally.skipped += 1;
                writeln!(out, "skip {}: {}", case.name, reason)
            }
        };
        flush(out);
    }
    tally
}
