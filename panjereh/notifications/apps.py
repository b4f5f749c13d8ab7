from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "panjereh.notifications"
    verbose_name = "پیام‌ها"
