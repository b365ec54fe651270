"""The Moderators group: who may review signatures, what they may do, and making one."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

MODERATORS_GROUP = "Moderators"

# Review, correct and add signatures (received on paper or by email) and manage the block
# lists; never delete signatures, nor touch letters or users.
MODERATOR_ACTIONS = {
    "signature": ("view", "add", "change", "moderate"),
    "blockedemaildomain": ("view", "add", "change", "delete"),
    "blockednetwork": ("view", "add", "change", "delete"),
}
MODERATOR_PERMISSIONS = [
    ("signatories", f"{action}_{model}")
    for model, actions in MODERATOR_ACTIONS.items()
    for action in actions
]


@transaction.atomic
def moderator_create(*, username: str, email: str, password: str | None):
    """A staff user in the Moderators group: reviews signatures in the admin, nothing more.
    Without a password (None) the user cannot log in until one is set."""
    user = get_user_model().objects.create_user(
        username=username, email=email, password=password, is_staff=True
    )
    user.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return user
