"""Secrecy markings (密级标志, 第五条: 涉密信息不得上网).

Runs on the *plain* normalised copy, so full-width forms and zero-width characters
do not hide a marking; spaces or tabs between its characters do not either.

A marking blocks and no reviewer can override it, so only a marking **placed as
GB/T 9704 places it** is one: at the start of a line (the head of the text, a
paragraph, a table cell) or as a line of its own:

1. 绝密 / 机密 / 秘密 with a star (★, ☆ or *) and optionally a period, beginning a
   line and followed by the end of the line or a space: ``机密★1年``,
   ``绝密★长期  特急``;
2. ``密级：`` with a real level (绝密, 机密, 秘密) beginning a line (or after two
   spaces in a header line), and a table row whose cell ``密级`` is followed by a
   cell holding a level;
3. ``保密期限：`` with a real period (``10年``, ``6个月``, ``长期``) beginning a line;
4. a line (a paragraph, not a table cell) holding nothing but a level or a
   restriction notice (内部资料, 内部文件, 内部材料, 注意保密), optionally in
   brackets, with a star or a period: a header paragraph ``<p>内部资料</p>``;
5. a level or notice in brackets beginning a line: ``【内部资料】关于…``;
6. a level or notice beginning a line and followed by a distribution ban:
   ``内部资料，请勿外传``, ``内部资料 仅供参考``.

Wording *about* secrecy is not a marking: ``密级：非涉密``, ``密级：无密级``,
``保密期限：无``, a sentence quoting “秘密★1年”, 保密宣传 texts, a regulation saying
不得泄露工作秘密, ``商业秘密``, ``内部文件管理办法``.
"""

import re

_S = r"[ \t\u3000\u00a0]*"


def _spaced(word):
    return _S.join(re.escape(c) for c in word)


LEVELS = ("绝密", "机密", "秘密")
_LEVEL = "(?:" + "|".join(_spaced(w) for w in LEVELS) + ")"
_NOTICE = "(?:" + "|".join(_spaced(w) for w in ("内部资料", "内部文件", "内部材料", "注意保密")) + ")"
_ANY = f"(?:{_LEVEL}|{_NOTICE})"
_STAR = "[★☆✩✪✫✬✭✮✯✰⭐*＊]"
_NUMBER = "[0-9一二三四五六七八九十两]+"
_DURATION = rf"(?:{_NUMBER}{_S}(?:年|个月|月|日|天)|长期|永久)"
_PERIOD = rf"(?:{_S}(?:{_spaced('保密期限')}{_S}[:：]?{_S})?{_DURATION})"
_OPEN = r"[【\[(（〔［<＜]"
_CLOSE = r"[】\])）〕］>＞]"
#: What may follow a marking on its line: the end, or a space and anything
#: (特急, 份号…), never more words of a sentence.
_END = r"(?=[ \t\r\u3000\u00a0]|$)"
_LINE_START = r"(?:^|(?<=[ \t\u3000\u00a0]{2}))[ \t\u3000\u00a0]*"
_BAN = (
    "(?:(?:请勿|不得|严禁|禁止|不准)(?:外传|转发|转载|公开|扩散|复制|外泄|上网|翻印)"
    "|仅供(?:参考|内部|领导)|注意保密|妥善保管)"
)

_LINE_PATTERNS = [
    # 1. a level with a star
    rf"^{_S}{_OPEN}?{_S}{_LEVEL}{_S}{_STAR}{_PERIOD}?{_S}{_CLOSE}?{_END}",
    # 2. classification with a real level
    rf"{_LINE_START}{_spaced('密级')}{_S}[:：]?{_S}{_LEVEL}(?:{_S}{_STAR})?{_PERIOD}?{_END}",
    # 3. period of secrecy
    rf"{_LINE_START}{_spaced('保密期限')}{_S}[:：]{_S}{_DURATION}{_END}",
    # 6. followed by a distribution ban (before 5, so the ban is part of the span)
    rf"^{_S}{_OPEN}?{_S}{_ANY}{_S}{_CLOSE}?[ \t\u3000,，:：]*{_BAN}",
    # 5. in brackets at the start of a line
    rf"^{_S}{_OPEN}{_S}{_ANY}(?:{_S}{_STAR})?{_PERIOD}?{_S}{_CLOSE}",
]
#: 4. a line of its own (paragraphs only: a table cell needs its 密级 label).
_OWN_LINE = re.compile(rf"^{_S}{_OPEN}?{_S}{_ANY}(?:{_S}{_STAR})?{_PERIOD}?{_S}{_CLOSE}?[ \t\r\u3000\u00a0]*$")
_MARKING = re.compile("|".join(f"(?:{p})" for p in _LINE_PATTERNS))
#: A cell's label saying that the cell holds a level.
_LEVEL_LABEL = re.compile(rf"^{_S}{_spaced('密级')}{_S}[:：]?{_S}$")
_LEVEL_ONLY = re.compile(rf"^{_S}{_LEVEL}(?:{_S}{_STAR})?{_PERIOD}?{_S}$")

_BLANK = "[ \t\u3000\u00a0]"
#: Where a marking can begin: a line starting (after blanks and a bracket) with the
#: first character of one, or 密级/保密期限 after two blanks in a header line. Searched
#: from a literal line break, so that the search runs at C speed.
_CANDIDATE_LINE = re.compile(rf"\n{_BLANK}*{_OPEN}?{_BLANK}*[绝机秘密保内注]")
_FIELDS = ("密级", "保密期限")
_TWO_BLANKS_BEFORE = re.compile(rf"{_BLANK}{{2}}$")


def _candidates(text):
    positions = [m.start() for m in _CANDIDATE_LINE.finditer(text)]
    fields = []
    for field in _FIELDS:  # str.find: far faster than a regular expression here
        position = text.find(field)
        while position != -1:
            if _TWO_BLANKS_BEFORE.search(text, max(0, position - 2), position):
                fields.append(position)
            position = text.find(field, position + 1)
    return sorted(positions + fields) if fields else positions


def find_secrecy_markings(plain, line_info=None):
    """``(start, end)`` of each secrecy marking in the plain copy, overlapping ones merged.

    ``line_info(position)``, when given, returns ``(is_table_cell, left_cell_text)``
    for the line at a position (see :func:`~wagtail_govinfo.screening.screen_html`).
    """
    spans = []
    searched_until = -1
    text = "\n" + plain  # positions in ``text`` are one more than in ``plain``
    for position in _candidates(text):
        if position < searched_until:
            continue
        line_start = text.rfind("\n", 0, position + 1) + 1
        line_end = text.find("\n", position + 1)
        if line_end == -1:
            line_end = len(text)
        searched_until = line_end
        line = text[line_start:line_end]
        offset = line_start - 1
        is_cell, left = line_info(offset) if line_info else (False, "")
        matches = [(m.start() + offset, m.end() + offset) for m in _MARKING.finditer(line)]
        if not is_cell:
            if _OWN_LINE.match(line):
                matches.append((offset, line_end - 1))
        elif _LEVEL_LABEL.match(left or "") and _LEVEL_ONLY.match(line):
            matches.append((offset, line_end - 1))
        for s, e in sorted(matches):
            # Blanks around a match are not part of the marking.
            while s < e and plain[s] in " \t\u3000\u00a0":
                s += 1
            while e > s and plain[e - 1] in " \t\r\u3000\u00a0":
                e -= 1
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], e))
            elif s < e:
                spans.append((s, e))
    return spans
