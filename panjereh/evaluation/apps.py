from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "panjereh.evaluation"
    verbose_name = "ارزیابی دستگاه‌ها"
