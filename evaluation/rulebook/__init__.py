"""The OCOP rulebook as versioned data, one module per decision; a migration loads it into rows
(evaluation.rulebook.load, run by migration 0005 and again by any later one that changes the data).

- qd1048: Decision 1048/QĐ-TTg (21/08/2019), amended by 781/QĐ-TTg (08/06/2020)
- qd148: Decision 148/QĐ-TTg (24/02/2023), amended by 1489/QĐ-TTg (06/07/2025) for the process
- qd26_2026: Decision 26/2026/QĐ-TTg (in force from 22/05/2026), as public records describe it
- periods: who recognises which stars in each period, and the source of each rule
"""
from evaluation.rulebook import periods, qd26_2026, qd148, qd1048

CRITERIA_SETS = [qd1048, qd148, qd26_2026]
PERIODS = periods.PERIODS


def load(apps):
    """Create or update the rulebook's rows from these modules (with historical models of a migration)."""
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
            "classification": module.CLASSIFICATION, "source": module.SOURCE})
        sets[module.CODE] = cs
        for stars, minimum in module.STAR_THRESHOLDS:
            StarThreshold.objects.update_or_create(criteria_set=cs, stars=stars, defaults={"min_points": minimum})
        parts = {}
        for position, (code, name, maximum) in enumerate(module.PARTS, start=1):
            parts[code], _ = CriteriaPart.objects.update_or_create(
                criteria_set=cs, code=code, defaults={"name": name, "max_points": maximum, "position": position})
        for group_name, rows in module.DETAILED_SHEETS.items():
            group = ProductGroup.objects.get(scheme=module.CLASSIFICATION, name=group_name)
            options = module.ANSWER_OPTIONS.get(group_name, {})
            for position, (part, section, section_name, code, name, maximum, knockout) in enumerate(rows, start=1):
                Criterion.objects.update_or_create(part=parts[part], product_group=group, code=code, defaults={
                    "section_number": section, "section_name": section_name, "name": name, "max_points": maximum,
                    "knockout": knockout, "knockout_points": module.KNOCKOUT_POINTS if knockout else None,
                    "options": options.get(code, ""), "position": position})
    for code, name, set_code, valid_from, valid_until, levels, source in PERIODS:
        period, _ = RecognitionPeriod.objects.update_or_create(code=code, defaults={
            "name": name, "criteria_set": sets[set_code], "valid_from": valid_from, "valid_until": valid_until,
            "source": source})
        for level, rule in levels.items():
            if rule == "abolished":
                defaults = {"abolished": True, "min_stars": None, "max_stars": None, "forward_from": None,
                            "screening": False}
            else:
                defaults = {"abolished": False, "min_stars": rule[0], "max_stars": rule[1], "forward_from": rule[2],
                            "screening": "screening" in rule[3:]}
            LevelRule.objects.update_or_create(period=period, level=level, defaults=defaults)
