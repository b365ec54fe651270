"""The Coordinators group: who publishes updates on a letter and emails them to the signers
who asked. Coordinators see no signature and no contact data unless they are also
moderators: their permissions name the letter's models, the update emails and the imports
of existing signatories (whose files they bring) only."""

COORDINATORS_GROUP = "Coordinators"

COORDINATOR_PERMISSIONS = [
    # The letter itself only to mark it delivered (and read it); updates in full.
    ("letter", "view_letter"),
    ("letter", "change_letter"),
    *(
        ("letter", f"{action}_{model}")
        for model in ("letterupdate", "letterupdatetranslation", "question", "questiontranslation")
        for action in ("view", "add", "change", "delete")
    ),
    # Sending an update (add), pausing and resuming it (change), following its progress.
    ("signatories", "view_updatesend"),
    ("signatories", "add_updatesend"),
    ("signatories", "change_updatesend"),
    # Importing a coalition's existing signatories (signatories/imports/).
    ("signatories", "import_signatures"),
    ("signatories", "view_signatureimport"),
    ("signatories", "add_signatureimport"),
    # The partners listed on a letter, their links, embeds and counts (never who signed).
    *(("signatories", f"{action}_partner") for action in ("view", "add", "change", "delete")),
]
