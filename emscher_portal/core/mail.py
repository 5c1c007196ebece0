"""Mail that must go out once: sent, then recorded as sent at once.

A task that sends mail may run again (after its worker died, or after a database outage cut it off). So it records
that the mail went out as soon as the SMTP server has accepted it, and checks that record before it sends. What is
left is the moment between the server's acceptance and the record: a crash exactly then sends the mail a second
time. Mail is therefore delivered at least once, and more than once only in that window — a database that is away
at that moment is waited for (up to MAIL_RECORD_PATIENCE_SECONDS) instead of giving up.
"""

from emscher_portal.core.worker.outage import retry_while_database_away

MAIL_RECORD_PATIENCE_SECONDS = 300


def mail_send_and_record(message, *, record):
    """Send `message` (an EmailMessage), then call `record()` — which stores that it was sent — right away,
    retrying it while the database is away."""
    message.send()
    retry_while_database_away(record, patience=MAIL_RECORD_PATIENCE_SECONDS)
