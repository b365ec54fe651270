"""The answers stored with a signature: given at signing, replaced by a new submission that
replaces the signature's values, corrected by a moderator with the audit trail."""

from django.db import connection, transaction

from letter.public_version import mark_published
from letter.questions import Question
from signatories.audit import event_record
from signatories.models import Answer, Signature, SignatureEvent
from signatories.questions.wording import AskedQuestion


@transaction.atomic
def answers_store(
    *, signature: Signature, answers: list[tuple[AskedQuestion, str]], replace: bool = True
) -> None:
    """Store `answers` as the signature's, in place of any it held: two statements, whatever
    the number of answers. Each keeps the wording of the question it answered.

    With `replace=False` (a submission that left the address's signature as it was, since it
    had signed already) the same two statements run and change nothing: how long a sign-on
    takes must not tell whether the address had signed."""
    Answer.objects.filter(signature_id=signature.pk if replace else 0).delete()  # no id 0
    if not answers:
        return
    rows = ", ".join(["(%s, %s, %s, %s)"] * len(answers))
    params = [p for q, value in answers for p in (signature.pk, q.pk, q.original_label, value)]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {Answer._meta.db_table} (signature_id, question_id, label, value)"
            f" SELECT * FROM (VALUES {rows}) AS given WHERE %s",
            [*params, replace],
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
