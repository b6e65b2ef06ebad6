"""Generators of identifiers with valid check characters, for the screening tests."""

import datetime

from wagtail_govinfo.screening.personal import (
    USCC_ALPHABET,
    id_check_character,
    luhn_valid,
    org_code_check_character,
    uscc_check_character,
)


def valid_id(rng):
    province = rng.choice([11, 12, 31, 32, 44, 51, 61, 65])
    born = datetime.date(1950, 1, 1) + datetime.timedelta(days=rng.randrange(365 * 55))
    first = f"{province}{rng.randint(1, 99):02d}{rng.randint(1, 99):02d}{born:%Y%m%d}{rng.randint(0, 999):03d}"
    return first + id_check_character(first)


def mobile(rng):
    return f"1{rng.choice('3456789')}{rng.randint(0, 999999999):09d}"


def card(rng, length=16):
    head = rng.choice(["62", "4", "51", "55"])
    body = head + "".join(rng.choice("0123456789") for _ in range(length - len(head) - 1))
    return next(body + d for d in "0123456789" if luhn_valid(body + d))


def uscc(rng, digits_only=False):
    alphabet = "0123456789" if digits_only else USCC_ALPHABET
    org = "".join(rng.choice(alphabet) for _ in range(8))
    org += org_code_check_character(org)
    first17 = rng.choice(["11", "12", "13", "51", "91", "92", "Y1"]) + rng.choice(
        ["110000", "310115", "440300", "330106"]
    ) + org
    return first17 + uscc_check_character(first17)


def shaped_number(rng):
    """A number that a bare pattern would take for a mobile or a bank card."""
    roll = rng.random()
    if roll < 0.4:
        return mobile(rng)
    return card(rng, rng.choice([16, 17, 19]))


def grouped(number, sizes, sep):
    out, i = [], 0
    for size in sizes:
        out.append(number[i : i + size])
        i += size
    return sep.join(out)
