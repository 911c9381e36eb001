"""Who may read and who may write each part of the programme: the one place for the programme's roles.

Writers: the province's staff (for their province's records) and administrators (for any). Readers, per part:
- plans and their progress: staff, officials and commune staff of the province (aggregate figures only);
- training courses and promotion events: staff and officials of the province (attendees are named: commune staff
  and producers get 403);
- product ideas: staff, officials, commune staff (their commune's) and producers (their own).
An inactive or anonymous user reads and writes nothing."""

from accounts.roles import PROVINCE_ROLES, Role

PLAN_READERS = (*PROVINCE_ROLES, Role.COMMUNE)
TRAINING_READERS = PROVINCE_ROLES
IDEA_READERS = (*PROVINCE_ROLES, Role.COMMUNE, Role.PRODUCER)


def _active(user) -> bool:
    return user.is_authenticated and user.is_active


def reads(user, readers) -> bool:
    """Whether the user's role reads a part whose reader roles are `readers` (administrators always)."""
    return _active(user) and (user.is_administrator or user.role in readers)


def is_writer(user) -> bool:
    """The province's staff and administrators write the programme (the role alone: the province comes after)."""
    return _active(user) and (user.is_administrator or user.role == Role.STAFF)


def writes_province(user, province_id) -> bool:
    """Whether the user writes a record of the province `province_id`: its own staff, or an administrator."""
    return is_writer(user) and (user.is_administrator or (user.province_id is not None
                                                          and user.province_id == province_id))


def opens_records(user) -> bool:
    """Whether the user opens the registry's product and producer pages that an idea links to (commune staff do
    not: they see the names only)."""
    return _active(user) and user.role != Role.COMMUNE
