"""All models, imported here so `Base.metadata` knows every table (Alembic reads it)."""

from pos.db.models.catalogue import Category, Product, ProductBarcode, TaxRate
from pos.db.models.checkout import CashMovement, ParkedSale, ShiftCashCount, VoidedLine, Voucher
from pos.db.models.customers import Customer, CustomerStats
from pos.db.models.followups import FollowUp
from pos.db.models.sales import Payment, Sale, SaleLine
from pos.db.models.shop import Register, Setting, Shift, Shop, User

__all__ = [
    "CashMovement",
    "Category",
    "Customer",
    "CustomerStats",
    "FollowUp",
    "ParkedSale",
    "Payment",
    "Product",
    "ProductBarcode",
    "Register",
    "Sale",
    "SaleLine",
    "Setting",
    "Shift",
    "ShiftCashCount",
    "Shop",
    "TaxRate",
    "User",
    "VoidedLine",
    "Voucher",
]
