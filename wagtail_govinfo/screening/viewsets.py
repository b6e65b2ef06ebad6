"""Admin of the screening dictionary (敏感词/错别字) and of the allow-list of ordinary
vocabulary (允许词), for the platform operator.

Access follows the model permissions on ``SensitiveWord`` and ``AllowListEntry``
(``govinfo_setup`` gives them to the operator group). Importing needs both *add* and
*change*.
"""

from django import forms
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.forms import modelform_factory
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import Button
from wagtail.permissions import policy_registry

from ..models import AllowListEffect, AllowListEntry, SensitiveWord
from .dictionary import SENSITIVE, TYPO, shipped_allow_list
from .normalise import normalise_word
from .wordlists import (
    CREATE,
    UNCHANGED,
    UPDATE,
    WordRow,
    REFUSAL_LABELS,
    format_error,
    import_rows,
    plan_import,
    read_word_list,
)

#: Largest word list the admin accepts; bigger lists go through ``govinfo_import_words``.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
_SIGNING_SALT = "wagtail_govinfo.screening.import"


class SensitiveWordIndexView(generic.IndexView):
    import_url_name = None

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.import_url_name and _can_import(self.request.user, self.model):
            buttons.append(
                Button(_("Import a word list"), url=reverse(self.import_url_name), icon_name="upload", priority=50)
            )
        return buttons


class SensitiveWordForm(forms.ModelForm):
    """The same rules as an imported list, for one word edited in the admin."""

    def clean(self):
        cleaned = super().clean()
        word = (cleaned.get("word") or "").strip()
        correction = (cleaned.get("correction") or "").strip()
        kind = cleaned.get("kind")
        if word and not normalise_word(word):
            self.add_error("word", _("The word has no letters, digits or characters to match."))
        if kind == TYPO and not correction:
            self.add_error("correction", _("A typo needs its correct form."))
        elif kind == SENSITIVE and correction:
            self.add_error("correction", _("Only a typo has a correct form."))
        elif correction and correction == word:
            self.add_error("correction", _("The correct form is the same as the typo."))
        return cleaned


class WordListUploadForm(forms.Form):
    word_list = forms.FileField(
        label=_("Word list"),
        help_text=_(
            "A .txt file (one word a line, or several separated by commas; optional columns, "
            "separated by a tab: severity 提示/阻断, category) or an .xlsx workbook with the "
            "columns 词语, 类型, 正确写法, 级别, 分类. Duplicates are merged; single characters, "
            "entries that normalisation changes and ordinary vocabulary are refused."
        ),
    )
    typos = forms.BooleanField(
        label=_("This is a typo list"),
        required=False,
        help_text=_("Read “wrong→right” (or “=>”, “->”) lines as typos with their right form. "
                    "Otherwise such a line is a filter's replacement rule and only the word on "
                    "the left is imported."),
    )

    def clean_word_list(self):
        upload = self.cleaned_data["word_list"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(size)s MB: import it with the govinfo_import_words command.")
                % {"size": MAX_UPLOAD_BYTES // (1024 * 1024)}
            )
        return upload


class WordListConfirmForm(forms.Form):
    rows = forms.CharField(widget=forms.HiddenInput)

    def clean_rows(self):
        try:
            data = signing.loads(self.cleaned_data["rows"], salt=_SIGNING_SALT, max_age=3600)
            return [WordRow(*values) for values in data]
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError(_("The preview has expired or was altered: upload the list again."))


def _can_import(user, model):
    policy = policy_registry.get_by_type(model)
    return policy.user_has_permission(user, "add") and policy.user_has_permission(user, "change")


class WordListImportView(generic.base.WagtailAdminTemplateMixin, FormView):
    """Upload → preview (nothing written, bad rows named) → confirm → import."""

    template_name = "wagtail_govinfo/screening/import_words.html"
    form_class = WordListUploadForm
    model = SensitiveWord
    page_title = _("Import a word list")
    header_icon = "upload"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not _can_import(request.user, self.model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": SensitiveWord._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def post(self, request, *args, **kwargs):
        if "rows" in request.POST:
            return self.confirm(WordListConfirmForm(request.POST))
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["word_list"]
        report = read_word_list(upload.name, upload.read(), typos=form.cleaned_data["typos"])
        rows, errors = report.rows, report.errors
        if errors:
            form.add_error(
                "word_list",
                ngettext(
                    "%(count)s row is wrong; nothing was imported. Correct the file and upload it again.",
                    "%(count)s rows are wrong; nothing was imported. Correct the file and upload it again.",
                    len(errors),
                ) % {"count": len(errors)},
            )
            return self.render_to_response(
                self.get_context_data(
                    form=form, row_errors=errors, errors=[format_error(e) for e in errors]
                )
            )
        if not rows and not report.refused:
            form.add_error("word_list", _("The file holds no words."))
            return self.form_invalid(form)
        plan = plan_import(rows)
        payload = signing.dumps(
            [[r.line, r.word, r.kind, r.correction, r.severity, r.category] for r in rows],
            salt=_SIGNING_SALT,
            compress=True,
        )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                plan=plan,
                counts=_counts(plan),
                confirm_form=WordListConfirmForm(initial={"rows": payload}),
                file_name=upload.name,
                report=report,
                refused_counts=[
                    (REFUSAL_LABELS[reason], count)
                    for reason, count in sorted(report.refused_by_reason().items())
                ],
            )
        )

    def confirm(self, confirm_form):
        if not confirm_form.is_valid():
            messages.error(self.request, " ".join(confirm_form.errors.get("rows", [])))
            return redirect(self.request.path)
        counts = import_rows(confirm_form.cleaned_data["rows"])
        messages.success(
            self.request,
            _("Word list imported: %(created)s new, %(updated)s updated, %(unchanged)s unchanged.")
            % {"created": counts[CREATE], "updated": counts[UPDATE], "unchanged": counts[UNCHANGED]},
        )
        return redirect(self.index_url_name)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["action_labels"] = {
            CREATE: _("new"), UPDATE: _("updated"), UNCHANGED: _("unchanged"),
        }
        return context


def _counts(plan):
    counts = {CREATE: 0, UPDATE: 0, UNCHANGED: 0}
    for _row, action, _obj in plan:
        counts[action] += 1
    return counts


class SensitiveWordViewSet(ModelViewSet):
    """敏感词与错别字词库 (第十七条(七)(九), 第二十五条)."""

    model = SensitiveWord
    icon = "warning"
    menu_label = _("Screening dictionary")
    add_to_admin_menu = False
    form_fields = ["word", "kind", "correction", "severity", "category", "is_active"]
    list_display = [
        "word", "kind", "correction", "severity", "category",
        BooleanColumn("is_active", label=_("active")), "updated_at",
    ]
    list_filter = ["kind", "severity", "is_active", "category"]
    search_fields = ["word", "correction", "category"]
    list_per_page = 50
    index_view_class = SensitiveWordIndexView
    import_view_class = WordListImportView

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=SensitiveWordForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.form_fields,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    @property
    def import_view(self):
        return self.import_view_class.as_view(index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [path("import/", self.import_view, name="import")]


class AllowListEntryForm(forms.ModelForm):
    """An operator's change to the allow-list: a word added, or a word of the configured
    list disabled. Words are compared in their normalised form, as screening reads them."""

    class Meta:
        model = AllowListEntry
        fields = ["word", "effect", "note"]

    def clean_word(self):
        return (self.cleaned_data.get("word") or "").strip()

    def clean(self):
        cleaned = super().clean()
        word = cleaned.get("word")
        effect = cleaned.get("effect")
        if not word or not effect:
            return cleaned
        normalised = normalise_word(word)
        if len(normalised) < 2:
            self.add_error("word", _("An allow-list word has at least two characters to match."))
            return cleaned
        shipped = normalised in shipped_allow_list()
        if effect == AllowListEffect.DISABLE and not shipped:
            self.add_error("word", _("This word is not on the configured allow-list: there is nothing to disable."))
        elif effect == AllowListEffect.ALLOW and shipped:
            self.add_error("word", _("This word is already on the configured allow-list."))
        others = AllowListEntry.objects.exclude(pk=self.instance.pk).values_list("word", flat=True)
        if any(normalise_word(other) == normalised for other in others):
            self.add_error("word", _("This word already has an allow-list entry."))
        return cleaned


class AllowListEntryViewSet(ModelViewSet):
    """允许词: the operator's additions to, and removals from, the allow-list of ordinary
    vocabulary (``scripts/derive_allow_list.py``, ``SCREENING_ALLOW_LIST``)."""

    model = AllowListEntry
    icon = "tick"
    menu_label = _("Allow-list")
    add_to_admin_menu = False
    form_fields = ["word", "effect", "note"]
    list_display = ["word", "effect", "note", "updated_at"]
    list_filter = ["effect"]
    search_fields = ["word", "note"]
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return modelform_factory(
            self.model,
            form=AllowListEntryForm,
            formfield_callback=self.formfield_for_dbfield,
            fields=self.form_fields,
        )
