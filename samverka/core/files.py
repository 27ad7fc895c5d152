"""Judging uploaded files by their content, and refusing dangerous names.

The file name and the browser's content type are never trusted: the first bytes (and,
for office formats, the parts inside the ZIP container) say what a file is.
"""

from __future__ import annotations

import unicodedata
import zipfile
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

#: Kind → (content type, the usual file extension).
KINDS: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "odt"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "ods"),
    "png": ("image/png", "png"),
    "jpeg": ("image/jpeg", "jpg"),
}

_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": "odt",
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
}

#: Extensions that run code when opened, anywhere in a name (x.pdf.exe, x.exe.pdf).
DANGEROUS_EXTENSIONS = frozenset(
    {
        "exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "dll", "cpl", "jar",
        "js", "jse", "vbs", "vbe", "wsf", "wsh", "ps1", "psm1", "sh", "bash", "app",
        "hta", "html", "htm", "svg", "xhtml", "lnk", "reg", "docm", "xlsm", "pptm",
        "iso", "img",
    }
)  # fmt: skip


def sniff(upload: IO[bytes] | Any) -> str | None:
    """The kind of file (a key of `KINDS`) that the content is, or None."""
    upload.seek(0)
    head = upload.read(16)
    try:
        if head.startswith(b"%PDF-"):
            return "pdf"
        if head.startswith(b"\x89PNG\r\n\x1a\n"):
            return "png"
        if head.startswith(b"\xff\xd8\xff"):
            return "jpeg"
        if head.startswith(b"PK\x03\x04"):
            upload.seek(0)
            try:
                with zipfile.ZipFile(upload) as archive:
                    names = set(archive.namelist())
                    if "[Content_Types].xml" in names:
                        if "word/document.xml" in names:
                            return "docx"
                        if "xl/workbook.xml" in names:
                            return "xlsx"
                    if "mimetype" in names:
                        return _OPENDOCUMENT.get(archive.read("mimetype").strip())
            except (zipfile.BadZipFile, OSError, KeyError, RuntimeError):
                return None
        return None
    finally:
        upload.seek(0)


def check_file_name(name: str) -> str:
    """The file name to store, or a ValidationError (code ``dangerous_name``) for a
    name with a path, control characters, a leading dot or an executable extension."""
    cleaned = unicodedata.normalize("NFC", name or "").strip()
    bad = (
        not cleaned
        or len(cleaned) > 200
        or "/" in cleaned
        or "\\" in cleaned
        or ".." in cleaned
        or cleaned.startswith(".")
        or any(unicodedata.category(ch).startswith("C") for ch in cleaned)
        or any(part.lower() in DANGEROUS_EXTENSIONS for part in cleaned.split(".")[1:])
    )
    if bad:
        raise ValidationError(
            _(
                "The file name “%(name)s” is not allowed: use letters, digits, spaces "
                "and one extension, without a path."
            )
            % {"name": cleaned[:80]},
            code="dangerous_name",
        )
    return cleaned


def stored_file_response(
    stored: Any,
    *,
    file_name: str,
    content_type: str = "",
    as_attachment: bool = True,
) -> FileResponse:
    """A stored file (a `FieldFile`) streamed as it is, never sniffed by the browser
    and never cached by a proxy; 404 when the file is missing from storage. The view
    has decided who may read it."""
    if not stored:
        raise Http404
    try:
        handle = stored.open("rb")
    except (FileNotFoundError, OSError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=as_attachment,
        filename=file_name,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
