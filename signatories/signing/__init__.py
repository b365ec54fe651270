"""The sign-on lifecycle: a signature submitted (and submitted again), confirmed by its
signer, given a new link, withdrawn, added by a moderator, and its contact data erased when the
letter is done; with the validation of what a signer types. It may use the models, the forms'
field rules, abuse resistance, the outbox (to owe an email), the audit trail, tokens and the
shared helpers (identity, countries); it never imports moderation, the public face or the
admin, which sit above it."""
