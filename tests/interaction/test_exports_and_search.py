"""The message list's exports are formula-safe and character-safe; an auditor's search
matches only what the auditor may read (the masked subject)."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import PASSWORD

from .conftest import advance

pytestmark = pytest.mark.django_db

HOSTILE_SUBJECTS = ["=HYPERLINK(\"http://x.example\",\"点我\")", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd", "-2+3"]


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def index(client, **params):
    return client.get(reverse("govinfo_messages:index"), params)


def test_csv_export_neutralises_formulas_and_control_characters(client, people, make_message):
    for subject in HOSTILE_SUBJECTS:
        make_message(subject=subject)
    make_message(subject="缴费\u0001时间\u0007咨询")
    login(client, people.operator)
    response = index(client, export="csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    subjects = {row[3] for row in rows[1:]}
    assert {"'" + s for s in HOSTILE_SUBJECTS} <= subjects
    assert "缴费时间咨询" in subjects
    assert not any(cell[:1] in "=+-@" for row in rows[1:] for cell in row if cell)


def test_xlsx_export_of_a_control_character_subject_works(client, people, make_message):
    make_message(subject="缴费\u0001时间")
    make_message(subject="=HYPERLINK(\"http://x.example\")")
    login(client, people.operator)
    response = index(client, export="xlsx")
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    values = [cell.value for row in book.active.iter_rows(min_row=2) for cell in row]
    assert "缴费时间" in values
    assert "'=HYPERLINK(\"http://x.example\")" in values
    assert all(cell.data_type != "f" for row in book.active.iter_rows() for cell in row)


def test_an_auditors_search_never_matches_the_masked_original(client, people, dept, make_message):
    unmoderated = make_message(subject="手机13912345678打不通")
    moderated = advance(make_message(subject="电话13987654321的问题"), people, dept, "accepted")
    assert "13987654321" not in moderated.public_subject  # masked at moderation
    login(client, people.auditor)
    for number in ("13912345678", "13987654321", "1391234"):
        response = index(client, q=number)
        assert response.status_code == 200
        assert response.context["object_list"].count() == 0, number
    # What the auditor can read is still found.
    found = index(client, q="打不通").context["object_list"]
    assert list(found) == [unmoderated]
    assert list(index(client, q="的问题").context["object_list"]) == [moderated]


def test_the_operator_searches_the_original(client, people, make_message):
    message = make_message(subject="手机13912345678打不通")
    login(client, people.operator)
    assert list(index(client, q="13912345678").context["object_list"]) == [message]
