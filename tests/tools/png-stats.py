#!/usr/bin/env python3
"""tests/tools/png-stats.py: whether a screenshot shows something, read with
the standard library only (zlib and struct).

usage: png-stats.py FILE
prints: WIDTH HEIGHT VARIANCE INKED DISTINCT
  VARIANCE  the variance of the pixels' luminance (0-255 scale): 0 for a
            blank page of one colour
  INKED     the share of pixels (0-1) darker than light grey (text, lines)
  DISTINCT  how many distinct colours a sample of the pixels has
Non-interlaced 8-bit greyscale, RGB and RGBA PNGs (what Chromium writes).
"""
import struct
import sys
import zlib


def paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit("png-stats.py: %s: not a PNG" % path)
    pos, idat, head = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = head
    if depth != 8 or interlace or ctype not in (0, 2, 6):
        sys.exit("png-stats.py: %s: unsupported PNG (depth %d, colour type %d)" % (path, depth, ctype))
    bpp = {0: 1, 2: 3, 6: 4}[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    rows, prev = [], bytes(stride)
    lo, hi = int.from_bytes(b"\x7f" * stride, "big"), int.from_bytes(b"\x80" * stride, "big")
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)]
        if ft == 2:
            # Bytewise addition mod 256 of the whole row at once (SWAR on
            # Python's big integers): Up is most of Chromium's rows.
            a, b = int.from_bytes(line, "big"), int.from_bytes(prev, "big")
            line = (((a & lo) + (b & lo)) ^ ((a ^ b) & hi)).to_bytes(stride, "big")
        elif ft in (1, 3, 4):
            line = bytearray(line)
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                if ft == 1:
                    line[i] = (line[i] + a) & 255
                elif ft == 3:
                    line[i] = (line[i] + (a + b) // 2) & 255
                else:
                    line[i] = (line[i] + paeth(a, b, prev[i - bpp] if i >= bpp else 0)) & 255
            line = bytes(line)
        rows.append(line)
        prev = line
    return w, h, bpp, rows


def main():
    w, h, bpp, rows = read(sys.argv[1])
    n = s = s2 = inked = 0
    colours = set()
    for line in rows:
        if bpp == 1:
            lum = line
        else:
            lum = [(299 * r + 587 * g + 114 * b) // 1000
                   for r, g, b in zip(line[0::bpp], line[1::bpp], line[2::bpp])]
        n += len(lum)
        s += sum(lum)
        s2 += sum(v * v for v in lum)
        inked += sum(1 for v in lum if v < 200)
        if len(colours) < 10000:
            colours.update(line[x:x + 3] for x in range(0, len(line), bpp * 7))
    mean = s / n
    print("%d %d %.1f %.4f %d" % (w, h, s2 / n - mean * mean, inked / n, len(colours)))


if __name__ == "__main__":
    main()
