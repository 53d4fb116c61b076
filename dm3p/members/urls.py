from django.urls import path

from dm3p.members import views

app_name = "members"

urlpatterns = [
    path("apply/", views.apply, name="apply"),
    path("apply/status/", views.apply_status, name="apply_status"),
    path("apply/link/", views.apply_link, name="apply_link"),
    path("apply/resume/<str:token>/", views.apply_resume, name="apply_resume"),
    path("profile/", views.own_profile, name="own_profile"),
    path("profile/edit/", views.edit_profile, name="edit_profile"),
    path("profile/preview/", views.preview_profile, name="preview_profile"),
    path("profile/health-consent/", views.withdraw_health_consent, name="withdraw_consent"),
    path("profile/data/", views.my_data, name="my_data"),
    path("profile/data.json", views.my_data_json, name="my_data_json"),
    path("profile/delete/", views.delete_account, name="delete_account"),
    path("members/", views.directory, name="directory"),
    path("members/<id:user_id>/", views.member_profile, name="member_profile"),
    path("members/<id:user_id>/photo/", views.photo, name="photo"),
    path("people/<id:user_id>/", views.public_profile, name="public_profile"),
    path("manage/applications/", views.review_queue, name="review_queue"),
    path("manage/applications/<id:pk>/", views.review_application, name="review_application"),
    path("manage/membership/", views.community_settings, name="community_settings"),
    path("manage/membership/emails/<slug:key>/", views.email_template_edit, name="email_template"),
    path("manage/lists/", views.terms, name="terms"),
    path("manage/lists/new/", views.term_edit, name="term_new"),
    path("manage/lists/<id:pk>/", views.term_edit, name="term_edit"),
    path("manage/people/", views.people, name="people"),
    path("manage/people/<id:pk>/", views.person_edit, name="person_edit"),
]
