"""Who may do what in the staff console (admin, consultant, reviewer)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    ADMIN = "admin"
    CONSULTANT = "consultant"
    REVIEWER = "reviewer"


class Action(str, Enum):
    MANAGE_USERS = "manage_users"
    MANAGE_SETTINGS = "manage_settings"
    VIEW_CASES = "view_cases"
    IMPORT_CASES = "import_cases"
    MAKE_LINK_CODES = "make_link_codes"
    HANDLE_HANDOFFS = "handle_handoffs"
    READ_CONVERSATIONS = "read_conversations"
    REVIEW_CONVERSATIONS = "review_conversations"
    EXPORT_NLU = "export_nlu"
    VIEW_STATISTICS = "view_statistics"


ALLOWED: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.CONSULTANT: frozenset(
        {
            Action.VIEW_CASES,
            Action.IMPORT_CASES,
            Action.MAKE_LINK_CODES,
            Action.HANDLE_HANDOFFS,
            Action.READ_CONVERSATIONS,
            Action.VIEW_STATISTICS,
        }
    ),
    Role.REVIEWER: frozenset(
        {
            Action.READ_CONVERSATIONS,
            Action.REVIEW_CONVERSATIONS,
            Action.EXPORT_NLU,
            Action.VIEW_STATISTICS,
        }
    ),
}


@dataclass(frozen=True)
class StaffUser:
    email: str
    role: Role
    language: str | None = None  # the console's language they chose; None: the console's own


def may(user: StaffUser, action: Action) -> bool:
    return action in ALLOWED[user.role]


def sees_case(user: StaffUser, consultant_email: str | None) -> bool:
    """Admins see every case; a consultant only their own caseload; reviewers no case files."""
    if user.role is Role.ADMIN:
        return True
    if user.role is Role.CONSULTANT:
        own = (consultant_email or "").strip().lower()
        return own != "" and own == user.email.strip().lower()
    return False


def sees_conversation(
    user: StaffUser, linked_case_consultant_email: str | None, linked: bool
) -> bool:
    """Reviewers and admins read every conversation; a consultant those of their own cases."""
    if user.role in (Role.ADMIN, Role.REVIEWER):
        return True
    return linked and sees_case(user, linked_case_consultant_email)


def masked_for(user: StaffUser) -> bool:
    """Reviewers read conversations with personal data masked."""
    return user.role is Role.REVIEWER
