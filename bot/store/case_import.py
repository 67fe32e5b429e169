"""Writing parsed cases to the case store, for `python -m bot cases import` and the console."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from bot.cases.domain import Case
from bot.store.repository import CaseRepository

CHUNK = 500


@dataclass(frozen=True)
class Imported:
    created: int
    updated: int

    @property
    def total(self) -> int:
        return self.created + self.updated


def save_cases(
    session: Session, cases: Sequence[Case], progress: Callable[[int], object] = lambda _: None
) -> Imported:
    """Insert or update every case in the caller's transaction (all or none), in chunks;
    `progress` hears how many cases each chunk wrote."""
    repo = CaseRepository(session)
    created = updated = 0
    for start in range(0, len(cases), CHUNK):
        chunk = cases[start : start + CHUNK]
        new, changed = repo.upsert_many(chunk)
        created, updated = created + new, updated + changed
        progress(len(chunk))
    return Imported(created, updated)
