//! The memory functions behind [`entry!`](crate::entry), a machine word at a
//! time. Every access is volatile, so the optimizer cannot turn a loop back
//! into a call to the very function it implements.
//!
//! When source and destination are not equally aligned, the words are read
//! aligned and shifted together. Such a read may take in bytes just outside
//! the range, but only within an aligned word that holds at least one byte
//! of it, which lies in the same page and so cannot fault; volatile keeps the
//! compiler from assuming anything about those bytes, and they are never
//! written.

use core::ptr::{read_volatile, write_volatile};

const WORD: usize = core::mem::size_of::<usize>();
const BITS: usize = WORD * 8;

/// Below this many bytes a plain byte loop is as quick.
const SHORT: usize = 2 * WORD;

/// Joins the end of aligned word `low` (at the lower address) with the start
/// of `high`, for a source `offset` bytes (1..WORD) past an aligned address.
#[inline(always)]
fn join(low: usize, high: usize, offset: usize) -> usize {
    let shift = offset * 8;
    if cfg!(target_endian = "little") {
        (low >> shift) | (high << (BITS - shift))
    } else {
        (low << shift) | (high >> (BITS - shift))
    }
}

/// memcpy (see memcpy(3)): copies `n` bytes from lower addresses up; correct for overlap
/// only when `dest` is below `src`.
///
/// # Safety
/// `src` readable and `dest` writable for `n` bytes.
///
/// ```
/// let (src, mut dest) = (*b"rawbind, a word at a time", [0u8; 25]);
/// // SAFETY: both hold 25 bytes and do not overlap.
/// unsafe { rawbind::rt::mem::copy_forward(dest.as_mut_ptr(), src.as_ptr(), 25) };
/// assert_eq!(dest, src);
/// ```
// One copy, which `memcpy` and `memmove` both call, rather than one inlined
// into each (it is the larger half of memmove).
#[inline(never)]
pub unsafe fn copy_forward(dest: *mut u8, src: *const u8, n: usize) {
    let (mut dest, mut src, mut n) = (dest, src, n);
    if n >= SHORT {
        let head = (dest as usize).wrapping_neg() & (WORD - 1);
        // SAFETY: `head < WORD <= n`, inside both ranges.
        unsafe { bytes_forward(dest, src, head) };
        // SAFETY: as above.
        (dest, src, n) = unsafe { (dest.add(head), src.add(head), n - head) };
        let words = n / WORD;
        let offset = src as usize & (WORD - 1);
        let mut to = dest.cast::<usize>();
        if offset == 0 {
            let mut from = src.cast::<usize>();
            for _ in 0..words {
                // SAFETY: both aligned and inside their ranges.
                unsafe {
                    write_volatile(to, read_volatile(from));
                    (to, from) = (to.add(1), from.add(1));
                }
            }
        } else {
            // SAFETY: the aligned word holding `src`'s first byte (see the module docs).
            let mut from = unsafe { src.sub(offset) }.cast::<usize>();
            // SAFETY: as above.
            let mut low = unsafe { read_volatile(from) };
            for _ in 0..words {
                // SAFETY: the next aligned word holds the last source byte
                // of this destination word; `to` is aligned and in range.
                unsafe {
                    from = from.add(1);
                    let high = read_volatile(from);
                    write_volatile(to, join(low, high, offset));
                    low = high;
                    to = to.add(1);
                }
            }
        }
        // SAFETY: `words * WORD <= n` bytes were copied.
        (dest, src, n) = unsafe { (dest.add(words * WORD), src.add(words * WORD), n % WORD) };
    }
    // SAFETY: what is left of both ranges.
    unsafe { bytes_forward(dest, src, n) }
}

/// Copies `n` bytes from the top down; correct for overlap when `dest` is
/// above `src`.
///
/// # Safety
/// `src` readable and `dest` writable for `n` bytes.
unsafe fn copy_backward(dest: *mut u8, src: *const u8, n: usize) {
    // SAFETY: one past the end of each range.
    let (mut dest_end, mut src_end, mut n) = unsafe { (dest.add(n), src.add(n), n) };
    if n >= SHORT {
        let tail = dest_end as usize & (WORD - 1);
        // SAFETY: `tail < WORD <= n`: the last `tail` bytes of both ranges.
        unsafe {
            (dest_end, src_end) = (dest_end.sub(tail), src_end.sub(tail));
            bytes_backward(dest_end, src_end, tail);
        }
        n -= tail;
        let words = n / WORD;
        let offset = src_end as usize & (WORD - 1);
        let mut to = dest_end.cast::<usize>();
        if offset == 0 {
            let mut from = src_end.cast::<usize>();
            for _ in 0..words {
                // SAFETY: both aligned, stepping down inside their ranges.
                unsafe {
                    (to, from) = (to.sub(1), from.sub(1));
                    write_volatile(to, read_volatile(from));
                }
            }
        } else {
            // SAFETY: the aligned word holding the source's last byte left
            // (see the module docs).
            let mut from = unsafe { src_end.sub(offset) }.cast::<usize>();
            // SAFETY: as above.
            let mut high = unsafe { read_volatile(from) };
            for _ in 0..words {
                // SAFETY: the aligned word below holds this destination
                // word's first source byte; `to` is aligned and in range.
                unsafe {
                    from = from.sub(1);
                    let low = read_volatile(from);
                    to = to.sub(1);
                    write_volatile(to, join(low, high, offset));
                    high = low;
                }
            }
        }
        // SAFETY: `words * WORD <= n` bytes were copied from the top.
        (dest_end, src_end, n) = unsafe {
            (
                dest_end.sub(words * WORD),
                src_end.sub(words * WORD),
                n % WORD,
            )
        };
    }
    // SAFETY: the first `n` bytes of both ranges are what is left.
    unsafe { bytes_backward(dest_end.sub(n), src_end.sub(n), n) }
}

/// memmove (see memmove(3)): copies `n` bytes, correct whether or not the
/// ranges overlap.
///
/// # Safety
/// `src` readable and `dest` writable for `n` bytes.
///
/// ```
/// let mut buf = *b"0123456789abcdef0123";
/// // SAFETY: both ranges lie inside `buf`.
/// unsafe { rawbind::rt::mem::copy(buf.as_mut_ptr().add(2), buf.as_ptr(), 18) };
/// assert_eq!(&buf, b"010123456789abcdef01");
/// ```
pub unsafe fn copy(dest: *mut u8, src: *const u8, n: usize) {
    // Forwards is safe unless `dest` starts inside the source.
    if (dest as usize).wrapping_sub(src as usize) >= n {
        // SAFETY: forwarded from the caller.
        unsafe { copy_forward(dest, src, n) }
    } else {
        // SAFETY: forwarded from the caller.
        unsafe { copy_backward(dest, src, n) }
    }
}

/// memset (see memset(3)): `n` bytes of `byte` at `dest`.
///
/// # Safety
/// `dest` writable for `n` bytes.
///
/// ```
/// let mut buf = [0u8; 40];
/// // SAFETY: `buf` holds 40 bytes.
/// unsafe { rawbind::rt::mem::set(buf.as_mut_ptr().add(3), 0xab, 30) };
/// assert!(buf[3..33].iter().all(|&b| b == 0xab) && buf[33..] == [0; 7]);
/// ```
pub unsafe fn set(dest: *mut u8, byte: u8, n: usize) {
    let (mut dest, mut n) = (dest, n);
    if n >= SHORT {
        let head = (dest as usize).wrapping_neg() & (WORD - 1);
        // SAFETY: `head < n`, inside the range.
        unsafe {
            set_bytes(dest, byte, head);
            dest = dest.add(head);
        }
        n -= head;
        let word = usize::from_ne_bytes([byte; WORD]);
        let mut to = dest.cast::<usize>();
        for _ in 0..n / WORD {
            // SAFETY: aligned and inside the range.
            unsafe {
                write_volatile(to, word);
                to = to.add(1);
            }
        }
        dest = to.cast();
        n %= WORD;
    }
    // SAFETY: the rest of the range.
    unsafe { set_bytes(dest, byte, n) }
}

/// memcmp (see memcmp(3)): the sign of the first differing byte's
/// difference (as unsigned bytes), 0 when the ranges are equal.
///
/// # Safety
/// `a` and `b` readable for `n` bytes.
///
/// ```
/// let (a, b) = (*b"rawbind compares words", *b"rawbind compares wordz");
/// // SAFETY: both hold 22 bytes.
/// assert!(unsafe { rawbind::rt::mem::compare(a.as_ptr(), b.as_ptr(), 22) } < 0);
/// ```
#[must_use]
pub unsafe fn compare(a: *const u8, b: *const u8, n: usize) -> i32 {
    let (mut a, mut b, mut n) = (a, b, n);
    if n >= SHORT && (a as usize ^ b as usize) & (WORD - 1) == 0 {
        let head = (a as usize).wrapping_neg() & (WORD - 1);
        // SAFETY: `head < n`, inside both ranges.
        let differs = unsafe { compare_bytes(a, b, head) };
        if differs != 0 {
            return differs;
        }
        // SAFETY: as above.
        (a, b, n) = unsafe { (a.add(head), b.add(head), n - head) };
        // Equal words are skipped; the first unequal one is settled bytewise below.
        while n >= WORD {
            // SAFETY: both aligned alike, inside their ranges.
            let same =
                unsafe { read_volatile(a.cast::<usize>()) == read_volatile(b.cast::<usize>()) };
            if !same {
                break;
            }
            // SAFETY: one word further, still inside.
            (a, b, n) = unsafe { (a.add(WORD), b.add(WORD), n - WORD) };
        }
    }
    // SAFETY: what is left of both ranges.
    unsafe { compare_bytes(a, b, n) }
}

/// # Safety
/// As [`copy_forward`], for `n` bytes.
#[inline(always)]
unsafe fn bytes_forward(dest: *mut u8, src: *const u8, n: usize) {
    for i in 0..n {
        // SAFETY: `i < n`.
        unsafe { write_volatile(dest.add(i), read_volatile(src.add(i))) }
    }
}

/// # Safety
/// As [`copy_backward`], for `n` bytes.
#[inline(always)]
unsafe fn bytes_backward(dest: *mut u8, src: *const u8, n: usize) {
    for i in (0..n).rev() {
        // SAFETY: `i < n`.
        unsafe { write_volatile(dest.add(i), read_volatile(src.add(i))) }
    }
}

/// # Safety
/// `dest` writable for `n` bytes.
#[inline(always)]
unsafe fn set_bytes(dest: *mut u8, byte: u8, n: usize) {
    for i in 0..n {
        // SAFETY: `i < n`.
        unsafe { write_volatile(dest.add(i), byte) }
    }
}

/// # Safety
/// `a` and `b` readable for `n` bytes.
#[inline(always)]
unsafe fn compare_bytes(a: *const u8, b: *const u8, n: usize) -> i32 {
    for i in 0..n {
        // SAFETY: `i < n`.
        let (x, y) = unsafe { (read_volatile(a.add(i)), read_volatile(b.add(i))) };
        if x != y {
            return i32::from(x) - i32::from(y);
        }
    }
    0
}
