"""The Moderators group: who may review signatures, and what they may do."""

MODERATORS_GROUP = "Moderators"

# Review, correct and add signatures (received on paper or by email) and manage the block
# lists; never delete signatures, nor touch letters or users.
MODERATOR_PERMISSIONS = [
    ("signatories", "view_signature"),
    ("signatories", "add_signature"),
    ("signatories", "change_signature"),
    ("signatories", "moderate_signature"),
    *(
        ("signatories", f"{action}_{model}")
        for model in ("blockedemaildomain", "blockednetwork")
        for action in ("view", "add", "change", "delete")
    ),
]
