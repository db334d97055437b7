"""Drive the page editor the way a browser would: read its form, change fields, post it."""

from django.urls import reverse
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)


def body_items(page):
    """The story body as editor form data: the editor builds these inputs with JavaScript."""
    items = []
    for block in page.body:
        if block.block_type == "paragraph":
            items.append(("paragraph", rich_text(block.value.source)))
        elif block.block_type == "photo":
            value = block.value
            photo = value["photo"]
            items.append(
                (
                    "photo",
                    {
                        "photo": photo.pk if photo else "",
                        "caption": value.get("caption") or "",
                        "credit": value.get("credit") or "",
                    },
                )
            )
    return items


def edit_form_data(client, page, *, body=None, **changes):
    """The edit form of `page` as the editor shows it, with `changes` applied."""
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200, response.status_code
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    stream = body if body is not None else body_items(page)
    data.update(nested_form_data({"body": streamfield(stream)}))
    for name, value in changes.items():
        data[name] = value
    return data


def post_edit(client, page, *, action=None, body=None, extra=None, **changes):
    """Post the page editor; `action` is "publish", "submit" or None for a draft."""
    data = edit_form_data(client, page, body=body, **changes)
    if action:
        data[f"action-{action}"] = action
    for name, value in (extra or {}).items():
        data[name] = value
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
