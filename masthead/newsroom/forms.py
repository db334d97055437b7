"""The story editor's form: the newsroom's checks before anything is saved."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm

PAST_GO_LIVE = (
    "This time has already passed. Pick a time in the future to schedule the story, "
    "or clear the field to publish it now."
)
LEAD_CREDIT_MISSING = (
    "This site requires a credit for every photo: add one here or on the photo itself."
)
BODY_CREDIT_MISSING = (
    "This site requires a credit for every photo. Add one on the photo block or on the "
    "photo itself for: {titles}."
)


class StoryForm(WagtailAdminPageForm):
    """Reject a schedule in the past and, when the site requires it, uncredited photos."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "minor_edit" in self.fields:
            # A minor edit is chosen for one publication: the box never comes back ticked.
            self.initial["minor_edit"] = False

    @property
    def is_publishing(self) -> bool:
        """Say whether this submission publishes, or asks for the story to be published."""
        data = self.data
        return bool(
            data.get("action-publish")
            or data.get("action-submit")
            or (
                data.get("action-workflow-action") and data.get("workflow-action-name") == "approve"
            )
        )

    def clean(self):
        cleaned_data = super().clean()
        self.clean_schedule_not_past()
        if self.is_publishing and settings.MASTHEAD_REQUIRE_PHOTO_CREDIT:
            self.clean_photo_credits()
        return cleaned_data

    def clean_schedule_not_past(self) -> None:
        """Refuse a go-live time that has already passed, unless it is the one saved before."""
        go_live_at = self.cleaned_data.get("go_live_at")
        if not go_live_at or go_live_at > timezone.now():
            return
        # The editor shows minutes: a saved time comes back without its seconds.
        saved = self.instance.go_live_at
        if saved is None or abs(saved - go_live_at) >= timedelta(minutes=1):
            self.add_error("go_live_at", PAST_GO_LIVE)

    def clean_photo_credits(self) -> None:
        """Refuse to publish a lead or body photo that has no credit anywhere."""
        lead = self.cleaned_data.get("lead_image")
        if lead and not self.cleaned_data.get("lead_credit") and not lead.credit:
            self.add_error("lead_credit", LEAD_CREDIT_MISSING)
        uncredited = [
            block.value["photo"].title
            for block in self.cleaned_data.get("body") or []
            if block.block_type == "photo"
            and block.value.get("photo")
            and not block.value.get("credit")
            and not block.value["photo"].credit
        ]
        if uncredited:
            titles = ", ".join(f"“{title}”" for title in uncredited)
            self.add_error(None, BODY_CREDIT_MISSING.format(titles=titles))
