"""Form fields shared by the apps."""

from django import forms

from ocop.text import whole_number


class RecordsField(forms.ModelMultipleChoiceField):
    """Records chosen by id. A value that is no id a database integer holds (ocop.text.whole_number: ASCII digits,
    at most 18 of them) is refused as not a choice before any query: an `IN (…)` of a 20-digit number overflows
    on SQLite and PostgreSQL."""

    def _check_values(self, value):
        for pk in value if isinstance(value, list | tuple) else []:
            if whole_number(str(pk)) is None:
                raise forms.ValidationError(self.error_messages["invalid_pk_value"], code="invalid_pk_value",
                                            params={"pk": pk})
        return super()._check_values(value)
