"""A real public word list and real public government text (``../shared/corpus``).

These tests read data that is not part of the project; where it is absent (a fresh
machine without ``../shared``) they are skipped with the reason.
"""

import gzip
import io
import json
import re
import statistics
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_govinfo.models import SensitiveWord
from wagtail_govinfo.screening import clear_compiled_dictionary, get_dictionary, screen, screen_html
from wagtail_govinfo.screening.normalise import normalise_word

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
LEXICON = CORPUS / "lexicon"
TEXTS = CORPUS / "gov-texts.jsonl.gz"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not LEXICON.is_dir() or not TEXTS.is_file(),
        reason=f"the public corpus is not on this machine ({CORPUS} is absent); see benchmarks/screening_quality.py",
    ),
]


def import_all():
    """All 17 files imported as they are, one command each."""
    outputs = {}
    for path in sorted(LEXICON.glob("*.txt")):
        out = io.StringIO()
        call_command("govinfo_import_words", str(path), stdout=out)  # raises CommandError on failure
        outputs[path.name] = out.getvalue()
    return outputs


@pytest.mark.usefixtures("english")
def test_a_real_list_on_real_text():
    """One test, so that the 50,000 words are imported once."""
    imported = import_all()
    check_every_file_imports_as_it_is(imported)
    check_real_documents_get_few_word_findings_and_evasions_are_still_caught()
    check_the_compiled_list_is_shared_through_the_cache()


def check_every_file_imports_as_it_is(imported):
    assert len(imported) == 17
    assert "243 duplicate(s) merged" in imported["GFW补充词库.txt"]
    assert "2 line(s) of several words split" in imported["民生词库.txt"]
    assert "12 replacement rule(s)" in imported["零时-Tencent.txt"]
    refused = re.search(r"(\d+) refused \(([^)]*)\)", imported["零时-Tencent.txt"])
    assert "a single character" in refused.group(2) and "changed by normalisation" in refused.group(2)
    assert "ordinary vocabulary" in refused.group(2)
    assert SensitiveWord.objects.count() > 45000
    assert not SensitiveWord.objects.filter(word__regex=r"^.$").exists()
    assert not SensitiveWord.objects.filter(word__in=["㈩", "人民", "政府", "国家", "安全", "管理"]).exists()
    assert not SensitiveWord.objects.filter(kind="typo").exists()  # no file was declared a typo list


def check_real_documents_get_few_word_findings_and_evasions_are_still_caught():
    with gzip.open(TEXTS, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line)["text"] for line in fh][::10]
    counts = [sum(f.kind == "sensitive_word" for f in screen(text)) for text in docs]
    assert statistics.median(counts) <= 10
    assert sum(any(f.blocking for f in screen(text)) for text in docs) == 0
    for word in ("法轮功", "六四事件", "代开发票"):
        assert SensitiveWord.objects.filter(word=word).exists()
        for form in (word, "\u200b".join(word), " ".join(word), "*".join(word), "\u3000".join(word)):
            assert word in [normalise_word(f.word) for f in screen(f"关于{form}的说明")], form
        split = f"<p>关于{word[0]}<b>{word[1:]}</b>的说明</p>"
        assert word in [normalise_word(f.word) for f in screen_html(split)]


def check_the_compiled_list_is_shared_through_the_cache():
    get_dictionary()
    clear_compiled_dictionary()  # another worker: nothing compiled in its memory
    with CaptureQueriesContext(connection) as queries:
        dictionary = get_dictionary()
    assert len(queries) == 0 and len(dictionary.patterns) > 45000
