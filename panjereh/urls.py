from django.contrib import admin
from django.urls import include, path

from panjereh.api.main import api
from panjereh.core import views as core_views
from panjereh.ops import views as ops_views
from panjereh.portal import sso

admin.site.site_header = "پنجره ملی خدمات دولت — مدیریت"
admin.site.site_title = "مدیریت پنجره"
admin.site.index_title = "پیشخوان مدیریت"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", ops_views.readyz, name="readyz"),
    path("metrics", ops_views.metrics, name="metrics"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    # The OpenID Connect provider for agency windows; the namespace is the one DOT's views reverse.
    path("o/", include((sso.urlpatterns, "oauth2_provider"))),
    path("", include("panjereh.portal.urls")),
]

# The back office's own error pages under /admin/, the portal's or the API's elsewhere (core.views).
handler400 = "panjereh.accounts.admin_site.bad_request"
handler403 = "panjereh.accounts.admin_site.permission_denied"
handler404 = "panjereh.accounts.admin_site.page_not_found"
handler500 = "panjereh.accounts.admin_site.server_error"
