"""Use cases. Each owns its unit of work and returns frozen dataclasses."""
