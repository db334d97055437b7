import shutil
import tempfile

from django.test import TestCase, override_settings


class DemoTestCase(TestCase):
    """Loads demo content once per class, into a data folder of its own.

    The suite gives each test a fresh media folder; the photos loaded in
    setUpTestData must outlive single tests, so the class keeps its own.
    """

    keeps_media = True

    @classmethod
    def setUpClass(cls):
        cls.folder = tempfile.mkdtemp(prefix="masthead-demo-")
        cls.folder_settings = override_settings(
            HOME=cls.folder,
            MEDIA_ROOT=f"{cls.folder}/media",
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        )
        cls.folder_settings.enable()
        try:
            super().setUpClass()
        except Exception:
            cls._forget_folder()
            raise

    @classmethod
    def _forget_folder(cls):
        cls.folder_settings.disable()
        shutil.rmtree(cls.folder, ignore_errors=True)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._forget_folder()
