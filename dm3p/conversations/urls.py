from django.urls import path

from dm3p.conversations.views import actions as action_views
from dm3p.conversations.views import direct, forum, images, mail_out, moderation, spaces_manage
from dm3p.conversations.views import mailin as mailin_views
from dm3p.conversations.views import messages as views
from dm3p.conversations.views import new_since as new_since_views

app_name = "conversations"

# The paths are those these pages had in the members app.
urlpatterns = [
    path("members/<id:user_id>/block/", views.block_member, name="block"),
    path("members/<id:user_id>/report/", views.report_member, name="report_member"),
    path("manage/reports/", views.report_queue, name="report_queue"),
    path("manage/reports/<id:pk>/", views.report_detail, name="report_detail"),
    path("conversations/images/<id:pk>/", images.post_image, name="post_image"),
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

# Post actions (issue 14): edit, delete, react, bookmark, follow and mute; what's new.
urlpatterns += [
    path("conversations/new/", new_since_views.new_since_page, name="new_since"),
    path("conversations/bookmarks/", action_views.bookmarks, name="bookmarks"),
    path("conversations/posts/<id:pk>/edit/", action_views.post_edit_page, name="post_edit"),
    path("conversations/posts/<id:pk>/delete/", action_views.post_delete_page, name="post_delete"),
    path("conversations/posts/<id:pk>/history/", action_views.post_history, name="post_history"),
    path("conversations/posts/<id:pk>/react/", action_views.post_react, name="post_react"),
    path(
        "conversations/posts/<id:pk>/reactions/", action_views.post_reactions, name="post_reactions"
    ),
    path("conversations/posts/<id:pk>/bookmark/", action_views.post_bookmark, name="post_bookmark"),
    path("conversations/threads/<id:pk>/follow/", action_views.thread_follow, name="thread_follow"),
    path(
        "conversations/spaces/<slug:slug>/follow/", action_views.space_follow, name="space_follow"
    ),
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

# Mail-in: replies by e-mail, from a mail service (the raw message, with a shared secret).
urlpatterns += [
    path("mail/inbound/", mailin_views.inbound_mail, name="inbound_mail"),
]

# direct: conversations between two or more members; the old message pages lead there.
urlpatterns += [
    path("conversations/direct/", direct.direct_list, name="direct_list"),
    path("conversations/direct/new/", direct.direct_new, name="direct_new"),
    path("conversations/direct/<id:pk>/add/", direct.direct_add, name="direct_add"),
    path("members/<id:user_id>/contact/", direct.contact_member, name="contact"),
    path("messages/", direct.legacy_inbox, name="inbox"),
    path("messages/<id:pk>/", direct.legacy_message, name="message"),
    path("messages/<id:pk>/report/", direct.legacy_report, name="report_message"),
]
