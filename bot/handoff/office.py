"""Office hours of the integration team and the time by which a request for a person is
answered, from the municipality profile (municipality.yml):

    office_hours: {days: [mon, tue, wed, thu, fri], open: "09:00", close: "17:00"}
    handoff_answer_hours: 8    # office hours within which staff answer a request

Times are the municipality's (Europe/Amsterdam).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.facts import municipality_profile

LOCAL = ZoneInfo("Europe/Amsterdam")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@dataclass(frozen=True)
class OfficeHours:
    days: frozenset[int] = frozenset(range(5))  # 0 = Monday
    opens: time = time(9)
    closes: time = time(17)
    answer_hours: float = 8.0

    @classmethod
    def from_profile(cls, profile: Mapping[str, Any]) -> OfficeHours:
        hours = profile.get("office_hours") or {}
        days = [WEEKDAYS.index(str(d).lower()[:3]) for d in hours.get("days") or WEEKDAYS[:5]]
        return cls(
            frozenset(days),
            time.fromisoformat(str(hours.get("open", "09:00"))),
            time.fromisoformat(str(hours.get("close", "17:00"))),
            float(profile.get("handoff_answer_hours", 8)),
        )

    def is_open(self, moment: datetime) -> bool:
        local = moment.astimezone(LOCAL)
        return local.weekday() in self.days and self.opens <= local.time() < self.closes

    def next_opening(self, moment: datetime) -> datetime:
        """The moment itself when the office is open, else when it opens next."""
        local = moment.astimezone(LOCAL)
        for offset in range(8):
            day = local.date() + timedelta(days=offset)
            if day.weekday() not in self.days:
                continue
            opens = datetime.combine(day, self.opens, LOCAL)
            closes = datetime.combine(day, self.closes, LOCAL)
            if local < closes:
                return max(local, opens)
        raise ValueError("office_hours has no open day")

    def answer_by(self, moment: datetime) -> datetime:
        """`answer_hours` of office time after `moment`, in local time."""
        left = timedelta(hours=self.answer_hours)
        at = self.next_opening(moment)
        while True:
            closes = datetime.combine(at.date(), self.closes, LOCAL)
            if at + left <= closes:
                return at + left
            left -= closes - at
            at = self.next_opening(closes)


def promised(hours: OfficeHours, requested_at: datetime) -> datetime:
    """What the person is told: the answer time in local time, rounded up to a full hour."""
    when = hours.answer_by(requested_at).astimezone(LOCAL)
    if when.minute or when.second or when.microsecond:
        when = when.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return when


def office_hours() -> OfficeHours:
    """The municipality's office hours (municipality.yml; Monday to Friday 9-17 if not set)."""
    profile = municipality_profile()
    return OfficeHours.from_profile(
        {
            "office_hours": profile.get("municipality_office_hours"),
            "handoff_answer_hours": profile.get("municipality_handoff_answer_hours", 8),
        }
    )
