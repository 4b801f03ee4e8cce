//! Standard output and error, buffered in fixed arrays: no allocation, one
//! write(2) for what fits. Standard output is flushed when its buffer is full
//! and at [`exit`](super::exit); standard error at every newline.

use core::cell::UnsafeCell;
use core::fmt;
use core::sync::atomic::{AtomicBool, AtomicI32, Ordering};

use crate::{sys, Errno};

/// Bytes each stream holds before it must write.
const CAPACITY: usize = 1024;

struct Stream {
    fd: i32,
    flush_at_newline: bool,
    /// Held while `len` and `bytes` are being changed; a writer that finds it
    /// taken (a signal handler, another thread) writes straight through.
    in_use: AtomicBool,
    len: UnsafeCell<usize>,
    /// A static of its own, all zero, so it costs no bytes in the file.
    bytes: &'static Bytes,
    /// The errno of the first write that failed, 0 while none has.
    first_error: AtomicI32,
}

struct Bytes(UnsafeCell<[u8; CAPACITY]>);

// SAFETY: `len` and `bytes` are only touched by the holder of `in_use`.
unsafe impl Sync for Stream {}
// SAFETY: as above: only through the `Stream` that holds `in_use`.
unsafe impl Sync for Bytes {}

static STDOUT_BYTES: Bytes = Bytes(UnsafeCell::new([0; CAPACITY]));
static STDERR_BYTES: Bytes = Bytes(UnsafeCell::new([0; CAPACITY]));
static STDOUT: Stream = Stream::new(1, false, &STDOUT_BYTES);
static STDERR: Stream = Stream::new(2, true, &STDERR_BYTES);

impl Stream {
    const fn new(fd: i32, flush_at_newline: bool, bytes: &'static Bytes) -> Stream {
        Stream {
            fd,
            flush_at_newline,
            in_use: AtomicBool::new(false),
            len: UnsafeCell::new(0),
            bytes,
            first_error: AtomicI32::new(0),
        }
    }

    fn write(&self, bytes: &[u8]) -> Result<(), Errno> {
        arm_before_exit();
        match self.lock() {
            Some(mut buffer) => buffer.write(bytes),
            None => self.write_through(bytes),
        }
    }

    fn flush(&self) -> Result<(), Errno> {
        match self.lock() {
            Some(mut buffer) => buffer.flush(),
            None => Ok(()), // whoever holds it writes what it buffers
        }
    }

    fn lock(&self) -> Option<Locked<'_>> {
        self.in_use
            .compare_exchange(false, true, Ordering::Acquire, Ordering::Relaxed)
            .ok()
            .map(|_| Locked { stream: self })
    }

    /// [`write_unbuffered`] to the stream's descriptor; a failure is
    /// recorded as well as returned.
    fn write_through(&self, bytes: &[u8]) -> Result<(), Errno> {
        write_unbuffered(self.fd, bytes).map_err(|errno| self.failed(errno))
    }

    fn failed(&self, errno: Errno) -> Errno {
        let _ =
            self.first_error
                .compare_exchange(0, errno.raw(), Ordering::Relaxed, Ordering::Relaxed);
        errno
    }

    fn first_error(&self) -> Option<Errno> {
        Errno::new(self.first_error.load(Ordering::Relaxed))
    }
}

/// The buffer of a stream, held.
struct Locked<'a> {
    stream: &'a Stream,
}

impl Locked<'_> {
    fn parts(&mut self) -> (&mut usize, &mut [u8; CAPACITY]) {
        // SAFETY: holding `in_use` makes these references the only ones.
        unsafe { (&mut *self.stream.len.get(), &mut *self.stream.bytes.0.get()) }
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), Errno> {
        if *self.parts().0 + bytes.len() > CAPACITY {
            self.flush()?;
        }
        let stream = self.stream;
        let (len, buffer) = self.parts();
        match buffer.get_mut(*len..*len + bytes.len()) {
            Some(room) => room.copy_from_slice(bytes),
            // More than the whole buffer holds: straight out.
            None => return stream.write_through(bytes),
        }
        *len += bytes.len();
        if self.stream.flush_at_newline && bytes.contains(&b'\n') {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes what is buffered; on failure those bytes are dropped, so a
    /// broken descriptor never makes the buffer grow or a write repeat.
    fn flush(&mut self) -> Result<(), Errno> {
        let stream = self.stream;
        let (len, buffer) = self.parts();
        let pending = core::mem::take(len);
        stream.write_through(buffer.get(..pending).unwrap_or(&[]))
    }
}

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        self.stream.in_use.store(false, Ordering::Release);
    }
}

/// Registers [`before_exit`] with [`exit`](super::exit) (once is enough).
fn arm_before_exit() {
    // black_box: were the optimizer to see that only this value is ever
    // stored, it would call `before_exit` directly and link it everywhere.
    let hook = core::hint::black_box(before_exit as fn(i32) -> i32 as *mut ());
    super::BEFORE_EXIT.store(hook, Ordering::Release);
}

/// Flushes both streams; if standard output lost anything, says so on
/// standard error and turns a successful exit status into 1.
fn before_exit(code: i32) -> i32 {
    let _ = STDOUT.flush();
    let lost = STDOUT.first_error();
    if let Some(errno) = lost {
        // Digits by hand: core::fmt and the errno names would add kilobytes
        // to every program that prints, for a message it rarely shows.
        let mut digits = [0; 4];
        let mut at = digits.len();
        let mut value = errno.raw().unsigned_abs();
        loop {
            at -= 1;
            digits[at] = b'0' + (value % 10) as u8;
            value /= 10;
            if value == 0 || at == 0 {
                break;
            }
        }
        let mut err = stderr();
        let _ = err.write_all(b"error: writing to standard output failed with errno ");
        let _ = err.write_all(&digits[at..]);
        let _ = err.write_all(b"; output was lost\n");
    }
    let _ = STDERR.flush();
    match lost {
        Some(_) if code == 0 => 1,
        _ => code,
    }
}

/// write(2) to `fd` until all of `bytes` is written, retried on EINTR and
/// on short writes; any other failure is returned, never retried (a write
/// that makes no progress is `EIO`; nothing to write is `Ok` with no call
/// at all). No buffer: for a program that writes
/// whole lines itself, and would rather not link [`stdout`]'s (write(2),
/// `man 2 write`).
///
/// ```
/// rawbind::rt::write_unbuffered(1, b"ok\n")?;
/// # Ok::<(), rawbind::Errno>(())
/// ```
pub fn write_unbuffered(fd: i32, mut bytes: &[u8]) -> Result<(), Errno> {
    if bytes.is_empty() {
        return Ok(());
    }
    loop {
        match sys::write(fd, bytes) {
            // The usual answer first: everything written (never more).
            Ok(written) if written >= bytes.len() => return Ok(()),
            Ok(0) => return Err(Errno::EIO),
            Ok(written) => bytes = bytes.get(written..).unwrap_or(&[]),
            Err(Errno::EINTR) => {}
            Err(errno) => return Err(errno),
        }
    }
}

/// A buffered writer to standard output or error, for `write!`; see
/// [`stdout`] and [`stderr`]. Every `Output` of a stream shares its buffer.
pub struct Output {
    stream: &'static Stream,
}

/// Standard output (descriptor 1): buffered, written when 1 KiB is full,
/// by [`Output::flush`], and at [`exit`](super::exit).
///
/// ```
/// use core::fmt::Write;
/// let mut out = rawbind::rt::stdout();
/// let _ = writeln!(out, "ok");
/// let _ = out.flush();
/// ```
#[must_use]
pub fn stdout() -> Output {
    Output { stream: &STDOUT }
}

/// Standard error (descriptor 2): written at every newline.
#[must_use]
pub fn stderr() -> Output {
    Output { stream: &STDERR }
}

impl Output {
    /// Buffers `bytes`, writing (write(2), retried on EINTR and short
    /// writes) when the buffer fills or, on standard error, at a newline.
    /// A failed write returns its errno; the bytes it carried are dropped.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<(), Errno> {
        self.stream.write(bytes)
    }

    /// Writes whatever is buffered now.
    pub fn flush(&mut self) -> Result<(), Errno> {
        arm_before_exit();
        self.stream.flush()
    }
}

impl fmt::Write for Output {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.write_all(s.as_bytes()).map_err(|_| fmt::Error)
    }
}

impl fmt::Debug for Output {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Output")
            .field("fd", &self.stream.fd)
            .finish()
    }
}
