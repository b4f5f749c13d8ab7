from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "panjereh.payments"
    verbose_name = "پرداخت‌ها"

    def ready(self) -> None:
        from panjereh.payments.bills import bill_settled
        from panjereh.payments.constants import Purpose
        from panjereh.payments.services import on_settled

        on_settled(Purpose.BILL, bill_settled)  # a bill paid twice is owed back
