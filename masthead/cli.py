"""The `masthead` command: Django's management commands with Masthead's settings."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "masthead.settings")
    argv = list(sys.argv if argv is None else argv)
    argv[0] = "masthead"
    from masthead.config import ConfigError

    try:
        from django.conf import settings

        settings.INSTALLED_APPS  # noqa: B018 - load settings now, to report bad values in one line
    except ConfigError as exc:
        print(f"masthead: configuration error: {exc}", file=sys.stderr)
        return 2
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
