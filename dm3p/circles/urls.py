from django.urls import path

from dm3p.circles import views

app_name = "circles"

urlpatterns = [
    path("events/<id:pk>/breakouts/", views.choose, name="choose"),
    path("manage/events/<id:pk>/breakouts/", views.breakouts, name="breakouts"),
    path("manage/events/<id:pk>/breakouts.csv", views.zoom_file, name="zoom_file"),
    path("circles/", views.mine, name="mine"),
    path("circles/rounds/<id:pk>/", views.join, name="join"),
    path("circles/<id:pk>/", views.circle, name="circle"),
    path("circles/<id:pk>/check-in/", views.check_in, name="check_in"),
    path("profile/matching/", views.preferences, name="preferences"),
    path("manage/circles/", views.rounds, name="rounds"),
    path("manage/circles/new/", views.round_edit, name="round_new"),
    path("manage/circles/<id:pk>/", views.round_detail, name="round"),
    path("manage/circles/<id:pk>/edit/", views.round_edit, name="round_edit"),
    path("manage/circles/<id:pk>/health/", views.round_health, name="round_health"),
]
