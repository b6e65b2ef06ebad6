"""Secrecy markings (密级标志, 第五条: 涉密信息不得上网).

Runs on the *plain* normalised copy, so full-width forms and zero-width characters
do not hide a marking; spaces or tabs between its characters do not either.

A marking is reported when it is written *as a marking*:

1. 绝密 / 机密 / 秘密 followed by a star (★, ☆ or *), with or without a period of
   secrecy: "机密★", "秘密★1年", "绝密 ★ 长期";
2. a classification line "密级：…" (but not "密级：公开", "密级：非密", "密级：无",
   which say the document is *not* classified), or "保密期限：…";
3. a line that holds nothing but a classification or a restriction notice
   (绝密, 机密, 秘密, 内部资料, 内部文件, 注意保密, optionally in brackets and
   with a period): the way a document's header carries it;
4. one of those words in brackets, e.g. "【内部资料】", "（秘密）";
5. one of those words followed by a distribution ban: "内部资料，请勿外传";
6. 内部资料 / 内部文件 / 注意保密 at the start of a line, followed by punctuation
   or a space ("内部资料，仅供参考").

The words inside ordinary prose are **not** markings: "秘密通道", "商业秘密",
"国家机密", "保守秘密", "要注意保密工作", "内部文件管理办法" are the vocabulary of
public texts about secrecy. Blocking them could not be overridden (by design), so
the rules above only match the conventional forms of a marking.
"""

import re

_S = r"[ \t]*"


def _spaced(word):
    return _S.join(re.escape(c) for c in word)


_CLASSIFICATION = "(?:" + "|".join(_spaced(w) for w in ("绝密", "机密", "秘密")) + ")"
_NOTICE = "(?:" + "|".join(_spaced(w) for w in ("内部资料", "内部文件", "内部材料", "注意保密")) + ")"
_ANY = f"(?:{_CLASSIFICATION}|{_NOTICE})"
_STAR = "[★☆✩✪✫✬✭✮✯✰⭐*＊]"
_NUMBER = "[0-9一二三四五六七八九十两]+"
_PERIOD = (
    rf"(?:{_S}(?:{_spaced('保密期限')}{_S}[:：]?{_S})?(?:{_NUMBER}{_S}(?:年|个月|月|日|天)|长期|永久))"
)
_OPEN = r"[【\[(（〔［<＜]"
_CLOSE = r"[】\])）〕］>＞]"
_NOT_CLASSIFIED = "(?:公开|非密|无|不涉密|普通)"

_PATTERNS = [
    # 1. classification with a star
    rf"{_CLASSIFICATION}{_S}{_STAR}{_PERIOD}?",
    # 2. classification line and period of secrecy
    rf"{_spaced('密级')}{_S}[:：]{_S}(?!{_NOT_CLASSIFIED}(?![^\s,;，；。、]))[^\s,;，；。、]{{1,12}}(?:{_S}{_STAR}{_PERIOD}?)?",
    rf"{_spaced('保密期限')}{_S}[:：]{_S}[^\s,;，；。、]{{0,12}}",
    # 3. a line holding nothing but the marking
    rf"(?m)^[ \t]*{_OPEN}?{_S}{_ANY}(?:{_S}{_STAR})?{_PERIOD}?{_S}{_CLOSE}?[ \t\r]*$",
    # 5. followed by a distribution ban (before 4, so the ban is part of the span)
    rf"{_OPEN}?{_S}{_ANY}{_S}{_CLOSE}?[ \t,，]*(?:请勿|不得|严禁|禁止|不准)(?:外传|转发|转载|公开|扩散|复制|外泄|上网)",
    # 4. in brackets
    rf"{_OPEN}{_S}{_ANY}(?:{_S}{_STAR})?{_PERIOD}?{_S}{_CLOSE}",
    # 6. a notice at the start of a line
    rf"(?m)^[ \t]*{_NOTICE}(?=[ \t\r,;:!?，；：！？。、.]|$)",
]
_MARKING = re.compile("|".join(f"(?:{p.removeprefix('(?m)')})" for p in _PATTERNS), re.MULTILINE)


#: Every marking contains 密 or 内部: only the lines holding one are searched.
_TRIGGER = re.compile(rf"密|{_spaced('内部')}")


def find_secrecy_markings(plain):
    """``(start, end)`` of each secrecy marking in the plain copy, overlapping ones merged."""
    spans = []
    searched_until = -1
    for trigger in _TRIGGER.finditer(plain):
        if trigger.start() < searched_until:
            continue
        line_start = plain.rfind("\n", 0, trigger.start()) + 1
        line_end = plain.find("\n", trigger.start())
        if line_end == -1:
            line_end = len(plain)
        searched_until = line_end
        for m in _MARKING.finditer(plain, line_start, line_end):
            s, e = m.span()
            # Spaces around a whole-line match are not part of the marking.
            while s < e and plain[s] in " \t":
                s += 1
            while e > s and plain[e - 1] in " \t\r":
                e -= 1
            if spans and s <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], e))
            elif s < e:
                spans.append((s, e))
    return spans
