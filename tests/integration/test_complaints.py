"""Complaints on SQLite and PostgreSQL: the lifecycle and its times on a moved clock, the
satisfaction follow-up, erased customers, and the complaints refused."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from pos.db.complaints import anonymise_complaints
from pos.db.database import Database
from pos.db.models import Complaint, FollowUp
from pos.domain.complaints import SATISFACTION_CHECK
from pos.domain.errors import NotFoundError, UserError
from pos.services.complaints import ComplaintService
from tests.factories import FIXED_NOW, mark_customer_erased, row_counts
from tests.integration.kept_word import KeptWordShop


@pytest.fixture
def shop(database: Database) -> KeptWordShop:
    return KeptWordShop.open(database)


def log(shop: KeptWordShop, customer_id: int | None = None, **changes: object) -> int:
    """A complaint about a chipped mug, owned by Olivia and logged by Alex; its id."""
    values: dict[str, object] = {
        "customer_id": customer_id, "sale_id": None, "line_no": None,
        "category": "product_fault", "said": "The mug was chipped", "severity": "medium",
        "owner_id": shop.owner_id, "logged_by_id": shop.alex,
    }
    values.update(changes)
    complaint = ComplaintService.log(shop.complaints, **values)  # type: ignore[arg-type]
    return complaint.id


def test_lifecycle_records_each_step_and_its_time(shop: KeptWordShop) -> None:
    sale = shop.sell_mug(shop.ann)
    logged = shop.complaints.log(shop.ann, sale.id, 1, "product_fault", "The mug was chipped",
                                 "high", shop.owner_id, shop.alex)
    assert (logged.status, logged.receipt_number, logged.line_no) == ("open", "R1-000001", 1)
    assert (logged.customer_name, logged.owner_name, logged.logged_at) == (
        "Ann Archer", "Olivia", FIXED_NOW)

    shop.clock.advance(minutes=5)
    apologised = shop.complaints.record_apology(logged.id)
    shop.clock.advance(hours=2)
    shop.complaints.respond(logged.id, "Offered a replacement")
    answered = shop.complaints.respond(logged.id, "Replacement ordered")
    shop.clock.advance(days=1)
    resolved = shop.complaints.resolve(logged.id, "replacement", "New mug collected")

    assert apologised.time_to_apology == timedelta(minutes=5)
    assert (answered.status, answered.response_note) == (
        "responded", "Offered a replacement\nReplacement ordered")
    assert (resolved.status, resolved.remedy, resolved.resolution_note) == (
        "resolved", "replacement", "New mug collected")
    assert resolved.time_to_apology == timedelta(minutes=5)
    assert resolved.time_to_first_response == timedelta(hours=2, minutes=5)
    assert resolved.time_to_resolution == timedelta(days=1, hours=2, minutes=5)
    assert shop.complaints.unresolved() == ()
    assert [c.id for c in shop.complaints.for_customer(shop.ann)] == [logged.id]


def test_a_complaint_creates_a_satisfaction_follow_up_with_it(shop: KeptWordShop) -> None:
    sale = shop.sell_mug(shop.ann)
    complaint_id = log(shop, shop.ann, sale_id=sale.id)

    with shop.database.reader() as uow:
        [follow_up] = uow.session.scalars(select(FollowUp)).all()
    assert (follow_up.source, follow_up.source_id, follow_up.note) == (
        "complaint", complaint_id, SATISFACTION_CHECK)
    assert (follow_up.customer_id, follow_up.sale_id, follow_up.owner_id, follow_up.due_on) == (
        shop.ann, sale.id, shop.owner_id, FIXED_NOW.date())
    assert shop.complaints.get(complaint_id).follow_up_id == follow_up.id


def test_a_passer_by_can_complain_without_a_follow_up(shop: KeptWordShop) -> None:
    complaint = shop.complaints.get(log(shop, None, category="wait", said="Queue too long"))
    assert (complaint.customer_id, complaint.customer_name, complaint.follow_up_id) == (
        None, "", None)
    assert row_counts(shop.database, FollowUp) == {"follow_up": 0}


def test_an_apology_made_on_the_spot_counts_as_immediate(shop: KeptWordShop) -> None:
    complaint_id = log(shop, shop.ann)
    shop.clock.advance(minutes=10)
    first = shop.complaints.record_apology(complaint_id, FIXED_NOW - timedelta(minutes=1))
    again = shop.complaints.record_apology(complaint_id)
    assert first.time_to_apology == again.time_to_apology == timedelta(0)
    with pytest.raises(UserError, match="cannot be in the future"):
        shop.complaints.record_apology(log(shop, shop.bob), shop.clock.now + timedelta(hours=1))


def test_closing_without_a_remedy_asks_for_one(shop: KeptWordShop) -> None:
    complaint_id = log(shop, shop.ann)
    for missing in (None, ""):
        with pytest.raises(UserError, match="say how the complaint was put right before closing"
                                            " it: refund, replacement, discount, voucher"):
            shop.complaints.resolve(complaint_id, missing)
    with pytest.raises(UserError, match="'hug' is not a remedy"):
        shop.complaints.resolve(complaint_id, "hug")
    assert shop.complaints.get(complaint_id).status == "open"

    shop.complaints.resolve(complaint_id, "explanation")
    with pytest.raises(UserError, match="was resolved on"):
        shop.complaints.resolve(complaint_id, "refund")
    with pytest.raises(UserError, match="was resolved on"):
        shop.complaints.respond(complaint_id, "One more thing")


def test_a_complaint_on_another_customers_sale_is_refused(shop: KeptWordShop) -> None:
    bobs_sale = shop.sell_mug(shop.bob)
    with pytest.raises(UserError, match="R1-000001 was a sale to another customer"):
        log(shop, shop.ann, sale_id=bobs_sale.id)
    with pytest.raises(UserError, match="a sale to another customer"):
        log(shop, None, sale_id=bobs_sale.id)
    assert row_counts(shop.database, Complaint, FollowUp) == {"complaint": 0, "follow_up": 0}
    anonymous_sale = shop.sell_mug()
    assert shop.complaints.get(log(shop, shop.ann, sale_id=anonymous_sale.id)).sale_id == (
        anonymous_sale.id)


@pytest.mark.parametrize(("changes", "message"), [
    ({"category": "rude"}, "'rude' is not a complaint category; choose one of: product_fault"),
    ({"severity": "apocalyptic"}, "'apocalyptic' is not a severity"),
    ({"said": "  "}, "write down what the customer said"),
    ({"line_no": 1}, "a line number needs the sale it is on"),
    ({"owner_id": 999}, "no member of staff number 999"),
    ({"sale_id": 999}, "no sale number 999"),
])
def test_bad_complaints_are_refused(
    shop: KeptWordShop, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(UserError, match=message):
        log(shop, shop.ann, **changes)
    assert row_counts(shop.database, Complaint) == {"complaint": 0}


def test_a_line_must_be_on_the_sale_and_the_customer_known(shop: KeptWordShop) -> None:
    sale = shop.sell_mug(shop.ann)
    with pytest.raises(UserError, match="R1-000001 has no line 2"):
        log(shop, shop.ann, sale_id=sale.id, line_no=2)
    with pytest.raises(NotFoundError, match="no customer number 999"):
        log(shop, 999)


def test_an_erased_customers_complaint_is_kept_without_personal_data(
    shop: KeptWordShop,
) -> None:
    complaint_id = log(shop, shop.ann)
    shop.complaints.respond(complaint_id, "Called Ann at home")
    mark_customer_erased(shop.database, shop.ann)

    shown = shop.complaints.get(complaint_id)
    assert (shown.customer_id, shown.customer_erased, shown.customer_name) == (
        shop.ann, True, "")
    assert (shown.said, shown.response_note, shown.category) == ("", "", "product_fault")
    assert shop.review.day(FIXED_NOW.date()).shop.complaints_opened == 1
    with pytest.raises(UserError, match="personal data was erased"):
        log(shop, shop.ann)
    with pytest.raises(NotFoundError):
        shop.complaints.get(999)


def test_anonymising_blanks_what_the_complaints_say(shop: KeptWordShop) -> None:
    anns = log(shop, shop.ann)
    bobs = log(shop, shop.bob)
    with shop.database.writer() as uow:
        assert anonymise_complaints(uow.session, shop.ann) == 1
        uow.commit()
    with shop.database.reader() as uow:
        said = {id_: text for id_, text in uow.session.execute(
            select(Complaint.id, Complaint.said))}
    assert said == {anns: "", bobs: "The mug was chipped"}
