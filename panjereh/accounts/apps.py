from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "panjereh.accounts"
    label = "accounts"
    verbose_name = "حساب‌های کاربری"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from panjereh.accounts.selectors import staff_agency_codes, staff_read_only
        from panjereh.accounts.services import role_groups_refresh
        from panjereh.accounts.sessions import mark_login_time
        from panjereh.core.admin import StaffScope, staff_scope_register

        user_logged_in.connect(mark_login_time, dispatch_uid="panjereh-login-time")
        post_migrate.connect(role_groups_refresh, dispatch_uid="panjereh-role-groups")  # a release's new rights
        # The back office's agency scoping (core.admin.AgencyScopedAdmin, used by every app's admin)
        # asks accounts who a staff member is through these two selectors.
        staff_scope_register(StaffScope(agency_codes=staff_agency_codes, read_only=staff_read_only))
