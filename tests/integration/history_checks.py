"""Checks that any shop's data must pass, written independently of the code that builds it.

Used by the demo shop and benchmark data set tests: each function reads the database
with plain queries and recomputes what it checks (tax, totals, statistics) here.
"""

from collections import defaultdict
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.db.base import Base, UtcDateTime
from pos.db.models import (
    Customer,
    CustomerStats,
    Payment,
    Product,
    ProductBarcode,
    Register,
    Sale,
    SaleLine,
    Shift,
)


def ean13_is_valid(code: str) -> bool:
    """GS1 check: weights 1,3,1,3... over all 13 digits give a multiple of ten."""
    if len(code) != 13 or not code.isdigit():
        return False
    return sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(code)) % 10 == 0


def inclusive_tax(total: int, rate_bp: int) -> int:
    """total x rate / (10000 + rate), rounded half up, in integers only."""
    denominator = 10_000 + rate_bp
    return (2 * total * rate_bp + denominator) // (2 * denominator)


def check_receipts_gapless(session: Session) -> int:
    """Receipt numbers run R1-000001.. in time order with no gap; returns the sale count."""
    rows = session.execute(
        select(Sale.receipt_seq, Sale.receipt_number, Sale.completed_at, Register.code)
        .join(Register, Register.id == Sale.register_id)
        .order_by(Sale.receipt_seq)
    ).all()
    assert [row.receipt_seq for row in rows] == list(range(1, len(rows) + 1))
    assert all(row.receipt_number == f"R{row.code}-{row.receipt_seq:06d}" for row in rows)
    times = [row.completed_at for row in rows]
    assert times == sorted(times)
    registers = session.scalars(select(Register)).all()
    assert [register.last_receipt_seq for register in registers] == [len(rows)]
    return len(rows)


def check_sales_add_up(session: Session) -> None:
    """Lines, taxes, sale totals and payments agree to the penny."""
    line_totals: dict[int, int] = defaultdict(int)
    line_taxes: dict[int, int] = defaultdict(int)
    line_numbers: dict[int, list[int]] = defaultdict(list)
    for line in session.execute(select(SaleLine)).scalars():
        assert line.quantity > 0
        assert line.total_minor == line.quantity * line.unit_price_minor - line.discount_minor
        assert line.tax_minor == inclusive_tax(line.total_minor, line.tax_rate_bp)
        line_totals[line.sale_id] += line.total_minor
        line_taxes[line.sale_id] += line.tax_minor
        line_numbers[line.sale_id].append(line.line_no)
    paid: dict[int, int] = defaultdict(int)
    for payment in session.execute(select(Payment)).scalars():
        paid[payment.sale_id] += payment.amount_minor
        if payment.method == "cash":
            assert payment.tendered_minor is not None
            assert payment.tendered_minor - payment.amount_minor == payment.change_minor >= 0
        else:
            assert payment.method == "card"
            assert payment.tendered_minor is None
            assert payment.change_minor == 0
    sales = session.execute(select(Sale)).scalars().all()
    assert sales
    for sale in sales:
        assert sorted(line_numbers[sale.id]) == list(range(1, len(line_numbers[sale.id]) + 1))
        assert sale.total_minor == line_totals[sale.id] > 0
        assert sale.total_minor == sale.subtotal_minor - sale.discount_minor
        assert sale.tax_minor == line_taxes[sale.id]
        assert paid[sale.id] == sale.total_minor
    assert set(line_totals) == set(paid) == {sale.id for sale in sales}


def check_customer_stats(session: Session) -> None:
    """Every customer's statistics equal an aggregate over their sales."""
    aggregates = {
        row.customer_id: row
        for row in session.execute(
            select(
                Sale.customer_id,
                func.count().label("visits"),
                func.sum(Sale.total_minor).label("spend"),
                func.min(Sale.completed_at).label("first"),
                func.max(Sale.completed_at).label("last"),
            )
            .where(Sale.customer_id.is_not(None))
            .group_by(Sale.customer_id)
        )
    }
    stats = {row.customer_id: row for row in session.scalars(select(CustomerStats))}
    customer_ids = set(session.scalars(select(Customer.id)))
    assert set(stats) == customer_ids
    assert aggregates, "no sale has a customer"
    for customer_id, row in stats.items():
        sold = aggregates.get(customer_id)
        if sold is None:
            assert (row.visits, row.spend_minor) == (0, 0)
            assert row.first_visit_at is None
            assert row.last_visit_at is None
            continue
        assert (row.visits, row.spend_minor) == (sold.visits, sold.spend)
        assert (row.first_visit_at, row.last_visit_at) == (sold.first, sold.last)


def check_shifts(session: Session) -> None:
    """Every sale is inside a closed shift whose expected cash is the float plus cash taken."""
    shifts = {shift.id: shift for shift in session.scalars(select(Shift))}
    assert shifts
    assert all(shift.closed_at is not None for shift in shifts.values())
    cash: dict[int, int] = defaultdict(int)
    rows = session.execute(
        select(Sale.shift_id, Sale.completed_at, Payment.method, Payment.amount_minor).join(
            Payment, Payment.sale_id == Sale.id
        )
    )
    for row in rows:
        shift = shifts[row.shift_id]
        assert shift.closed_at is not None
        assert shift.opened_at <= row.completed_at <= shift.closed_at
        if row.method == "cash":
            cash[row.shift_id] += row.amount_minor
    for shift in shifts.values():
        assert shift.expected_cash_minor == shift.opening_float_minor + cash[shift.id]


def check_times(session: Session, earliest: datetime, latest: datetime) -> None:
    """Every timestamp in every table is aware UTC and between `earliest` and `latest`."""
    checked = 0
    for table in Base.metadata.sorted_tables:
        for column in table.columns:
            if not isinstance(column.type, UtcDateTime):
                continue
            low, high = session.execute(select(func.min(column), func.max(column))).one()
            for value in (low, high):
                if value is None:
                    continue
                checked += 1
                assert value.tzinfo is UTC, f"{table.name}.{column.name} = {value!r}"
                assert earliest <= value <= latest, f"{table.name}.{column.name} = {value}"
    assert checked > 10


def check_barcodes(session: Session) -> None:
    """Every barcode is a valid EAN-13; every product has one, some have two."""
    per_product: dict[int, int] = defaultdict(int)
    for barcode in session.scalars(select(ProductBarcode)):
        assert ean13_is_valid(barcode.barcode), barcode.barcode
        per_product[barcode.product_id] += 1
    assert set(per_product) == set(session.scalars(select(Product.id)))
    assert set(per_product.values()) == {1, 2}
