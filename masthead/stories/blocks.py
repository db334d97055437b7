from django.utils.functional import cached_property
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

PARAGRAPH_FEATURES = ["bold", "italic", "link", "ol", "ul", "h2", "h3"]
# Renditions every body or lead photo is served in; fetched together, never one by one.
PHOTO_SIZES = ("width-480", "width-800", "width-1200")
PHOTO_FORMATS = ("webp", "jpeg")
# Spelled as the {% picture %} tag spells them, so prefetched renditions match.
PHOTO_FILTERS = tuple(f"format-{fmt}|{size}" for size in PHOTO_SIZES for fmt in PHOTO_FORMATS)
SHARE_IMAGE_FILTER = "fill-1200x630|format-jpeg"


class PhotoChooserBlock(ImageChooserBlock):
    """Choose a photo; the photos of one body come with their renditions in one query."""

    def bulk_to_python(self, values):
        ids = {value for value in values if value is not None}
        by_id = {}
        # Renditions with their photo joined: one query once a photo has been shown.
        renditions = self.model_class.get_rendition_model().objects.filter(
            image_id__in=ids, filter_spec__in=PHOTO_FILTERS
        )
        for rendition in renditions.select_related("image"):
            photo = by_id.setdefault(rendition.image_id, rendition.image)
            if not hasattr(photo, "prefetched_renditions"):
                photo.prefetched_renditions = []
            rendition.image = photo
            photo.prefetched_renditions.append(rendition)
        # Photos never shown yet have no rendition to join: fetched on their own.
        if unseen := ids - by_id.keys():
            photos = self.model_class.objects.filter(pk__in=unseen)
            by_id.update((photo.pk, photo) for photo in photos)
        return [by_id.get(value) for value in values]

    @cached_property
    def model_class(self):
        from wagtail.images import get_image_model

        return get_image_model()


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, help_text="Who said it")

    class Meta:
        icon = "openquote"
        template = "stories/blocks/quote.html"


class PhotoBlock(blocks.StructBlock):
    photo = PhotoChooserBlock()
    caption = blocks.CharBlock(required=False, help_text="Leave empty to use the photo's caption")
    credit = blocks.CharBlock(required=False, help_text="Leave empty to use the photo's credit")

    class Meta:
        icon = "image"
        template = "stories/blocks/photo.html"


class LinkEmbedBlock(EmbedBlock):
    """An embed shown as a link: the page makes no request to a third party."""

    class Meta:
        icon = "media"
        template = "stories/blocks/embed.html"


class StoryBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, template="stories/blocks/paragraph.html"
    )
    quote = QuoteBlock()
    photo = PhotoBlock()
    embed = LinkEmbedBlock()
