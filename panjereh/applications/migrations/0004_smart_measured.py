from django.db import migrations


def measure_smart(apps, schema_editor):
    """The catalog's smart flag from now on: an active definition decides the service automatically."""
    definitions = apps.get_model("applications", "ServiceDefinition")
    service = apps.get_model("catalog", "Service")
    smart = set(definitions.objects.filter(active=True, decision_mode="automatic").values_list("service_id", flat=True))
    service.objects.exclude(pk__in=smart).update(smart=False)
    service.objects.filter(pk__in=smart).update(smart=True)


class Migration(migrations.Migration):
    dependencies = [
        ("applications", "0003_application_submitted_at"),
        ("catalog", "0003_smart_claimed"),
    ]

    operations = [migrations.RunPython(measure_smart, migrations.RunPython.noop)]
