"""The demo shop's back office is not empty: follow-ups, promises, complaints, ratings."""

from datetime import UTC, datetime, timedelta

from pos.db.database import Database
from pos.services.demo import DEMO_CSV, build_demo_shop
from pos.services.demo_service import RATINGS, add_service_story
from pos.services.followups import FollowUpService
from pos.services.promises import PromiseService
from pos.services.service_review import ServiceReviewService

NOW = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)


def clock() -> datetime:
    return NOW


def test_the_story_shows_in_the_queue_and_in_todays_review(database: Database) -> None:
    build_demo_shop(database, DEMO_CSV, clock)
    story = add_service_story(database, clock)
    today = NOW.date()

    assert (story.follow_ups, story.promises, story.complaints) == (4, 2, 2)
    queue = FollowUpService(database, clock).queue(today)
    notes = {item.note for item in queue}
    assert "Tell them the repair is back" in notes
    assert "Check they are satisfied" in notes  # every complaint asks for a check
    coming = FollowUpService(database, clock).queue(today, include_future=True)
    sources = sorted(item.source for item in coming)
    # four scheduled at the till, a reminder per promise, a satisfaction check per complaint
    assert sources == ["complaint"] * 2 + ["manual"] * 4 + ["promise"] * 2
    assert [p.text for p in PromiseService(database, clock).due(today)] == [
        "Your special order arrives today"
    ]

    review = ServiceReviewService(database, clock).day(today)
    figures = review.shop
    assert figures.complaints_opened == 2
    assert figures.complaints_open_at_close == 1
    assert figures.time_to_resolution.average == timedelta(hours=3, minutes=45)
    assert figures.time_to_apology.average == timedelta(minutes=10)
    assert figures.time_to_first_response.average == timedelta(minutes=45)
    assert figures.promises_due == 1


def test_the_ratings_are_on_the_latest_visits(database: Database) -> None:
    build_demo_shop(database, DEMO_CSV, clock)
    add_service_story(database, clock)
    review = ServiceReviewService(database, clock).period(
        NOW.date() - timedelta(days=60), NOW.date()
    )
    given = [stars for stars, _ in RATINGS]
    assert review.shop.stars == tuple(given.count(stars) for stars in range(1, 6))
    words = {comment.word for comment in review.comments}
    assert {word for _, word in RATINGS if word} <= words
