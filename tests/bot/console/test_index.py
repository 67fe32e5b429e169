from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine

from bot.console import conversations, index, remarks, statistics
from bot.console.conversations import Filters, list_conversations
from bot.console.staff import flags, reviews
from bot.store.db import session_scope
from bot.store.forget import forget_in_case_store
from bot.store.models import ConversationSummary, IndexState
from bot.store.repository import CaseRepository
from tests.bot.cases.factories import make_case
from tests.bot.console.tracker_events import Writer, at, tracker_engine

LATER = at("2026-12-31 00:00")  # "now" for the index: every test event is settled


@pytest.fixture
def tracker(tmp_path: Path) -> Engine:
    return tracker_engine(tmp_path)


def catch_up(tracker: Engine, store: Engine, now: float = LATER) -> None:
    more = True
    while more:
        with session_scope(store) as db:
            more = index.refresh(tracker, db, now)


def conversation_mix(w: Writer) -> None:
    """Three conversations: Arabic on Telegram, Dutch on the website, English over REST."""
    w.slot("tg:1", at("2026-11-27 09:00"), "language", "ar")
    w.user("tg:1", at("2026-11-27 09:00"), "متى موعدي النهائي", "ask_deadline", language="ar")
    w.bot("tg:1", at("2026-11-27 09:00"), "...")
    w.user("tg:1", at("2026-11-27 09:01"), "B1", "nlu_fallback")  # no language: still Arabic
    w.user("tg:1", at("2026-11-27 09:02"), "/feedback_bad", "feedback_bad")
    w.user("web:2", at("2026-11-28 22:30"), "wat is pvt", "ask_pvt", language="nl")  # 23:30 local
    w.user("web:2", at("2026-11-28 23:30"), "ik wil een mens", "ask_human", language="nl")
    w.action("web:2", at("2026-11-28 23:30"), "action_handoff")  # 00:30 on 29 Nov local
    w.user("rest:3", at("2026-11-28 10:00"), "hi", "greet", hint="en")
    w.user("rest:3", at("2026-11-28 10:01"), "/feedback_good", "feedback_good")


def test_digest_counts_messages_signals_and_languages_per_local_day(tracker: Engine) -> None:
    w = Writer(tracker)
    conversation_mix(w)
    found = index._read_events(tracker, ["tg:1", "web:2", "rest:3"])
    arabic = index.digest("tg:1", found["tg:1"])
    assert arabic.channel == "tg" and arabic.main_language() == "ar"
    totals = arabic.total()
    assert (totals.messages, totals.fallbacks, totals.thumbs_down) == (3, 1, 1)
    assert set(arabic.activity) == {(date(2026, 11, 27), "ar")}
    dutch = index.digest("web:2", found["web:2"])
    assert dutch.activity[(date(2026, 11, 28), "nl")].messages == 1  # 23:30 in Amsterdam
    assert dutch.activity[(date(2026, 11, 29), "nl")].handoffs == 1  # after midnight there
    english = index.digest("rest:3", found["rest:3"])
    assert english.main_language() == "en" and english.total().thumbs_up == 1
    assert english.intents[(date(2026, 11, 28), "greet")] == 1


def test_refresh_indexes_new_events_and_updates_changed_conversations(
    tracker: Engine, store_engine: Engine
) -> None:
    w = Writer(tracker)
    conversation_mix(w)
    catch_up(tracker, store_engine)
    with session_scope(store_engine) as db:
        assert db.get(ConversationSummary, "tg:1").messages == 3
        assert db.get(ConversationSummary, "web:2").handoffs == 1
    w.user("tg:1", at("2026-11-29 08:00"), "شكرا", "thanks", language="ar")
    catch_up(tracker, store_engine)
    with session_scope(store_engine) as db:
        summary = db.get(ConversationSummary, "tg:1")
        assert summary.messages == 4 and summary.last == datetime(2026, 11, 29, 8, 0)
        assert db.query(ConversationSummary).count() == 3


def test_recent_events_are_read_again_until_they_have_settled(
    tracker: Engine, store_engine: Engine
) -> None:
    w = Writer(tracker)
    w.user("web:9", at("2026-11-28 10:00"), "hallo", "greet", language="nl")
    catch_up(tracker, store_engine, now=at("2026-11-28 10:00") + 5)
    with session_scope(store_engine) as db:
        assert db.get(IndexState, index.WATERMARK).value == 0  # not settled: read again
        assert db.get(ConversationSummary, "web:9").messages == 1  # but listed already
    catch_up(tracker, store_engine, now=at("2026-11-28 10:05"))
    with session_scope(store_engine) as db:
        assert db.get(IndexState, index.WATERMARK).value == 1


def test_catching_up_works_in_rounds(
    tracker: Engine, store_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index, "IDS_PER_ROUND", 3)
    monkeypatch.setattr(index, "SENDERS_PER_QUERY", 2)
    conversation_mix(Writer(tracker))
    catch_up(tracker, store_engine)
    with session_scope(store_engine) as db:
        assert db.query(ConversationSummary).count() == 3
        assert db.get(ConversationSummary, "tg:1").messages == 3


def test_forget_removes_everything_the_console_kept(tracker: Engine, store_engine: Engine) -> None:
    conversation_mix(Writer(tracker))
    catch_up(tracker, store_engine)
    with session_scope(store_engine) as db:
        remarks.add_tag(db, "tg:1", "verkeerde datum", "r@x.nl")
        remarks.add_note(db, "tg:1", "nakijken", "r@x.nl")
        flags.flag_message(db, "tg:1", "B1", "ar", "ask_exams", "r@x.nl")
    with session_scope(store_engine) as db:
        forget_in_case_store(db, "tg:1")
    with session_scope(store_engine) as db:
        assert db.get(ConversationSummary, "tg:1") is None
        assert remarks.tags_of(db, "tg:1") == [] and remarks.notes_of(db, "tg:1") == []
        assert flags.flags(db) == []


def listed(tracker: Engine, store: Engine, **filters: object) -> list[str]:
    with session_scope(store) as db:
        items, total = list_conversations(tracker, db, Filters(**filters))  # type: ignore[arg-type]
    assert total == len(items)
    return [item.sender_id for item in items]


def test_the_list_filters_on_every_criterion(tracker: Engine, store_engine: Engine) -> None:
    conversation_mix(Writer(tracker))
    catch_up(tracker, store_engine)
    with session_scope(store_engine) as db:
        repo = CaseRepository(db)
        repo.upsert_many([make_case(case_ref="C-1")])  # consultant k.bakker@example.org
        repo.link_sender("tg:1", repo.get_row("C-1").id)
        remarks.add_tag(db, "rest:3", "Training", "r@x.nl")
        reviews.mark_reviewed(db, "web:2", "r@x.nl", datetime(2026, 11, 29))
    assert listed(tracker, store_engine) == ["web:2", "rest:3", "tg:1"]  # newest first
    assert listed(tracker, store_engine, channel="tg") == ["tg:1"]
    assert listed(tracker, store_engine, language="nl") == ["web:2"]
    assert listed(tracker, store_engine, since=date(2026, 11, 29)) == ["web:2"]
    assert listed(tracker, store_engine, until=date(2026, 11, 27)) == ["tg:1"]
    assert listed(tracker, store_engine, linked=True) == ["tg:1"]
    assert listed(tracker, store_engine, linked=False) == ["web:2", "rest:3"]
    assert listed(tracker, store_engine, intent="ask_pvt") == ["web:2"]
    assert listed(tracker, store_engine, fallback=True) == ["tg:1"]
    assert listed(tracker, store_engine, handoff=True) == ["web:2"]
    assert listed(tracker, store_engine, thumbs_down=True) == ["tg:1"]
    assert listed(tracker, store_engine, unreviewed=True) == ["rest:3", "tg:1"]
    assert listed(tracker, store_engine, tag="training") == ["rest:3"]
    assert listed(tracker, store_engine, search="موعدي") == ["tg:1"]  # stored escaped
    assert listed(tracker, store_engine, search="PVT") == ["web:2"]  # any case
    assert listed(tracker, store_engine, search="100%") == []  # LIKE wildcards are literal
    assert listed(tracker, store_engine, consultant="k.bakker@example.org") == ["tg:1"]
    assert listed(tracker, store_engine, consultant="m.devries@example.org") == []


def test_the_list_pages_through_many_conversations(tracker: Engine, store_engine: Engine) -> None:
    w = Writer(tracker)
    for n in range(conversations.PAGE_SIZE + 5):
        w.user(f"web:{n:03}", at("2026-11-28 10:00") + n, "hallo", "greet", language="nl")
    catch_up(tracker, store_engine)
    with session_scope(store_engine) as db:
        first, total = list_conversations(tracker, db, Filters())
        second, _ = list_conversations(tracker, db, Filters(page=2))
    assert total == conversations.PAGE_SIZE + 5
    assert len(first) == conversations.PAGE_SIZE and len(second) == 5
    assert first[0].sender_id == f"web:{conversations.PAGE_SIZE + 4:03}"


def test_statistics_per_day_language_intent_thumbs_and_linking(
    tracker: Engine, store_engine: Engine
) -> None:
    conversation_mix(Writer(tracker))
    catch_up(tracker, store_engine)
    with session_scope(store_engine) as db:
        repo = CaseRepository(db)
        repo.upsert_many([make_case(case_ref="C-1")])
        repo.link_sender("tg:1", repo.get_row("C-1").id)
    with session_scope(store_engine) as db:
        figures = statistics.collect(
            db, date(2026, 11, 27), date(2026, 11, 29), ("rest", "tg", "web")
        )
    assert figures.per_day == [
        (date(2026, 11, 27), {"rest": 0, "tg": 1, "web": 0}),
        (date(2026, 11, 28), {"rest": 1, "tg": 0, "web": 1}),
        (date(2026, 11, 29), {"rest": 0, "tg": 0, "web": 1}),
    ]
    by_language = {f.language: f for f in figures.languages}
    assert by_language["ar"].fallback_share == pytest.approx(1 / 3)
    assert by_language["nl"].handoff_share == 1.0 and by_language["en"].handoff_share == 0.0
    assert ("ask_deadline", 1) in figures.top_intents
    assert (figures.thumbs_up, figures.thumbs_down) == (1, 1)
    assert (figures.linked, figures.unlinked) == (1, 2)
    assert figures.conversations == 3 and figures.messages == 7
    with session_scope(store_engine) as db:
        empty = statistics.collect(db, date(2025, 1, 1), date(2025, 1, 2), ("rest", "tg", "web"))
    assert empty.conversations == 0 and empty.languages == [] and empty.top_intents == []
