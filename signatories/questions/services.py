"""The answers stored with a signature: given at signing, replaced by a new submission that
replaces the signature's values, corrected by a moderator with the audit trail."""

from django.db import transaction

from letter.public_version import mark_published
from letter.questions import Question
from signatories.audit import event_record
from signatories.models import Answer, Signature, SignatureEvent
from signatories.questions.wording import AskedQuestion


@transaction.atomic
def answers_store(*, signature: Signature, answers: list[tuple[AskedQuestion, str]]) -> None:
    """Store `answers` as the signature's, in place of any it held: two statements, whatever
    the number of answers. Each keeps the wording of the question it answered."""
    signature.answers.all().delete()
    Answer.objects.bulk_create(
        Answer(signature=signature, question_id=q.pk, label=q.original_label, value=value)
        for q, value in answers
    )


@transaction.atomic
def answers_correct(
    *, signature: Signature, moderator, question: Question, values: list[str]
) -> bool:
    """A moderator's correction of the signature's answer to `question` (several values for
    several choices; none to clear it). The trail keeps the answer before and after; a public
    answer of an approved signature changes the public pages. True if anything changed."""
    signature = Signature.objects.select_for_update().get(pk=signature.pk)
    existing = signature.answers.filter(question=question).order_by("pk")
    before = [answer.value for answer in existing]
    values = [value for value in values if value != ""]
    if before == values:
        return False
    label = existing[0].label if before else question.label
    existing.delete()
    Answer.objects.bulk_create(
        Answer(signature=signature, question=question, label=label, value=v) for v in values
    )
    event_record(
        signature=signature,
        action=SignatureEvent.Action.CORRECTED,
        actor=moderator,
        answers={label: ["; ".join(before), "; ".join(values)]},
    )
    if question.public and signature.status == Signature.Status.APPROVED:
        mark_published(signature.letter_id)
    return True
