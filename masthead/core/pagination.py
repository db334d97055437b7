from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.http import Http404


def paginate(request, items, per_page: int) -> Page:
    """Return the page of `items` named by ?page=; a bad or out-of-range number is a 404."""
    paginator = Paginator(items, per_page, allow_empty_first_page=True)
    raw = request.GET.get("page", "1")
    if len(raw) > 9:
        raise Http404("There is no such page.")
    try:
        return paginator.page(raw)
    except (PageNotAnInteger, EmptyPage):
        raise Http404("There is no such page.") from None
