"""The country a signature gives: django-countries' fields, checked by looking the code up in
the country list. Django checks a choice by walking the ~250 choices, normalising each one
again on every walk, once in the form and once more in the model: that was most of the time
a sign-on POST spent validating its form."""

from django.core import exceptions
from django_countries import countries
from django_countries.fields import CountryField, LazyTypedChoiceField


class CountryChoiceField(LazyTypedChoiceField):
    def valid_value(self, value):
        return str(value) in countries


class SignatureCountryField(CountryField):
    """django-countries' CountryField (migrations see that one: the column is the same)."""

    def validate(self, value, model_instance):
        if value in self.empty_values:
            # Django's own checks of an empty value (blank, null); it walks no choices then.
            super().validate(value, model_instance)
        elif self.editable and value not in self.countries:
            raise exceptions.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )

    def formfield(self, **kwargs):
        kwargs.setdefault("choices_form_class", CountryChoiceField)
        return super().formfield(**kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django_countries.fields.CountryField", args, kwargs
