from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

# Django admin signs in through allauth (with its rate limits and two-factor step).
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]
admin.site.site_header = admin.site.site_title = "Site administration"

urlpatterns = [
    path("accounts/", include("allauth.urls")),
    path("account/", include("dm3p.accounts.urls")),
    path("admin/", admin.site.urls),
    path("", include("dm3p.core.urls")),
    path("", include("dm3p.members.urls")),
    path("", include("dm3p.events.urls")),
    path("", include("dm3p.accommodations.urls")),
    path("", include("dm3p.circles.urls")),
    path("", include("dm3p.conversations.urls")),
]
if settings.DEMO_MODE:
    urlpatterns.append(path("demo/", include("dm3p.core.demo_urls")))
# Public pages come last: their catch-all slug must not shadow other addresses.
urlpatterns.append(path("", include("dm3p.pages.urls")))

handler404 = "dm3p.core.views.page_not_found"
handler403 = "dm3p.core.views.permission_denied"
handler500 = "dm3p.core.views.server_error"
