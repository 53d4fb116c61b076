from django.urls import path

from dm3p.conversations.views import forum, spaces_manage
from dm3p.conversations.views import messages as views

app_name = "conversations"

# The paths are those these pages had in the members app.
urlpatterns = [
    path("members/<id:user_id>/contact/", views.contact_member, name="contact"),
    path("members/<id:user_id>/block/", views.block_member, name="block"),
    path("members/<id:user_id>/report/", views.report_member, name="report_member"),
    path("messages/", views.inbox, name="inbox"),
    path("messages/<id:pk>/", views.message_detail, name="message"),
    path("messages/<id:pk>/report/", views.report_message, name="report_message"),
    path("manage/reports/", views.report_queue, name="report_queue"),
    path("manage/reports/<id:pk>/", views.report_detail, name="report_detail"),
    # forum: spaces, threads and posts, and organizers' topic spaces.
    path("conversations/", forum.spaces, name="spaces"),
    path("conversations/spaces/<slug:slug>/", forum.space, name="space"),
    path("conversations/spaces/<slug:slug>/new/", forum.thread_new, name="thread_new"),
    path("conversations/threads/<id:pk>/", forum.thread, name="thread"),
    path("conversations/threads/<id:pk>/after/", forum.thread_after, name="thread_after"),
    path("conversations/threads/<id:pk>/reply/", forum.reply, name="reply"),
    path("conversations/threads/<id:pk>/names/", forum.thread_names, name="thread_names"),
    path("conversations/spaces/<slug:slug>/names/", forum.space_names, name="space_names"),
    path("conversations/posts/<id:pk>/", forum.post, name="post"),
    path("manage/spaces/", spaces_manage.space_list, name="space_manage_list"),
    path("manage/spaces/new/", spaces_manage.space_add, name="space_add"),
    path("manage/spaces/<id:pk>/", spaces_manage.space_edit, name="space_edit"),
]
