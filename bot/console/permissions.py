"""Who may do what in the staff console (admin, consultant, general, reviewer).

"general" is the municipality's integration team: it answers the requests for a person of
people who have no consultant (not linked, or a case without one) and reads their conversations.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Role(str, Enum):
    ADMIN = "admin"
    CONSULTANT = "consultant"
    GENERAL = "general"
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
    HANDLE_PRIVACY_REQUESTS = "handle_privacy_requests"  # AVG art. 15 and 17: admins only


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
    Role.GENERAL: frozenset(
        {
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
    """Reviewers and admins read every conversation; a consultant those of their own cases; the
    integration team those of people without a consultant."""
    if user.role in (Role.ADMIN, Role.REVIEWER):
        return True
    if user.role is Role.GENERAL:
        return not linked or not (linked_case_consultant_email or "").strip()
    return linked and sees_case(user, linked_case_consultant_email)


def masked_for(user: StaffUser) -> bool:
    """Reviewers read conversations with personal data masked."""
    return user.role is Role.REVIEWER
