"""The e-mail backend of the fault tests' processes: each delivered message is one file in
`LOCAL_DIR/mailbox/` (what the recipients would get, counted per address by the test).

With FAULTS_MAIL_HOLD_AFTER=N in the environment, the backend delivers N messages, then holds
the next one before delivering it (writing `LOCAL_DIR/mailbox-held`) until the process is
killed: the test knows exactly where the worker was when it died."""

import os
import time
import uuid
from email import message_from_bytes
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


def mailbox_dir(local_dir: Path) -> Path:
    return local_dir / "mailbox"


def delivered(local_dir: Path) -> list[str]:
    """The recipient of each delivered message."""
    folder = mailbox_dir(local_dir)
    if not folder.exists():
        return []
    return [
        str(message_from_bytes(path.read_bytes())["To"]) for path in sorted(folder.glob("*.eml"))
    ]


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = mailbox_dir(settings.LOCAL_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        hold_after = os.environ.get("FAULTS_MAIL_HOLD_AFTER")
        for message in email_messages:
            if hold_after and len(list(folder.glob("*.eml"))) >= int(hold_after):
                (settings.LOCAL_DIR / "mailbox-held").write_text(", ".join(message.to))
                while True:  # held until the test kills this process
                    time.sleep(1)
            partial = folder / f"{uuid.uuid4().hex}.part"
            partial.write_bytes(message.message().as_bytes())
            partial.rename(partial.with_suffix(".eml"))  # a whole message or none
        return len(email_messages)
