"""Benchmark of attachment text extraction: seconds per file as files grow.

Every extraction starts a limited Python process (``attachments/worker.py``); the anchor
is that cost alone, measured in the same run on a one-line text file. Each row gives the
time of one extraction and its ratio to the anchor, for PDFs (reportlab, Chinese text)
and DOCX files (python-docx) of growing size, and the time of a second request for the
same content (a cache hit, no process).

Run from the repository root (needs the test extras, for reportlab)::

    .venv/bin/python benchmarks/attachments.py
    .venv/bin/python benchmarks/attachments.py --pages 1 10 100 300
"""

import argparse
import os
import platform
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path[:0] = [ROOT, os.path.join(ROOT, "example_site")]

LINE = "机密★1年 关于进一步做好全市政府网站信息发布工作的通知，请各单位认真贯彻落实。"


def setup_django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def timed(fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[1, 10, 100])
    args = parser.parse_args()
    setup_django()

    from django.core.cache import cache

    from tests.attachments.files import docx_bytes, pdf_bytes
    from wagtail_govinfo.attachments import extraction

    def fresh(name, data):
        def run():
            cache.clear()
            return extraction.extract_text(name, data)

        return run

    anchor, _ = timed(fresh("anchor.txt", "一行文字".encode()))
    print(f"Python {platform.python_version()} on {platform.machine()}; "
          f"anchor (process start, 1-line .txt): {anchor * 1000:.0f} ms")
    print(f"{'file':<22}{'size':>10}{'extract':>12}{'× anchor':>10}{'cache hit':>12}{'chars':>10}")
    for pages in args.pages:
        for name, data in (
            (f"{pages}-page.pdf", pdf_bytes(*[LINE] * 30, pages=pages)),
            (f"{pages * 30}-para.docx", docx_bytes(*[LINE] * (pages * 30))),
        ):
            seconds, result = timed(fresh(name, data))
            extraction.extract_text(name, data)
            hit, _ = timed(lambda: extraction.extract_text(name, data), repeat=5)
            print(
                f"{name:<22}{len(data) / 1024:>8.0f}kB{seconds * 1000:>10.0f}ms"
                f"{seconds / anchor:>10.1f}{hit * 1000:>10.1f}ms{len(result.text):>10}"
                + ("" if result.readable else f"  ({result.problem})")
            )


if __name__ == "__main__":
    main()
