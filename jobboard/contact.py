"""The regulator's job board team: its address, in the page footer, on invoices and where
the guide says to write (« Pour une demande d'approbation urgente, contactez-nous »)."""

CONTACT_EMAIL = "jobs@example.org"
