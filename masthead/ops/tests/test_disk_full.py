"""Disk full while writing media or mail: a clear error, and nothing half-written left behind.

The full disk is real: a 256 KiB tmpfs mounted for the test (root only, as in CI).
"""

import io
import os
import subprocess

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from masthead.ops.files import EmailBackend, MediaStorage, StorageFull
from masthead.ops.tests.services import REQUIRED

pytestmark = pytest.mark.fault

MIB = 1024 * 1024


@pytest.fixture
def small_disk(tmp_path):
    folder = tmp_path / "small-disk"
    folder.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        reason = f"cannot mount a small tmpfs: {mounted.stderr.decode().strip()}"
        if REQUIRED:
            pytest.fail(reason)
        pytest.skip(reason)
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


def every_file(folder) -> list[str]:
    return sorted(
        os.path.relpath(os.path.join(root, name), folder)
        for root, _, names in os.walk(folder)
        for name in names
    )


def test_media_file_too_big_for_the_disk_is_refused_clearly_and_leaves_nothing(small_disk):
    storage = MediaStorage(location=small_disk)

    with pytest.raises(StorageFull, match="No space left to save big.bin in .*nothing was written"):
        storage.save("original_images/big.bin", ContentFile(os.urandom(MIB)))

    assert every_file(small_disk) == []
    assert storage.save("original_images/small.bin", ContentFile(b"fits")) == (
        "original_images/small.bin"
    )
    assert every_file(small_disk) == ["original_images/small.bin"]


def test_mail_file_too_big_for_the_disk_is_refused_clearly_and_leaves_nothing(small_disk):
    backend = EmailBackend(file_path=str(small_disk))
    message = mail.EmailMessage("Digest", "x" * MIB, "news@example.com", ["reader@example.com"])

    with pytest.raises(StorageFull, match="No space left to save .*nothing was written"):
        backend.send_messages([message])

    assert every_file(small_disk) == []
    small = mail.EmailMessage("Confirm", "Click", "news@example.com", ["reader@example.com"])
    assert backend.send_messages([small]) == 1
    [written] = every_file(small_disk)
    assert written.endswith(".log")
    assert b"Subject: Confirm" in (small_disk / written).read_bytes()


@pytest.mark.django_db
def test_photo_upload_on_a_full_disk_answers_a_plain_507_page_and_saves_nothing(
    admin_client, settings, small_disk
):
    from masthead.photos.models import Photo

    settings.MEDIA_ROOT = small_disk
    noise = Image.frombytes("RGB", (640, 640), os.urandom(640 * 640 * 3))
    upload = io.BytesIO()
    noise.save(upload, "PNG")
    assert upload.tell() > 256 * 1024

    response = admin_client.post(
        "/admin/images/add/",
        {
            "title": "Too big",
            "file": SimpleUploadedFile("noise.png", upload.getvalue(), "image/png"),
            "collection": "1",
        },
    )

    assert response.status_code == 507
    assert b"Nothing was saved" in response.content
    assert Photo.objects.count() == 0
    assert every_file(small_disk) == []
