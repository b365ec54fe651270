"""A signer's answers to a letter's own questions (letter.questions): one row per answer, and
per choice ticked for a question with several, so that the queue and the directory filter on
a choice, and the report counts them, in the database."""

from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

# Answers up to this many characters are indexed with their question, for the filters by a
# choice. A long text answer is left out: PostgreSQL refuses an index entry past about 2,700
# bytes, and the sign-on storing it would fail.
INDEXED_LENGTH = 200
_INDEXED = Q(LessThanOrEqual(Length("value"), INDEXED_LENGTH))


class AnswerQuerySet(models.QuerySet):
    def chosen(self, question_id, value):
        """The answers that gave `value` to the question; by the index when it holds them."""
        answers = self.filter(question_id=question_id, value=value)
        # The index's condition, said again so that the database sees that it may use it.
        return answers.filter(_INDEXED) if len(value) <= INDEXED_LENGTH else answers


class Answer(models.Model):
    signature = models.ForeignKey(
        "signatories.Signature", on_delete=models.CASCADE, related_name="answers"
    )
    # Protected: a question with answers stops being asked (Question.asked), never vanishes.
    question = models.ForeignKey(
        "letter.Question",
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("question"),
    )
    # The question's wording as the signer answered it, in the letter's language: a question
    # changed since keeps its answers, each with the wording it answered.
    label = models.CharField(_("question as asked"), max_length=300)
    # The text typed, the number, "yes" or "no", or a choice's wording in the letter's language
    # as it was when chosen.
    value = models.TextField(_("answer"))

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["signature", "question__position", "question", "pk"]
        indexes = [
            models.Index(
                fields=["question", "value"], name="answer_question_short_value", condition=_INDEXED
            )
        ]

    def __str__(self):
        return f"{self.label}: {self.value}"
