"""Qt widgets. Talks to services only, never to the database."""
