//! Any bytes as an address a tracer hands over: taking them must keep every
//! byte, decoding must not panic, what decodes must survive encode and decode,
//! and both notations must format.
#![no_main]

use std::fmt::Write;

use libfuzzer_sys::fuzz_target;
use rawbind::{RawSocketAddr, SOCKADDR_STORAGE_LEN};

fuzz_target!(|data: &[u8]| {
    let raw = match RawSocketAddr::from_bytes(data) {
        Ok(raw) => raw,
        Err(_) => {
            assert!(data.len() > SOCKADDR_STORAGE_LEN, "refused {data:?}");
            return;
        }
    };
    assert_eq!(raw.as_bytes(), data);
    if let Ok(addr) = raw.decode() {
        assert_eq!(addr.encode().decode(), Ok(addr), "from {raw:?}");
        let mut text = String::new();
        write!(text, "{addr} {}", addr.strace()).unwrap();
    }
});
