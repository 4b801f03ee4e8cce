//! The baseline program in bare asm: socket, bind 127.0.0.1:0, getsockname,
//! print the port, close, exit 0; nothing checked that the kernel does not
//! report.

use rawbind::raw::nr;
use rawbind_bench::syscall3;

rawbind_bench::start!(main);
rawbind_bench::mem_functions!();

extern "C" fn main(_stack: *const usize) -> ! {
    rawbind_bench::exit(run())
}

fn run() -> usize {
    const AF_INET: usize = 2;
    let stream = rawbind::SocketType::STREAM.raw() as usize;
    // sockaddr_in: family, port 0, 127.0.0.1, zero padding.
    let mut sin = [0u8; 16];
    sin[..2].copy_from_slice(&(AF_INET as u16).to_ne_bytes());
    sin[4..8].copy_from_slice(&[127, 0, 0, 1]);
    // SAFETY: each call gets integers, or pointers to live buffers of the
    // lengths it is given.
    unsafe {
        let fd = syscall3(nr::SOCKET, AF_INET, stream, 0);
        if fd < 0 {
            return 1;
        }
        if syscall3(nr::BIND, fd as usize, sin.as_ptr() as usize, 16) < 0 {
            return 1;
        }
        let mut out = [0u8; 16];
        let mut len: u32 = 16;
        let got = syscall3(
            nr::GETSOCKNAME,
            fd as usize,
            out.as_mut_ptr() as usize,
            &mut len as *mut u32 as usize,
        );
        if got < 0 || len != 16 {
            return 1;
        }
        let port = u16::from_be_bytes([out[2], out[3]]);
        let mut line = [0; 6];
        let n = rawbind_bench::port_line(port, &mut line);
        syscall3(nr::CLOSE, fd as usize, 0, 0);
        match syscall3(nr::WRITE, 1, line.as_ptr() as usize, n) {
            written if written == n as isize => 0,
            _ => 1,
        }
    }
}

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    rawbind_bench::exit(101)
}
