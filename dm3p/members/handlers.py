"""What the members app adds to core's hooks (its links in the header, the staff menu and
the account menu, the notice telling organizers that some fields are hidden until two-factor
authentication, its starting lists, demo data and daily clean-up) and its own entries in its
own hooks (the audiences, the pages showing fields by audience, what export and erasure
cover)."""

from datetime import timedelta
from functools import partial

from django.http import HttpRequest
from django.urls import reverse

from dm3p.accounts.hooks import WELCOME_STEPS, WelcomeStep
from dm3p.accounts.rules import is_member, is_organizer_with_mfa
from dm3p.core.hooks import (
    DEFAULTS_STEPS,
    DEMO_STEPS,
    HOME_PANELS,
    NAV_ACCOUNT,
    NAV_MAIN,
    NAV_STAFF,
    NOTICES,
    PERIODIC_TASKS,
    STAFF_HOME_PANELS,
    DefaultsStep,
    DemoStep,
    NavLink,
    PagePanel,
    PeriodicTask,
)
from dm3p.members.audiences import MEMBERS, ONLY_ME, ORGANIZERS, PUBLIC
from dm3p.members.defaults import STARTING_TERMS, terms_fill
from dm3p.members.demo import demo_membership, demo_profiles
from dm3p.members.hooks import (
    AUDIENCES,
    ORGANIZER_FIELD_PAGES,
    PERSONAL_DATA,
    PERSONAL_DATA_EXEMPT,
    Audience,
)
from dm3p.members.models import Profile
from dm3p.members.notices import organizer_fields_hidden_notices
from dm3p.members.personal_data import MEMBERS_PERSONAL_DATA, MEMBERS_PERSONAL_DATA_EXEMPT
from dm3p.members.selectors.home import application_panel, profile_step_panel
from dm3p.members.staff_home import applications_panel
from dm3p.members.tasks import applications_purge_daily

OWN_AUDIENCES = [
    Audience(ONLY_ME, "Only me", 0, lambda viewer, owner: viewer == owner),
    # Organizers read what members show them only in a session that passed two-factor
    # authentication, as staff pages ask; never in e-mails or exports.
    Audience(
        ORGANIZERS, "Organizers", 10, lambda viewer, owner: bool(is_organizer_with_mfa(viewer))
    ),
    Audience(MEMBERS, "All members", 30, lambda viewer, owner: bool(is_member(viewer))),
    Audience(
        PUBLIC,
        "Anyone, including visitors",
        40,
        lambda viewer, owner: True,
        allowed_for_sensitive=False,
    ),
]


def main_links(request: HttpRequest) -> list[NavLink]:
    if request.user.has_perm("members.view_directory"):
        return [
            NavLink("Members", reverse("members:directory"), order=30),
            NavLink("Your profile", reverse("members:own_profile"), order=35),
        ]
    # Visitors apply from the front page and from "Join us" (a page): one way in, not two.
    return []


def account_links(request: HttpRequest) -> list[NavLink]:
    if not request.user.is_authenticated:
        return []
    return [
        NavLink("Your data", reverse("members:my_data"), order=80),
        NavLink("Delete your account", reverse("members:delete_account"), order=90),
    ]


def staff_links(request: HttpRequest) -> list[NavLink]:
    user = request.user
    links = []
    if user.has_perm("members.review_application"):
        links.append(NavLink("Applications", reverse("members:review_queue"), order=10))
    if user.has_perm("members.change_communitysettings"):
        links.append(
            NavLink("Membership settings", reverse("members:community_settings"), order=60)
        )
    if user.has_perm("members.change_term"):
        links.append(NavLink("Lists", reverse("members:terms"), order=65))
    if user.has_perm("members.manage_people"):
        links.append(NavLink("People and roles", reverse("members:people"), order=75))
    return links


def connect() -> None:
    """Register the members app's entries in core's hooks and its own (from
    MembersConfig.ready)."""
    NAV_MAIN.register(main_links)
    NAV_STAFF.register(staff_links)
    NAV_ACCOUNT.register(account_links)
    STAFF_HOME_PANELS.register(PagePanel(order=20, name="applications", show=applications_panel))
    NOTICES.register(organizer_fields_hidden_notices)
    for audience in OWN_AUDIENCES:
        AUDIENCES.register(audience)
    ORGANIZER_FIELD_PAGES.register("members:member_profile")
    ORGANIZER_FIELD_PAGES.register("members:directory")
    for entry in MEMBERS_PERSONAL_DATA:
        PERSONAL_DATA.register(entry)
    for exempt in MEMBERS_PERSONAL_DATA_EXEMPT:
        PERSONAL_DATA_EXEMPT.register(exempt)
    for order, kind in enumerate(STARTING_TERMS, start=10):
        name = str(kind.label).lower()
        DEFAULTS_STEPS.register(
            DefaultsStep(order=order, name=name, fill=partial(terms_fill, kind))
        )
    DEMO_STEPS.register(DemoStep(order=30, name="applications", run=demo_membership))
    DEMO_STEPS.register(DemoStep(order=31, name="member profiles", run=demo_profiles))
    PERIODIC_TASKS.register(PeriodicTask(task=applications_purge_daily, every=timedelta(days=1)))
    # The welcome checklist (dm3p.accounts.hooks.WELCOME_STEPS).
    WELCOME_STEPS.register(
        WelcomeStep(
            key="profile",
            title="Your profile",
            text="Say a little about yourself: what you do, what you'd like to talk about, "
            "and when you're free. Everything on it is optional.",
            url_name="members:edit_profile",
            link_text="Complete your profile",
            done=lambda user: Profile.objects.filter(user=user).exclude(bio="").exists(),
            order=10,
        )
    )
    WELCOME_STEPS.register(
        WelcomeStep(
            key="privacy",
            title="Who sees what",
            text="Choose, part by part, who can see your profile. Until you do, what you "
            "write about your health is seen by you alone, your workplace and free times by "
            "the organizers, and the rest by members; nothing is shown to visitors.",
            url_name="members:edit_profile",
            link_text="Choose who sees each part",
            order=20,
        )
    )
    HOME_PANELS.register(PagePanel(order=5, name="application", show=application_panel))
    HOME_PANELS.register(
        PagePanel(order=50, name="profile step", show=profile_step_panel, aside=True)
    )
