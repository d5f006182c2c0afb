"""The service report: how well the shop served over a period (the service review as a
PDF). Counts and rates for the shop, then per person in name order (never ranked, and no
spend); complaints and how fast they were answered; promises and follow-ups; what
customers said with their ratings."""

from datetime import datetime, timedelta

from babel.dates import format_timedelta
from babel.numbers import format_decimal

from pos.domain.periods import Period
from pos.domain.ratings import MIN_STARS
from pos.domain.report_figures import ShopProfile
from pos.domain.service_review import ServiceFigures, ServiceReview, Timing
from pos.reports.document import (
    Block,
    Cell,
    Column,
    KeyFigures,
    ReportDocument,
    Section,
    Share,
    Table,
    Text,
)
from pos.reports.formatting import NO_FIGURE, Formatter
from pos.reports.sales_report import scope

CATEGORY_NAMES = {
    "product_fault": "Product fault", "service": "Service", "price": "Price",
    "wait": "Waiting", "staff": "Staff", "other": "Other",
}
COMMENTS_LISTED = 60


def service_report(
    review: ServiceReview, *, shop: ShopProfile, printed_at: datetime
) -> ReportDocument:
    formatter = Formatter(shop)
    period = Period(review.first_day, review.last_day)
    return ReportDocument(
        "Service report", scope(formatter, period, review.register_code), shop, printed_at,
        (
            _the_shop(review, formatter),
            _people(review, formatter),
            _complaints(review, formatter),
            _promises_and_follow_ups(review.shop, formatter),
            _comments(review),
        ),
    )


def stars_text(figures: ServiceFigures, formatter: Formatter) -> str:
    """The average rating, e.g. "4.3 (12 ratings)", or a dash without ratings."""
    average = figures.average_stars
    if average is None:
        return NO_FIGURE
    return f"{format_decimal(average, '0.0', locale=formatter.locale)} ({figures.ratings})"


def _duration(timing: Timing, formatter: Formatter) -> str:
    average = timing.average
    if average is None:
        return NO_FIGURE
    if average < timedelta(minutes=1):
        return "under a minute"
    return format_timedelta(average, threshold=1.5, locale=formatter.locale)


def _the_shop(review: ServiceReview, formatter: Formatter) -> Section:
    shop = review.shop
    key = KeyFigures((
        ("Sales served", shop.sales),
        ("With a known customer", Share(shop.known_customer_sales, shop.sales)),
        ("Average rating", stars_text(shop, formatter)),
        ("Complaints opened", shop.complaints_opened),
    ))
    stars = Table(
        (Column("Stars", 1), Column("Ratings", 1, numeric=True),
         Column("Share", 1, numeric=True)),
        [[str(number), count, Share(count, shop.ratings)]
         for number, count in reversed(list(enumerate(shop.stars, MIN_STARS)))
         if shop.ratings],
        ["Total", shop.ratings, None] if shop.ratings else None,
        title="Ratings of visits", empty="No ratings in this period.",
    )
    customers = Text(
        f"{review.customers} known customers came in this period; {review.won_back} of them "
        "came back after far longer than their usual gap between visits (won back)."
    )
    blocks: list[Block] = [key, customers, stars]
    if shop.sales == 0:
        blocks.insert(0, Text("No sales in this period.", "notice"))
    return Section("The shop", tuple(blocks))


def _people(review: ServiceReview, formatter: Formatter) -> Section:
    columns = (
        Column("Person", 1.6), Column("Sales", 0.8, numeric=True),
        Column("Known customer", 1.1, numeric=True), Column("Rating", 1.1, numeric=True),
        Column("Complaints", 1.3, numeric=True), Column("Resolved", 1.2, numeric=True),
        Column("Promises kept", 1.1, numeric=True), Column("Broken", 0.9, numeric=True),
        Column("Follow-ups done", 1.3, numeric=True),
    )
    rows: list[list[Cell]] = [
        _person_row(person.name, person.figures, formatter) for person in review.people
    ]
    table = Table(columns, rows, _person_row("Shop", review.shop, formatter),
                  empty="Nobody served, answered or followed up in this period.")
    note = Text(
        "In name order. Sales and ratings are the cashier's; complaints, promises and "
        "follow-ups are the person's who owns them. The shop's line includes follow-ups "
        "nobody owns.", "note")
    return Section("Per person", (table, note))


def _person_row(name: str, figures: ServiceFigures, formatter: Formatter) -> list[Cell]:
    return [
        name, figures.sales, Share(figures.known_customer_sales, figures.sales),
        stars_text(figures, formatter), figures.complaints_opened,
        figures.complaints_resolved, figures.promises_kept, figures.promises_broken,
        figures.follow_ups_done,
    ]


def _complaints(review: ServiceReview, formatter: Formatter) -> Section:
    shop = review.shop
    columns = (Column("", 2.4), Column("How many", 1, numeric=True),
               Column("Average time", 1.6, numeric=True))
    rows: list[list[Cell]] = [
        ["Opened", shop.complaints_opened, None],
        ["Apologised for", shop.complaints_apologised,
         _duration(shop.time_to_apology, formatter)],
        ["First answered", shop.time_to_first_response.count,
         _duration(shop.time_to_first_response, formatter)],
        ["Resolved", shop.complaints_resolved, _duration(shop.time_to_resolution, formatter)],
        ["Still open at the end of the period", shop.complaints_open_at_close, None],
    ]
    categories = Table(
        (Column("Category", 2.4), Column("Opened", 1, numeric=True),
         Column("Share", 1, numeric=True)),
        [[CATEGORY_NAMES.get(category, category), count, Share(count, shop.complaints_opened)]
         for category, count in review.complaint_categories],
        title="What the complaints were about", empty="No complaints in this period.",
    )
    note = Text("Times run from when the complaint was logged.", "note")
    return Section("Complaints", (Table(columns, rows), note, categories))


def _promises_and_follow_ups(shop: ServiceFigures, formatter: Formatter) -> Section:
    columns = (Column("", 3), Column("How many", 1, numeric=True))
    rows: list[list[Cell]] = [
        ["Promises due", shop.promises_due],
        ["Kept", shop.promises_kept],
        ["Broken", shop.promises_broken],
        ["Overdue at the end of the period", shop.promises_overdue_at_close],
        ["Follow-ups done", shop.follow_ups_done],
        ["Follow-ups overdue at the end of the period", shop.follow_ups_overdue_at_close],
    ]
    blocks: list[Block] = [Table(columns, rows)]
    if shop.promises_due:
        blocks.append(Text(
            f"{formatter.share(shop.promises_kept, shop.promises_due)} of the promises due "
            "were kept.", "note"))
    return Section("Promises and follow-ups", tuple(blocks))


def _comments(review: ServiceReview) -> Section:
    listed = review.comments[-COMMENTS_LISTED:]
    rows: list[list[Cell]] = [[comment.stars, comment.word] for comment in listed]
    blocks: list[Block] = [Table((Column("Stars", 1), Column("Word", 5)), rows,
                                 empty="No words given with ratings.")]
    if len(review.comments) > len(listed):
        blocks.append(Text(f"The last {len(listed)} of {len(review.comments)}.", "note"))
    return Section("What customers said", tuple(blocks))
