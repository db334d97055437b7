from html import escape as escape_html

from django import template
from django.urls import reverse
from django.utils.safestring import mark_safe

from masthead.comments.models import MAX_DEPTH, Comment
from masthead.comments.policy import get_policy
from masthead.comments.text import comment_html as render_comment
from masthead.comments.views import STATUS_MESSAGES
from masthead.core.pagination import paginate
from masthead.core.templatetags.masthead_tags import story_time

register = template.Library()

COMMENTS_PER_PAGE = 50


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comments_section(context, story):
    """The story's published comments, threaded, 50 a page, and the form: two queries."""
    request = context["request"]
    published = Comment.objects.published().on(story)
    count = getattr(story, "comment_count", None)
    if count is None:
        count = published.count()
    # Most stories have no comments yet: then there is nothing more to fetch.
    shown = [] if count == 0 else published.threaded().for_display()
    comments = paginate(request, shown, COMMENTS_PER_PAGE, count=count)
    status = request.GET.get("comment", "")
    return {
        "story": story,
        "comments": comments,
        "count": comments.paginator.count,
        "comments_open": get_policy().comments_open(story),
        "max_depth": MAX_DEPTH,
        "status_message": STATUS_MESSAGES.get(status, ""),
        "form_url": reverse("comments:form", args=[story.pk]),
        "request": request,
    }


# One comment of the list. Built in Python, not with {% for %} in the template: a page
# shows 50 of them, and a template loop over them cost more than the rest of the article.
# Every value is escaped here (escape_html) or is HTML made safe by its own function.
COMMENT_ITEM = (
    '<li class="comment comment--depth-{depth}" id="comment-{pk}">\n'
    '  <article aria-labelledby="comment-{pk}-by">\n'
    '    <p class="comment__meta"><span class="comment__author" id="comment-{pk}-by">{name}</span> '
    '<a class="comment__permalink" href="#comment-{pk}">{time}</a></p>\n'
    '    <div class="comment__body">{body}</div>\n'
    "    {reply}\n"
    "  </article>\n"
    "</li>\n"
)
REPLY_LINK = (
    '<p class="comment__reply">'
    '<a href="{url}?reply_to={pk}" aria-label="Reply to {name}">Reply</a></p>'
)


@register.simple_tag
def comment_items(comments, *, comments_open: bool, form_url: str):
    """The list items of a page of comments: escaped, threaded by depth, each with Reply."""
    url = escape_html(form_url)
    items = []
    for c in comments:
        pk, name = int(c.pk), escape_html(c.name)
        reply = ""
        if comments_open and c.depth < MAX_DEPTH:
            reply = REPLY_LINK.format(url=url, pk=pk, name=name)
        items.append(
            COMMENT_ITEM.format(
                depth=int(c.depth),
                pk=pk,
                name=name,
                time=story_time(c.created_at),
                body=render_comment(c.body),
                reply=reply,
            )
        )
    return mark_safe("".join(items))


@register.filter
def comment_html(body: str):
    """A comment's text as HTML: escaped, in paragraphs, links made clickable."""
    return render_comment(body)
