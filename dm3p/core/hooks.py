"""Extension points: an earlier app declares a hook, later apps add entries to it.

Apps depend one way (ARCHITECTURE.md), so when core needs to show a later app's notices or
events needs a later app's panel, the earlier app declares a ``Hook`` in its own
``hooks.py`` (with the type of entry it takes and what it is for), and the later app
registers its entries from its ``handlers.py`` when Django starts.

One rule for duplicates everywhere: an entry is known by its key (a function's module and
name, or the ``key`` given at declaration), and registering the same key again replaces the
earlier entry in its place. Registering twice is therefore harmless, and a test can swap an
entry for its own and put the original back.

Core's hooks, all declared at the end of this module:

- ``NAV_MAIN``, ``NAV_STAFF``, ``NAV_FOOTER``, ``NAV_ACCOUNT``: links in the header, the staff
  menu, the footer and the account menu (``NavProvider``).
- ``NOTICES``: on-site notices for the signed-in person (``NoticeProvider``).
- ``DEMO_STEPS``: each app's demo data for ``manage.py demo`` (``DemoStep``).
- ``DEFAULTS_STEPS``: the lists and pages a new site starts with, ``manage.py setup``
  (``DefaultsStep``).
- ``PERIODIC_TASKS``: background work that repeats (``PeriodicTask``).
- ``EMAIL_KINDS``: the kinds of e-mail people can turn off, or can't (``EmailKind``); each
  app registers its own in its ``emails.py``, and ``dm3p.core.emails`` reads them.
- ``EMAIL_ADDRESS_STOPPED``: addresses the outbox no longer mails, security e-mail apart
  (a predicate on a lower-case address).
- ``DECLARED_EMAILS``: every e-mail the site sends, with its shipped words and placeholders
  (``DeclaredEmail``), declared by the app that sends it in its ``emails.py``.
- ``FRONT_PAGE_PANELS``, ``HOME_PANELS``, ``STAFF_HOME_PANELS``: panels on the front page,
  on a signed-in person's home and on the staff home, what needs staff now (``PagePanel``;
  ``panels_for`` reads them).
- ``SEARCHABLE``: what the site's search can find, kind by kind, and who may find it
  (``Searchable``); ``dm3p.core.search`` reads them.
"""

from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.tasks import Task


def _qualified_name(entry: object) -> Hashable:
    module = getattr(entry, "__module__", None)
    name = getattr(entry, "__qualname__", None)
    if module is not None and name is not None:
        return f"{module}.{name}"
    if isinstance(entry, Hashable):
        return entry
    raise TypeError(f"{entry!r} has no name; declare the hook with a key function.")


class Hook[Entry]:
    """A named, typed list of entries that later apps add to."""

    def __init__(self, name: str, *, key: Callable[[Entry], Hashable] = _qualified_name) -> None:
        self.name = name
        self._key = key
        self._entries: dict[Hashable, Entry] = {}

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {len(self._entries)} entries>"

    def register(self, entry: Entry) -> Entry:
        """Add ``entry`` (or replace the entry with its key); returns it, so it can decorate."""
        self._entries[self._key(entry)] = entry
        return entry

    def unregister(self, entry: Entry) -> None:
        self._entries.pop(self._key(entry), None)

    def get(self, key: Hashable) -> Entry | None:
        """The entry known by ``key``, or None."""
        return self._entries.get(key)

    def __iter__(self) -> Iterator[Entry]:
        return iter(list(self._entries.values()))

    def __len__(self) -> int:
        return len(self._entries)


# What core offers. Every hook of core is declared here, with the entries it takes; the
# modules that use them (navigation, notices, demo, defaults, periodic) read them.


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    order: int = 50


# A function of the request returning the links it adds (none for a person who may not
# follow them): the links of each area are shown sorted by ``order``.
NavProvider = Callable[[HttpRequest], list[NavLink]]

NAV_MAIN = Hook[NavProvider]("links in the header")
NAV_STAFF = Hook[NavProvider]("links in the staff menu")
NAV_FOOTER = Hook[NavProvider]("links in the footer")
NAV_ACCOUNT = Hook[NavProvider]("links in the account menu")


@dataclass(frozen=True)
class Notice:
    text: str
    link_text: str
    url: str


# On-site notices for the signed-in person ("Your circle is ready"), shown at the top of
# every page until they act on them: a function of the request returning its notices.
NoticeProvider = Callable[[HttpRequest], list[Notice]]

NOTICES = Hook[NoticeProvider]("notices at the top of each page")


@dataclass
class DemoOptions:
    """What ``manage.py demo`` was asked for, and what its steps report back."""

    password: str
    members: int = 0
    report: list[str] = field(default_factory=list)

    def say(self, line: str) -> None:
        self.report.append(line)


@dataclass(frozen=True)
class DemoStep:
    """One app's demo data, run by ``manage.py demo`` in ``order`` (then by name), each in
    its own transaction. A step must be safe to run again: it updates what exists instead
    of duplicating it."""

    order: int
    name: str
    run: Callable[[DemoOptions], None]


DEMO_STEPS = Hook[DemoStep]("demo data", key=lambda step: step.name)


@dataclass(frozen=True)
class DefaultsStep:
    """A list or set of pages a new site starts with (``manage.py setup``): ``fill`` fills
    it only while it is empty and returns how many entries it added, so whatever organizers
    changed since is left as it is."""

    order: int
    name: str
    fill: Callable[[], int]


DEFAULTS_STEPS = Hook[DefaultsStep]("what a new site starts with", key=lambda step: step.name)


@dataclass(frozen=True)
class PeriodicTask:
    """Background work that repeats ``every`` so long (such as deleting expired data);
    ``manage.py schedule_periodic`` queues it, and each run queues the next."""

    task: Task[Any, Any]
    every: timedelta


PERIODIC_TASKS = Hook[PeriodicTask](
    "repeating work", key=lambda periodic: periodic.task.module_path
)


@dataclass(frozen=True)
class EmailKind:
    """A kind of e-mail, turned on or off as a whole on a person's e-mail settings page;
    security e-mails are always sent. ``audience`` says who can receive this kind at all
    (a predicate on the person, such as a django-rules predicate); the settings page shows
    a person only the kinds they can receive. Without it, anyone can."""

    key: str
    label: str
    description: str
    security: bool = False
    audience: Callable[[Any], bool] | None = None

    def receivable_by(self, person: Any) -> bool:
        return self.audience is None or bool(self.audience(person))


EMAIL_KINDS = Hook[EmailKind]("kinds of e-mail", key=lambda kind: kind.key)

# Addresses the outbox stops mailing, security e-mail apart (mail to them bounced again and
# again): each entry is asked about one lower-case address when an e-mail is sent.
EMAIL_ADDRESS_STOPPED = Hook[Callable[[str], bool]]("addresses the outbox stops mailing")

# Filled in for every e-mail, whatever it is.
COMMON_PLACEHOLDERS = {"site_name": "The site's short name (Site settings)."}


@dataclass(frozen=True)
class DeclaredEmail:
    """An e-mail the site sends, declared by the app that sends it (in its ``emails.py``):
    its shipped words, which organizers may reword on Staff → E-mails, and the placeholders
    the words may use, each with a line saying what it becomes. ``required`` placeholders
    must stay in the body (the e-mail is no use without them). Every e-mail also gets
    ``{site_name}``."""

    key: str
    app: str
    label: str
    kind: EmailKind
    recipients: str
    subject: str
    body: str
    placeholders: Mapping[str, str]
    required: tuple[str, ...] = ()

    @property
    def allowed(self) -> tuple[str, ...]:
        return (
            *self.placeholders,
            *(name for name in COMMON_PLACEHOLDERS if name not in self.placeholders),
        )


DECLARED_EMAILS = Hook[DeclaredEmail]("e-mails the site sends", key=lambda email: email.key)


@dataclass(frozen=True)
class Panel:
    """What a panel shows: a template (an include, with its own heading) and its context.
    A ``quiet`` panel has nothing waiting (the staff home shows those after the others)."""

    template: str
    context: Mapping[str, Any]
    quiet: bool = False


# A function of the request returning its panel, or None to show nothing to this person.
PanelProvider = Callable[[HttpRequest], Panel | None]


@dataclass(frozen=True)
class PagePanel:
    """One app's panel on the front page or on a person's home, shown in ``order`` (then by
    name); ``aside`` panels go in the narrower column beside the main one on wide screens.
    Each panel reads what it shows in a fixed number of queries."""

    order: int
    name: str
    show: PanelProvider
    aside: bool = False


# The front page (``/``): the next public gathering (events).
FRONT_PAGE_PANELS = Hook[PagePanel]("panels on the front page", key=lambda panel: panel.name)
# A signed-in person's home (``/home/``): their next gathering and access requests, their
# circle, their messages, their application while they are an applicant.
HOME_PANELS = Hook[PagePanel]("panels on a person's home", key=lambda panel: panel.name)
# The staff home (``/manage/``): what needs staff now, each app's work as counts that link to
# it (applications, access requests, the next gathering, rounds, circles, reports). A panel
# shows only to a person whose permissions allow its work, and says so when nothing waits.
STAFF_HOME_PANELS = Hook[PagePanel]("panels on the staff home", key=lambda panel: panel.name)


def panels_for(hook: Hook[PagePanel], request: HttpRequest) -> tuple[list[Panel], list[Panel]]:
    """The panels ``request``'s person sees: (main column, aside), each in order."""
    main: list[Panel] = []
    aside: list[Panel] = []
    for entry in sorted(hook, key=lambda panel: (panel.order, panel.name)):
        shown = entry.show(request)
        if shown is not None:
            (aside if entry.aside else main).append(shown)
    return main, aside


@dataclass(frozen=True)
class SearchDocument:
    """What search knows of one thing: its title and plain text (no markup), the address of
    the page showing it, the date shown beside it, and the content note its text folds
    behind, if any."""

    object_id: int
    title: str
    text: str
    url: str
    dated_at: datetime | None = None
    note: str = ""


@dataclass(frozen=True)
class Searchable:
    """A kind of thing the site's search finds, registered by the app that owns it, which
    also keeps its entries in step (``search_index_put`` and ``search_index_drop`` in
    ``dm3p.core.services``).

    - ``label``: the kind's name in the plural, for the filter ("Posts"); ``label_one``,
      beside one result ("Post").
    - ``visible_ids``: the ids of the things ``viewer`` may find, as a ``values("pk")``
      queryset (``.none()`` when they may find none: the kind is then not offered). Search
      filters by it inside its own SQL, so results, counts and pages are only ever of what
      the viewer may see.
    - ``documents``: every thing of the kind, for ``manage.py search_rebuild``.
    """

    kind: str
    label: str
    label_one: str
    order: int
    visible_ids: Callable[[Any], QuerySet[Any]]
    documents: Callable[[], Iterable[SearchDocument]]


SEARCHABLE = Hook[Searchable]("what search finds", key=lambda searchable: searchable.kind)
