from django.db import migrations


def load(apps, schema_editor):
    from products.classification import iter_groups  # noqa: PLC0415 — read when the migration runs, not when it is listed

    ProductGroup = apps.get_model("products", "ProductGroup")
    for scheme, sector, category, name, position in iter_groups():
        ProductGroup.objects.update_or_create(scheme=scheme, name=name, defaults={
            "sector": sector, "category": category, "position": position})


class Migration(migrations.Migration):
    dependencies = [("products", "0004_standing_from_certificates")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
