"""`{% picture %}`: Wagtail's tag, with its filters parsed once per template.

Wagtail's tag makes new Filter objects on every render, and each new Filter inspects
the signature of every image operation again: a front rendering thirty teasers spent a
fifth of their time there. A Filter keeps nothing of the image it is applied to, so the
template's node keeps its own and uses them for every render.
"""

from django import template
from django.utils.functional import cached_property
from wagtail.images.templatetags import wagtailimages_tags as wagtail

register = template.Library()


class PictureNode(wagtail.PictureNode):
    @cached_property
    def filters(self):
        return super().get_filters()

    def get_filters(self):
        return self.filters


@register.tag
def picture(parser, token):
    node = wagtail.image(parser, token)
    return PictureNode(
        node.image_expr, node.filter_specs, attrs=node.attrs, output_var_name=node.output_var_name
    )
