"""Updates to signatories: a coordinator's mailing (mailing.py), the emails it owes
(emails.py), the paced dispatcher that hands them over a few at a time (dispatch.py) and the
one connection they are sent over (mailer.py)."""
