"""A desktop point-of-sale for small shops that knows its customers."""

__version__ = "0.1.0"
