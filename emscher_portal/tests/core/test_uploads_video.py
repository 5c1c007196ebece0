import io

import pytest
from django.core.exceptions import ValidationError

from emscher_portal.core.uploads.video import inspect_video
from emscher_portal.tests.core.videos import make_mp4, make_webm


def test_inspect_video_reads_mp4_duration():
    info = inspect_video(io.BytesIO(make_mp4(seconds=95)))

    assert (info.format, info.duration_seconds) == ("mp4", 95)


def test_inspect_video_reads_64bit_mvhd_with_moov_after_media():
    info = inspect_video(io.BytesIO(make_mp4(seconds=3725, timescale=90000, version=1, moov_at_end=True)))

    assert (info.format, info.duration_seconds) == ("mp4", 3725)


def test_inspect_video_reads_webm_duration():
    info = inspect_video(io.BytesIO(make_webm(seconds=42.4)))

    assert (info.format, info.duration_seconds) == ("webm", 42)


def test_inspect_video_honours_webm_timecode_scale():
    info = inspect_video(io.BytesIO(make_webm(seconds=10, timecode_scale=1_000_000_000 // 1000 * 10)))

    assert info.duration_seconds == 10


@pytest.mark.parametrize(
    "content",
    [b"%PDF-1.7\n", b"GIF89a" + bytes(20), b"", b"\x1a\x45\xdf\xa3" + b"\x84\x42\x82\x81\x78"],
    ids=["pdf", "gif", "empty", "ebml-but-not-webm"],
)
def test_inspect_video_rejects_other_files(content):
    with pytest.raises(ValidationError) as excinfo:
        inspect_video(io.BytesIO(content))

    assert "MP4" in excinfo.value.messages[0] or "WebM" in excinfo.value.messages[0]


def test_inspect_video_rejects_mp4_without_movie_header():
    content = make_mp4()[:32]  # ftyp only, moov cut off

    with pytest.raises(ValidationError):
        inspect_video(io.BytesIO(content))
