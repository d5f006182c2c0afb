"""All models, imported here so `Base.metadata` knows every table (Alembic reads it)."""

from pos.db.models.catalogue import Category, Product, ProductBarcode, TaxRate
from pos.db.models.customers import Customer, CustomerStats
from pos.db.models.sales import Payment, Sale, SaleLine
from pos.db.models.shop import Register, Setting, Shift, Shop, User

__all__ = [
    "Category",
    "Customer",
    "CustomerStats",
    "Payment",
    "Product",
    "ProductBarcode",
    "Register",
    "Sale",
    "SaleLine",
    "Setting",
    "Shift",
    "Shop",
    "TaxRate",
    "User",
]
