"""Personal information: resident ID numbers, mainland mobile numbers, bank cards.

Every pattern runs on the *plain* normalised copy (full-width digits already
ASCII, zero-width characters removed) and only matches a whole number: a number
that continues into more digits (an order number, a longer account) is not
reported as a shorter one inside it.

Rules, decided deliberately:

* **身份证号** (GB 11643-1999): 18 characters, 17 digits and a check character
  (0-9 or X) under ISO 7064 MOD 11-2. The first two digits must be a province
  code, and digits 7-14 a real date of birth between 1900 and today. Written
  whole or grouped 6-8-4 with single spaces or hyphens. An invalid check digit is
  **not** a finding: such a number is not an ID number that can identify anyone.
  Old 15-digit numbers are not detected.
* **手机号**: 11 digits starting 13-19, optionally prefixed +86 / 0086 / 86, whole or
  grouped 3-4-4 with the same single space or hyphen.
* **银行卡号**: 16 to 19 digits passing the Luhn check, whole or in groups of four.
  An 18-digit number that is *shaped like an ID number* (province code and date of
  birth plausible) but fails the ID check digit is neither an ID nor a bank card:
  about one in ten such numbers passes Luhn by chance, and calling a mistyped ID
  number a bank card would contradict the ID rule above and block pages at random.
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

_ID = re.compile(r"(?<![0-9])([0-9]{6})([ -]?)([0-9]{8})\2([0-9]{3}[0-9x])(?![0-9a-z])")
_MOBILE = re.compile(
    r"(?<![0-9+])(?:(?:\+|00)?86[ -]?)?(1[3-9][0-9])([ -]?)([0-9]{4})\2([0-9]{4})(?![0-9])"
)
_CARD = re.compile(
    r"(?<![0-9])(?:([0-9]{16,19})(?![0-9])"
    r"|([0-9]{4}([ -])[0-9]{4}(?:\3[0-9]{4}){2}(?:\3[0-9]{1,3})?)(?!\3?[0-9]))"
)


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


#: A run of digits with single spaces or hyphens between them: every number above
#: lies inside one, so the patterns only run where a run is long enough.
_DIGIT_RUN = re.compile(r"[+0-9][0-9]*(?:[ -][0-9]+)*x?")


def find_personal_information(plain):
    """``(kind, start, end)`` of each personal-information number in the plain copy."""
    found = []
    for run in _DIGIT_RUN.finditer(plain):
        if run.end() - run.start() >= 11:
            # One character beyond the run keeps the patterns' look-aheads true.
            found.extend(_numbers_in(plain, run.start(), min(len(plain), run.end() + 1)))
    return found


def _numbers_in(plain, pos, endpos):
    found = []
    taken = []
    for m in _ID.finditer(plain, pos, endpos):
        if is_valid_id_number(m.group(1) + m.group(3) + m.group(4)):
            found.append(("id_number", m.start(), m.end()))
            taken.append(m.span())
    for m in _MOBILE.finditer(plain, pos, endpos):
        found.append(("mobile", m.start(), m.end()))
    for m in _CARD.finditer(plain, pos, endpos):
        digits = m.group(1) or re.sub(r"[ -]", "", m.group(2))
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if len(digits) == 18 and id_shaped(digits):
            continue  # an ID number with a wrong check digit: see the module docstring
        if luhn_valid(digits):
            found.append(("bank_card", m.start(), m.end()))
    return found
