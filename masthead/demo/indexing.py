"""Index the demo's pages once each, instead of on every save while they are filed."""

from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.search import index
from wagtail.search.backends import get_search_backends
from wagtail.signal_handlers import disable_reference_index_auto_update


@contextmanager
def indexing_deferred():
    """Yield a list; what is appended to it is indexed once, when the block succeeds.

    Filing a page saves it three times (added, revised, published) and every save
    updates the search index and the reference index: half the time of a demo load.
    Only for single-threaded commands: signal receivers are process-wide.
    """
    pending: list = []
    paused = [
        model
        for model in index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    try:
        with disable_reference_index_auto_update():
            yield pending
    finally:
        for model in paused:
            post_save.connect(post_save_signal_handler, sender=model)
    by_model = defaultdict(list)
    for obj in pending:
        by_model[type(obj)].append(obj)
        ReferenceIndex.create_or_update_for_object(obj)
    # One batch per model, as `update_index` does, rather than one call per page.
    for backend in get_search_backends(with_auto_update=True):
        for model, objs in by_model.items():
            backend.add_bulk(model, objs)
