from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the whole platform: `panjereh demo` wires every app together, so it sits on top."""

    name = "panjereh.ops"
    label = "ops"
    verbose_name = "اجرا"
