"""Quality and speed of the screening on real public text and a real public word list.

Usage, from the repository root (the corpus is not part of the project)::

    .venv/bin/python benchmarks/screening_quality.py \\
        --corpus ../shared/corpus/gov-texts.jsonl.gz --words ../shared/corpus/lexicon/ [--db]

Prints, with the package's defaults (the shipped allow-list):

1. blocking findings per MB of the corpus, by kind (screen() on each text and
   screen_html() on each text rendered as HTML paragraphs and tables);
2. word findings per document (median, p90): the list as downloaded (every entry),
   imported without the allow-list, and imported as the package does (with it); on all
   documents and on the held-out half (the allow-list is derived from the other half);
3. identifiers that are not personal data (统一社会信用代码, 组织机构代码, 索引号,
   受理编号, 办件编号, 对公账户, 电子税票号, 缴款书编码, 发票, amounts, year sequences),
   each generated 100 times in sentences and in tables: how many block;
4. planted personal data (ID numbers, mobiles, bank cards in every separator and
   layout, in text and through screen_html): the share caught, 20 of each;
5. evasion forms of listed words (as written, full-width, zero-width, inserted
   punctuation, spaces, split markup): the share caught;
6. speed: screen() against a raw ahocorasick_rs automaton over the same words and
   texts (interleaved, best of ``--repeat``), p99 of 5 KB pages, compile time; with
   ``--db`` also the cold compile from a database of the imported list.

Everything generated is seeded: two runs print the same quality figures.
"""

import argparse
import datetime
import glob
import gzip
import html
import importlib.metadata
import json
import os
import platform
import random
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "example_site"))

SEED = 20261201


def setup_django(with_db):
    import django
    from django.conf import settings

    if with_db:
        import tempfile

        path = os.path.join(tempfile.mkdtemp(), "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
        django.setup()
    else:
        settings.configure(USE_I18N=False)
        django.setup()


# --- data ------------------------------------------------------------------------------


def read_corpus(path):
    with gzip.open(path, "rt", encoding="utf-8") if path.endswith(".gz") else open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def raw_entries(paths):
    """Every entry of the lists as downloaded (lines split at commas, the left side of
    ``=>``): what an importer that accepts everything would load."""
    words = set()
    for path in paths:
        with open(path, encoding="utf-8-sig") as fh:
            for line in fh:
                for part in line.replace("，", ",").split(","):
                    word = part.split("=>")[0].strip()
                    if word:
                        words.add(word)
    return sorted(words)


def imported_entries(paths, allowed):
    from wagtail_govinfo.screening.dictionary import DictionaryEntry
    from wagtail_govinfo.screening.wordlists import read_word_list

    rows = {}
    refused = 0
    for path in paths:
        with open(path, "rb") as fh:
            report = read_word_list(path, fh.read(), allowed=allowed)
        assert not report.errors, (path, report.errors[:3])
        refused += len(report.refused)
        for row in report.rows:
            rows.setdefault(row.key, row)
    entries = [DictionaryEntry(r.word, r.kind, r.correction, r.severity, r.category) for r in rows.values()]
    return entries, refused


def as_html(text):
    """A text rendered as an editor's rich text: paragraphs, and Markdown tables as tables."""
    out, table = [], []

    def flush():
        if table:
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c.strip())}</td>" for c in row.strip("|").split("|")) + "</tr>"
                for row in table if not set(row) <= set("|-: ")
            )
            out.append(f"<table>{rows}</table>")
            table.clear()

    for line in text.split("\n"):
        if line.startswith("|"):
            table.append(line)
            continue
        flush()
        if line.strip():
            out.append(f"<p>{html.escape(line.lstrip('#').strip())}</p>")
    flush()
    return "".join(out)


# --- generated identifiers ---------------------------------------------------------------


def valid_id(rng):
    from wagtail_govinfo.screening.personal import PROVINCE_CODES, id_check_character

    province = rng.choice(sorted(PROVINCE_CODES - {71, 81, 82, 83}))
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 55))
    first = f"{province}{rng.randint(1, 99):02d}{rng.randint(1, 99):02d}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return first + id_check_character(first)


def mobile(rng):
    return f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"


def luhn_complete(prefix):
    from wagtail_govinfo.screening.personal import luhn_valid

    for d in "0123456789":
        if luhn_valid(prefix + d):
            return prefix + d


def card(rng, length):
    head = rng.choice(["62", "4", "51", "52", "55"])
    body = head + "".join(rng.choice("0123456789") for _ in range(length - len(head) - 1))
    return luhn_complete(body)


def uscc(rng, digits_only=False):
    from wagtail_govinfo.screening.personal import (
        USCC_ALPHABET,
        org_code_check_character,
        uscc_check_character,
    )

    alphabet = "0123456789" if digits_only else USCC_ALPHABET
    head = rng.choice(["11", "12", "13", "19", "51", "52", "91", "92", "93", "Y1"])
    region = rng.choice(["110000", "110105", "310115", "440300", "330106", "510107", "370102"])
    org = "".join(rng.choice(alphabet) for _ in range(8))
    org += org_code_check_character(org)
    first17 = head + region + org
    return first17 + uscc_check_character(first17)


def org_code(rng):
    from wagtail_govinfo.screening.personal import org_code_check_character

    body = f"{rng.randint(0, 99999999):08d}"
    return f"{body}-{org_code_check_character(body)}"


def digits(rng, n, first="123456789"):
    return rng.choice(first) + "".join(rng.choice("0123456789") for _ in range(n - 1))


def shaped_number(rng):
    """A number that would be a mobile or a card without its context."""
    kind = rng.random()
    if kind < 0.3:
        return mobile(rng)
    if kind < 0.6:
        return card(rng, rng.choice([16, 17, 18, 19]))
    return digits(rng, rng.choice([16, 17, 18, 19]))


def year_run(first):
    return " ".join(str(y) for y in range(first, first + 4))


def identifier_samples(rng):
    """``{format: [(text, html), …]}``, 100 of each, in sentences and tables."""
    units = ["某某市财政局", "某某区人民政府办公室", "某某市公共资源交易中心", "某某县教育局", "某某市住房公积金管理中心"]
    formats = {
        "统一社会信用代码": lambda: ("统一社会信用代码", uscc(rng, digits_only=rng.random() < 0.5)),
        "统一社会信用代码 (no label)": lambda: ("", uscc(rng, digits_only=rng.random() < 0.5)),
        "组织机构代码": lambda: ("组织机构代码", org_code(rng)),
        "索引号": lambda: ("索引号", rng.choice([
            f"{uscc(rng)}/{rng.randint(2015, 2026)}-{rng.randint(1, 99999):05d}",
            f"{digits(rng, 9, '0')}/{rng.randint(2015, 2026)}-{rng.randint(1, 99999):05d}",
            shaped_number(rng),
        ])),
        "受理编号": lambda: ("受理编号", shaped_number(rng)),
        "办件编号": lambda: ("办件编号", shaped_number(rng)),
        "对公账户": lambda: ("账号", card(rng, rng.choice([16, 19])) if rng.random() < 0.5 else shaped_number(rng)),
        "电子税票号": lambda: ("电子税票号码", shaped_number(rng)),
        "缴款书编码": lambda: ("非税收入一般缴款书编码", shaped_number(rng)),
        "发票": lambda: (rng.choice(["发票号码", "发票代码", "全电发票号码"]), shaped_number(rng)),
        "amount": lambda: ("", mobile(rng) + rng.choice(["元", "万元", " 元", "亿元"])),
        "year sequence": lambda: ("", year_run(rng.randint(2010, 2023))),
    }
    samples = {}
    for name, make in formats.items():
        items = []
        for i in range(100):
            label, value = make()
            if name == "对公账户":
                unit = rng.choice(units)
                text = f"户名：{unit}\n开户行：中国工商银行某某支行\n账号：{value}"
                page = (f"<p>户名：{unit}</p><p>开户行：中国工商银行某某支行</p><p>账号：{value}</p>"
                        if i % 2 else
                        f"<table><tr><td>户名</td><td>{unit}</td></tr><tr><td>开户行</td><td>中国工商银行某某支行</td></tr>"
                        f"<tr><td>账号</td><td>{value}</td></tr></table>")
            elif name == "year sequence":
                text = f"项目  {value}\n投资额  12 15 18 20"
                page = "<table><tr><th>项目</th>" + "".join(f"<th>{y}</th>" for y in value.split()) + \
                       "</tr><tr><td>投资额</td><td>12</td><td>15</td><td>18</td><td>20</td></tr></table>"
            elif name == "amount":
                text = f"项目投资总额{value}，其中财政资金占比百分之三十。"
                page = f"<table><tr><th>项目</th><th>金额</th></tr><tr><td>某项目</td><td>{value}</td></tr></table>"
            else:
                sep = rng.choice(["：", ":", "", " "]) if label else ""
                text = f"根据申请，{label}{sep}{value}，已于{rng.randint(2015, 2026)}年{rng.randint(1, 12)}月办结。"
                page = (f"<table><tr><th>事项名称</th><th>{label or '代码'}</th><th>办结日期</th></tr>"
                        f"<tr><td>政府信息公开申请</td><td>{value}</td><td>2024-05-06</td></tr></table>"
                        if i % 2 else f"<p>{html.escape(text)}</p>")
            items.append((text, page))
        samples[name] = items
    return samples


def planted_samples(rng):
    """``{pattern: [(kind, number, text, html), …]}``, 20 of each."""
    def group(number, sizes, sep):
        out, i = [], 0
        for size in sizes:
            out.append(number[i : i + size])
            i += size
        return sep.join(out)

    patterns = {
        "ID whole": ("id_number", lambda: valid_id(rng)),
        "ID 6-8-4 space": ("id_number", lambda: group(valid_id(rng), (6, 8, 4), " ")),
        "ID 6-8-4 hyphen": ("id_number", lambda: group(valid_id(rng), (6, 8, 4), "-")),
        "ID 6-8-4 dots": ("id_number", lambda: group(valid_id(rng), (6, 8, 4), ".")),
        "ID 6-8-4 em dash": ("id_number", lambda: group(valid_id(rng), (6, 8, 4), "—")),
        "ID 6-8-4 two spaces": ("id_number", lambda: group(valid_id(rng), (6, 8, 4), "  ")),
        "ID 4-4-4-4-2": ("id_number", lambda: group(valid_id(rng), (4, 4, 4, 4, 2), " ")),
        "mobile whole": ("mobile", lambda: mobile(rng)),
        "mobile 3-4-4 space": ("mobile", lambda: group(mobile(rng), (3, 4, 4), " ")),
        "mobile 3-4-4 hyphen": ("mobile", lambda: group(mobile(rng), (3, 4, 4), "-")),
        "mobile 3-4-4 dots": ("mobile", lambda: group(mobile(rng), (3, 4, 4), ".")),
        "mobile 3-4-4 em dash": ("mobile", lambda: group(mobile(rng), (3, 4, 4), "—")),
        "mobile 3-4-4 two spaces": ("mobile", lambda: group(mobile(rng), (3, 4, 4), "  ")),
        "mobile 4-3-4": ("mobile", lambda: group(mobile(rng), (4, 3, 4), " ")),
        "mobile +86": ("mobile", lambda: "+86 " + mobile(rng)),
        "card 16 whole": ("bank_card", lambda: card(rng, 16)),
        "card 19 whole": ("bank_card", lambda: card(rng, 19)),
        "card 4-4-4-4 space": ("bank_card", lambda: group(card(rng, 16), (4, 4, 4, 4), " ")),
        "card 4-4-4-4 hyphen": ("bank_card", lambda: group(card(rng, 16), (4, 4, 4, 4), "-")),
        "card 4-4-4-4 dots": ("bank_card", lambda: group(card(rng, 16), (4, 4, 4, 4), ".")),
        "card 4-4-4-4 em dash": ("bank_card", lambda: group(card(rng, 16), (4, 4, 4, 4), "—")),
        "card 4-4-4-4 two spaces": ("bank_card", lambda: group(card(rng, 16), (4, 4, 4, 4), "  ")),
        "card 6-13": ("bank_card", lambda: group(card(rng, 19), (6, 13), " ")),
    }
    layouts = [
        ("sentence", lambda n: f"申请人张三，联系方式{n}，地址某某路1号。",
         lambda n: f"<p>申请人张三，联系方式{html.escape(n)}，地址某某路1号。</p>"),
        ("followed by a date paragraph", lambda n: f"请与{n}\n2024年5月6日起施行",
         lambda n: f"<p>请与{html.escape(n)}</p><p>2024年5月6日起施行</p>"),
        ("table cell", lambda n: f"姓名  号码  年份\n张三  {n}  2024",
         lambda n: "<table><tr><th>姓名</th><th>号码</th><th>2023</th><th>2024</th></tr>"
                   f"<tr><td>张三</td><td>{html.escape(n)}</td><td>1</td><td>2</td></tr></table>"),
        ("link or alt", lambda n: f"咨询电话：{n}",
         lambda n: f'<p>咨询请<a href="tel:{html.escape(n)}">点击拨打</a>或看<img alt="号码{html.escape(n)}" src="x.png"></p>'),
    ]
    samples = {}
    for name, (kind, make) in patterns.items():
        items = []
        for i in range(20):
            number = make()
            _layout, as_text, as_page = layouts[i % len(layouts)]
            items.append((kind, number, as_text(number), as_page(number)))
        samples[name] = items
    return samples


# --- measuring ----------------------------------------------------------------------------


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def word_counts(docs, dictionary, screen):
    return [sum(1 for f in screen(d["text"], dictionary=dictionary) if f.kind == "sensitive_word") for d in docs]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--words", required=True, help="a folder of .txt word lists")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", action="store_true", help="also measure the cold compile from a database")
    args = parser.parse_args(argv)
    setup_django(args.db)

    import ahocorasick_rs

    from wagtail_govinfo.screening import Dictionary, screen, screen_html
    from wagtail_govinfo.screening.dictionary import DEFAULT_ALLOW_LIST, read_allow_list
    from wagtail_govinfo.screening.normalise import normalise_word

    docs = read_corpus(args.corpus)
    paths = sorted(glob.glob(os.path.join(args.words, "*.txt")))
    megabytes = sum(len(d["text"].encode("utf-8")) for d in docs) / 1e6
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC; {platform.machine()}, "
          f"{os.cpu_count()} CPUs, load average {load:.1f}; Python {platform.python_version()}, "
          f"ahocorasick_rs {importlib.metadata.version('ahocorasick-rs')}")
    print(f"Corpus: {len(docs)} documents, {megabytes:.1f} MB; word lists: {len(paths)} files")

    allowed = read_allow_list((DEFAULT_ALLOW_LIST,))
    raw_words = raw_entries(paths)
    without_allow, refused_without = imported_entries(paths, frozenset())
    entries, refused = imported_entries(paths, allowed)
    before = Dictionary.build(raw_words)
    middle = Dictionary.build(without_allow)
    started = time.process_time()
    dictionary = Dictionary.build(entries, allowed=allowed)
    dictionary.contained_in_allowed  # noqa: B018 (part of compiling, as get_dictionary does)
    build_time = time.process_time() - started
    print(f"Words: {len(raw_words):,} as downloaded; imported {len(without_allow):,} without the allow-list "
          f"({refused_without:,} refused), {len(entries):,} with it ({refused:,} refused; "
          f"allow-list {len(allowed):,} words)")

    # 1. blocking findings
    print("\n== 1. Blocking findings with the defaults ==")
    for label, run in (("screen(text)", lambda d: screen(d["text"], dictionary=dictionary)),
                       ("screen_html(html)", lambda d: screen_html(as_html(d["text"]), dictionary=dictionary))):
        kinds = {}
        for d in docs:
            for f in run(d):
                if f.blocking:
                    kinds[f.kind] = kinds.get(f.kind, 0) + 1
        total = sum(kinds.values())
        print(f"{label}: {total} blocking in {megabytes:.1f} MB = {total / megabytes:.2f} per MB "
              f"({total / megabytes * 5:.2f} per 5 MB) {kinds or ''}")

    # 2. word findings per document
    print("\n== 2. Word findings per document (median / p90) ==")
    held_out = docs[1::2]
    for label, d in (("list as downloaded, every entry", before),
                     ("imported, without the allow-list", middle),
                     ("imported with the allow-list (default)", dictionary)):
        every = word_counts(docs, d, screen)
        held = every[1::2]
        print(f"{label:42} all: {statistics.median(every):6.1f} / {percentile(every, 0.9):5}   "
              f"held-out half: {statistics.median(held):6.1f} / {percentile(held, 0.9):5}")
    del held_out

    # 3. identifiers that are not personal data
    rng = random.Random(SEED)
    print("\n== 3. Non-personal identifiers, 100 each: blocking findings (text / HTML) ==")
    for name, items in identifier_samples(rng).items():
        text_blocks = sum(any(f.blocking for f in screen(t, dictionary=dictionary)) for t, _ in items)
        html_blocks = sum(any(f.blocking for f in screen_html(h, dictionary=dictionary)) for _, h in items)
        print(f"{name:30} {text_blocks:3} / {html_blocks:3}")

    # 4. planted personal data
    print("\n== 4. Planted personal data, 20 each: caught (text / screen_html) ==")
    worst = 20
    for name, items in planted_samples(rng).items():
        caught_text = caught_html = 0
        for kind, number, text, page in items:
            caught_text += any(f.kind == kind and number.lstrip("+86 ")[-4:] in f.text
                               for f in screen(text, dictionary=dictionary))
            caught_html += any(f.kind == kind and number.lstrip("+86 ")[-4:] in f.text
                               for f in screen_html(page, dictionary=dictionary))
        worst = min(worst, caught_text, caught_html)
        print(f"{name:26} {caught_text:2}/20  {caught_html:2}/20")
    print(f"lowest: {worst}/20")

    # 5. evasion forms
    print("\n== 5. Evasion forms of listed words, 20 words each: caught ==")
    pool = sorted(e.word for e in entries if len(e.word) >= 2 and all("\u4e00" <= c <= "\u9fff" for c in e.word))
    latin = sorted(e.word for e in entries if e.word.isascii() and e.word.isalpha() and len(e.word) >= 3)
    words = rng.sample(pool, 20)
    forms = {
        "as written": lambda w: (w, False),
        "zero-width": lambda w: ("\u200b".join(w), False),
        "inserted punctuation": lambda w: (rng.choice(["·", "*", "-", "#", "/"]).join(w), False),
        "spaces": lambda w: (" ".join(w), False),
        "full-width spaces": lambda w: ("\u3000".join(w), False),
        "split markup (HTML)": lambda w: (f"{w[0]}<b>{w[1:-1]}</b><span>{w[-1]}</span>" if len(w) > 2
                                          else f"<b>{w[0]}</b>{w[1]}", True),
    }
    for name, make in forms.items():
        caught = 0
        for w in words:
            form, is_html = make(w)
            if is_html:
                findings = screen_html(f"<p>关于{form}的情况说明</p>", dictionary=dictionary)
            else:
                findings = screen(f"关于{form}的情况说明", dictionary=dictionary)
            caught += any(normalise_word(f.word) == normalise_word(w) for f in findings)
        print(f"{name:22} {caught:2}/20")
    full_width = rng.sample(latin, 20)
    caught = sum(
        any(normalise_word(f.word) == normalise_word(w) for f in screen("关于" + "".join(chr(ord(c) + 0xFEE0) for c in w.upper()) + "的说明",
                                         dictionary=dictionary))
        for w in full_width
    )
    print(f"{'full-width (Latin)':22} {caught:2}/20")

    # 6. speed
    print("\n== 6. Speed ==")
    raw = ahocorasick_rs.AhoCorasick(dictionary.patterns)
    texts = [d["text"] for d in docs]
    # CPU time of this process (time.process_time), so that other jobs on a shared machine
    # do not decide the figures; each pass gets fresh copies of the texts, as every
    # screened text is new (CPython caches a str's UTF-8 form, which the automaton uses).
    raw_best = engine_best = raw_wall = engine_wall = None
    for _ in range(args.repeat):
        fresh = [(t + " ")[:-1] for t in texts]
        started, wall = time.process_time(), time.perf_counter()
        for t in fresh:
            raw.find_matches_as_indexes(t, overlapping=True)
        elapsed, wall = time.process_time() - started, time.perf_counter() - wall
        raw_best = elapsed if raw_best is None else min(raw_best, elapsed)
        raw_wall = wall if raw_wall is None else min(raw_wall, wall)
        fresh = [(t + " ")[:-1] for t in texts]
        started, wall = time.process_time(), time.perf_counter()
        for t in fresh:
            screen(t, dictionary=dictionary)
        elapsed, wall = time.process_time() - started, time.perf_counter() - wall
        engine_best = elapsed if engine_best is None else min(engine_best, elapsed)
        engine_wall = wall if engine_wall is None else min(engine_wall, wall)
    print(f"raw ahocorasick_rs over the same {len(dictionary.patterns):,} words: {raw_best:.3f} s CPU "
          f"({megabytes / raw_best:.1f} MB/s; wall {raw_wall:.3f} s)")
    print(f"screen():                                   {engine_best:.3f} s CPU "
          f"({megabytes / engine_best:.1f} MB/s; wall {engine_wall:.3f} s)")
    print(f"ratio screen() / raw automaton: {engine_best / raw_best:.2f}x CPU "
          f"(wall clock: {engine_wall / raw_wall:.2f}x), best of {args.repeat}")
    joined = "\n".join(texts)
    pages = []
    position = 0
    while position < len(joined) and len(pages) < 1000:
        piece = joined[position : position + 1700]  # about 5 KB of UTF-8
        pages.append(piece)
        position += 1700
    timings, html_timings, walls = [], [], []
    for page in pages:
        started, wall = time.process_time(), time.perf_counter()
        screen(page, dictionary=dictionary)
        timings.append(time.process_time() - started)
        walls.append(time.perf_counter() - wall)
        markup = as_html(page)
        started = time.process_time()
        screen_html(markup, dictionary=dictionary)
        html_timings.append(time.process_time() - started)
    print(f"5 KB pages ({len(pages)}), CPU time: screen() p50 {statistics.median(timings) * 1000:.2f} ms, "
          f"p99 {percentile(timings, 0.99) * 1000:.2f} ms; screen_html() p50 "
          f"{statistics.median(html_timings) * 1000:.2f} ms, p99 {percentile(html_timings, 0.99) * 1000:.2f} ms "
          f"(screen() wall clock p99 {percentile(walls, 0.99) * 1000:.2f} ms)")
    print(f"compile {len(entries):,} entries (normalise + automaton + allow-list parts): "
          f"{build_time * 1000:.0f} ms CPU")
    if args.db:
        measure_db_compile(entries)


def measure_db_compile(entries):
    from django.core.cache import cache
    from django.core.management import call_command

    from wagtail_govinfo.models import SensitiveWord
    from wagtail_govinfo.screening import clear_compiled_dictionary, get_dictionary
    from wagtail_govinfo.screening.dictionary import read_allow_list

    call_command("migrate", verbosity=0, interactive=False)
    SensitiveWord.objects.bulk_create(
        [SensitiveWord(word=e.word, kind=e.kind, correction=e.correction, severity=e.severity,
                       category=e.category) for e in entries],
        batch_size=2000, ignore_conflicts=True,
    )
    cold = []
    warm = []
    for _ in range(3):
        cache.clear()
        read_allow_list.cache_clear()
        clear_compiled_dictionary()
        started, wall = time.process_time(), time.perf_counter()
        get_dictionary()
        cold.append((time.process_time() - started, time.perf_counter() - wall))
        clear_compiled_dictionary()  # another worker: the shared cache holds the list
        read_allow_list.cache_clear()
        started, wall = time.process_time(), time.perf_counter()
        get_dictionary()
        warm.append((time.process_time() - started, time.perf_counter() - wall))
        started = time.perf_counter()
        get_dictionary()
    hit = time.perf_counter() - started
    cold, warm = min(cold), min(warm)
    print(f"compile from the database ({SensitiveWord.objects.count():,} words, SQLite): cold {cold[0]:.2f} s CPU "
          f"({cold[1]:.2f} s wall), another worker with the shared cache {warm[0]:.2f} s CPU ({warm[1]:.2f} s wall), "
          f"later requests {hit * 1000:.2f} ms")


if __name__ == "__main__":
    main()
