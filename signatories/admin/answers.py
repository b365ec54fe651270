"""The answers to a letter's own questions in the moderators' workplace: a filter of the queue
by a choice answer, the answers on the review page, and their correction with the audit
trail."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Exists, OuterRef
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from letter.questions import Question
from signatories.models import Answer
from signatories.questions.fields import question_fields
from signatories.questions.selectors import (
    LetterQuestions,
    choice_questions,
    signature_answers,
)
from signatories.questions.services import answers_correct
from signatories.questions.wording import asked_question


class AnswerFilter(admin.SimpleListFilter):
    """Signatures that gave one answer to a question with choices ("<question>:<answer>")."""

    title = _("answer")
    parameter_name = "answer"

    def lookups(self, request, model_admin):
        # The changelist builds its filters twice (see CountryFilter): read once a request.
        if not hasattr(request, "_answer_lookups"):
            request._answer_lookups = list(_answer_lookups())
        return request._answer_lookups

    def queryset(self, request, queryset):
        question, _sep, value = (self.value() or "").partition(":")
        if not question.isdigit():
            return queryset
        answers = Answer.objects.chosen(int(question), value)
        return queryset.filter(Exists(answers.filter(signature=OuterRef("pk"))))


def _answer_lookups():
    for question in choice_questions():
        asked = asked_question(question)
        values = [v for v, _label in asked.choices] or ["yes", "no"]
        yield from ((f"{question.pk}:{v}", f"{question.label}: {asked.shown(v)}") for v in values)


def answer_rows(signature):
    """[(the question as the signer answered it, their answer, public?)] for the review page."""
    rows = []
    for answer in signature_answers(signature):
        asked = asked_question(answer.question)
        rows.append((answer.label, asked.shown(answer.value), answer.question.public))
    return rows


class AnswersForm(forms.Form):
    """Every question of the signature's letter, asked or not, holding the stored answers."""

    def __init__(self, *args, questions, answers, **kwargs):
        super().__init__(*args, **kwargs)
        self.asked = [asked_question(q) for q in questions]
        self.fields.update(question_fields(LetterQuestions(questions=tuple(self.asked))))
        for asked in self.asked:
            values = [a.value for a in answers if a.question_id == asked.pk]
            field = self.fields[asked.field_name]
            field.required = False  # a moderator may clear an answer
            # A value since renamed stays choosable, so that the correction keeps it.
            if asked.has_choices:
                field.choices = [
                    *field.choices,
                    *((v, v) for v in values if v not in dict(field.choices)),
                ]
            field.initial = (
                values if asked.kind == Question.Kind.CHOICES else next(iter(values), "")
            )

    def corrections(self):
        """(question id, [values]) for each question whose answer the moderator changed."""
        for asked in self.asked:
            if asked.field_name in self.changed_data:
                value = self.cleaned_data[asked.field_name]
                values = value if isinstance(value, list) else [value]
                yield asked.pk, [str(v) if v is not None else "" for v in values]


def answers_view(request, model_admin, signature):
    """The moderator's correction of a signature's answers."""
    questions = list(Question.objects.filter(letter=signature.letter_id).order_by("position", "pk"))
    answers = signature_answers(signature)
    form = AnswersForm(request.POST or None, questions=questions, answers=answers)
    if request.method == "POST" and form.is_valid():
        by_pk = {q.pk: q for q in questions}
        for question_pk, values in form.corrections():
            answers_correct(
                signature=signature,
                moderator=request.user,
                question=by_pk[question_pk],
                values=values,
            )
        messages.success(request, _("The answers are saved."))
        return HttpResponseRedirect(
            reverse("admin:signatories_signature_review", args=[signature.pk])
        )
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": _("Answers of %(organization)s") % {"organization": signature.organization},
        "signature": signature,
        "form": form,
    }
    return TemplateResponse(request, "admin/signatories/signature/answers.html", context)
