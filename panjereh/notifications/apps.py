from django.apps import AppConfig
from django.core import checks


class NotificationsConfig(AppConfig):
    name = "panjereh.notifications"
    verbose_name = "پیام‌ها"

    def ready(self) -> None:
        from panjereh.notifications.checks import sms_backend_known

        checks.register(sms_backend_known)
