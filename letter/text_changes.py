"""Who may change what on a letter, in the admin, and the reason a signed letter's text
needs: coordinators change only what their role needs; whoever may change the text of a
letter with signatures gives a reason, kept with the new version (letter/revisions.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Letter
from .revisions import has_signatures
from .versions import TEXT_FIELDS, TRANSLATED_TEXT_FIELDS

# What a coordinator may change on a letter: what their role needs (the delivery), never
# the text, the dates or the pause. Updates and questions have their own pages.
COORDINATOR_LETTER_FIELDS = ["delivered_on", "asks_role", "asks_authority"]
TEXT_CHANGE_REASON = "change_reason"


REASON_REQUIRED = _(
    "People have signed this letter: give the reason for changing its text (under “Reason "
    "for changing the text”). It is kept with the new version, which new signatures agree to."
)


def may_change_text(request):
    return request.user.has_perm("letter.change_letter_text")


class LetterTranslationFormSet(forms.BaseInlineFormSet):
    """Translations of a signed letter change only with the reason the letter's form asks."""

    def clean(self):
        super().clean()
        reason = (self.data.get(TEXT_CHANGE_REASON) or "").strip()
        if self._text_changed() and not reason and has_signatures(self.instance):
            raise forms.ValidationError(REASON_REQUIRED)

    def _text_changed(self):
        text = {"language", *TRANSLATED_TEXT_FIELDS}
        return any(
            (form.instance.pk and self._should_delete_form(form))
            or (form.has_changed() and text.intersection(form.changed_data))
            for form in self.forms
        )


class LetterForm(forms.ModelForm):
    change_reason = forms.CharField(
        label=_("Reason for changing the text"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Required to change the title, recipient or body (or a translation's) once the "
            "letter has signatures; kept with the new version of the text."
        ),
    )

    class Meta:
        model = Letter
        # LetterAdmin's fieldsets choose, less what the user may not change.
        fields = [*TEXT_FIELDS, "slug", "date", "summary", "delivered_on"]

    def clean(self):
        cleaned = super().clean()
        changed = set(TEXT_FIELDS).intersection(self.changed_data)
        reason = (cleaned.get(TEXT_CHANGE_REASON) or "").strip()
        if changed and not reason and has_signatures(self.instance):
            self.add_error(TEXT_CHANGE_REASON, REASON_REQUIRED)
        return cleaned
