from datetime import date
from decimal import Decimal

from sqlalchemy.engine import Engine

from bot.cases.domain import Exam, leaves
from bot.store.db import session_scope
from bot.store.models import CaseRow
from bot.store.repository import CaseRepository, row_column
from tests.bot.cases.factories import make_case


def test_upsert_creates_then_updates_by_case_ref(store_engine: Engine) -> None:
    with session_scope(store_engine) as session:
        created = CaseRepository(session).upsert_many(
            [
                make_case(
                    case_ref="X-1",
                    exams=[("knm", "planned", date(2027, 1, 5))],
                    borrowed_eur=Decimal("12.50"),
                )
            ]
        )
    assert created == (1, 0)
    with session_scope(store_engine) as session:
        updated = CaseRepository(session).upsert_many(
            [make_case(case_ref="X-1", route="b1", exams=[("knm", "passed", date(2027, 1, 5))])]
        )
    assert updated == (0, 1)
    with session_scope(store_engine) as session:
        repo = CaseRepository(session)
        case = repo.get("X-1")
        assert repo.count() == 1
    assert case.route == "b1"
    assert case.exams == (Exam("knm", "passed", date(2027, 1, 5)),)
    assert case.borrowed_eur is None


def test_language_choice_is_stored_with_the_linked_case(store_engine: Engine) -> None:
    with session_scope(store_engine) as session:
        repo = CaseRepository(session)
        repo.upsert_many([make_case(case_ref="L-1", language="nl")])
        repo.link_sender("web:abc", repo.get_row("L-1").id)
        repo.set_language("web:abc", "ar")
    with session_scope(store_engine) as session:
        assert CaseRepository(session).get("L-1").language == "ar"


def test_handoff_requests_remember_the_case_and_question(store_engine: Engine) -> None:
    with session_scope(store_engine) as session:
        repo = CaseRepository(session)
        repo.upsert_many([make_case(case_ref="H-1")])
        repo.link_sender("rest:h", repo.get_row("H-1").id)
        request = repo.add_handoff("rest:h", "en", "why was I fined?")
        assert request.case_id == repo.get_row("H-1").id and request.status == "open"


def test_every_field_of_a_case_is_stored_and_read_back(store_engine: Engine) -> None:
    full = make_case(
        case_ref="F-1",
        language="ti",
        pip_date=date(2024, 6, 10),
        term_end=date(2027, 6, 11),
        route="z",
        step=3,
        intake_first=date(2024, 4, 2),
        intake_second=date(2024, 4, 16),
        learnability_test=date(2024, 4, 16),
        pvt_status="scheduled",
        pvt_date=date(2025, 2, 3),
        map_status="invited",
        map_date=date(2025, 3, 1),
        exams=[("knm", "planned", date(2025, 5, 20)), ("lezen", "passed", None)],
        borrowed_eur=Decimal("2500.50"),
    )
    with session_scope(store_engine) as session:
        CaseRepository(session).upsert_many([full])
    with session_scope(store_engine) as session:
        assert CaseRepository(session).get("F-1") == full


def test_every_column_of_the_cases_table_holds_a_field_of_the_case() -> None:
    columns = {column.name for column in CaseRow.__table__.columns} - {"id", "updated_at"}
    fields = {row_column(names, source) for names, source in leaves() if names != ("exams",)}
    assert columns == fields
