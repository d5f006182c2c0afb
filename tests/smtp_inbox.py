"""A real SMTP server for tests: aiosmtpd on 127.0.0.1, keeping what it is sent.

One address (`REFUSED`) is refused at RCPT, as a real server refuses an unknown mailbox.
"""

import email
from collections.abc import Iterator
from email.message import EmailMessage
from email.policy import default
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from tests.fake_printer import closed_port

REFUSED = "nobody@example.com"


class Inbox:
    """An aiosmtpd handler keeping every message and its sender."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.senders: list[str] = []

    async def handle_RCPT(  # noqa: N802  (aiosmtpd's hook names)
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        if address == REFUSED:
            return "550 5.1.1 no such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.senders.append(envelope.mail_from)
        return "250 Message accepted for delivery"

    def to(self) -> list[str]:
        return sorted(str(message["To"]) for message in self.messages)


def free_port() -> int:
    """A port nothing listens on (for "the server is down")."""
    return closed_port()


@pytest.fixture
def inbox() -> Iterator[tuple[Inbox, int]]:
    """(the handler, its port)."""
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=closed_port())
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()
