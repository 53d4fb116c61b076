from django.urls import path

from dm3p.members.views import (
    account,
    applications,
    community,
    directory,
    people,
    profiles,
    reviews,
)

app_name = "members"

urlpatterns = [
    path("apply/", applications.apply, name="apply"),
    path("apply/status/", applications.apply_status, name="apply_status"),
    path("apply/status/<str:token>/", applications.apply_status_link, name="apply_status_link"),
    path("apply/link/", applications.apply_link, name="apply_link"),
    path("apply/resume/<str:token>/", applications.apply_resume, name="apply_resume"),
    path("profile/", profiles.own_profile, name="own_profile"),
    path("profile/edit/", profiles.edit_profile, name="edit_profile"),
    path(
        "profile/edit/<slug:section>/", profiles.edit_profile_section, name="edit_profile_section"
    ),
    path("profile/preview/", profiles.preview_profile, name="preview_profile"),
    path("profile/health-consent/", profiles.withdraw_health_consent, name="withdraw_consent"),
    path("profile/data/", account.my_data, name="my_data"),
    path("profile/data.json", account.my_data_json, name="my_data_json"),
    path("profile/delete/", account.delete_account, name="delete_account"),
    path("members/", directory.directory, name="directory"),
    path("members/<id:user_id>/", profiles.member_profile, name="member_profile"),
    path("members/<id:user_id>/photo/", profiles.photo, name="photo"),
    path("people/<id:user_id>/", profiles.public_profile, name="public_profile"),
    path("manage/applications/", reviews.review_queue, name="review_queue"),
    path("manage/applications/<id:pk>/", reviews.review_application, name="review_application"),
    path("manage/membership/", community.community_settings, name="community_settings"),
    path(
        "manage/membership/emails/<slug:key>/", community.email_template_edit, name="email_template"
    ),
    path("manage/lists/", community.terms, name="terms"),
    path("manage/lists/new/", community.term_edit, name="term_new"),
    path("manage/lists/<id:pk>/", community.term_edit, name="term_edit"),
    path("manage/people/", people.people, name="people"),
    path("manage/people/<id:pk>/", people.person_edit, name="person_edit"),
]
