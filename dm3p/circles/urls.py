from django.urls import path

from dm3p.circles import views

app_name = "circles"

urlpatterns = [
    path("events/<id:pk>/breakouts/", views.choose, name="choose"),
    path("manage/events/<id:pk>/breakouts/", views.breakouts, name="breakouts"),
    path("manage/events/<id:pk>/breakouts.csv", views.zoom_file, name="zoom_file"),
]
