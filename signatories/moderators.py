"""The Moderators group: who may review signatures, and what they may do."""

MODERATORS_GROUP = "Moderators"

# Review, correct and add signatures (received on paper or by email); never delete them,
# nor touch letters or users.
MODERATOR_PERMISSIONS = [
    ("signatories", "view_signature"),
    ("signatories", "add_signature"),
    ("signatories", "change_signature"),
    ("signatories", "moderate_signature"),
]
