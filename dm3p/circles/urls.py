from django.urls import path

from dm3p.circles.views import (
    breakouts,
    circle_life,
    draft_edits,
    manage_rounds,
    publishing,
    rounds,
)

app_name = "circles"

urlpatterns = [
    path("events/<id:pk>/breakouts/", breakouts.choose, name="choose"),
    path("manage/events/<id:pk>/breakouts/", breakouts.breakouts, name="breakouts"),
    path("manage/events/<id:pk>/breakouts.csv", breakouts.zoom_file, name="zoom_file"),
    path("circles/", rounds.mine, name="mine"),
    path("circles/rounds/<id:pk>/", rounds.join, name="join"),
    path("circles/<id:pk>/", circle_life.circle, name="circle"),
    path("circles/<id:pk>/check-in/", circle_life.check_in, name="check_in"),
    path("circles/<id:pk>/name/", circle_life.rename, name="rename"),
    path("circles/<id:pk>/meeting/", circle_life.meeting, name="meeting"),
    path("circles/rounds/<id:pk>/leave/", rounds.leave, name="leave"),
    path("profile/matching/", rounds.preferences, name="preferences"),
    path("manage/circles/", manage_rounds.rounds, name="rounds"),
    path("manage/circles/new/", manage_rounds.round_edit, name="round_new"),
    path("manage/circles/<id:pk>/", manage_rounds.round_detail, name="round"),
    path("manage/circles/<id:pk>/edit/", manage_rounds.round_edit, name="round_edit"),
    path("manage/circles/<id:pk>/health/", manage_rounds.round_health, name="round_health"),
    path(
        "manage/circles/<id:pk>/close-sign-up/",
        publishing.close_signup,
        name="round_close_signup",
    ),
    path("manage/circles/<id:pk>/publish/", publishing.publish, name="round_publish"),
    path("manage/circles/<id:pk>/change/", publishing.change, name="round_change"),
    path("manage/circles/<id:pk>/draft/move/", draft_edits.draft_move, name="draft_move"),
    path("manage/circles/<id:pk>/draft/swap/", draft_edits.draft_swap, name="draft_swap"),
    path(
        "manage/circles/<id:pk>/draft/new-circle/",
        draft_edits.draft_new_circle,
        name="draft_new_circle",
    ),
    path("manage/circles/<id:pk>/draft/lock/", draft_edits.draft_lock, name="draft_lock"),
]
