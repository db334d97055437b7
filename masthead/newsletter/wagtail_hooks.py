from wagtail.snippets.models import register_snippet

from masthead.newsletter.admin_views import NewsletterViewSetGroup

register_snippet(NewsletterViewSetGroup)
