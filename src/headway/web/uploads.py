"""Uploaded files, refused above the configured size before they are read."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from headway.errors import HeadwayError, Problem


def read_upload(upload: UploadedFile) -> bytes:
    """The upload's bytes; raises `HeadwayError` (invalid input) when it is larger than
    `HEADWAY_MAX_UPLOAD_MB`."""
    limit: int = settings.MAX_UPLOAD_BYTES
    name = upload.name or "upload"
    if upload.size is not None and upload.size > limit:
        message = f"the file is larger than {limit // 2**20} MiB"
        hint = "an administrator can raise HEADWAY_MAX_UPLOAD_MB"
        raise HeadwayError([Problem(message, (), name, hint=hint)])
    content: bytes = upload.read()
    return content
