//! The baseline program with rustix: socket, bind 127.0.0.1:0, getsockname,
//! print the port, exit 0. rustix has no program start and no exit of its
//! own without its `runtime` feature, so the bare `_start` and exit_group
//! stand in: the same two pieces the bare program uses.

use core::net::{Ipv4Addr, SocketAddrV4};

use rustix::net::{bind, getsockname, socket, AddressFamily, SocketType};

rawbind_bench::start!(main);
rawbind_bench::mem_functions!();

extern "C" fn main(_stack: *const usize) -> ! {
    rawbind_bench::exit(run())
}

fn run() -> usize {
    let Ok(sock) = socket(AddressFamily::INET, SocketType::STREAM, None) else {
        return 1;
    };
    if bind(&sock, &SocketAddrV4::new(Ipv4Addr::LOCALHOST, 0)).is_err() {
        return 1;
    }
    let Ok(bound) = getsockname(&sock) else {
        return 1;
    };
    let Ok(bound) = SocketAddrV4::try_from(bound) else {
        return 1;
    };
    let mut line = [0; 6];
    let len = rawbind_bench::port_line(bound.port(), &mut line);
    // SAFETY: descriptor 1 is open for the life of the process.
    let stdout = unsafe { rustix::fd::BorrowedFd::borrow_raw(1) };
    match rustix::io::write(stdout, &line[..len]) {
        Ok(_) => 0,
        Err(_) => 1,
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    rawbind_bench::exit(101)
}
