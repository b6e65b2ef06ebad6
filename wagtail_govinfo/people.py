"""Finding people by name (姓名) in the role form: a Wagtail chooser of users.

The role form's person field opens a modal (Wagtail's generic chooser) that searches the
username, the given name, the family name and the whole name written either way
("王保密", "保密 王"), and lists people as ``王保密（wangbm）``. It works with any user model
that has ``username``/``first_name``/``last_name`` (Django's), needs no search index, and is
the platform operator's: only the operator assigns roles, so only the operator may list people.
"""

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Value
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.widgets.chooser import BaseChooser
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import chooser as chooser_views
from wagtail.admin.viewsets.chooser import ChooserViewSet

from .names import display_name, display_name_with_username
from .roles import is_operator


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name or username"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("Name or username, e.g. 王保密 or wangbm")}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_searching = False
        self.is_filtering_by_collection = False
        self.search_query = None

    def filter(self, objects):
        query = (self.cleaned_data.get("q") or "").strip()
        if not query:
            return objects
        self.is_searching, self.search_query = True, query
        objects = objects.annotate(
            _govinfo_family_first=Concat("last_name", "first_name"),
            _govinfo_given_first=Concat("first_name", Value(" "), "last_name"),
        )
        condition = (
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(_govinfo_family_first__icontains=query.replace(" ", ""))
            | Q(_govinfo_given_first__icontains=query)
        )
        return objects.filter(condition)


class OperatorOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_operator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class PersonColumnsMixin:
    filter_form_class = PersonSearchForm

    def get_object_list(self):
        return get_user_model().objects.filter(is_active=True).prefetch_related("govinfo_roles__department")

    def apply_object_list_ordering(self, objects):
        return objects.order_by("last_name", "first_name", "username")

    @property
    def columns(self):
        return [
            TitleColumn(
                "name",
                label=_("Full name"),
                accessor=display_name,
                get_url=lambda user: self.append_preserved_url_parameters(
                    reverse(self.chosen_url_name, args=(user.pk,))
                ),
                link_attrs={"data-chooser-modal-choice": True},
            ),
            Column("username", label=_("Username"), accessor="username"),
            Column(
                "roles",
                label=_("Roles"),
                accessor=lambda user: "；".join(
                    f"{r.department.name}·{r.get_role_display()}" for r in user.govinfo_roles.all()
                ),
            ),
        ]


class PersonChooseView(OperatorOnlyMixin, PersonColumnsMixin, chooser_views.ChooseView):
    pass


class PersonChooseResultsView(OperatorOnlyMixin, PersonColumnsMixin, chooser_views.ChooseResultsView):
    pass


class PersonChosenView(OperatorOnlyMixin, chooser_views.ChosenView):
    def get_display_title(self, instance):
        return display_name_with_username(instance)


class PersonChosenMultipleView(OperatorOnlyMixin, chooser_views.ChosenMultipleView):
    pass


class PersonCreateView(chooser_views.CreateView):
    """People are created under Settings → Users, not from the chooser."""

    def dispatch(self, request, *args, **kwargs):
        raise PermissionDenied


class PersonChooserWidget(BaseChooser):
    """Shows the chosen person as 王保密（wangbm）, not the username."""

    def get_display_title(self, instance):
        return display_name_with_username(instance)


class PersonChooserViewSet(ChooserViewSet):
    model = get_user_model()
    icon = "user"
    choose_one_text = _("Choose a person")
    choose_another_text = _("Choose another person")
    page_title = _("Find a person by name")
    per_page = 20
    # Only the role form uses this chooser: other user fields keep their own widgets.
    register_widget = False
    base_widget_class = PersonChooserWidget
    choose_view_class = PersonChooseView
    choose_results_view_class = PersonChooseResultsView
    chosen_view_class = PersonChosenView
    chosen_multiple_view_class = PersonChosenMultipleView
    create_view_class = PersonCreateView


person_chooser_viewset = PersonChooserViewSet("govinfo_person_chooser", url_prefix="govinfo/people")
