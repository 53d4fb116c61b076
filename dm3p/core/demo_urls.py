"""Pages that exist only in demo mode (never with production settings)."""

from django.urls import path

from dm3p.core import views

app_name = "demo"

urlpatterns = [
    path("mail/", views.demo_mail_list, name="mail_list"),
    path("mail/<id:pk>/", views.demo_mail_detail, name="mail_detail"),
]
