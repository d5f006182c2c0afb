"""What every report's gathering step shares: the open read, the shop, "now" and its day."""

from dataclasses import dataclass
from datetime import date, datetime, tzinfo

from pos.db.report_queries.common import Bounds, register_codes, register_id
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.errors import UserError
from pos.domain.periods import Period, checked_period
from pos.domain.report_figures import ReportKind, ShopProfile
from pos.reports.formatting import shop_zone
from pos.services.report_run import ReportRun


@dataclass(frozen=True, slots=True)
class ReportRequest:
    """Which report, for which days (in the shop's time zone) and which register.

    No dates: the month so far; for the Z report, the register's last closed shift. No
    register: all of them (the Z and X reports need one).
    """

    kind: ReportKind
    start: date | None = None
    end: date | None = None
    register_code: str | None = None


@dataclass(frozen=True, slots=True)
class Scope:
    """What a period report covers: its days, their UTC bounds, one register or all."""

    period: Period
    bounds: Bounds
    register_id: int | None


@dataclass(frozen=True)
class ReportContext:
    uow: SqlAlchemyUnitOfWork
    shop: ShopProfile
    now: datetime
    zone: tzinfo
    run: ReportRun

    @classmethod
    def on(
        cls, uow: SqlAlchemyUnitOfWork, shop: ShopProfile, now: datetime, run: ReportRun
    ) -> "ReportContext":
        return cls(uow, shop, now, shop_zone(shop.timezone), run)

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    def scope(self, request: ReportRequest, *, steps: int) -> Scope:
        """The request's days and register, checked; the report reads in `steps` steps."""
        period = self.period(request)
        self.run.plan(steps)
        return Scope(period, self.bounds(period), self.register_id(request.register_code))

    def period(self, request: ReportRequest) -> Period:
        return checked_period(request.start, request.end, self.today)

    def bounds(self, period: Period) -> Bounds:
        return period.utc_bounds(self.zone)

    def register_id(self, code: str | None) -> int | None:
        """The register's id, None for all registers."""
        return None if code is None else self.register(code)

    def register(self, code: str) -> int:
        """The id of the register with this code; refuses a code that is not set up."""
        found = register_id(self.uow.session, code)
        if found is None:
            known = ", ".join(register_codes(self.uow.session)) or "none yet"
            raise UserError(f"there is no register {code!r}; the registers are: {known}")
        return found
