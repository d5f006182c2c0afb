"""`pos followups list|export-ics|digest` against a shop's database (both backends)."""

from pathlib import Path

import pytest
from icalendar import Calendar

from pos.app import run
from pos.db.database import Database
from pos.domain.followups import Preset
from pos.services.followups import FollowUpService
from tests.factories import add_customer, make_shop

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def shop(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    """A shop with a follow-up due today and one due next week (on the real clock)."""
    make_shop(database)
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("POS_DATABASE_URL",
                       database.engine.url.render_as_string(hide_password=False))
    monkeypatch.delenv("POS_SMTP_URL", raising=False)
    service = FollowUpService(database)
    zoe = add_customer(database, "Zoë Brontë")
    service.schedule(zoe, service.today(), "call", "Ask about the mug", None, None)
    service.schedule(zoe, Preset.IN_A_WEEK, "visit", "", None, None)
    return database


def test_list_today_and_all(shop: Database, capsys: Capture) -> None:
    assert run(["followups", "list", "--due", "today"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert " call Zoë Brontë (no contact) Scheduled at the till - Ask about the mug" in out[0]
    assert out[1] == "1 follow-up (today)"
    assert run(["followups", "list"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "2 follow-ups (all)"
    assert run(["followups", "list", "--due", "overdue"]) == 0
    assert capsys.readouterr().out.strip() == "0 follow-ups (overdue)"


def test_export_ics_writes_every_open_follow_up(
    shop: Database, tmp_path: Path, capsys: Capture
) -> None:
    target = tmp_path / "queue.ics"
    assert run(["followups", "export-ics", str(target)]) == 0
    assert capsys.readouterr().out.strip() == f"wrote 2 follow-ups to {target}"
    summaries = sorted(str(e["summary"]) for e in Calendar.from_ical(target.read_bytes())
                       .walk("VEVENT"))
    assert summaries == ["Call Zoë Brontë", "Visit Zoë Brontë"]


def test_errors_are_one_line(shop: Database, tmp_path: Path, capsys: Capture) -> None:
    assert run(["followups", "export-ics", str(tmp_path / "no" / "queue.ics")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("pos: error: cannot write")
    assert len(err.splitlines()) == 1
    assert run(["followups", "digest"]) == 1
    assert capsys.readouterr().err.strip() == (
        "pos: error: e-mail is off; set POS_SMTP_URL to send the digest")
