"""A desktop point-of-sale for small shops that knows its customers."""

import time

STARTED_AT = time.perf_counter()
"""When the process imported pos: the start of `ready in N ms`."""

__version__ = "0.1.0"
