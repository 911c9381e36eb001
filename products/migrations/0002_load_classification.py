from django.db import migrations

# The classification is loaded by 0005_load_classification (with the 2026 scheme and its groups).


class Migration(migrations.Migration):
    dependencies = [("products", "0001_initial")]
    operations = []
