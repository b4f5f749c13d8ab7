from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "panjereh.applications"
    verbose_name = "درخواست‌ها و خدمات الکترونیکی"

    def ready(self) -> None:
        from panjereh.applications.services.deadlines import on_calendar_changed
        from panjereh.applications.services.payment import fee_settled
        from panjereh.core.working_days import calendar_listener_add
        from panjereh.payments.constants import Purpose
        from panjereh.payments.services import on_settled

        on_settled(Purpose.APPLICATION, fee_settled)  # a paid fee submits its application
        calendar_listener_add(on_calendar_changed)  # deadlines counted again when a day is announced
