from django.db import migrations


def load(apps, schema_editor):
    from evaluation.rulebook import CRITERIA_SETS, PERIODS

    CriteriaSet = apps.get_model("evaluation", "CriteriaSet")
    StarThreshold = apps.get_model("evaluation", "StarThreshold")
    CriteriaPart = apps.get_model("evaluation", "CriteriaPart")
    Criterion = apps.get_model("evaluation", "Criterion")
    RecognitionPeriod = apps.get_model("evaluation", "RecognitionPeriod")
    LevelRule = apps.get_model("evaluation", "LevelRule")
    ProductGroup = apps.get_model("products", "ProductGroup")

    sets = {}
    for module in CRITERIA_SETS:
        cs, _ = CriteriaSet.objects.update_or_create(code=module.CODE, defaults={
            "name": module.NAME, "decision": module.DECISION, "issued_on": module.ISSUED_ON,
            "classification": module.CLASSIFICATION})
        sets[module.CODE] = cs
        for stars, minimum in module.STAR_THRESHOLDS:
            StarThreshold.objects.update_or_create(criteria_set=cs, stars=stars, defaults={"min_points": minimum})
        parts = {}
        for position, (code, name, maximum) in enumerate(module.PARTS, start=1):
            parts[code], _ = CriteriaPart.objects.update_or_create(
                criteria_set=cs, code=code, defaults={"name": name, "max_points": maximum, "position": position})
        for group_name, rows in module.DETAILED_SHEETS.items():
            group = ProductGroup.objects.get(scheme=module.CLASSIFICATION, name=group_name)
            for position, (part, section, section_name, code, name, maximum, knockout) in enumerate(rows, start=1):
                Criterion.objects.update_or_create(part=parts[part], product_group=group, code=code, defaults={
                    "section_number": section, "section_name": section_name, "name": name, "max_points": maximum,
                    "knockout": knockout, "position": position})
    for code, name, set_code, valid_from, valid_until, levels in PERIODS:
        period, _ = RecognitionPeriod.objects.update_or_create(code=code, defaults={
            "name": name, "criteria_set": sets[set_code], "valid_from": valid_from, "valid_until": valid_until})
        for level, rule in levels.items():
            if rule == "abolished":
                defaults = {"abolished": True, "min_stars": None, "max_stars": None, "forward_from": None}
            else:
                defaults = {"abolished": False, "min_stars": rule[0], "max_stars": rule[1], "forward_from": rule[2]}
            LevelRule.objects.update_or_create(period=period, level=level, defaults=defaults)


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial"), ("products", "0002_load_classification")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
