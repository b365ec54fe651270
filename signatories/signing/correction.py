"""An import's invitation answered with corrections: the signer fixes what the coalition's
list gave and, by sending it, confirms the signature, which then awaits review as any
confirmed one does. The audit trail keeps each value before and after, as a moderator's
correction does; the corrected values become what the signer submitted."""

from django.db import transaction

from signatories.audit import event_record
from signatories.models import Signature, SignatureEvent
from signatories.questions.services import answers_store
from signatories.questions.wording import AskedQuestion
from signatories.signing.services import (
    IllegalTransition,
    LinkReplaced,
    lock,
    signature_confirm,
)

# How the organization appears (kept as `submitted`), then whom to write to and what they
# stated: all of it the signer may correct, the address aside.
PUBLIC_FIELDS = ("organization", "country", "scope", "website", "listing")
SIGNER_CORRECTABLE_FIELDS = (*PUBLIC_FIELDS, "contact_name", "contact_role", "authority_statement")
# Contact data the retention purge erases from the trail too (retention.py).
CONTACT_FIELDS = ("contact_name", "contact_role")


@transaction.atomic
def signature_confirm_corrected(
    *,
    signature: Signature,
    revision: int,
    answers: list[tuple[AskedQuestion, str]] = (),
    **values: str,
) -> Signature:
    """Store the signer's corrections (`values`, of SIGNER_CORRECTABLE_FIELDS, and the
    `answers` to the letter's questions, in place of any), then confirm. Raises LinkReplaced
    for a link naming an older revision, IllegalTransition for a signature no longer awaiting
    its signer (the link was used): neither stores anything."""
    unknown = set(values) - set(SIGNER_CORRECTABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not correctable by the signer: {', '.join(sorted(unknown))}")
    signature = lock(signature)
    if revision != signature.revision:
        raise LinkReplaced()
    if signature.status != Signature.Status.UNCONFIRMED:
        raise IllegalTransition(signature, "correct")
    changes = _values_store(signature, values)
    answer_changes = _answers_replace(signature, list(answers))
    if changes or answer_changes:
        details = {"changes": changes, **({"answers": answer_changes} if answer_changes else {})}
        event_record(signature=signature, action=SignatureEvent.Action.SIGNER_CORRECTED, **details)
    return signature_confirm(signature=signature, revision=revision)


def _values_store(signature, values) -> dict:
    before = {name: str(getattr(signature, name)) for name in values}
    for name, value in values.items():
        setattr(signature, name, value)
    changes = {
        name: [before[name], str(value)]
        for name, value in values.items()
        if before[name] != str(value)
    }
    # What the signer sends is what they submitted, as a new sign-on's values are.
    signature.submitted = {name: str(getattr(signature, name)) for name in PUBLIC_FIELDS}
    signature.save(update_fields=[*changes, "submitted"])
    return changes


def _answers_replace(signature, answers) -> dict:
    """{label: [before, after]} for each answer the signer changed."""
    before = _by_label(signature.answers.order_by("pk").values_list("label", "value"))
    answers_store(signature=signature, answers=answers, replace=True)
    after = _by_label((question.original_label, value) for question, value in answers)
    return {
        label: [before.get(label, ""), after.get(label, "")]
        for label in {**before, **after}
        if before.get(label, "") != after.get(label, "")
    }


def _by_label(pairs) -> dict[str, str]:
    grouped = {}
    for label, value in pairs:
        grouped.setdefault(label, []).append(value)
    return {label: "; ".join(values) for label, values in grouped.items()}
