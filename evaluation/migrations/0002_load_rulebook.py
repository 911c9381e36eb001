from django.db import migrations

# The rulebook was loaded here until 0005; it is now loaded (with its sources, answer options and the 2026
# rules) by 0005_rules_2026, from evaluation.rulebook.load.


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial"), ("products", "0002_load_classification")]
    operations = []
