"""Telling the coalition's other systems: each step in a signature's life (confirmed,
approved, rejected, withdrawn, corrected) owed as a JSON event to every active webhook, in
the transaction of the change (events.py), signed in the Standard Webhooks format
(signing.py), and delivered at least once by the workers, with backoff (delivery.py, handed
over by the dispatcher each worker runs: worker.py). The format is documented in
docs/webhooks.md. It uses only the models: the audit trail calls it, so every service that
records a step owes its events, and nothing here ever blocks a sign-on."""
