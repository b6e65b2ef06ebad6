"""The columns of the exported ledgers, as django-import-export resources.

The resources are the one definition of what an exported ledger contains: header,
attribute and widget of every column, in order. ``export.py`` streams rows through
them into a constant-memory workbook; ``resource.export()`` also works (it builds the
whole sheet in memory, fine for a few thousand rows).

The headers are Chinese and not translated: they are a file format that auditors'
tools read (``interfaces.md``), the same whatever the admin's language. The first nine
columns of the submission ledger are exactly those of 第二十条.
"""

from import_export import fields, resources, widgets

from .ledger_time import ledger_localtime
from .models import PublicationLedgerEntry, SubmissionLedgerEntry

#: 信息类型 as 第二十条 names them (文、图、表、音视频) plus 数据 of 第二条.
INFO_TYPE_NAMES = {
    "text": "文",
    "image": "图",
    "table": "表",
    "audio_video": "音视频",
    "data": "数据",
}
#: 操作 of the publication ledger.
KIND_NAMES = {"publish": "发布", "revoke": "撤销", "unpublish": "下线"}


#: How a screening finding was resolved (``resolution`` of a stored finding).
RESOLUTION_NAMES = {"overridden": "已覆盖", "accepted": "已核查", "masked": "已屏蔽", "removed": "已删除"}


class FindingsWidget(widgets.Widget):
    """The findings of the review, one line each: kind, text, where, how resolved and,
    for an override, the reviewer's reason (覆盖说明)."""

    def __init__(self):
        super().__init__(coerce_to_string=True)

    def render(self, value, obj=None, **kwargs):
        lines = []
        for finding in value or []:
            if not isinstance(finding, dict):
                lines.append(str(finding))
                continue
            line = f"{finding.get('label') or finding.get('kind') or ''} {finding.get('text') or ''}"
            places = finding.get("places") or []
            if places:
                line += f"（{'；'.join(str(p) for p in places)}）"
            resolution = finding.get("resolution")
            if resolution:
                line += "：" + RESOLUTION_NAMES.get(resolution, str(resolution))
            if finding.get("reason"):
                line += f"，{finding['reason']}"
            lines.append(line)
        return "\n".join(lines)


class LedgerDateTimeWidget(widgets.DateTimeWidget):
    """A real Excel date-time in Beijing time (Excel cells carry no time zone)."""

    def __init__(self):
        super().__init__(coerce_to_string=False)

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return None
        return ledger_localtime(value).replace(tzinfo=None)


class LedgerDateWidget(widgets.DateWidget):
    """A real Excel date."""

    def __init__(self):
        super().__init__(coerce_to_string=False)


class LedgerNumberWidget(widgets.IntegerWidget):
    """A number cell, not text."""

    def __init__(self):
        super().__init__(coerce_to_string=False)


class LabelWidget(widgets.Widget):
    """A stored code written as its fixed Chinese name."""

    def __init__(self, names):
        super().__init__(coerce_to_string=True)
        self.names = names

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return self.names.get(value, str(value))


def _number(attribute, header):
    return fields.Field(attribute=attribute, column_name=header, widget=LedgerNumberWidget(), readonly=True)


def _text(attribute, header):
    return fields.Field(attribute=attribute, column_name=header, widget=widgets.CharWidget(), readonly=True)


def _datetime(attribute, header):
    return fields.Field(attribute=attribute, column_name=header, widget=LedgerDateTimeWidget(), readonly=True)


def _date(attribute, header):
    return fields.Field(attribute=attribute, column_name=header, widget=LedgerDateWidget(), readonly=True)


def _label(attribute, header, names):
    return fields.Field(attribute=attribute, column_name=header, widget=LabelWidget(names), readonly=True)


class LedgerResource(resources.ModelResource):
    """Base of the ledger resources: export only, in the declared order.

    The columns that both ledgers carry under the same header are declared here; each
    ledger declares its own columns and gives the order of all of them in
    ``Meta.fields`` (the file format: never reorder).
    """

    #: Title of the workbook and of its first sheet.
    sheet_title = ""

    number = _number("number", "序号")
    title = _text("title", "信息名称")
    reviewer_name = _text("reviewer_name", "保密审核人")
    leader_name = _text("leader_name", "分管负责人")
    info_type = _label("info_type", "信息类型", INFO_TYPE_NAMES)
    remarks = _text("remarks", "备注")
    year = _number("year", "年度")
    department_code = _text("department_code", "单位代码")
    column_title = _text("column_title", "栏目")
    page_key = _number("page_key", "页面ID")
    revision_key = _number("revision_key", "版本ID")
    entry_id = _number("id", "记录ID")
    corrects_id = _number("corrects_id", "更正的记录ID")
    recorded_at = _datetime("recorded_at", "记录时间")
    entry_hash = _text("entry_hash", "本条哈希")

    def get_queryset(self):
        return self._meta.model.objects.order_by("year", "number")

    def import_data(self, *args, **kwargs):
        raise NotImplementedError("Ledgers are written by the application, never imported.")


class SubmissionLedgerResource(LedgerResource):
    """信息报送台账."""

    sheet_title = "信息报送台账"

    source_author = _text("source_author", "信息来源（作者）")
    written_on = _date("written_on", "写作时间")
    submitted_at = _datetime("submitted_at", "报送时间")
    department_name = _text("department_name", "报送单位")
    submitter_name = _text("submitter_name", "信息员")
    reviewed_at = _datetime("reviewed_at", "保密审核时间")
    review_comment = _text("review_comment", "保密审核意见")
    findings = fields.Field(
        attribute="findings", column_name="筛查发现及处理（覆盖说明）", widget=FindingsWidget(), readonly=True
    )

    class Meta:
        model = SubmissionLedgerEntry
        fields = (
            "number", "title", "source_author", "written_on", "reviewer_name", "leader_name",
            "submitted_at", "info_type", "remarks", "year", "department_name", "department_code",
            "column_title", "submitter_name", "reviewed_at", "review_comment", "findings",
            "page_key", "revision_key",
            "entry_id", "corrects_id", "recorded_at", "entry_hash",
        )
        export_order = fields


class PublicationLedgerResource(LedgerResource):
    """信息发布台账."""

    sheet_title = "信息发布台账"

    department_name = _text("department_name", "发布单位")
    publisher_name = _text("publisher_name", "发布人")
    published_at = _datetime("published_at", "发布时间")
    page_url = _text("page_url", "页面地址")
    kind = _label("kind", "操作", KIND_NAMES)
    submission_id = _number("submission_id", "报送记录ID")

    class Meta:
        model = PublicationLedgerEntry
        fields = (
            "number", "title", "column_title", "department_name", "publisher_name",
            "published_at", "reviewer_name", "leader_name", "page_url", "kind", "remarks",
            "year", "info_type", "department_code", "page_key", "revision_key", "submission_id",
            "entry_id", "corrects_id", "recorded_at", "entry_hash",
        )
        export_order = fields


RESOURCES = {
    "submission": SubmissionLedgerResource,
    "publication": PublicationLedgerResource,
}
