from django.db import models
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class Photo(AbstractImage):
    """A picture with its caption and credit kept apart from the file."""

    caption = models.TextField(blank=True, help_text="The sentence shown under the photo.")
    credit = models.CharField(
        max_length=255,
        blank=True,
        help_text='Who took or supplied it, as shown: "Anadolu Agency photo".',
    )
    copyright = models.CharField(max_length=255, blank=True)

    admin_form_fields = Image.admin_form_fields + ("caption", "credit", "copyright")

    class Meta(AbstractImage.Meta):
        verbose_name = "photo"
        verbose_name_plural = "photos"
        permissions = [("choose_image", "Can choose image")]


class PhotoRendition(AbstractRendition):
    image = models.ForeignKey(Photo, on_delete=models.CASCADE, related_name="renditions")

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
