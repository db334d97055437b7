from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("stories", "0002_corrections_and_minor_edits"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="story",
            index=models.Index(fields=["page_ptr", "updated_at"], name="story_updated"),
        ),
    ]
