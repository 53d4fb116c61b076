"""What an organizer's change to the draft did to its circles, in words, from the engine's
audit of the draft before and after (round_pages.draft_of): "Circle 3: now 6 people; time
everyone is free 4 hours → 2 hours a week. New problem: Circle 3 has no way of
communicating that everyone can use." Never names anyone on an avoid list."""

from dataclasses import dataclass

from django.utils.translation import ngettext

from dm3p.circles.enums import BrokenRule
from dm3p.circles.selectors.round_pages import Draft, DraftCircle


@dataclass(frozen=True)
class DraftEffect:
    words: str  # one sentence per circle changed, and the count of people not placed
    circle_id: int | None  # the circle to show first (None: the list of people not placed)


def _people(count: int) -> str:
    return ngettext("one person", "%(count)d people", count) % {"count": count}


def _circle_change(before: DraftCircle | None, after: DraftCircle) -> str:
    name = str(after.circle)
    quality = after.quality
    if before is None:
        parts = [
            f"{name} is new: {_people(quality.size)}",
            f"time everyone is free {after.free_time} a week",
        ]
    else:
        parts = [f"{name}: now {_people(quality.size)}"]
        if before.free_time != after.free_time:
            parts.append(f"time everyone is free {before.free_time} → {after.free_time} a week")
        if (before.quality.covered, before.quality.sought) != (quality.covered, quality.sought):
            parts.append(
                f"topics sought that someone offers {before.quality.covered} of "
                f"{before.quality.sought} → {quality.covered} of {quality.sought}"
            )
        if before.quality.repeats != quality.repeats:
            parts.append(f"pairs who met before {before.quality.repeats} → {quality.repeats}")
    earlier, later = _problems(before), _problems(after)
    sentences = ["; ".join(parts) + "."]
    sentences += [
        f"New problem: {name} {words}." for rule, words in later.items() if rule not in earlier
    ]
    sentences += [
        f"Solved: {name} no longer breaks the rule “{words}”."
        for rule, words in earlier.items()
        if rule not in later
    ]
    return " ".join(sentences)


def _problems(item: DraftCircle | None) -> dict[BrokenRule, str]:
    """Each hard rule the circle breaks, with its words (so a circle still too small, by
    a different count, is not a new problem)."""
    if item is None:
        return {}
    rules = [rule for rule, _ in item.quality.broken]
    return dict(zip(rules, item.problems, strict=True))


def draft_effect(*, before: Draft, after: Draft, focus: int | None = None) -> DraftEffect:
    """What changed from ``before`` to ``after``, circle by circle (those whose people
    changed), then people not placed if their number changed. ``focus``: the circle the
    change was about, shown first."""
    earlier = {item.circle.pk: item for item in before.circles}
    later = {item.circle.pk: item for item in after.circles}
    changed = [
        item
        for item in after.circles
        if item.circle.pk not in earlier
        or set(earlier[item.circle.pk].quality.member_ids) != set(item.quality.member_ids)
    ]
    changed.sort(key=lambda item: item.circle.pk != focus)
    sentences = [_circle_change(earlier.get(item.circle.pk), item) for item in changed]
    sentences += [
        f"{item.circle} is gone: nobody was left in it."
        for pk, item in earlier.items()
        if pk not in later
    ]
    if len(before.unplaced) != len(after.unplaced):
        sentences.append(f"Not placed: {len(before.unplaced)} → {len(after.unplaced)}.")
    target = focus if focus in later else (changed[0].circle.pk if changed else None)
    return DraftEffect(words=" ".join(sentences), circle_id=target)
