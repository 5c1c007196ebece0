"""Tiny, structurally real MP4 and WebM files built in memory for the upload tests."""

import struct


def _box(box_type, payload):
    return struct.pack(">I4s", 8 + len(payload), box_type) + payload


def make_mp4(*, seconds=95, timescale=1000, version=0, moov_at_end=False):
    ftyp = _box(b"ftyp", b"isom" + struct.pack(">I", 512) + b"isomiso2avc1mp41")
    if version == 1:
        mvhd_body = bytes([1, 0, 0, 0]) + struct.pack(">QQIQ", 0, 0, timescale, seconds * timescale)
    else:
        mvhd_body = bytes([0, 0, 0, 0]) + struct.pack(">IIII", 0, 0, timescale, seconds * timescale)
    moov = _box(b"moov", _box(b"mvhd", mvhd_body + bytes(80)))
    mdat = _box(b"mdat", bytes(64))
    return ftyp + (mdat + moov if moov_at_end else moov + mdat)


def _ebml_size(size):
    return b"\x01" + size.to_bytes(7, "big")  # 8-byte size: marker bit in the first byte


def _element(element_id, payload):
    return element_id + _ebml_size(len(payload)) + payload


def make_webm(*, seconds=42.4, timecode_scale=1_000_000, doc_type=b"webm"):
    header = _element(b"\x1a\x45\xdf\xa3", _element(b"\x42\x82", doc_type))
    info = _element(
        b"\x15\x49\xa9\x66",
        _element(b"\x2a\xd7\xb1", timecode_scale.to_bytes(3, "big"))
        + _element(b"\x44\x89", struct.pack(">d", seconds * 1_000_000_000 / timecode_scale)),
    )
    # A live-recorded WebM has a Segment of unknown size (all ones).
    segment = (
        b"\x18\x53\x80\x67" + b"\x01\xff\xff\xff\xff\xff\xff\xff" + info + _element(b"\x1f\x43\xb6\x75", bytes(32))
    )
    return header + segment
