"""Newsroom roles live in roles.py; this module makes Django send post_migrate here."""
