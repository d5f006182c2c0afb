"""The service review's queries: each counts one topic per person, in SQL, over an
indexed range of the period (see `pos.domain.service_review` for what counts)."""
