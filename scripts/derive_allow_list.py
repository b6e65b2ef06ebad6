"""Derive the screening's allow-list of ordinary government vocabulary from public texts.

The allow-list (``wagtail_govinfo/screening/data/allow_list.txt``) holds the words that
public government texts use all the time: 人民, 管理, 政府, 国家安全, 共产党… A word list
downloaded from the internet lists many of them (as a political name, as an advertising
word); screened as they are, they drown a reviewer in findings on every page. The
allow-list is used twice (see ``docs/explanation/screening.md``):

* ``govinfo_import_words`` refuses an entry of a list that is on the allow-list;
* a match of a listed word that lies inside a longer allow-listed word written in the
  text (``共产`` inside ``共产党``) is not a finding.

How it is derived (reproducible, no hand editing):

1. read a JSON-lines corpus of public government texts (``text`` field), here
   ``../shared/corpus/gov-texts.jsonl.gz`` (laws, regulations, government work reports);
2. keep only the *derivation half* (documents 0, 2, 4, …), so that the other half stays
   unseen and the benchmark can report the figures on it separately;
3. count, for every run of 2 to 4 Chinese characters inside a run of CJK ideographs
   (punctuation, digits and spaces end a run), the number of documents it occurs in;
4. keep the runs that occur in at least ``--min-share`` (default 3 %) of the documents.

Run from the repository root::

    .venv/bin/python scripts/derive_allow_list.py ../shared/corpus/gov-texts.jsonl.gz \\
        --out wagtail_govinfo/screening/data/allow_list.txt
"""

import argparse
import collections
import datetime
import gzip
import json
import re

RUN = re.compile(r"[\u4e00-\u9fff]+")


def document_frequencies(texts, lengths=(2, 3, 4)):
    frequencies = collections.Counter()
    for text in texts:
        seen = set()
        for m in RUN.finditer(text):
            run = m.group()
            for n in lengths:
                for i in range(len(run) - n + 1):
                    seen.add(run[i : i + n])
        frequencies.update(seen)
    return frequencies


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", help="JSON lines (optionally .gz) with a 'text' field")
    parser.add_argument("--out", required=True)
    parser.add_argument("--min-share", type=float, default=0.03,
                        help="least share of documents a word occurs in (default 0.03)")
    args = parser.parse_args(argv)
    opener = gzip.open if args.corpus.endswith(".gz") else open
    with opener(args.corpus, "rt", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh if line.strip()]
    derivation = texts[0::2]
    frequencies = document_frequencies(derivation)
    least = max(2, round(args.min_share * len(derivation)))
    words = sorted(w for w, n in frequencies.items() if n >= least)
    with open(args.out, "w", encoding="utf-8") as out:
        out.write(
            f"# Ordinary government vocabulary: runs of 2-4 Chinese characters that occur in at\n"
            f"# least {least} of {len(derivation)} public government texts (the even-numbered documents\n"
            f"# of {args.corpus.rsplit('/', 1)[-1]}). Derived by scripts/derive_allow_list.py on "
            f"{datetime.date.today().isoformat()}; do not edit by hand.\n"
        )
        for word in words:
            out.write(word + "\n")
    print(f"{len(words)} words (at least {least} of {len(derivation)} documents) -> {args.out}")


if __name__ == "__main__":
    main()
