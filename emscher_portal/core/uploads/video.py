"""Check an uploaded video by its content (MP4 or WebM) and read its duration without ffmpeg.

MP4: the ISO base media file format is a sequence of boxes (size, type); the movie header box `moov/mvhd` holds a
timescale and a duration. WebM: an EBML document; `Segment/Info` holds `TimecodeScale` and a float `Duration`.
Both are read by seeking through the file, so a large upload is never loaded into memory.
"""

import struct
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_ID_DOCTYPE = 0x4282
EBML_ID_SEGMENT = 0x18538067
EBML_ID_INFO = 0x1549A966
EBML_ID_TIMECODE_SCALE = 0x2AD7B1
EBML_ID_DURATION = 0x4489
# Boxes an MP4 file may start with; "ftyp" is required by the standard, the others occur in older files.
MP4_FIRST_BOXES = {b"ftyp", b"moov", b"mdat", b"free", b"skip", b"wide"}


@dataclass(frozen=True)
class VideoInfo:
    format: str  # "mp4" or "webm"
    duration_seconds: int | None


def inspect_video(fileobj):
    """Return the VideoInfo of an MP4 or WebM file; raise ValidationError (German) for anything else."""
    fileobj.seek(0)
    head = fileobj.read(12)
    fileobj.seek(0)
    if head.startswith(EBML_MAGIC):
        return VideoInfo("webm", _webm_duration(fileobj))
    if len(head) >= 8 and head[4:8] in MP4_FIRST_BOXES:
        duration = _mp4_duration(fileobj)
        return VideoInfo("mp4", duration)
    raise ValidationError(
        _("Die Datei ist kein MP4- oder WebM-Video. Bitte laden Sie ein Video in einem dieser Formate hoch."),
        code="invalid_video",
    )


# --- MP4 -------------------------------------------------------------------------------------------------------


def _iter_boxes(fileobj, start, end):
    """Yield (type, payload_start, box_end) for the boxes between start and end."""
    position = start
    while end is None or position + 8 <= end:
        fileobj.seek(position)
        header = fileobj.read(8)
        if len(header) < 8:
            return
        size, box_type = struct.unpack(">I4s", header)
        payload_start = position + 8
        if size == 1:  # 64-bit size follows the type
            large = fileobj.read(8)
            if len(large) < 8:
                return
            size = struct.unpack(">Q", large)[0]
            payload_start += 8
        elif size == 0:  # box runs to the end of the file
            fileobj.seek(0, 2)
            size = fileobj.tell() - position
        if size < payload_start - position:
            return  # corrupt box size; stop rather than loop
        yield box_type, payload_start, position + size
        position += size


def _mp4_duration(fileobj):
    for box_type, payload_start, box_end in _iter_boxes(fileobj, 0, None):
        if box_type != b"moov":
            continue
        for inner_type, inner_start, _inner_end in _iter_boxes(fileobj, payload_start, box_end):
            if inner_type != b"mvhd":
                continue
            fileobj.seek(inner_start)
            version = fileobj.read(1)
            if not version:
                return None
            fileobj.read(3)  # flags
            if version[0] == 1:
                data = fileobj.read(28)
                if len(data) < 28:
                    return None
                _created, _modified, timescale, duration = struct.unpack(">QQIQ", data)
            else:
                data = fileobj.read(16)
                if len(data) < 16:
                    return None
                _created, _modified, timescale, duration = struct.unpack(">IIII", data)
            if not timescale:
                return None
            return round(duration / timescale)
        return None
    # A file that starts like MP4 but has no movie header is not a playable video.
    raise ValidationError(_("Die MP4-Datei ist unvollständig (keine Film-Kopfdaten gefunden)."), code="invalid_video")


# --- WebM (Matroska/EBML) ---------------------------------------------------------------------------------------


def _read_vint(fileobj, *, keep_marker):
    """Read an EBML variable-length integer; return (value, length) or (None, 0) at the end of the file."""
    first = fileobj.read(1)
    if not first:
        return None, 0
    byte = first[0]
    length = 1
    mask = 0x80
    while length <= 8 and not byte & mask:
        mask >>= 1
        length += 1
    if length > 8:
        raise ValidationError(_("Die WebM-Datei ist beschädigt."), code="invalid_video")
    rest = fileobj.read(length - 1)
    if len(rest) < length - 1:
        return None, 0
    value = byte if keep_marker else byte & (mask - 1)
    unknown = not keep_marker and value == mask - 1
    for extra in rest:
        value = (value << 8) | extra
        unknown = unknown and extra == 0xFF
    if unknown:
        return -1, length  # "unknown size", allowed for a live-streamed Segment
    return value, length


def _iter_elements(fileobj, start, end):
    position = start
    while end is None or position < end:
        fileobj.seek(position)
        element_id, id_length = _read_vint(fileobj, keep_marker=True)
        if element_id is None:
            return
        size, size_length = _read_vint(fileobj, keep_marker=False)
        if size is None:
            return
        data_start = position + id_length + size_length
        data_end = None if size == -1 else data_start + size
        yield element_id, data_start, data_end
        if data_end is None:
            return
        position = data_end


def _webm_duration(fileobj):
    doc_type = None
    for element_id, data_start, data_end in _iter_elements(fileobj, 0, None):
        if element_id == EBML_MAGIC_ID:
            for inner_id, inner_start, inner_end in _iter_elements(fileobj, data_start, data_end):
                if inner_id == EBML_ID_DOCTYPE and inner_end is not None:
                    fileobj.seek(inner_start)
                    doc_type = fileobj.read(inner_end - inner_start).rstrip(b"\x00")
            if doc_type not in (b"webm", b"matroska"):
                raise ValidationError(
                    _("Die Datei ist kein WebM-Video. Bitte laden Sie ein MP4- oder WebM-Video hoch."),
                    code="invalid_video",
                )
        elif element_id == EBML_ID_SEGMENT:
            return _webm_segment_duration(fileobj, data_start, data_end)
    return None


EBML_MAGIC_ID = int.from_bytes(EBML_MAGIC, "big")


def _webm_segment_duration(fileobj, start, end):
    for element_id, data_start, data_end in _iter_elements(fileobj, start, end):
        if element_id != EBML_ID_INFO or data_end is None:
            continue
        scale = 1_000_000  # nanoseconds per tick, the Matroska default
        duration = None
        for inner_id, inner_start, inner_end in _iter_elements(fileobj, data_start, data_end):
            if inner_end is None:
                break
            fileobj.seek(inner_start)
            raw = fileobj.read(inner_end - inner_start)
            if inner_id == EBML_ID_TIMECODE_SCALE and raw:
                scale = int.from_bytes(raw, "big")
            elif inner_id == EBML_ID_DURATION and len(raw) in (4, 8):
                duration = struct.unpack(">f" if len(raw) == 4 else ">d", raw)[0]
        if duration is None:
            return None
        return round(duration * scale / 1_000_000_000)
    return None
