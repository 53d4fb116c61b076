"""The public pages a new site starts with: starter text in plain words that organizers then
rewrite under Staff → Pages. ``manage.py setup`` (and the demo) add them only while the site
has no pages at all (see dm3p.core.defaults)."""

from dataclasses import dataclass

from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page, StartingPageGiven

HOME = """\
Welcome. We are a mutual-mentorship community for people who work, study or hope to work in
healthcare and who have a disability or a chronic illness, and for their allies.

We meet online every month, share what we have learned from living and working with a
disability, and help each other get past the barriers we meet in training and at work.
There are no fixed mentors and mentees: each of us gives and receives, from our own lived
experience.
"""

ABOUT = """\
The Disability in Medicine Mutual Mentorship Program is a grassroots community of
healthcare professionals and trainees with disabilities and chronic illness, and their
allies. Members come from every health profession, from nursing and medicine to pharmacy,
therapy, social work and research, and from every stage, from students thinking about
applying to people who have retired.

## How it works

Once a month we meet online. A guest speaker talks about an experience of disability in
healthcare, then we talk it over together and in small groups, and stay on for unstructured
time to get to know each other.

Between gatherings, members can join a small **mentorship circle**, keep in touch through
the site's member directory and messages, and find resources from past gatherings.

## Mutual mentorship

In most mentoring, a senior person advises a junior one. Here there are no fixed mentors and
mentees: each of us gives and receives, from our own lived experience. Disability can begin
at any age, so a student may have years of experience managing a condition while a senior
clinician is meeting a new diagnosis for the first time. Everyone has something to share.

## Run by members

The program is organized by volunteers from the community. Members can help plan
gatherings, invite speakers and take part in running the program.

Read [why we exist](/why-we-exist/) and [what we offer](/what-we-offer/), or
[find out how to join](/join/).
"""

WHY = """\
Disabled people are far fewer among healthcare workers than among the patients they care
for. Those who do join the health professions often meet **ableism**: barriers built into
the rules, the buildings and the schedules, and barriers in other people's assumptions about
what a disabled person can do.

These barriers show up at every step: admissions and technical standards, licensing and
board exams, clinical rotations, residency and training schedules, and questions about
health history when applying for a license or a job. Many people face them alone, without
anyone nearby who has been through the same thing.

## What helps

- **Peers** who understand, because they live it too.
- **Role models** who show that a career in healthcare with a disability is possible.
- **A shared voice** to ask schools, employers and professional bodies for change.

This program brings those together. When disabled clinicians can train and work on equal
terms, patients are cared for by a workforce that better reflects them.

See [what we offer](/what-we-offer/) or [join us](/join/).
"""

OFFER = """\
## Monthly gatherings

An online meeting every month, with a guest speaker, discussion in the whole group and in
small breakout rooms, and time to socialize. Members tell us on the site that they are
coming, find the meeting link there and get a reminder by e-mail. Gatherings are listed under
[News & Events](/events/).

## Accommodations at every gathering

Live captions are provided as standard. You can ask for other support, such as sign
language interpretation, slides in advance or scheduled breaks, from each gathering's page,
or once in your profile for every gathering. Each gathering shows the date to ask by for each
kind of support, so that there is time to arrange it, and you can follow each request on the
site. You can also ask the organizers by e-mail.

## Mentorship circles

Small groups of members, matched by the topics you can share and want to learn about, the
ways you like to communicate and the times you are free. A circle meets regularly for a few
months; everyone in it is both a mentor and a mentee.

## Staying in touch

A member directory and private messages, with a profile where you choose, for every part,
who can see it. Where the organizers run them, members also get links to private groups for
discussion and professional networking.

## An archive

Resources and materials from past gatherings, to come back to at any time.

## Ways to lead

Members can help plan gatherings, suggest speakers and topics, and take part in running the
program.

Ready? [Find out how to join](/join/).
"""

JOIN = """\
Membership is open to current, future and former healthcare professionals and trainees
who have a disability or a chronic illness, and to allies of disabled healthcare workers.
Every health profession and every stage of training or career is welcome.

## How joining works

1. [Fill in the application](/apply/). It is short, and you can save it and come back to
   finish it later.
2. An organizer reads it and e-mails you, either to welcome you or to ask a question if
   they need to know more.
3. Once you are a member you can sign in, come to the monthly gatherings, ask for
   accommodations and join a mentorship circle.

## What we ask, and what we don't

We never ask for proof of a disability or a diagnosis. You decide what to tell us about
your health, and in your profile you choose, for each part, who can see it. Read how we
handle your information in our [privacy notice](/privacy/), and the
[code of conduct](/code-of-conduct/) every member agrees to.

Questions before you apply? Write to the organizers using the contact link at the bottom of
every page.
"""

ACCESSIBILITY = """\
We want everyone in our community to be able to use this site, however they use a computer
or phone. We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at level AA on
every page.

## Ways to adjust the site

- Open **Display settings**, at the top of every page, to choose light, dark or
  high-contrast colours, larger text, a font designed for low vision or for dyslexia, and
  less motion. If you choose nothing, the site follows your device's settings.
- Every page works with a keyboard alone, a screen reader, voice control or switch access,
  and without JavaScript.
- Pages fit small screens and stay readable when zoomed in.
- Times are written in full and shown in your own time zone.

## Accommodations at gatherings

Live captions are provided at every gathering. You can ask for sign language
interpretation or other support from each gathering's page, or once in your profile for
every gathering, or by e-mail to the organizers.

## Tell us about a problem

If anything on this site is hard to use, please tell the organizers using the contact link
at the bottom of the page: which page, what you were trying to do and, if you like, what
assistive technology you use. We will reply, and fix what we can.
"""

CODE_OF_CONDUCT = """\
We want every member to feel safe, respected and free to talk honestly about disability and
work. Everyone who takes part agrees to this code: at gatherings, in circles, in messages and
anywhere else in the program.

## We ask everyone to

- Treat each other with respect and assume good intent.
- Keep what others share private. Do not repeat, record or take screenshots of what
  someone says about their health, work or life without their permission.
- Respect each person's right to decide what they disclose, and how they describe their own
  disability or condition.
- Make room for every way of communicating: sign language, captions, text chat, cameras
  off, pauses and breaks are all normal here.
- Share advice as lived experience, not as medical or legal advice.

## We do not accept

- Harassment, discrimination or demeaning remarks about disability, race, gender,
  sexuality, religion, age or any other part of who someone is.
- Questioning whether someone is "really" disabled.
- Sharing another member's information outside the community.
- Selling, recruiting or fundraising without the organizers' agreement.

## If something goes wrong

Tell the organizers: use the report link on a member's profile or on a message, or the
contact link at the bottom of every page. Reports are handled in confidence. Organizers may
warn, suspend or remove anyone who breaks this code, and will tell the person who reported
what was done. You can also block a member so that they cannot message you.
"""

PRIVACY = """\
Members trust us with information about their health and their careers. We keep as little as
we need, protect it carefully, and let you decide who sees it.

## What we keep

- Your account: your name, e-mail address and password (stored only in a form that cannot be
  turned back into the password).
- Your application and your profile, including anything you choose to tell us about your
  disability or health.
- Your replies to gatherings, your requests for accommodations and your circles.
- A record of which organizers or coordinators opened private information about you, and
  when.

## Who can see it

What you tell us about your health is visible only to you unless you choose otherwise, and
it is stored encrypted. For every other part of your profile, you choose who can see it.
Organizers who review applications read what you wrote in yours; accommodation
coordinators see the requests they arrange. Meeting links are shown only to members.

We never sell your information, show advertising, or use tracking, outside fonts or
outside scripts.

## How long we keep it

Applications that are declined or never finished are deleted, with any health information in
them, after a period the organizers set (180 days unless they change it).

## Your choices

From your profile you can download a copy of the information we hold about you, withdraw
your consent to us keeping health information (which deletes it), and delete your account at
any time.

Questions? Write to the organizers using the contact link at the bottom of every page.
"""


@dataclass(frozen=True)
class StartingPage:
    slug: str
    title: str
    body: str
    location: PageLocation
    menu_order: int


STARTING_PAGES = [
    StartingPage("home", "Disability in Medicine Mutual Mentorship", HOME, PageLocation.NONE, 10),
    StartingPage("about", "About us", ABOUT, PageLocation.MAIN, 10),
    StartingPage("why-we-exist", "Why we exist", WHY, PageLocation.MAIN, 12),
    StartingPage("what-we-offer", "What we offer", OFFER, PageLocation.MAIN, 14),
    StartingPage("join", "Join us", JOIN, PageLocation.MAIN, 20),
    StartingPage("accessibility", "Accessibility", ACCESSIBILITY, PageLocation.FOOTER, 10),
    StartingPage("code-of-conduct", "Code of conduct", CODE_OF_CONDUCT, PageLocation.FOOTER, 20),
    StartingPage("privacy", "Privacy notice", PRIVACY, PageLocation.FOOTER, 30),
]


def pages_fill() -> int:
    """Add each starting page this site was never given and has no page at its address;
    every starting page counts as given from then on. Returns how many pages it added."""
    given = set(StartingPageGiven.objects.values_list("slug", flat=True))
    taken = set(Page.objects.values_list("slug", flat=True))
    new = [page for page in STARTING_PAGES if page.slug not in given | taken]
    # ignore_conflicts: two machines running setup at once add each page once.
    Page.objects.bulk_create(
        [
            Page(
                slug=page.slug,
                title=page.title,
                body=page.body,
                location=page.location,
                menu_order=page.menu_order,
            )
            for page in new
        ],
        ignore_conflicts=True,
    )
    StartingPageGiven.objects.bulk_create(
        [StartingPageGiven(slug=page.slug) for page in STARTING_PAGES if page.slug not in given],
        ignore_conflicts=True,
    )
    return len(new)
