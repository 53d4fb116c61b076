from django.urls import path

from dm3p.conversations.views import mail_out, moderation
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
    # Moderation (issue 14).
    path("conversations/posts/<id:pk>/report/", moderation.post_report_view, name="post_report"),
    path("manage/conversations/posts/<id:pk>/", moderation.post_moderate, name="post_moderate"),
    path(
        "manage/conversations/threads/<id:pk>/", moderation.thread_moderate, name="thread_moderate"
    ),
    path("manage/conversations/review/", moderation.held_queue, name="held_queue"),
    # mail-out: how often conversations e-mail you, and one-click unsubscribe.
    path("account/conversations-email/", mail_out.email_choice, name="email_choice"),
    path("unsubscribe/<str:token>/", mail_out.unsubscribe_link, name="unsubscribe"),
]
