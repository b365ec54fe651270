"""The Moderators group: who may review signatures, and what they may do."""

MODERATORS_GROUP = "Moderators"

# Review and correct signatures; never delete them, nor touch letters or users.
MODERATOR_PERMISSIONS = [
    ("signatories", "view_signature"),
    ("signatories", "change_signature"),
    ("signatories", "moderate_signature"),
]
