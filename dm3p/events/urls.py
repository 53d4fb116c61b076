from django.urls import path

from dm3p.events import views
from dm3p.events.views import answers, calendars, editing

app_name = "events"

urlpatterns = [
    path("events/", views.event_list, name="list"),
    path("events/calendar/", calendars.calendar_page, name="calendar"),
    path("events/feed.ics", calendars.public_feed, name="public_feed"),
    path("events/feed/<str:token>.ics", calendars.private_feed, name="private_feed"),
    path("events/answer/<str:token>/", answers.answer_link, name="answer_link"),
    path("events/<id:pk>/", views.event_detail, name="detail"),
    path("events/<id:pk>/rsvp/", views.rsvp, name="rsvp"),
    path("events/<id:pk>/event.ics", calendars.event_ics, name="ics"),
    path("manage/events/", editing.manage, name="manage"),
    path("manage/events/series/new/", views.series_new, name="series_new"),
    path("manage/events/new/", editing.event_edit, name="new"),
    path("manage/events/<id:pk>/", editing.event_edit, name="edit"),
    path("manage/events/<id:pk>/programme/", editing.programme, name="programme"),
    path("manage/events/<id:pk>/resources/", views.resources, name="resources"),
    path(
        "events/<id:pk>/speakers/<id:speaker_pk>/photo/", views.speaker_photo, name="speaker_photo"
    ),
    path("events/<id:pk>/resources/<id:resource_pk>/", views.resource_file, name="resource_file"),
    path("manage/events/<id:pk>/attendees/", views.attendees, name="attendees"),
    path("manage/events/<id:pk>/attendees.csv", views.attendees_csv, name="attendees_csv"),
]
