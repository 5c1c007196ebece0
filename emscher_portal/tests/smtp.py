"""A real SMTP server inside the test process (aiosmtpd): mail tests read what the server accepted."""

import email
import socket
import threading
import time
from email import policy

from aiosmtpd.controller import Controller


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpServer:
    """Accepts every mail on 127.0.0.1:`port` and keeps it (`messages`: parsed `email.message.EmailMessage`s).
    `on_accept`, if set, is called for each mail just before the server answers 250."""

    def __init__(self):
        self.messages = []
        self.on_accept = None
        self._arrived = threading.Condition()
        self._controller = None
        self.port = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 -- aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        with self._arrived:
            self.messages.append(message)
            self._arrived.notify_all()
        if self.on_accept is not None:
            self.on_accept(message)
        return "250 Message accepted for delivery"

    def start(self):
        self.port = _free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()

    @property
    def url(self):
        """For EMAIL_URL of a portal process started by a test."""
        return f"smtp://127.0.0.1:{self.port}"

    def mailer_settings(self):
        return {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": self.port, "timeout": 10},
            }
        }

    def wait_for(self, count, *, timeout=15):
        """The messages once at least `count` have arrived; fails the test after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"{len(self.messages)} of {count} mails arrived within {timeout} s")
                self._arrived.wait(left)
            return list(self.messages)
