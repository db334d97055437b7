from django import template
from django.urls import reverse

from masthead.comments.models import MAX_DEPTH, Comment
from masthead.comments.policy import get_policy
from masthead.comments.text import comment_html as render_comment
from masthead.comments.views import STATUS_MESSAGES
from masthead.core.pagination import paginate

register = template.Library()

COMMENTS_PER_PAGE = 50


@register.inclusion_tag("comments/_section.html", takes_context=True)
def comments_section(context, story):
    """The story's published comments, threaded, 50 a page, and the form: two queries."""
    request = context["request"]
    comments = paginate(
        request,
        Comment.objects.published().on(story).threaded().for_display(),
        COMMENTS_PER_PAGE,
        count=getattr(story, "comment_count", None),
    )
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


@register.filter
def comment_html(body: str):
    """A comment's text as HTML: escaped, in paragraphs, links made clickable."""
    return render_comment(body)
