"""Issuing and redeeming link codes (single use, expiring, brute-force limited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from bot.cases import codes
from bot.cases.domain import Case
from bot.settings import Settings
from bot.store.repository import CaseRepository


class LinkOutcome(str, Enum):
    LINKED = "linked"
    INVALID = "invalid"  # unknown, used or expired: the sender is not told which
    LOCKED = "locked"


@dataclass(frozen=True)
class LinkResult:
    outcome: LinkOutcome
    case: Case | None = None


class UnknownCase(LookupError):
    pass


def issue_code(repo: CaseRepository, case_ref: str, settings: Settings, now: datetime) -> str:
    """A fresh code for the case (older unused codes stop working). Returns the display form."""
    row = repo.get_row(case_ref)
    if row is None:
        raise UnknownCase(case_ref)
    code = codes.generate_code()
    expires = now + timedelta(days=settings.link_code_ttl_days)
    repo.add_link_code(row.id, codes.hash_code(code, settings.link_code_secret), expires)
    return codes.display(code)


def redeem_code(
    repo: CaseRepository, sender_id: str, code: str, settings: Settings, now: datetime
) -> LinkResult:
    """Link the sender to the code's case, once; count failures and lock after too many."""
    since = now - timedelta(minutes=settings.link_lockout_minutes)
    if repo.recent_failures(sender_id, since) >= settings.link_max_failures:
        return LinkResult(LinkOutcome.LOCKED)
    link_code = repo.find_link_code(codes.hash_code(code, settings.link_code_secret))
    if link_code is None or link_code.used_at is not None or link_code.expires_at <= now:
        repo.add_failure(sender_id, now)
        return LinkResult(LinkOutcome.INVALID)
    link_code.used_at = now
    link_code.used_by = sender_id
    repo.link_sender(sender_id, link_code.case_id)
    repo.session.flush()
    case = repo.case_for_sender(sender_id)
    return LinkResult(LinkOutcome.LINKED, case)


__all__ = ["LinkOutcome", "LinkResult", "UnknownCase", "issue_code", "redeem_code"]
