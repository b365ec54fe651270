"""Everything that sends email: the outbox of emails owed to signers and how they are built
and delivered, the dispatcher each Celery worker runs, and the updates a coordinator sends to
signatories (updates/: the mailing, its pacing and delivery). Nothing outside this package
opens a connection to a mail server (a test enforces it). It may use the models, tokens and
the letter app; it never imports the lifecycle, moderation or the public face."""
