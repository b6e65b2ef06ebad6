"""Text of an attachment for screening: PDF, DOCX, XLSX and plain text.

Extraction runs in a separate process (``worker.py``) with a wall-clock timeout and
memory and CPU limits, so that an encrypted, corrupt or hostile file yields a result
that says why it could not be read, never an exception or a hung review. Results are
cached by the file's SHA-256 (and the limits), so a review that is opened again, or
the same file attached to several pages, is extracted once.
"""

import hashlib
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.core.cache import cache

from ..conf import govinfo_settings

WORKER = Path(__file__).with_name("worker.py")
#: Bump when extraction changes, so cached results of older code are not reused.
EXTRACTOR_VERSION = 1

#: Problems, as codes (stable, cached) that ``sources.py`` turns into messages.
ENCRYPTED = "encrypted"
CORRUPT = "corrupt"
NO_TEXT = "no_text"  # e.g. a scanned document without a text layer
TOO_LARGE = "too_large"
TIMED_OUT = "timed_out"
TRUNCATED = "truncated"  # only the first pages / characters were read
UNSUPPORTED = "unsupported"
FAILED = "failed"  # the extraction process ended abnormally


@dataclass(frozen=True)
class Extraction:
    """The text found in a file, and the problem if it could not be (fully) read."""

    text: str = ""
    problem: str | None = None
    detail: str = ""

    @property
    def readable(self):
        return self.problem is None


def limits():
    return {
        "max_bytes": govinfo_settings.ATTACHMENT_MAX_BYTES,
        "max_unpacked_bytes": govinfo_settings.ATTACHMENT_MAX_BYTES * 10,
        "max_pages": govinfo_settings.ATTACHMENT_MAX_PAGES,
        "max_chars": govinfo_settings.ATTACHMENT_MAX_CHARS,
        "timeout": govinfo_settings.ATTACHMENT_TIMEOUT_SECONDS,
        "memory_mb": govinfo_settings.ATTACHMENT_MEMORY_MB,
    }


def file_format(name):
    return Path(name or "").suffix.lower().lstrip(".")


def extract_text(name, data):
    """Extract the text of a file called ``name`` with content ``data`` (bytes)."""
    lim = limits()
    if len(data) > lim["max_bytes"]:
        return Extraction(problem=TOO_LARGE, detail=f"{len(data)} bytes")
    fmt = file_format(name)
    digest = hashlib.sha256(data).hexdigest()
    key = "govinfo:attachment-text:" + hashlib.sha256(
        json.dumps([EXTRACTOR_VERSION, fmt, digest, lim], sort_keys=True).encode()
    ).hexdigest()
    cached = cache.get(key)
    if cached is not None:
        return Extraction(**cached)
    result = _run_worker(fmt, data, lim)
    if result.problem not in (TIMED_OUT, FAILED):  # a busy machine may do better next time
        cache.set(key, {"text": result.text, "problem": result.problem, "detail": result.detail}, None)
    return result


def _run_worker(fmt, data, lim):
    try:
        completed = subprocess.run(
            [sys.executable, "-I", str(WORKER), fmt, json.dumps(lim)],
            input=data,
            capture_output=True,
            timeout=lim["timeout"],
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Extraction(problem=TIMED_OUT, detail=f"{lim['timeout']} s")
    except OSError as exc:
        return Extraction(problem=FAILED, detail=str(exc))
    if completed.returncode != 0:
        # Killed by its CPU or memory limit, or crashed.
        stderr = completed.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = stderr[-1] if stderr else f"exit status {completed.returncode}"
        problem = TOO_LARGE if "MemoryError" in detail else FAILED
        return Extraction(problem=problem, detail=detail[:500])
    try:
        result = json.loads(completed.stdout.decode("utf-8"))
        return Extraction(text=result["text"], problem=result["problem"], detail=result["detail"])
    except (ValueError, KeyError, TypeError) as exc:
        return Extraction(problem=FAILED, detail=str(exc))


def read_file(field_file, max_bytes):
    """The bytes of a stored file, or None when it is larger than ``max_bytes``."""
    try:
        size = field_file.size
    except (OSError, NotImplementedError):
        size = None
    if size is not None and size > max_bytes:
        return None
    field_file.open("rb")
    try:
        data = field_file.read(max_bytes + 1)
    finally:
        field_file.close()
    return None if len(data) > max_bytes else data


def document_text(document):
    """The :class:`Extraction` of a Wagtail document (any model based on AbstractDocument)."""
    max_bytes = govinfo_settings.ATTACHMENT_MAX_BYTES
    try:
        data = read_file(document.file, max_bytes)
    except (OSError, ValueError) as exc:  # the file is missing from storage
        return Extraction(problem=CORRUPT, detail=str(exc))
    if data is None:
        return Extraction(problem=TOO_LARGE)
    return extract_text(document.filename, data)
