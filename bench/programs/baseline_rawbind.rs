//! The baseline program with rawbind: socket, bind 127.0.0.1:0, getsockname,
//! print the port the kernel chose, exit 0.

use core::net::Ipv4Addr;

use rawbind::{bind, getsockname_raw, socket, Family, InetAddr, SocketType};

rawbind::entry!(main);

fn main(_: rawbind::rt::Args) -> i32 {
    let Ok(sock) = socket(Family::INET, SocketType::STREAM) else {
        return 1;
    };
    if bind(&sock, &InetAddr::new(Ipv4Addr::LOCALHOST, 0)).is_err() {
        return 1;
    }
    // Decoding into the one family expected links only its decoder.
    let Ok(bound) = getsockname_raw(&sock).map(|raw| InetAddr::try_from(&raw)) else {
        return 1;
    };
    let Ok(bound) = bound else {
        return 1;
    };
    let mut line = [0; 6];
    let len = rawbind_bench::port_line(bound.port(), &mut line);
    match rawbind::rt::write_unbuffered(1, &line[..len]) {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    rawbind::rt::exit(101)
}
