"""Subtree conditions on Wagtail's materialised paths, usable in one correlated subquery.

A page's descendants are the pages whose ``path`` starts with its path. Written as a
range (``path >= P AND path < P || '~'``) the database walks the unique index on
``path`` instead of scanning every page for each outer row, so "latest publication
under each of 10,000 topics" stays one indexed query. ``~`` sorts after every
character of treebeard's path alphabet (``0-9A-Z``) in byte order; on PostgreSQL the
bound is compared with the ``C`` collation, the one Wagtail gives the ``path`` column.
"""

from django.db.models import CharField, Func, OuterRef, Q, Value
from django.db.models.functions import Concat

PATH_END = "~"


class DescendantPathBound(Func):
    """``path || '~'``: above every descendant's path, in byte order."""

    template = "%(expressions)s"
    output_field = CharField()

    def __init__(self, path):
        super().__init__(Concat(path, Value(PATH_END), output_field=CharField()))

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, template='(%(expressions)s) COLLATE "C"', **extra_context
        )


def in_subtree(path, include_self=True, prefix=""):
    """Q for pages in the subtree of ``path`` (an expression such as ``OuterRef("path")``).

    ``prefix`` names the relation to the page (``"page__"``) when filtering another model.
    """
    if isinstance(path, str):
        path = Value(path)
    lower = f"{prefix}path__gte" if include_self else f"{prefix}path__gt"
    return Q(**{lower: path, f"{prefix}path__lt": DescendantPathBound(path)})


def under_outer(include_self=True, outer="path"):
    """Q for pages in the subtree of the outer query's page (in a ``Subquery``)."""
    return in_subtree(OuterRef(outer), include_self=include_self)


__all__ = ["DescendantPathBound", "PATH_END", "in_subtree", "under_outer"]
