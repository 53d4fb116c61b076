"""The starting text of the public pages. Organizers rewrite it in the site; running the
demo again never overwrites a page that already exists."""

from dm3p.core.demo import DemoOptions, demo_step_register
from dm3p.pages.enums import PageLocation
from dm3p.pages.models import Page

HOME = """\
We are a community of people who work, study or hope to work in healthcare and who live
with a disability or a chronic illness, together with allies who want the professions to
make room for them. Members come from every health profession and every stage, from
students thinking about applying to clinicians who have retired.

## Why we exist

Disabled people are far fewer among healthcare workers than among the patients they care
for. Those who do enter the professions meet barriers at every step: in admissions, in
exams, on rotations, during training and at work, both in the rules and in other
people's assumptions. Getting past those barriers is easier with peers who have done it,
people to look up to, and a shared voice to push for change.

## Why mutual mentorship

In most mentoring schemes a senior person guides a junior one. Disability does not work
that way. Someone can become disabled at any age, so a first-year student may have
decades of experience managing a condition, while a senior consultant may be facing it for
the first time. Here we meet in small groups where everyone gives and everyone receives,
each from their own lived experience, without fixed mentor and mentee roles.

## What we offer

- **A monthly online gathering** with a guest speaker, discussion in the whole group and
  in small groups, and unstructured time to talk.
- **Accommodations at every gathering.** Live human captioning (CART) is always on in the
  main room and automatic captions are on elsewhere. Sign language interpretation and
  other support are arranged for anyone who asks ahead of time.
- **Small mutual-mentorship circles** that meet between gatherings.
- **Private spaces to keep talking** and to connect professionally with other members.
- **An archive** of resources from past gatherings.
- **Ways to lead:** members help plan gatherings and run the program.

Ready to take part? [Find out how to join](/join/).
"""

JOIN = """\
Membership is open to current, future and former healthcare professionals and trainees
who have a disability or chronic illness, and to allies of disabled healthcare workers.
Every profession and every stage of training or career is welcome.

## How joining works

1. Fill in a short application. You can save it and come back to finish it later.
2. An organizer reads it, usually within two weeks, and e-mails you.
3. Once you are approved you can sign in, come to the monthly gatherings, ask for
   accommodations and join a mentorship circle.

## What we will and won't ask

We never ask for proof of a disability or diagnosis. You decide what to tell us about your
health, and you choose, for each part of your profile, who can see it. You can read how we
handle your information in our [privacy notice](/privacy/).

If you have questions before applying, write to the organizers using the contact link at
the bottom of every page.
"""

ACCESSIBILITY = """\
This site is built so that everyone in our community can use it, whichever way they use a
computer or phone. We aim to meet the Web Content Accessibility Guidelines (WCAG) 2.2 at
level AA on every page, and we test every page automatically in a real browser, with the
keyboard alone, and at narrow widths and high zoom.

## Ways to adjust the site

- Use **Display settings**, at the top of every page, to choose light, dark or
  high-contrast colours, larger text, a font designed for low vision or for dyslexia, and
  reduced motion. If you don't choose, the site follows your device's settings.
- Every page works with a keyboard, a screen reader, voice control or switch access, and
  without JavaScript.
- Pages reflow to a single column on small screens and when zoomed to 400%.
- Times are written out in full and shown in your own time zone.

## Accommodations at gatherings

Live captions are provided at every gathering. Ask for sign language interpretation or any
other accommodation when you say you are coming, or from your profile.

## Tell us about a problem

If anything on this site is hard to use, please tell the organizers using the contact link
at the bottom of the page. Tell us which page, what you were trying to do, and, if you
like, what assistive technology you use. We will reply and fix what we can.
"""

CODE_OF_CONDUCT = """\
We want every member to feel safe, respected and free to speak honestly about disability
and work. By taking part you agree to this code.

## We expect everyone to

- Treat each other with respect and assume good intent.
- Keep what others share private. Do not repeat, record or screenshot what someone says
  about their health, their work or their life without their permission.
- Respect each person's right to decide what they disclose, and how they describe their
  own disability or condition.
- Make room for different ways of communicating: sign language, captions, text chat,
  cameras off, pauses, and breaks are all normal here.
- Give advice as lived experience, not as medical or legal advice.

## We do not accept

- Harassment, discrimination or demeaning remarks about disability, race, gender,
  sexuality, religion, age or any other part of who someone is.
- Questioning whether someone is "really" disabled.
- Sharing another member's information outside the community.
- Recruiting, selling or soliciting without the organizers' agreement.

## If something goes wrong

Tell the organizers, using the contact link at the bottom of every page or the report
button where you see one. Reports are handled confidentially. Organizers may warn, suspend
or remove anyone who breaks this code, and will tell the person who reported what was done.
"""

PRIVACY = """\
Members trust us with information about their health and their careers. We keep as little
as we need, protect it carefully, and let you decide who sees it.

## What we hold

- Your account: name, e-mail address and password (stored only as a secure hash).
- Your application and profile, including anything you choose to tell us about your
  disability or health.
- Your sign-ups for gatherings and any accommodation requests.
- A record of who at the organizers' end opened your private information, and when.

## Who can see it

Information about your health is visible only to you unless you choose otherwise, field by
field. Accommodation coordinators see the requests they need to arrange support. Meeting
links are shown only to members. We never sell your data, show advertising, or use
third-party trackers, fonts or scripts.

## How long we keep it

Applications that are declined or abandoned are deleted, with any health information in
them, after a period set by the organizers (180 days unless they change it).

## Your rights

You can download everything we hold about you, withdraw your consent to us keeping health
information (which removes it), and delete your account at any time. Content that others
rely on, such as a discussion post, is kept without your name.

Questions? Write to the organizers using the contact link at the bottom of every page.
"""

DEMO_PAGES = [
    ("home", "Disability in Medicine Mutual Mentorship", HOME, PageLocation.NONE, 10),
    ("join", "Join us", JOIN, PageLocation.MAIN, 20),
    ("accessibility", "Accessibility", ACCESSIBILITY, PageLocation.FOOTER, 10),
    ("code-of-conduct", "Code of conduct", CODE_OF_CONDUCT, PageLocation.FOOTER, 20),
    ("privacy", "Privacy notice", PRIVACY, PageLocation.FOOTER, 30),
]


@demo_step_register(20, "public pages")
def demo_pages(demo: DemoOptions) -> None:
    for slug, title, body, location, order in DEMO_PAGES:
        Page.objects.get_or_create(
            slug=slug,
            defaults={"title": title, "body": body, "location": location, "menu_order": order},
        )
