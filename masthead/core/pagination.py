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


class StoryListPage:
    """A page of a listing that is not counted: it knows only whether older items follow.

    A section front's readers follow "Older stories" and rarely need "Page 2 of 26";
    counting a big section's stories on every render costs more than fetching its page.
    """

    def __init__(self, object_list: list, number: int, more: bool):
        self.object_list = object_list
        self.number = number
        self.more = more

    def __iter__(self):
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)

    def __bool__(self) -> bool:
        return bool(self.object_list)

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.more or self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1


def page_number(request) -> int:
    """The page number that ?page= names: a positive whole number, else a 404."""
    raw = request.GET.get("page", "1")
    if len(raw) > 9 or not raw.isdigit() or int(raw) < 1:
        raise Http404("There is no such page.")
    return int(raw)


def paginate_uncounted(request, items, per_page: int) -> StoryListPage:
    """The page of `items` named by ?page=, fetched with one row more and no count.

    A number that is not a positive integer, or a page past the end, is a 404.
    """
    number = page_number(request)
    start = (number - 1) * per_page
    rows = list(items[start : start + per_page + 1])
    if not rows and number > 1:
        raise Http404("There is no such page.")
    return StoryListPage(rows[:per_page], number, more=len(rows) > per_page)
