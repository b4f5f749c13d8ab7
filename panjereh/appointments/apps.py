from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "panjereh.appointments"
    verbose_name = "دفاتر و نوبت‌دهی"

    def ready(self) -> None:
        from panjereh.appointments.services import on_calendar_changed
        from panjereh.core.working_days import calendar_listener_add

        calendar_listener_add(on_calendar_changed)  # a day announced closed cancels its bookings
