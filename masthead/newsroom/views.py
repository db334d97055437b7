"""The desk's one-click actions: open a wire item as a draft in a section."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from masthead.newsroom import wire_items


class WireOpenForm(forms.Form):
    """The section to open a wire item in, among those the user may add articles to."""

    section = forms.ModelChoiceField(queryset=None, empty_label=None)

    def __init__(self, *args, user, **kwargs):
        from masthead.news.models import SectionPage

        super().__init__(*args, **kwargs)
        allowed = [section.pk for section in wire_items.sections_to_open_in(user)]
        self.fields["section"].queryset = SectionPage.objects.filter(pk__in=allowed)


@require_POST
def wire_item_open(request, item_id: int):
    """Open the story of one wire item as a draft in the chosen section, in the editor."""
    model = wire_items.wire_item_model()
    item = get_object_or_404(model.objects.select_related("page"), pk=item_id)
    form = WireOpenForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, "Choose a section you may add stories to.")
        return redirect("wagtailadmin_home")
    section = form.cleaned_data["section"]
    try:
        draft = wire_items.wire_item_open(item=item, section=section, user=request.user)
    except wire_items.WireOpenError as exc:
        messages.error(request, str(exc))
        return redirect("wagtailadmin_home")
    messages.success(request, f"“{draft.get_admin_display_title()}” is a draft in {section.title}.")
    return redirect("wagtailadmin_pages:edit", draft.pk)
