"""A thin repository: the only place that turns rows into domain cases and back."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import fields
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.cases.domain import Case, Exam, Kind, Source, leaves, source_of
from bot.store.models import CaseRow, ChannelLink, ExamRow, HandoffRequest, LinkCode, LinkFailure


def row_column(names: tuple[str, ...], source: Source) -> str:
    """The cases table's column of a field: its name, a nested field's names joined by "_"
    (consultant_email), and euro amounts as whole cents (borrowed_eur -> borrowed_cents)."""
    column = "_".join(names)
    return column.removesuffix("_eur") + "_cents" if source.kind is Kind.MONEY else column


def to_case(row: CaseRow) -> Case:
    return Case(**_values(row, Case))


def _values(row: CaseRow, kind: type, owner: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields of `kind` (the case, or an object within it such as the consultant)."""
    values: dict[str, Any] = {}
    for item in fields(kind):
        source, names = source_of(item), (*owner, item.name)
        if source.of is not None:
            values[item.name] = source.of(**_values(row, source.of, names))
        elif source.kind is Kind.EXAMS:
            values[item.name] = tuple(Exam(e.part, e.status, e.date) for e in row.exams)
        else:
            stored = getattr(row, row_column(names, source))
            money = source.kind is Kind.MONEY and stored is not None
            values[item.name] = Decimal(stored) / 100 if money else stored
    return values


def _fill_row(row: CaseRow, case: Case) -> None:
    for names, source in leaves():
        value: Any = case
        for name in names:
            value = getattr(value, name)
        if source.kind is Kind.EXAMS:
            row.exams = [ExamRow(part=e.part, status=e.status, date=e.date) for e in value]
        elif source.kind is Kind.MONEY:
            setattr(row, row_column(names, source), None if value is None else int(value * 100))
        else:
            setattr(row, row_column(names, source), value)
    row.updated_at = datetime.utcnow()


class CaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- cases -------------------------------------------------------------------------------
    def get_row(self, case_ref: str) -> CaseRow | None:
        return self.session.execute(
            select(CaseRow).where(CaseRow.case_ref == case_ref)
        ).scalar_one_or_none()

    def get(self, case_ref: str) -> Case | None:
        row = self.get_row(case_ref)
        return to_case(row) if row else None

    def list(self, limit: int = 100, offset: int = 0) -> Sequence[Case]:
        rows = self.session.execute(
            select(CaseRow).order_by(CaseRow.case_ref).limit(limit).offset(offset)
        ).scalars()
        return [to_case(row) for row in rows]

    def count(self) -> int:
        return int(self.session.execute(select(func.count(CaseRow.id))).scalar_one())

    def upsert_many(self, cases: Iterable[Case]) -> tuple[int, int]:
        """Insert new cases and update existing ones by case_ref. Returns (created, updated)."""
        cases = list(cases)
        refs = [case.case_ref for case in cases]
        existing: dict[str, CaseRow] = {}
        for chunk_start in range(0, len(refs), 500):
            chunk = refs[chunk_start : chunk_start + 500]
            for row in self.session.execute(
                select(CaseRow).where(CaseRow.case_ref.in_(chunk))
            ).scalars():
                existing[row.case_ref] = row
        created = updated = 0
        for case in cases:
            row = existing.get(case.case_ref)
            if row is None:
                row = CaseRow(case_ref=case.case_ref)
                self.session.add(row)
                created += 1
            else:
                updated += 1
            _fill_row(row, case)
        self.session.flush()
        return created, updated

    # --- channel links ----------------------------------------------------------------------
    def case_for_sender(self, sender_id: str) -> Case | None:
        row = self.session.execute(
            select(CaseRow).join(ChannelLink).where(ChannelLink.sender_id == sender_id)
        ).scalar_one_or_none()
        return to_case(row) if row else None

    def link_sender(self, sender_id: str, case_id: int) -> None:
        link = self.session.get(ChannelLink, sender_id)
        if link is None:
            self.session.add(ChannelLink(sender_id=sender_id, case_id=case_id))
        else:
            link.case_id = case_id
            link.linked_at = datetime.utcnow()

    def unlink_sender(self, sender_id: str) -> bool:
        result = self.session.execute(delete(ChannelLink).where(ChannelLink.sender_id == sender_id))
        return bool(result.rowcount)

    def set_language(self, sender_id: str, language: str) -> None:
        """Store the chosen language with the linked case, so it follows the person."""
        link = self.session.get(ChannelLink, sender_id)
        if link is not None:
            row = self.session.get(CaseRow, link.case_id)
            if row is not None:
                row.language = language

    # --- link codes -------------------------------------------------------------------------
    def add_link_code(self, case_id: int, code_hash: str, expires_at: datetime) -> None:
        self.session.execute(
            delete(LinkCode).where(LinkCode.case_id == case_id, LinkCode.used_at.is_(None))
        )
        self.session.add(LinkCode(case_id=case_id, code_hash=code_hash, expires_at=expires_at))

    def find_link_code(self, code_hash: str) -> LinkCode | None:
        return self.session.execute(
            select(LinkCode).where(LinkCode.code_hash == code_hash).with_for_update()
        ).scalar_one_or_none()

    def recent_failures(self, sender_id: str, since: datetime) -> int:
        return int(
            self.session.execute(
                select(func.count(LinkFailure.id)).where(
                    LinkFailure.sender_id == sender_id, LinkFailure.attempted_at >= since
                )
            ).scalar_one()
        )

    def add_failure(self, sender_id: str, now: datetime) -> None:
        self.session.add(LinkFailure(sender_id=sender_id, attempted_at=now))
        self.session.execute(
            delete(LinkFailure).where(LinkFailure.attempted_at < now - timedelta(days=1))
        )

    # --- hand-off ---------------------------------------------------------------------------
    def add_handoff(
        self, sender_id: str, language: str, question: str, now: datetime | None = None
    ) -> HandoffRequest:
        """A request for a person. A conversation has one request that is not closed: asking
        again adds to it. A linked person with a consultant is the consultant's, anyone else
        the municipality's integration team's ("general")."""
        now = now or datetime.utcnow()
        request = self.session.execute(
            select(HandoffRequest).where(HandoffRequest.open_key == sender_id).with_for_update()
        ).scalar_one_or_none()
        if request is not None:
            request.requests += 1
            request.last_request_at, request.language = now, language
            if question and question not in request.question.split("\n"):
                request.question = "\n".join(filter(None, [request.question, question]))[-2000:]
            return request
        link = self.session.get(ChannelLink, sender_id)
        case = self.session.get(CaseRow, link.case_id) if link else None
        has_consultant = case is not None and bool((case.consultant_email or "").strip())
        request = HandoffRequest(
            sender_id=sender_id,
            case_id=case.id if case else None,
            language=language,
            question=question,
            open_key=sender_id,
            team="consultant" if has_consultant else "general",
            created_at=now,
            last_request_at=now,
        )
        self.session.add(request)
        self.session.flush()
        return request
