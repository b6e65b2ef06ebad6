"""Text extraction from one attachment, run as a separate, limited process.

``extraction.py`` starts this file as a script (``python -I worker.py FORMAT LIMITS``),
writes the file's bytes to its stdin and reads one JSON object from its stdout::

    {"text": "...", "problem": null | "encrypted" | "corrupt" | "no_text" | "truncated"
     | "too_large" | "unsupported", "detail": "..."}

It imports neither Django nor the package, so that a hostile file (a decompression
bomb, a PDF whose content streams never end, a crash in a C extension) can only take
this process down: the parent applies a wall-clock timeout and this process caps its
own memory and CPU time before it touches the file. The parsing is done by pypdf,
python-docx and openpyxl; nothing here parses a file format by hand.
"""

import io
import json
import sys
import zipfile

TEXT_FORMATS = {"txt", "csv", "json", "xml", "md", "html", "htm"}


class Problem(Exception):
    def __init__(self, code, detail=""):
        super().__init__(code)
        self.code = code
        self.detail = detail


class Collector:
    """Collects text up to ``max_chars``; marks the result truncated beyond it."""

    def __init__(self, max_chars):
        self.max_chars = max_chars
        self.parts = []
        self.size = 0
        self.truncated = False

    def add(self, text):
        if not text or self.truncated:
            return
        text = str(text)
        room = self.max_chars - self.size
        if len(text) > room:
            text = text[:room]
            self.truncated = True
        self.parts.append(text)
        self.size += len(text)

    @property
    def full(self):
        return self.truncated

    def text(self):
        return "\n".join(self.parts)


def _check_zip(data, limits):
    """Refuse a zip container (DOCX, XLSX) whose members would unpack beyond the limit."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise Problem("corrupt", str(exc)) from exc
    if total > limits["max_unpacked_bytes"]:
        raise Problem("too_large", f"{total} bytes unpacked")


def extract_pdf(data, limits, out):
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # A PDF with only an owner password opens with an empty user password.
            try:
                opened = reader.decrypt("")
            except Exception as exc:  # missing crypto provider, unknown algorithm
                raise Problem("encrypted", str(exc)) from exc
            if not opened:
                raise Problem("encrypted")
        pages = reader.pages
        count = len(pages)
        for number, page in enumerate(pages):
            if number >= limits["max_pages"]:
                out.truncated = True
                break
            out.add(page.extract_text() or "")
            if out.full:
                break
    except Problem:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise Problem("corrupt", f"{type(exc).__name__}: {exc}") from exc
    if count and not out.text().strip():
        raise Problem("no_text")


def extract_docx(data, limits, out):
    _check_zip(data, limits)
    import docx
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises a variety of errors for bad packages
        raise Problem("corrupt", f"{type(exc).__name__}: {exc}") from exc

    def paragraphs(element):
        # Every paragraph, including those in tables and text boxes, in document order.
        for paragraph in element.iter(qn("w:p")):
            yield "".join(node.text or "" for node in paragraph.iter(qn("w:t")))

    # Headers and footers first: red-header documents carry their 密级 marks there.
    for section in document.sections:
        for part in (section.header, section.first_page_header, section.footer):
            try:
                if not part.is_linked_to_previous:
                    for text in paragraphs(part._element):
                        out.add(text)
            except Exception:  # a section without that part
                continue
    for text in paragraphs(document.element.body):
        out.add(text)
        if out.full:
            break
    if not out.text().strip():
        raise Problem("no_text")


def extract_xlsx(data, limits, out):
    _check_zip(data, limits)
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise Problem("corrupt", f"{type(exc).__name__}: {exc}") from exc
    try:
        for sheet in workbook.worksheets:
            out.add(sheet.title)
            for row in sheet.iter_rows(values_only=True):
                # One cell a line, as the DOCX extraction gives table cells: a cell is a
                # boundary, and a marking standing in a cell of its own is seen as one.
                for value in row:
                    if value is not None and str(value).strip():
                        out.add(str(value))
                if out.full:
                    return
    except Exception as exc:
        raise Problem("corrupt", f"{type(exc).__name__}: {exc}") from exc
    finally:
        workbook.close()


def extract_plain(data, limits, out):
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            out.add(data.decode(encoding))
            return
        except UnicodeDecodeError:
            continue
    raise Problem("corrupt", "unknown text encoding")


EXTRACTORS = {"pdf": extract_pdf, "docx": extract_docx, "xlsx": extract_xlsx}


def extract(file_format, data, limits):
    out = Collector(limits["max_chars"])
    extractor = EXTRACTORS.get(file_format)
    if extractor is None and file_format in TEXT_FORMATS:
        extractor = extract_plain
    try:
        if extractor is None:
            raise Problem("unsupported", file_format)
        extractor(data, limits, out)
    except Problem as problem:
        return {"text": out.text(), "problem": problem.code, "detail": problem.detail}
    except MemoryError:
        return {"text": "", "problem": "too_large", "detail": "memory limit"}
    except RecursionError:
        return {"text": "", "problem": "corrupt", "detail": "nesting too deep"}
    return {"text": out.text(), "problem": "truncated" if out.truncated else None, "detail": ""}


def _limit_resources(limits):
    try:
        import resource
    except ImportError:  # not POSIX: the parent's timeout still applies
        return
    memory = limits["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    cpu = int(limits["timeout"]) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))


def main():
    file_format = sys.argv[1]
    limits = json.loads(sys.argv[2])
    data = sys.stdin.buffer.read()
    _limit_resources(limits)
    result = extract(file_format, data, limits)
    sys.stdout.write(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
