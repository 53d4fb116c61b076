from django.urls import path

from dm3p.accommodations import views
from dm3p.accommodations.views import gatherings

app_name = "accommodations"

urlpatterns = [
    path("events/<id:pk>/access/", views.for_event, name="for_event"),
    path("events/answer/<str:token>/access/", views.for_event_by_link, name="for_event_by_link"),
    path("profile/access-needs/", views.standing_needs, name="standing_needs"),
    path("manage/access/", views.queue, name="queue"),
    path("manage/access/record/", views.record, name="record"),
    path("manage/access/events/<id:pk>/", gatherings.event_summary, name="event_summary"),
    path("manage/access/kinds/", views.kinds, name="kinds"),
    path("manage/access/kinds/new/", views.kind_edit, name="kind_new"),
    path("manage/access/kinds/<id:pk>/", views.kind_edit, name="kind_edit"),
    path("manage/access/<id:pk>/", views.request_detail, name="detail"),
]
