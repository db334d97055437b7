from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """A member of the newsroom: reporters, editors, moderators and administrators."""

    class Meta:
        db_table = "accounts_user"
