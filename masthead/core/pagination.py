from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404


def paginate(request, items, per_page: int, count: int | None = None) -> Page:
    """Return the page of `items` named by ?page=; a bad or out-of-range number is a 404.

    `count`, when the caller already knows it, saves the counting query; with a count
    of 0 nothing is fetched at all.
    """
    if count == 0:
        items = []
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property
    raw = request.GET.get("page", "1")
    if len(raw) > 9:
        raise Http404("There is no such page.")
    try:
        return paginator.page(raw)
    except (PageNotAnInteger, EmptyPage):
        raise Http404("There is no such page.") from None
