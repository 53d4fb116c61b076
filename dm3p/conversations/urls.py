from django.urls import path

from dm3p.conversations.views import mailin as mailin_views
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
]

# Mail-in: replies by e-mail, from a mail service (the raw message, with a shared secret).
urlpatterns += [
    path("mail/inbound/", mailin_views.inbound_mail, name="inbound_mail"),
]
