from django.urls import path

from dm3p.core import views

app_name = "core"

urlpatterns = [
    path("display/", views.display_preferences, name="display"),
    path("search/", views.search, name="search"),
    path("manage/site/", views.site_settings_edit, name="site_settings"),
    path("manage/audit/", views.audit_log, name="audit_log"),
    path("manage/emails/", views.email_wordings, name="email_wordings"),
    path("manage/emails/<slug:key>/", views.email_wording_edit, name="email_wording"),
]
