//! LEB128 varints, the encoding of the binary shards (`c-*.bin`, `p-*.bin`).

/// Appends `v` as an unsigned LEB128 varint (1 byte below 128, 2 below 16,384, …).
pub fn put(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// A reader over varints; every read fails cleanly (`None`) on truncated or overlong input.
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    pub fn done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    pub fn get(&mut self) -> Option<u32> {
        let mut v: u64 = 0;
        for shift in (0..35).step_by(7) {
            let b = *self.bytes.get(self.at)?;
            self.at += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return u32::try_from(v).ok();
            }
        }
        None
    }

    pub fn char(&mut self) -> Option<char> {
        char::from_u32(self.get()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_truncation() {
        let mut b = Vec::new();
        for v in [0, 1, 127, 128, 16_383, 16_384, u32::MAX] {
            put(&mut b, v);
        }
        assert_eq!(b[..3], [0, 1, 127]);
        let mut r = Reader::new(&b);
        for v in [0, 1, 127, 128, 16_383, 16_384, u32::MAX] {
            assert_eq!(r.get(), Some(v));
        }
        assert!(r.done());
        assert_eq!(Reader::new(&[0x80]).get(), None);
        assert_eq!(Reader::new(&[0xff; 6]).get(), None);
    }
}
