from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "panjereh.portal"
    label = "portal"
    verbose_name = "درگاه شهروندان"
