"""What the postings tell the other packages, so that postings imports neither the seekers
nor the boosts (their receivers are connected at start-up, in their `register()`)."""

from django.dispatch import Signal

# Postings that went live for the first time (approved for today, or reached their date):
# sent with posting_ids=[...], inside the publishing transaction (J8: followers' e-mail).
first_published = Signal()

# The regulator's approval published one posting at once: sent with posting=... (J8: the
# employer's publication alert, claimed so the scheduled job does not send it again).
approved_live = Signal()
