from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "panjereh.applications"
    verbose_name = "درخواست‌ها و خدمات الکترونیکی"

    def ready(self) -> None:
        from panjereh.applications.services.payment import fee_settled
        from panjereh.payments.constants import Purpose
        from panjereh.payments.services import on_settled

        on_settled(Purpose.APPLICATION, fee_settled)  # a paid fee submits its application
