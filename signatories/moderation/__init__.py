"""Moderation: the moderators' decisions on signatures (review), the queue's order and the
duplicate and domain hints it shows, the daily digest to moderators, the coordinator's report
and its chart, and the two groups (moderators, coordinators) with their permissions. It may use
the sign-on lifecycle, the outbox, the models and the shared helpers; the public face never
imports it."""
