from django.urls import path

from dm3p.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("emails/", views.email_preferences, name="email_preferences"),
    path("welcome/", views.welcome, name="welcome"),
    path("welcome/start/<str:token>/", views.welcome_start, name="welcome_start"),
]
