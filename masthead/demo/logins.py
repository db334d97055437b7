"""The demo's newsroom accounts, with passwords kept in the data folder between runs."""

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

LOGINS_FILE = "demo-logins.json"


@dataclass(frozen=True)
class Role:
    username: str
    group: str
    superuser: bool = False


ROLES = (
    Role("editor", "Editor", superuser=True),
    Role("reporter", "Reporter"),
    Role("moderator", "Moderator"),
)
# The section the demo reporter writes in, with the sections below it.
REPORTER_SECTION = "local"


@dataclass(frozen=True)
class Login:
    username: str
    password: str
    role: str
    url: str


def logins_path() -> Path:
    return Path(settings.HOME) / LOGINS_FILE


def _read_passwords(path: Path) -> dict[str, str]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return (
        {k: v for k, v in data.items() if isinstance(v, str) and v}
        if isinstance(data, dict)
        else {}
    )


def _write_passwords(path: Path, passwords: dict[str, str]) -> None:
    """Write the file readable by its owner only, replacing any older copy in one step."""
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        json.dump(passwords, handle, indent=2)
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def account_ensure(*, role: Role, password: str | None):
    """Create or repair one role's account; return it with the password that now works."""
    User = get_user_model()
    user = User.objects.filter(username=role.username).first()
    if user is None:
        user = User(username=role.username, email=f"{role.username}@masthead.example")
    # A password not on file cannot be printed, so the account gets a new one.
    password = password or secrets.token_urlsafe(12)
    changed = user.pk is None or not user.check_password(password)
    if changed:
        user.set_password(password)
    if role.superuser and not (user.is_superuser and user.is_staff):
        user.is_superuser = user.is_staff = changed = True
    if not user.is_active:
        user.is_active = changed = True
    if changed:
        user.save()
    user.groups.add(Group.objects.get(name=role.group))
    return user, password


def logins_ensure() -> list[Login]:
    """Make sure each demo role has an account whose login is on file; return the logins."""
    path = logins_path()
    passwords = _read_passwords(path)
    admin_url = f"{settings.MASTHEAD_BASE_URL}/admin/"
    logins = []
    for role in ROLES:
        _user, password = account_ensure(role=role, password=passwords.get(role.username))
        passwords[role.username] = password
        logins.append(Login(role.username, password, role.group, admin_url))
    _write_passwords(path, passwords)
    return logins


def reporter_section_ensure(section) -> None:
    """Let the demo reporter write in `section`, keeping any reporter already assigned."""
    from masthead.newsroom.models import SectionDesk
    from masthead.newsroom.sections import section_desk_save

    reporter = get_user_model().objects.get(username="reporter")
    desk = SectionDesk.objects.filter(section=section).select_related("group").first()
    assigned = set(desk.group.user_set.all()) if desk else set()
    section_desk_save(section=section, reporters=assigned | {reporter})
