"""Benchmark of the screening engine against the raw Aho-Corasick matcher.

Screens 10 MB (UTF-8) of generated Chinese text against dictionaries of 5,000 and
50,000 generated words, and prints, for each size: the dictionary build time, the
engine's throughput, and the ratio of the engine's time to the time of the raw
``ahocorasick_rs`` matcher alone on the same input, in the same run.

Everything is generated from a seeded RNG (no downloads): common characters are
the 3,755 level-1 hanzi of GB 2312, words are 1-4 of them, sentences are runs of
words closed by Chinese punctuation, paragraphs end with a line break. One in
about 1,700 characters is a dictionary word, a third of those written with an
evasion (spaces, zero-width characters or punctuation between the characters), and
the text holds dates, ordinary numbers and some personal-information numbers.

Run from the repository root::

    .venv/bin/python benchmarks/screening.py            # standalone, no database
    .venv/bin/python benchmarks/screening.py --mb 1     # a smaller run

The engine is fed the words directly (``Dictionary.build``); the database and the
cache are not involved.
"""

import argparse
import importlib.metadata
import os
import platform
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import ahocorasick_rs  # noqa: E402

from wagtail_govinfo.screening import Dictionary, DictionaryEntry, mask, screen  # noqa: E402
from wagtail_govinfo.screening.personal import id_check_character  # noqa: E402

SEED = 20261101
PUNCTUATION = ["，"] * 8 + ["。"] * 4 + ["、", "；", "：", "“", "”", "（", "）", "！", "？"]


def common_hanzi():
    """The level-1 characters of GB 2312 (rows 16-55), in code order."""
    chars = []
    for row in range(0xB0, 0xD8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.append(bytes([row, cell]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def make_words(rng, pool, count, lengths):
    words = set()
    while len(words) < count:
        words.add("".join(rng.choice(pool) for _ in range(rng.choice(lengths))))
    return sorted(words)


def evade(rng, word):
    joiner = rng.choice([" ", "\u200b", "·", "*", "\u3000", "\ufeff"])
    return joiner.join(word)


def make_text(rng, pool, vocabulary, dictionary_words, size_bytes):
    parts = []
    size = 0
    while size < size_bytes:
        sentence = [rng.choice(vocabulary) for _ in range(rng.randint(3, 10))]
        roll = rng.random()
        if roll < 0.008:
            word = rng.choice(dictionary_words)
            sentence.insert(rng.randrange(len(sentence)), evade(rng, word) if roll < 0.0027 else word)
        elif roll < 0.05:
            sentence.insert(0, f"{rng.randint(2000, 2026)}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日")
        elif roll < 0.051:
            sentence.append(f"电话1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}")
        elif roll < 0.0515:
            first = (
                f"{rng.choice([11, 31, 44, 51])}0105{rng.randint(1950, 2005)}"
                f"0{rng.randint(1, 9)}1{rng.randint(0, 9)}{rng.randint(100, 999)}"
            )
            sentence.append("身份证号" + first + id_check_character(first))
        elif roll < 0.07:
            sentence.append(f"第{rng.randint(1, 99999)}号")
        chunk = "".join(sentence) + rng.choice(PUNCTUATION)
        if rng.random() < 0.05:
            chunk += "\n"
        parts.append(chunk)
        size += len(chunk.encode("utf-8"))
    return "".join(parts)


def best_of(repeat, fn):
    best, result = None, None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    return best, result


def run(size_mb, word_counts, repeat):
    rng = random.Random(SEED)
    pool = common_hanzi()
    vocabulary = make_words(rng, pool, 30000, [1, 2, 2, 2, 2, 3, 4])
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {load:.1f}, "
          f"Python {platform.python_version()}, "
          f"ahocorasick_rs {importlib.metadata.version('ahocorasick-rs')}")
    for count in word_counts:
        words_rng = random.Random(SEED + count)
        dictionary_words = make_words(words_rng, pool, count, [2, 2, 3, 3, 4])
        entries = [
            DictionaryEntry(w, severity="blocking" if i % 10 == 0 else "notice")
            for i, w in enumerate(dictionary_words)
        ]
        text = make_text(words_rng, pool, vocabulary, dictionary_words, int(size_mb * 1024 * 1024))
        megabytes = len(text.encode("utf-8")) / (1024 * 1024)

        build, dictionary = best_of(repeat, lambda: Dictionary.build(entries))
        raw_build, raw = best_of(repeat, lambda: ahocorasick_rs.AhoCorasick(dictionary_words))
        # Interleaved, so that both see the same machine load; the best run of each counts.
        raw_time = engine_time = mask_time = None
        for _ in range(repeat):
            t, raw_matches = best_of(1, lambda: raw.find_matches_as_indexes(text, overlapping=True))
            raw_time = t if raw_time is None else min(raw_time, t)
            t, findings = best_of(1, lambda: screen(text, dictionary=dictionary))
            engine_time = t if engine_time is None else min(engine_time, t)
            t, _masked = best_of(1, lambda: mask(text, dictionary=dictionary))
            mask_time = t if mask_time is None else min(mask_time, t)

        kinds = {}
        for f in findings:
            kinds[f.kind] = kinds.get(f.kind, 0) + 1
        print()
        print(f"== {count:,} words, {megabytes:.1f} MB of text ({len(text):,} characters) ==")
        print(f"dictionary build:  engine {build * 1000:.0f} ms (normalise + compile), "
              f"raw matcher {raw_build * 1000:.0f} ms")
        print(f"raw ahocorasick_rs (overlapping, raw text): {raw_time:.3f} s, "
              f"{megabytes / raw_time:.1f} MB/s, {len(raw_matches):,} matches")
        print(f"screen():  {engine_time:.3f} s, {megabytes / engine_time:.1f} MB/s, "
              f"{len(findings):,} findings {dict(sorted(kinds.items()))}")
        print(f"mask():    {mask_time:.3f} s, {megabytes / mask_time:.1f} MB/s")
        print(f"ratio screen()/raw matcher: {engine_time / raw_time:.1f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=10.0, help="text size in MB (default 10)")
    parser.add_argument(
        "--words", type=int, nargs="+", default=[5000, 50000], help="dictionary sizes"
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs per timing; the best counts")
    args = parser.parse_args()
    print(f"Screening benchmark: {args.mb:g} MB of Chinese text, dictionaries of "
          + ", ".join(f"{n:,}" for n in args.words) + " words; best of "
          + f"{args.repeat} runs.")
    run(args.mb, args.words, args.repeat)


if __name__ == "__main__":
    main()
