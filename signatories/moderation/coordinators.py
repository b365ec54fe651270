"""The Coordinators group: who publishes updates on a letter and emails them to the signers
who asked. Coordinators see no signature and no contact data unless they are also
moderators: their permissions name the letter's models and the update emails only."""

COORDINATORS_GROUP = "Coordinators"

COORDINATOR_PERMISSIONS = [
    # The letter itself only to mark it delivered (and read it); updates in full.
    ("letter", "view_letter"),
    ("letter", "change_letter"),
    *(
        ("letter", f"{action}_{model}")
        for model in ("letterupdate", "letterupdatetranslation")
        for action in ("view", "add", "change", "delete")
    ),
    # Sending an update (add), pausing and resuming it (change), following its progress.
    ("signatories", "view_updatesend"),
    ("signatories", "add_updatesend"),
    ("signatories", "change_updatesend"),
    # The partners listed on a letter, their links, embeds and counts (never who signed).
    *(("signatories", f"{action}_partner") for action in ("view", "add", "change", "delete")),
]
