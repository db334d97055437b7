"""Filing many stories at once: tree paths as treebeard gives them, one INSERT per batch.

Wagtail's add_child costs several queries per page; the demo's bulk articles and the
wire's batches place new pages after a parent's last child themselves.
"""

from django.db import connection
from django.db.models import F
from wagtail.models import Page

from masthead.stories.models import subtree_range


def child_paths(parent: Page, count: int) -> list[str]:
    """Tree paths for `count` new last children of `parent`, counted in its numchild."""
    depth = parent.depth + 1
    last = (
        Page.objects.filter(**subtree_range(parent.path), depth=depth)
        .order_by("-path")
        .values_list("path", flat=True)
        .first()
    )
    start = Page._str2int(last[-Page.steplen :]) if last else 0
    paths = [Page._get_path(parent.path, depth, start + n) for n in range(1, count + 1)]
    if paths and len(paths[-1]) != len(parent.path) + Page.steplen:
        raise ValueError(f"no room left under {parent.url_path} for {count} more pages")
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + count)
    return paths


def insert_own_rows(model, objs) -> None:
    """INSERT only `model`'s own table for each object, its parents' rows already existing.

    bulk_create() refuses multi-table models; QuerySet._insert is what Model.save()
    itself uses for one table of such a model.
    """
    fields = model._meta.local_concrete_fields
    size = max(1, connection.ops.bulk_batch_size(fields, objs) or len(objs))
    for start in range(0, len(objs), size):
        model._base_manager._insert(objs[start : start + size], fields=fields)
