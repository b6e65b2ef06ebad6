"""Personal information: resident ID numbers, mainland mobile numbers, bank cards.

Every pattern runs on the *plain* normalised copy (full-width digits already
ASCII, zero-width characters removed, lower case). A number is read as a *chain*
of digit groups joined by one kind of separator, the way people write numbers:
one or two spaces, a hyphen or dash (``-``, ``—``, ``——``), a dot or a middle dot.
A number never continues across a line break, a table cell or a paragraph (those
are line breaks in the text screened), nor into a Latin letter or more digits: a
code such as ``91350100M000100Y43`` holds no number.

What is personal information, decided deliberately:

* **身份证号** (GB 11643-1999): 17 digits and a check character (0-9 or X) under
  ISO 7064 MOD 11-2, a province code and a real date of birth between 1900 and
  today; whole or in any grouping (6-8-4, 4-4-4-4-2, …). An invalid check digit is
  **not** a finding: such a number identifies nobody.
* **手机号**: 11 digits starting 13-19, optionally after +86 / 0086 / 86; whole or
  grouped 3-4-4, 4-3-4 or 3-8.
* **银行卡号**: 16 to 19 digits passing the Luhn check; whole, in groups of four
  (the last group shorter) or 6 + the rest. An 18-digit number *shaped like an ID
  number* with a wrong check digit is neither an ID nor a card (one in ten passes
  Luhn by chance).

What is **not** personal information although it has the shape of one:

* a 统一社会信用代码 (GB 32100: 18 characters, a GB 11714 组织机构代码 with its
  own check character in positions 9-17, and a MOD 31 check character);
* a number labelled as an identifier of a case, a document or a payment on its
  line (or in its table row or column header): 索引号, 编号/编码/代码, 文号, 受理号,
  办件号, 流水号, 税票, 缴款书, 发票, 合同号, 案号, 许可证号…;
* a unit's bank account (对公账户): a number labelled 账号/账户 near a 户名 that names
  a unit (…局, …委员会, …中心, …公司) or an 开户行 without a person's 户名;
* an amount or a quantity: a number followed by 元, 万元, 亿, 美元, 吨, 股… or
  preceded by ¥ / 人民币;
* a sequence of years (``2017 2018 2019 2020``, a table header).
"""

import datetime
import re

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"
#: First two digits of an ID number: provinces, plus 71 (台湾) and 81-83 (港澳台居民居住证).
PROVINCE_CODES = frozenset(
    [11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46]
    + [50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83]
)

#: GB 32100 统一社会信用代码 alphabet (no I, O, S, V, Z) and weights.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
#: GB 11714 组织机构代码 weights (8 characters and a check character 0-9 or X).
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def id_check_character(first17):
    """The GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS))
    return ID_CHECK_CHARACTERS[total % 11]


def id_shaped(digits, today=None):
    """Whether 18 characters have an ID number's structure (province, date of birth),
    whatever the check character."""
    if len(digits) != 18 or not digits[:17].isdigit() or int(digits[:2]) not in PROVINCE_CODES:
        return False
    try:
        born = datetime.date(int(digits[6:10]), int(digits[10:12]), int(digits[12:14]))
    except ValueError:
        return False
    return datetime.date(1900, 1, 1) <= born <= (today or datetime.date.today())


def is_valid_id_number(value, today=None):
    """A plausible 18-character resident ID number with a correct check character."""
    value = value.upper()
    return id_shaped(value, today) and value[17] == id_check_character(value[:17])


def luhn_valid(digits):
    total = 0
    for i, d in enumerate(reversed(digits)):
        n = int(d)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def org_code_check_character(first8):
    """The GB 11714 check character of an 组织机构代码's first 8 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first8.upper(), ORG_WEIGHTS))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_check_character(first17):
    """The GB 32100 check character of a 统一社会信用代码's first 17 characters."""
    total = sum(USCC_ALPHABET.index(c) * w for c, w in zip(first17.upper(), USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(value):
    """An 18-character 统一社会信用代码 whose two check characters (the 组织机构代码's
    in position 17 and the code's own in position 18) are right."""
    value = value.upper()
    if len(value) != 18 or any(c not in USCC_ALPHABET for c in value):
        return False
    org = value[8:17]
    return (
        org[8] == org_code_check_character(org[:8])
        and value[17] == uscc_check_character(value[:17])
    )


# --- context -------------------------------------------------------------------------

#: Labels of identifiers that are not personal information.
_OTHER_LABEL = re.compile(
    "索引号|编号|编码|代码|文号|受理号|办件号|流水号|税票|缴款书|票据号|发票|合同号|案号|单号|"
    "登记号|注册号|许可证|证书号|批准号|备案号|档案号|序列号|项目号|批次|统一社会信用|机构代码"
)
#: Labels that say a number is a person's (they win over the ones above on the same line).
_PERSONAL_LABEL = re.compile("身份证|证件号|公民身份|手机|电话|联系方式|卡号|银行卡|社保卡|持卡")
_ACCOUNT_LABEL = re.compile("账号|帐号|账户|帐户")
_ACCOUNT_HOLDER = re.compile(r"(?:户名|开户名称|账户名称|帐户名称|收款人|收款单位)[ \t]*[:：]?[ \t]*([^\n,;，；。 \t]{2,40})")
_UNIT_NAME = re.compile(
    "(?:局|厅|委员会|委|办公室|办|政府|中心|公司|院|所|站|队|馆|校|学|会|社|集团|部|处|科|署|"
    "行|街道|财政|专户|基金|单位|机关|监狱|医院|银行)$"
)
_BANK_LABEL = re.compile("开户行|开户银行|开户网点")
#: After a number: units of amounts and quantities.
_UNIT_AFTER = re.compile(
    r"(?:\.[0-9]+)?[ \t]?(?:元|万|亿|千元|百元|美元|欧元|港元|日元|英镑|角|分钱|吨|千克|公斤|克|股|平方|立方|"
    r"亩|公顷|千瓦|kw|kwh|m2|m3|km|公里|米|千米|台|套|件|人次|户|次|%|％)"
)
_MONEY_BEFORE = re.compile(r"(?:[¥￥$]|rmb|人民币|金额|总额|总价|价款|合计|小计)[ \t:：]*$")
#: How far back on its line a label may be.
LABEL_REACH = 40
#: How far around a number 户名 and 开户行 are looked for.
ACCOUNT_REACH = 300


def _line_before(plain, start):
    line_start = plain.rfind("\n", 0, start) + 1
    return plain[max(line_start, start - LABEL_REACH) : start]


def _label_says_other(before):
    """Whether the text before a number on its line labels it as a non-personal
    identifier (the last label wins)."""
    other = None
    for other in _OTHER_LABEL.finditer(before):
        pass
    if other is None:
        return False
    personal = None
    for personal in _PERSONAL_LABEL.finditer(before):
        pass
    return personal is None or personal.end() <= other.start()


def _is_unit_account(plain, start, before, labels):
    if not (_ACCOUNT_LABEL.search(before) or _ACCOUNT_LABEL.search(labels)):
        return False
    window = plain[max(0, start - ACCOUNT_REACH) : start + ACCOUNT_REACH] + "\n" + labels
    holders = [m.group(1) for m in _ACCOUNT_HOLDER.finditer(window)]
    if holders:
        return any(_UNIT_NAME.search(h) for h in holders)
    return _BANK_LABEL.search(window) is not None


def _not_personal(plain, start, end, labels):
    """Whether a number at ``plain[start:end]`` is something else by its context."""
    if _UNIT_AFTER.match(plain, end) or _MONEY_BEFORE.search(plain, max(0, start - 12), start):
        return True
    before = _line_before(plain, start)
    if _label_says_other(before):
        return True
    if labels and not _PERSONAL_LABEL.search(before) and _label_says_other(labels):
        return True
    return _is_unit_account(plain, start, before, labels)


# --- numbers ---------------------------------------------------------------------------

#: Separators within a number: one or two spaces, a hyphen or dash (one or two), a dot.
_SEPARATOR = r"(?:[ \u00a0\u3000]{1,2}|[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]{1,2}|[.\u00b7\u2022\u30fb\uff0e])"
#: A chain of digit groups. No look-arounds, so that the search runs at C speed; a
#: group glued to a Latin letter is dropped afterwards (see ``_pieces``).
_CHAIN = re.compile(rf"[+0-9][0-9]*(?:{_SEPARATOR}[0-9]+)*x?")
_CHAIN_PIECES = re.compile(rf"({_SEPARATOR})|([0-9]+x?)")
_LETTER_OR_DIGIT = re.compile("[0-9a-z]")

_MOBILE_GROUPINGS = {(11,), (3, 4, 4), (4, 3, 4), (3, 8)}
_MOBILE_PREFIXES = ("0086", "86")


def _card_grouping(sizes):
    if len(sizes) == 1:
        return 16 <= sizes[0] <= 19
    if len(sizes) == 2:
        return sizes[0] == 6 and 10 <= sizes[1] <= 13
    return all(s == 4 for s in sizes[:-1]) and 1 <= sizes[-1] <= 4 and 16 <= sum(sizes) <= 19


def _is_year(group):
    return len(group) == 4 and group.isdigit() and 1900 <= int(group) <= 2099


def _is_year_run(groups):
    return len(groups) > 1 and all(len(g) == 4 and g.isdigit() and 1900 <= int(g) <= 2099 for g in groups)


def _is_mobile(digits):
    return len(digits) == 11 and digits[0] == "1" and digits[1] in "3456789"


def _classify(groups):
    """The kind of personal number that the groups (all joined by one separator) are."""
    digits = "".join(groups)
    sizes = tuple(len(g) for g in groups)
    if _is_year_run(groups):
        return None
    if len(digits) == 18 and is_valid_id_number(digits):
        if digits.isdigit() and is_valid_uscc(digits):
            return None  # also a valid 统一社会信用代码 (both check characters right)
        return "id_number"
    if not digits.isdigit():
        return None
    if sizes in _MOBILE_GROUPINGS and _is_mobile(digits):
        return "mobile"
    if 16 <= len(digits) <= 19 and _card_grouping(sizes) and luhn_valid(digits):
        if len(digits) == 18 and (id_shaped(digits) or is_valid_uscc(digits)):
            return None  # a mistyped ID number, or a 统一社会信用代码: see the docstring
        return "bank_card"
    return None


def _mobile_with_prefix(groups):
    """A mobile number after a country code: ``86 138…``, ``0086-138…``, ``8613800138000``."""
    if len(groups) > 1 and groups[0] in _MOBILE_PREFIXES:
        rest = groups[1:]
        if tuple(len(g) for g in rest) in _MOBILE_GROUPINGS and _is_mobile("".join(rest)):
            return True
    if len(groups) == 1:
        for prefix in _MOBILE_PREFIXES:
            if groups[0].startswith(prefix) and _is_mobile(groups[0][len(prefix) :]):
                return True
    return False


def _pieces(plain, chain_start, chain_end):
    """The groups ``(digits, start, end)`` of a chain and the separators between them,
    without a group glued to a Latin letter (part of a code such as
    ``91350100m000100y43``, never of a number)."""
    pieces = []
    separators = []
    for m in _CHAIN_PIECES.finditer(plain, chain_start, chain_end):
        if m.group(1) is not None:
            separators.append(m.group(1))
        else:
            pieces.append((m.group(2), m.start(), m.end()))
    if pieces and pieces[0][1] > 0 and _LETTER_OR_DIGIT.match(plain, pieces[0][1] - 1):
        pieces, separators = pieces[1:], separators[1:]
    if pieces and _LETTER_OR_DIGIT.match(plain, pieces[-1][2]):
        pieces, separators = pieces[:-1], separators[:-1]
    return pieces, separators


def _numbers_in_chain(plain, chain_start, chain_end):
    """``(kind, start, end)`` of each personal number in one chain of digit groups."""
    plus = plain[chain_start] == "+"
    pieces, separators = _pieces(plain, chain_start + plus, chain_end)
    plus = plus and bool(pieces) and pieces[0][1] == chain_start + 1
    found = []
    n = len(pieces)
    i = 0
    while i < n:
        # Candidates starting at group i, at most 24 digits; the longest first.
        ends, total = [], 0
        for j in range(i + 1, n + 1):
            total += len(pieces[j - 1][0])
            if total > 24:
                break
            ends.append(j)
        matched = False
        for j in reversed(ends):
            if j - i > 1:
                # Groups inside one number share one separator, and a grouped number is
                # the whole run of groups that its separator joins.
                # (A year joined by the same blanks is a table's next column.)
                sep = separators[i]
                if any(s != sep for s in separators[i : j - 1]):
                    continue
                if i > 0 and separators[i - 1] == sep and not _is_year(pieces[i - 1][0]):
                    continue
                if j < n and separators[j - 1] == sep and not _is_year(pieces[j][0]):
                    continue
            groups = [p[0] for p in pieces[i:j]]
            kind = _classify(groups)
            start = pieces[i][1]
            if kind is None and _mobile_with_prefix(groups):
                kind = "mobile"
                if i == 0 and plus:
                    start -= 1
            if kind is not None:
                found.append((kind, start, pieces[j - 1][2]))
                i = j
                matched = True
                break
        if not matched:
            i += 1
    return found


#: A chain must hold at least this many digits to hold a personal number.
_MIN_DIGITS = 11


def find_personal_information(plain, labels_at=None):
    """``(kind, start, end)`` of each personal-information number in the plain copy.

    ``labels_at(position)``, when given, returns label text that applies at a position
    besides the number's own line (for a table cell: its row and column headers).
    """
    found = []
    for chain in _CHAIN.finditer(plain):
        s, e = chain.span()
        if e - s < _MIN_DIGITS:
            continue
        for kind, start, end in _numbers_in_chain(plain, s, e):
            labels = labels_at(start) if labels_at else ""
            if not _not_personal(plain, start, end, labels):
                found.append((kind, start, end))
    return found
