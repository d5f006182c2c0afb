"""Sending e-mail through POS_SMTP_URL with the standard library, retried.

`smtp://user:pass@host:port` (plain, or STARTTLS with `?starttls=1`) and
`smtps://...` (TLS from the start). A send is tried `attempts` times with a growing
pause; if every try fails, `MailError` says why and the caller keeps the message to
send later (nothing is lost while the server is down).
"""

import smtplib
import ssl
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

from pos.domain.errors import EnvironmentProblemError, UserError

TIMEOUT_SECONDS = 10
PAUSES_SECONDS = (2.0, 10.0)
"""Waits before the second and third tries."""


class MailError(EnvironmentProblemError):
    """The mail server could not be reached or refused the message (exit code 3)."""


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    username: str | None
    password: str | None
    tls: bool
    """TLS from the first byte (smtps)."""
    starttls: bool

    @classmethod
    def from_url(cls, url: str) -> "SmtpServer":
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise UserError(
                f"POS_SMTP_URL {parts.scheme}://{parts.hostname or ''} is not an SMTP address; "
                "write it like smtp://user:password@mail.example.com:587"
            )
        try:
            port = parts.port or (465 if parts.scheme == "smtps" else 25)
        except ValueError:
            raise UserError("the port in POS_SMTP_URL is not a number") from None
        query = parse_qs(parts.query)
        return cls(
            host=parts.hostname, port=port,
            username=unquote(parts.username) if parts.username else None,
            password=unquote(parts.password) if parts.password else None,
            tls=parts.scheme == "smtps",
            starttls=query.get("starttls", ["0"])[0].lower() in ("1", "true", "yes"),
        )


def send_message(
    message: EmailMessage,
    server: SmtpServer,
    *,
    attempts: int = 3,
    pauses: Sequence[float] = PAUSES_SECONDS,
    sleep: Callable[[float], None],
) -> int:
    """Send `message`; returns the number of tries it took. Raises `MailError` when every
    try failed (the last error in its message)."""
    last_error = ""
    for attempt in range(1, attempts + 1):
        try:
            _deliver(message, server)
            return attempt
        except (smtplib.SMTPException, OSError) as error:
            last_error = str(error) or type(error).__name__
        if attempt < attempts:
            sleep(pauses[min(attempt - 1, len(pauses) - 1)] if pauses else 0)
    raise MailError(
        f"cannot send e-mail through {server.host}:{server.port} after {attempts} tries "
        f"({last_error}); it is kept and sent with the next digest, check POS_SMTP_URL"
    )


def _deliver(message: EmailMessage, server: SmtpServer) -> None:
    context = ssl.create_default_context()
    client: smtplib.SMTP = (
        smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT_SECONDS, context=context)
        if server.tls
        else smtplib.SMTP(server.host, server.port, timeout=TIMEOUT_SECONDS)
    )
    with client:
        if server.starttls:
            client.starttls(context=context)
        if server.username:
            client.login(server.username, server.password or "")
        client.send_message(message)
