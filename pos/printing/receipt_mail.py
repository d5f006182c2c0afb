"""Receipts by e-mail: an HTML body, a plain-text alternative and the PDF attached.

Sent through the server in `POS_SMTP_URL` with the standard library:
`smtp://USER:PASSWORD@HOST:PORT` (STARTTLS when the server offers it) or `smtps://`
(TLS from the start); `?from=ADDRESS` sets the sender (default: the user name when it
is an address, else receipts@HOST). The body is a sandboxed, auto-escaping Jinja2
template, so a product called "<script>" is shown, never run.
"""

import smtplib
import ssl
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import formataddr
from functools import cache
from urllib.parse import parse_qs, unquote, urlsplit

from jinja2 import FileSystemLoader, StrictUndefined, Template
from jinja2.sandbox import SandboxedEnvironment

from pos.config import RESOURCES_DIR
from pos.domain.errors import EnvironmentProblemError, UserError
from pos.domain.receipt_layout import BarcodeRow, QrRow, Row, RuleRow, TextRow, receipt_rows
from pos.domain.receipt_model import Receipt
from pos.printing.columns import fit

TEMPLATE = "receipt_email.html"
TEXT_WIDTH = 48
TIMEOUT = 10.0
ROW_STYLES = {"normal": "", "bold": "font-weight: bold;",
              "total": "font-weight: bold; font-size: 130%;",
              "title": "font-weight: bold; font-size: 160%;"}


@dataclass(frozen=True, slots=True)
class SmtpServer:
    host: str
    port: int
    username: str
    password: str
    sender: str
    implicit_tls: bool
    starttls: bool


def parse_smtp_url(url: str) -> SmtpServer:
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        port = -1
    if scheme not in ("smtp", "smtps") or not parts.hostname or port == -1:
        raise UserError(
            "POS_SMTP_URL must look like smtp://USER:PASSWORD@HOST:PORT (or smtps://...)"
        )
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    username = unquote(parts.username or "")
    sender = query.get("from") or (username if "@" in username else f"receipts@{parts.hostname}")
    return SmtpServer(
        host=parts.hostname,
        port=port or (465 if scheme == "smtps" else 25),
        username=username,
        password=unquote(parts.password or ""),
        sender=sender,
        implicit_tls=scheme == "smtps",
        starttls=query.get("starttls", "auto").lower() not in ("off", "no", "0"),
    )


def receipt_message(receipt: Receipt, pdf: bytes, *, sender: str, to: str) -> EmailMessage:
    """The e-mail: text and HTML alternatives, the PDF attached."""
    kind = "Gift receipt" if receipt.gift else "Receipt"
    message = EmailMessage()
    message["Subject"] = f"{kind} {receipt.receipt_number} from {receipt.shop.name}"
    message["From"] = formataddr((receipt.shop.name, sender))
    message["To"] = to
    message.set_content(plain_text(receipt))
    rows = [_html_row(row) for row in receipt_rows(receipt)]
    greeting = f"Dear {receipt.customer_name}," if receipt.customer_name else "Hello,"
    html = _template().render(receipt=receipt, rows=rows, greeting=greeting)
    message.add_alternative(html, subtype="html")
    message.add_attachment(pdf, maintype="application", subtype="pdf",
                           filename=f"receipt-{receipt.receipt_number}.pdf")
    return message


def send_receipt_email(smtp_url: str, to: str, receipt: Receipt, pdf: bytes) -> None:
    """Send the receipt to `to`; `UserError` for a bad address, `EnvironmentProblemError`
    when the mail server cannot be reached or refuses."""
    address = checked_address(to)
    server = parse_smtp_url(smtp_url)
    message = receipt_message(receipt, pdf, sender=server.sender, to=address)
    try:
        with _connect(server) as smtp:
            smtp.send_message(message)
    except smtplib.SMTPRecipientsRefused as error:
        raise UserError(f"the mail server refused the address {address}; check it") from error
    except (smtplib.SMTPException, OSError) as error:
        raise EnvironmentProblemError(
            f"the receipt e-mail was not sent: {str(error) or type(error).__name__}; check "
            f"POS_SMTP_URL and that {server.host}:{server.port} is reachable"
        ) from error


def checked_address(text: str) -> str:
    address = text.strip()
    try:
        parsed = Address(addr_spec=address)
    except (ValueError, IndexError):
        parsed = None
    if parsed is None or not parsed.domain or not parsed.username:
        raise UserError(f"{text!r} is not an e-mail address; write it like name@example.com")
    return address


def plain_text(receipt: Receipt) -> str:
    """The receipt as lines of text (the e-mail's plain alternative)."""
    lines: list[str] = []
    for row in receipt_rows(receipt):
        if isinstance(row, RuleRow):
            lines.append("-" * TEXT_WIDTH)
        elif isinstance(row, TextRow):
            found = fit(row.left, row.right, TEXT_WIDTH, row.indent)
            lines += [line.center(TEXT_WIDTH).rstrip() for line in found] if row.centred else found
        else:
            lines.append(_code_text(row))
    return "\n".join(lines) + "\n"


def _html_row(row: Row) -> dict[str, object]:
    if isinstance(row, RuleRow):
        return {"kind": "rule"}
    if isinstance(row, TextRow):
        return {"kind": "text", "left": row.left, "right": row.right, "centred": row.centred,
                "indent": 8 + row.indent * 8, "style": ROW_STYLES[row.emphasis]}
    return {"kind": "code", "left": _code_text(row)}


def _code_text(row: BarcodeRow | QrRow) -> str:
    return f"Receipt number {row.data}" if isinstance(row, BarcodeRow) else row.data


def _connect(server: SmtpServer) -> smtplib.SMTP:
    context = ssl.create_default_context()
    smtp: smtplib.SMTP
    if server.implicit_tls:
        smtp = smtplib.SMTP_SSL(server.host, server.port, timeout=TIMEOUT, context=context)
    else:
        smtp = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
    try:
        smtp.ehlo()
        if not server.implicit_tls and server.starttls and smtp.has_extn("starttls"):
            smtp.starttls(context=context)
            smtp.ehlo()
        if server.username:
            smtp.login(server.username, server.password)
    except BaseException:
        smtp.close()
        raise
    return smtp


@cache
def _template() -> Template:
    environment = SandboxedEnvironment(
        loader=FileSystemLoader(RESOURCES_DIR / "templates"), autoescape=True,
        undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
    )
    return environment.get_template(TEMPLATE)
