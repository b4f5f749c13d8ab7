from django.apps import AppConfig


class HelpConfig(AppConfig):
    name = "panjereh.help"
    verbose_name = "راهنما و بازخورد"
