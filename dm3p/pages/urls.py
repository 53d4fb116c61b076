from django.urls import path

from dm3p.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("home/", views.member_home, name="member_home"),
    path("manage/", views.staff_home, name="staff_home"),
    path("manage/pages/", views.manage, name="manage"),
    path("manage/pages/new/", views.edit, name="new"),
    path("manage/pages/images/", views.images, name="images"),
    path("manage/pages/<slug:slug>/", views.edit, name="edit"),
    path("images/<id:pk>/<str:name>", views.image, name="image"),
    path("<slug:slug>/", views.detail, name="detail"),
]
