"""The list of a form's errors shown above it (templates/includes/_error_summary.html), each
linking to the field to fix, so that a person who cannot see the whole page, or who uses a
screen reader, learns at once what went wrong and where."""

from dataclasses import dataclass

from django import forms


@dataclass(frozen=True)
class FormError:
    message: str
    # The id of the input the link moves to; "" for an error about the whole form.
    target: str = ""


class ErrorSummaryMixin:
    def error_summary(self):
        """The form's errors in the order a person meets them: the form's own first, then
        each field's, top to bottom."""
        errors = [FormError(str(message)) for message in self.non_field_errors()]
        for field in self:
            errors.extend(FormError(str(message), _first_input(field)) for message in field.errors)
        return errors


def _first_input(bound_field):
    if bound_field.is_hidden:
        return ""
    # A group of radio buttons has no input of its own id: the link goes to the first button.
    if isinstance(bound_field.field.widget, forms.RadioSelect):
        return f"{bound_field.auto_id}_0"
    return bound_field.id_for_label
