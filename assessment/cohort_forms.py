from django import forms
from django.contrib.auth.models import User
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from assessment.content import content_for
from assessment.models import Attempt, Cohort
from profiles.fields import translate
from profiles.models import TRAINER_GROUP, Framework


class CohortForm(forms.ModelForm):
    target_role = forms.ChoiceField(label=_("Target role"))

    class Meta:
        model = Cohort
        fields = ["name", "framework", "target_role", "deadline", "invite_expires_on"]
        widgets = {
            "deadline": forms.DateInput(attrs={"type": "date"}),
            "invite_expires_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {"invite_expires_on": _("Optional. The invitation link works until this day included.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["framework"].queryset = Framework.objects.filter(versions__status="published").distinct()
        self.fields["framework"].empty_label = None
        self.roles = {}
        for framework in self.fields["framework"].queryset:
            content = content_for(framework.current_version())
            self.roles[framework.pk] = {role.code for role in content.roles}
            choices = [(role.code, translate(content.role_info[role.code].name)) for role in content.roles]
            self.fields["target_role"].choices += [(framework.slug, choices)] if len(self.roles) > 1 else choices
            if not self.initial.get("target_role"):
                self.initial["target_role"] = content.entry_role.code
        self.fields["target_role"].help_text = _("By default the entry role of the framework.")

    def clean_invite_expires_on(self):
        day = self.cleaned_data["invite_expires_on"]
        if day is not None and day < timezone.localdate():
            raise forms.ValidationError(_("Choose today or a later day: an invitation cannot expire in the past."))
        return day

    def clean(self):
        cleaned = super().clean()
        framework, role = cleaned.get("framework"), cleaned.get("target_role")
        if framework and role and role not in self.roles.get(framework.pk, ()):
            self.add_error("target_role", _("This role is not in the chosen framework."))
        return cleaned


class TrainerForm(forms.Form):
    username = forms.CharField(
        label=_("Username of a trainer"),
        max_length=150,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )

    def clean_username(self):
        user = User.objects.filter(username=self.cleaned_data["username"], groups__name=TRAINER_GROUP).first()
        if user is None:
            raise forms.ValidationError(_("No trainer has this username."))
        return user


class JoinForm(forms.Form):
    consent = forms.BooleanField(
        label=_("I agree that the trainers of this cohort see what is listed above, until I leave the cohort.")
    )
    attempt = forms.ModelChoiceField(
        queryset=Attempt.objects.none(), required=False, label=_("Share a result I already have"),
        empty_label=_("No, only my next submitted assessment"),
    )  # fmt: skip

    def __init__(self, *args, user, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attempt"].queryset = Attempt.objects.submitted().filter(
            user=user, version__framework=cohort.framework
        )
        self.fields["attempt"].label_from_instance = lambda attempt: _("Submitted on {date}").format(
            date=formats.date_format(timezone.localtime(attempt.submitted_at), "SHORT_DATETIME_FORMAT")
        )


class ValidationForm(forms.Form):
    competency = forms.SlugField(widget=forms.HiddenInput)
    level = forms.TypedChoiceField(label=_("Validated level"), choices=[(i, i) for i in range(5)], coerce=int)
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = codes

    def clean_competency(self):
        code = self.cleaned_data["competency"]
        if code not in self.codes:
            raise forms.ValidationError(_("This competency is not in the candidate's result."))
        return code
