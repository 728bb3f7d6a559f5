from django import forms
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from profiles.models import Consent

PRIVACY_NOTICE = "2026-12"  # bump when the notice in templates/registration/_privacy_notice.html changes


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        label=_("E-mail"),
        help_text=_("Used to reset your password. The trainers of a cohort you join also see it and can export it."),
    )
    consent = forms.BooleanField(label=_("I have read the privacy notice above and agree to it."))

    class Meta(UserCreationForm.Meta):
        model = User
        fields = ["username", "email", "first_name", "last_name"]

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        with transaction.atomic():  # an account is never created without its consent
            user = super().save()
            Consent.objects.create(user=user, notice=PRIVACY_NOTICE)
        return user

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account already uses this e-mail address."))
        return email


class DeleteAccountForm(forms.Form):
    password = forms.CharField(label=_("Your password, to confirm"), widget=forms.PasswordInput)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        if not self.user.check_password(self.cleaned_data["password"]):
            raise forms.ValidationError(_("This is not your password."))
        return self.cleaned_data["password"]
