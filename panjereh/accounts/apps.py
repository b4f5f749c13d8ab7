from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "panjereh.accounts"
    label = "accounts"
    verbose_name = "حساب‌های کاربری"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from panjereh.accounts.sessions import mark_login_time

        user_logged_in.connect(mark_login_time, dispatch_uid="panjereh-login-time")
