from django.apps import AppConfig


class SnippetAppConfig(AppConfig):
    """A test-only snippet under Wagtail snippet workflows: the core has no such model,
    and the review steps promise to work for snippets too."""

    name = "tests.workflows.snippetapp"
    label = "govinfo_workflows_snippetapp"
    default_auto_field = "django.db.models.BigAutoField"
