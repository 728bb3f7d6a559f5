"""Validation of posted questionnaire pages against exactly what the page asks.

Inputs are named `rate-<competency>` and `check-<competency>-<level>`; anything else that looks
like an answer is tampering and rejects the whole page.
"""

from django.utils.translation import gettext as _

from assessment.questionnaire import DONT_KNOW, Question

LEVELS = range(0, 5)


class PageForm:
    prefix = ""

    def __init__(self, data, *, complete: bool):
        self.data = data
        self.complete = complete  # moving on needs every answer; going back saves what is there
        self.values: dict = {}
        self.errors: dict[str, str] = {}
        self.tampered: list[str] = []

    def is_valid(self) -> bool:
        self.clean()
        return not self.errors and not self.tampered

    def posted(self) -> dict[str, str]:
        return {key[len(self.prefix) :]: value for key, value in self.data.items() if key.startswith(self.prefix)}


class RatingsForm(PageForm):
    prefix = "rate-"

    def __init__(self, data, *, codes: list[str], complete: bool):
        super().__init__(data, complete=complete)
        self.codes = codes

    def clean(self):
        posted = self.posted()
        for code in posted.keys() - set(self.codes):
            self.tampered.append(_('"{code}" is not a competency of this page.').format(code=code))
        for code in self.codes:
            raw = posted.get(code)
            if raw is None:
                if self.complete:
                    self.errors[code] = _("Choose a level, 0 if you have never used it.")
            elif raw.isdecimal() and int(raw) in LEVELS:
                self.values[code] = int(raw)
            else:
                self.tampered.append(_("The level must be between 0 and 4."))


class AnswersForm(PageForm):
    prefix = "check-"

    def __init__(self, data, *, questions: list[Question], complete: bool):
        super().__init__(data, complete=complete)
        self.questions = {question.key: question for question in questions}

    def clean(self):
        posted = self.posted()
        for key in posted.keys() - self.questions.keys():
            self.tampered.append(_('"{key}" is not a question of this page.').format(key=key))
        for key, question in self.questions.items():
            raw = posted.get(key)
            if raw is None:
                if self.complete:
                    self.errors[key] = _('Choose an answer, or "I don\'t know".')
                continue
            try:
                option = int(raw)
            except ValueError:
                option = None
            if option == DONT_KNOW or (option is not None and 0 <= option < len(question.check.options)):
                self.values.setdefault(question.competency.code, {})[str(question.level)] = option
            else:
                self.tampered.append(_("This answer is not one of the options."))
