from django.urls import path

from dm3p.conversations.views import direct
from dm3p.conversations.views import messages as views

app_name = "conversations"

# The paths are those these pages had in the members app.
urlpatterns = [
    path("members/<id:user_id>/block/", views.block_member, name="block"),
    path("members/<id:user_id>/report/", views.report_member, name="report_member"),
    path("manage/reports/", views.report_queue, name="report_queue"),
    path("manage/reports/<id:pk>/", views.report_detail, name="report_detail"),
]

# direct: conversations between two or more members; the old message pages lead there.
urlpatterns += [
    path("conversations/direct/", direct.direct_list, name="direct_list"),
    path("conversations/direct/new/", direct.direct_new, name="direct_new"),
    path("conversations/direct/<id:pk>/add/", direct.direct_add, name="direct_add"),
    path("conversations/direct/posts/<id:pk>/report/", direct.direct_report, name="direct_report"),
    path("members/<id:user_id>/contact/", direct.contact_member, name="contact"),
    path("messages/", direct.legacy_inbox, name="inbox"),
    path("messages/<id:pk>/", direct.legacy_message, name="message"),
    path("messages/<id:pk>/report/", direct.legacy_report, name="report_message"),
]
