"""POS_SMTP_URL as the digest reads it."""

import pytest

from pos.domain.errors import UserError
from pos.services.mailer import SmtpServer


def test_plain_smtp_with_login_and_starttls() -> None:
    server = SmtpServer.from_url("smtp://till%40shop.test:p%40ss@mail.shop.test:587?starttls=1")
    assert server == SmtpServer("mail.shop.test", 587, "till@shop.test", "p@ss", tls=False,
                                starttls=True)


def test_default_ports() -> None:
    assert SmtpServer.from_url("smtp://mail.shop.test").port == 25
    smtps = SmtpServer.from_url("smtps://mail.shop.test")
    assert (smtps.port, smtps.tls, smtps.username) == (465, True, None)


@pytest.mark.parametrize("url", ["http://mail.shop.test", "smtp://", "smtp://host:port"])
def test_addresses_that_are_not_smtp_are_refused(url: str) -> None:
    with pytest.raises(UserError, match="POS_SMTP_URL"):
        SmtpServer.from_url(url)
