"""The fields of a profile, with who sees each one unless the member chooses otherwise.

Sensitive fields (health) start at "only me" and can never be public.
"""

from dataclasses import dataclass

from dm3p.members.audiences import MEMBERS, ONLY_ME, ORGANIZERS


@dataclass(frozen=True)
class ProfileField:
    name: str
    label: str
    default_audience: str
    sensitive: bool = False


PROFILE_FIELDS = [
    ProfileField("pronouns", "Pronouns", MEMBERS),
    ProfileField("photo", "Photo", MEMBERS),
    ProfileField("professions", "Professions", MEMBERS),
    ProfileField("specialty", "Specialty", MEMBERS),
    ProfileField("stage", "Stage", MEMBERS),
    ProfileField("institution", "School, program or workplace", ORGANIZERS),
    ProfileField("region", "City or region", MEMBERS),
    ProfileField("time_zone", "Time zone", MEMBERS),
    ProfileField("bio", "About me", MEMBERS),
    ProfileField("linkedin_url", "LinkedIn profile", MEMBERS),
    ProfileField("topics_offered", "Topics I can share experience about", MEMBERS),
    ProfileField("topics_sought", "Topics I'd like to learn about", MEMBERS),
    ProfileField("modes", "How I like to communicate", MEMBERS),
    ProfileField("availability", "When I'm usually free", ORGANIZERS),
    ProfileField("lived_experience", "My disability or chronic illness", ONLY_ME, sensitive=True),
    ProfileField(
        "lived_experience_categories", "Kinds of disability or illness", ONLY_ME, sensitive=True
    ),
    ProfileField("lived_experience_years", "How long I've lived with it", ONLY_ME, sensitive=True),
]

FIELDS_BY_NAME = {field.name: field for field in PROFILE_FIELDS}
SENSITIVE_FIELDS = [field.name for field in PROFILE_FIELDS if field.sensitive]


def default_visibility() -> dict[str, str]:
    return {field.name: field.default_audience for field in PROFILE_FIELDS}
