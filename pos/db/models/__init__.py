"""All models, imported here so `Base.metadata` knows every table (Alembic reads it)."""

from pos.db.models.catalogue import Category, Product, ProductBarcode, TaxRate
from pos.db.models.checkout import CashMovement, ParkedSale, ShiftCashCount, VoidedLine, Voucher
from pos.db.models.complaints import Complaint
from pos.db.models.customer_extras import AuditEntry, CustomerTag
from pos.db.models.customers import Customer, CustomerStats
from pos.db.models.digests import FollowUpDigest
from pos.db.models.followup_rules import FollowUpRule
from pos.db.models.followups import FollowUp
from pos.db.models.gifts import SaleGift
from pos.db.models.lapsed import LapseReason
from pos.db.models.messages import BirthdayGreeting, MessageTemplate, ThankYouSent
from pos.db.models.printing import PrintJob
from pos.db.models.promises import Promise
from pos.db.models.quotations import Quotation, QuotationCounter, QuotationLine
from pos.db.models.ratings import VisitRating
from pos.db.models.review_indexes import FOLLOW_UP_DONE_AT
from pos.db.models.sales import Payment, Sale, SaleLine
from pos.db.models.shop import Register, Setting, Shift, Shop, User

__all__ = [
    "FOLLOW_UP_DONE_AT",
    "AuditEntry",
    "BirthdayGreeting",
    "CashMovement",
    "Category",
    "Complaint",
    "Customer",
    "CustomerStats",
    "CustomerTag",
    "FollowUp",
    "FollowUpDigest",
    "FollowUpRule",
    "LapseReason",
    "MessageTemplate",
    "ParkedSale",
    "Payment",
    "PrintJob",
    "Product",
    "ProductBarcode",
    "Promise",
    "Quotation",
    "QuotationCounter",
    "QuotationLine",
    "Register",
    "Sale",
    "SaleGift",
    "SaleLine",
    "Setting",
    "Shift",
    "ShiftCashCount",
    "Shop",
    "TaxRate",
    "ThankYouSent",
    "User",
    "VisitRating",
    "VoidedLine",
    "Voucher",
]
