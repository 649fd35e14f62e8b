from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from registry.imports.files import detect_kind, read_sheet


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Spreadsheet"),
        help_text=_("Excel (.xlsx) or CSV, at most 10 MB, with the template's header row."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self):
        """Refuse now what could never be imported: another kind of file, an unreadable
        header, no rows or too many."""
        uploaded = self.cleaned_data["file"]
        self.kind = detect_kind(uploaded)
        if not read_sheet(uploaded, self.kind).rows:
            raise ValidationError(_("The file has no rows below the header row."), code="no_rows")
        uploaded.seek(0)
        return uploaded
