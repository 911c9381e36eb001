from django.db import migrations


def load(apps, schema_editor):
    from products.classification import iter_groups

    ProductGroup = apps.get_model("products", "ProductGroup")
    for scheme, sector, name, position in iter_groups():
        ProductGroup.objects.update_or_create(scheme=scheme, name=name,
                                              defaults={"sector": sector, "position": position})


class Migration(migrations.Migration):
    dependencies = [("products", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
