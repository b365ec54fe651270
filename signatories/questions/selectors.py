"""What the form, the admin, the exports, the open data, the directory and the report read of
the letters' questions and their answers. Each reads in a fixed number of queries, however
many questions and signatures: the form's questions none at all once a process holds them
for the letter's public version (which every change of a question bumps)."""

from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import caches
from django.db.models import Count
from django.utils.translation import pgettext

from letter.public_version import LOCAL_CACHE, STATE_SECONDS
from letter.questions import Question
from signatories.models import Answer, Signature
from signatories.questions.wording import NO, YES, AskedQuestion, asked_question

# The kinds of question a queue or a directory may be filtered by.
_FILTERABLE = (*Question.WITH_CHOICES, Question.Kind.YES_NO)


@dataclass(frozen=True)
class LetterQuestions:
    """What a letter's form asks beyond the standard fields, in one language."""

    questions: tuple[AskedQuestion, ...] = ()
    asks_role: bool = False
    asks_authority: bool = False

    def __bool__(self):
        return bool(self.questions or self.asks_role or self.asks_authority)


def letter_questions(letter, language) -> LetterQuestions:
    """The questions the letter's form asks, in `language`: kept in this process's memory for
    the letter's public version, so that the form reads them once, not per request."""
    local = caches[LOCAL_CACHE]
    key = f"questions:{letter.pk}:v{letter.public_version}:{language}"
    found = local.get(key)
    if found is None:
        found = LetterQuestions(
            questions=tuple(_asked(letter, language)),
            asks_role=letter.asks_role,
            asks_authority=letter.asks_authority,
        )
        local.set(key, found, STATE_SECONDS)
    return found


def public_choice_filters(letter, language) -> list[tuple[str, list[tuple[str, str]]]]:
    """The directory's answer filter: for each public question with choices (or yes/no) the
    letter asks, (its label, [(filter value "<question id>:<choice>", the choice shown)]),
    in `language`; no query once the form's questions are held."""
    filters = []
    for question in letter_questions(letter, language).questions:
        if question.public and _filterable(question.kind):
            values = [value for value, _shown in question.choices] or [YES, NO]
            options = [(f"{question.pk}:{value}", question.shown(value)) for value in values]
            filters.append((question.label, options))
    return filters


# How long each process trusts its list of the answers the directory may be filtered by: a
# public question just added is filterable this much later.
PUBLIC_CHOICES_SECONDS = 5


def is_public_choice(value: str) -> bool:
    """Whether `value` ("<question id>:<choice>") is a choice of a public question, of any
    letter: what the page cache lets through to the directory (letter/page_query.py), so that
    made-up values all come to the page without the filter. One query per process every
    PUBLIC_CHOICES_SECONDS, and only when a filter by answer is asked for."""
    local = caches[LOCAL_CACHE]
    known = local.get("public-choices")
    if known is None:
        known = frozenset(_public_choices())
        local.set("public-choices", known, PUBLIC_CHOICES_SECONDS)
    return value in known


def _public_choices():
    questions = Question.objects.filter(public=True, asked=True)
    for question in questions.filter(kind__in=_FILTERABLE).only("pk", "kind", "choices"):
        for value in question.choice_list or [YES, NO]:
            yield f"{question.pk}:{value}"


def _filterable(kind):
    return kind in _FILTERABLE


def _asked(letter, language):
    # The questions and their translations in this language: one query.
    rows = Question.objects.filter(letter=letter, asked=True).prefetch_related("translations")
    for question in rows.order_by("position", "pk"):
        translation = next((t for t in question.translations.all() if t.language == language), None)
        yield asked_question(question, translation)


def answers_by_signature(signature_ids, *, public_only=False) -> dict[int, dict[int, list[str]]]:
    """{signature id: {question id: [values]}} for these signatures, in one query."""
    answers = Answer.objects.filter(signature__in=signature_ids)
    if public_only:
        answers = answers.filter(question__public=True)
    found = defaultdict(lambda: defaultdict(list))
    for signature_id, question_id, value in answers.order_by("pk").values_list(
        "signature_id", "question_id", "value"
    ):
        found[signature_id][question_id].append(value)
    return found


def public_answers(letter, language, signature_ids) -> dict[int, list[tuple[str, str]]]:
    """{signature id: [(label, answer)]}: these signatures' answers to the public questions
    the letter asks, as a reader in `language` reads them, for the directory. One query."""
    public = [q for q in letter_questions(letter, language).questions if q.public]
    if not public or not signature_ids:
        return {}
    found = answers_by_signature(signature_ids, public_only=True)
    separator = pgettext("between the choices of an answer", ", ")
    shown = {}
    for signature_id, by_question in found.items():
        answers = [
            # A choice stored twice (before the form refused it) is shown once.
            (q.label, separator.join(q.shown(value) for value in dict.fromkeys(by_question[q.pk])))
            for q in public
            if q.pk in by_question
        ]
        if answers:
            shown[signature_id] = answers
    return shown


def signature_answer_values(signature) -> dict[int, list[str]]:
    """{question id: [values]} of one signature's answers: what its form shows again."""
    return dict(answers_by_signature([signature.pk])[signature.pk])


def answered_questions(letter_ids, *, public_only=False) -> list[Question]:
    """The questions of these letters (asked or not), in order: the columns of an export."""
    questions = Question.objects.filter(letter__in=letter_ids)
    if public_only:
        questions = questions.filter(public=True)
    return list(questions.order_by("letter", "position", "pk"))


def signature_answers(signature) -> list[Answer]:
    """A signature's answers, each with the wording it answered, for the review page."""
    return list(signature.answers.select_related("question").order_by("question__position", "pk"))


def choice_questions(letters=None):
    """The questions with choices (and yes/no) a queue or a directory may filter on."""
    questions = Question.objects.filter(kind__in=_FILTERABLE)
    if letters is not None:
        questions = questions.filter(letter__in=letters)
    return questions.order_by("letter", "position", "pk")


def choice_breakdowns(letters) -> dict[int, list[tuple[Question, list[tuple[str, int]]]]]:
    """{letter id: [(question, [(choice, count)])]}: for each question with choices of these
    letters, every choice (those asked now, then any wording answered since changed) and how
    many approved signatures chose it. Two queries, however many letters."""
    questions = list(choice_questions(letters))
    counts = defaultdict(dict)
    rows = (
        Answer.objects.filter(question__in=questions, signature__status=Signature.Status.APPROVED)
        .values_list("question_id", "value")
        .annotate(n=Count("signature", distinct=True))
    )
    for question_id, value, n in rows:
        counts[question_id][value] = n
    breakdowns = defaultdict(list)
    for question in questions:
        asked = asked_question(question)
        shown = [value for value, _label in asked.choices] or ["yes", "no"]
        found = counts[question.pk]
        lines = [(asked.shown(v), found.get(v, 0)) for v in shown]
        lines += [(v, n) for v, n in sorted(found.items()) if v not in shown]
        breakdowns[question.letter_id].append((question, lines))
    return breakdowns
