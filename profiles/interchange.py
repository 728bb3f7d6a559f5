"""The framework interchange format (spec/framework-format.md): validation and export.

`validate(data)` returns every problem at once, each as "path: message" with the path into
the file (e.g. `roles[2].requirements[0].competencies[1]: unknown competency "pytorh"`).
"""

import datetime
import json
import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

FORMAT = "kafaa-framework/1"
SLUG = re.compile(r"^[a-z0-9-]+$")
LANGUAGE = re.compile(r"^[a-z]{2}(-[a-z0-9]+)?$")
STATUSES = ("active", "retiring", "retired")
COVERAGES = (0.5, 1)
# Bounds of the database columns the file is stored in (PostgreSQL refuses anything beyond them).
SMALL_MAX = 32767  # PositiveSmallIntegerField
INTEGER_MAX = 2147483647  # PositiveIntegerField
CODE_LENGTH = 50  # SlugField
PROVIDER_LENGTH, EXAM_LENGTH, URL_LENGTH = 200, 50, 200

DOCUMENT_KEYS = ({"format", "slug", "title", "levels", "areas"}, {"version", "description", "roles", "certifications"})
LEVEL_KEYS = ({"value", "name"}, {"meaning"})
AREA_KEYS = ({"code", "name", "competencies"}, set())
COMPETENCY_KEYS = ({"code", "name", "anchors"}, {"description", "checks"})
CHECK_KEYS = ({"level", "prompt", "options", "answer"}, {"explanation"})
ROLE_KEYS = (
    {"code", "name", "rank", "requirements"},
    {"entry", "description", "education", "conditions", "salary", "next"},
)
SALARY_KEYS = ({"currency", "min", "max", "period", "basis"}, {"note"})
REQUIREMENT_KEYS = ({"competencies", "target", "weight"}, {"label"})
CERTIFICATION_KEYS = ({"code", "name", "provider", "status", "covers"}, {"exam", "url", "retires_on"})
COVER_KEYS = ({"competency", "coverage"}, set())


def read_json(path: str):
    """Parse a JSON file; a ValueError says, in plain words, why it cannot be read."""
    try:
        with open(path, encoding="utf-8") as file:
            return json.load(file)
    except OSError as error:
        raise ValueError(_("cannot read the file ({reason})").format(reason=error.strerror)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(_("not valid JSON ({error})").format(error=error)) from None


def check_options(options, answer) -> None:
    """Raise ValidationError unless options is a list of 2+ texts and answer indexes it."""
    problems = _Validator()
    problems.options_and_answer("", options, answer)
    if problems.problems:
        raise ValidationError(problems.problems)


def validate(data) -> list[str]:
    """Every rule of the format that `data` (parsed JSON) breaks, as "path: message" lines."""
    validator = _Validator()
    validator.document(data)
    return validator.problems


class _Validator:
    def __init__(self):
        self.problems: list[str] = []
        self.missing: set[str] = set()  # paths already reported as missing keys

    def add(self, path: str, message: str):
        if path not in self.missing:
            self.problems.append(f"{path}: {message}")

    # Shapes -----------------------------------------------------------------------------
    def fields(self, path, value, keys) -> bool:
        required, optional = keys
        if not isinstance(value, dict):
            self.add(path, _("expected an object"))
            return False
        for key in sorted(required - value.keys()):
            self.add(path, _('missing required key "{key}"').format(key=key))
            self.missing.add(f"{path}.{key}" if path != "(file)" else key)
        for key in sorted(value.keys() - required - optional):
            self.add(f"{path}.{key}", _('unknown key "{key}"').format(key=key))
        return True

    def items(self, path, value, minimum=0) -> list:
        if not isinstance(value, list):
            self.add(path, _("expected a list"))
            return []
        if len(value) < minimum:
            message = ngettext("expected at least {count} entry", "expected at least {count} entries", minimum)
            self.add(path, message.format(count=minimum))
        return value

    def integer(self, path, value, low=None, high=None) -> bool:
        if not isinstance(value, int) or isinstance(value, bool):
            self.add(path, _("expected a whole number"))
            return False
        if (low is not None and value < low) or (high is not None and value > high):
            self.add(path, _("{value} is out of range {low}–{high}").format(value=value, low=low, high=high))
            return False
        return True

    def string(self, path, value, optional=False, length=None) -> bool:
        if optional and value is None:
            return True
        if not isinstance(value, str) or not value.strip():
            self.add(path, _("expected a non-empty text"))
            return False
        return self.length(path, value, length)

    def length(self, path, value: str, length) -> bool:
        if length is not None and len(value) > length:
            message = ngettext("expected at most {count} character", "expected at most {count} characters", length)
            self.add(path, message.format(count=length))
            return False
        return True

    def code(self, path, value) -> bool:
        if not isinstance(value, str) or not SLUG.match(value):
            self.add(path, _("expected a code of lowercase letters, digits and hyphens"))
            return False
        return self.length(path, value, CODE_LENGTH)

    def text(self, path, value, optional=False):
        if optional and value is None:
            return
        if not isinstance(value, dict):
            self.add(path, _('expected translations like {"fr": "…", "en": "…"}'))
            return
        if not value.get("fr"):
            self.add(path, _('the French text "fr" is required'))
        for language, text in value.items():
            if not LANGUAGE.match(str(language)):
                self.add(f"{path}.{language}", _("unknown language code"))
            elif not isinstance(text, str) or not text.strip():
                self.add(f"{path}.{language}", _("expected a non-empty text"))

    def unique(self, path, codes: list):
        seen = set()
        for index, code in codes:
            if code in seen:
                self.add(f"{path}[{index}].code", _('duplicate code "{code}"').format(code=code))
            seen.add(code)

    # The document ---------------------------------------------------------------------------
    def document(self, data):
        if not self.fields("(file)", data, DOCUMENT_KEYS):
            return
        if data.get("format") != FORMAT:
            self.add("format", _('expected "{format}"').format(format=FORMAT))
        self.code("slug", data.get("slug"))
        if "version" in data:
            self.integer("version", data["version"], 1, INTEGER_MAX)
        self.text("title", data.get("title"))
        self.text("description", data.get("description"), optional=True)
        self.levels(data.get("levels"))
        competencies = self.areas(data.get("areas"))
        roles = self.items("roles", data.get("roles", []))
        self.roles(roles, competencies)
        self.certifications(self.items("certifications", data.get("certifications", [])), competencies)

    def levels(self, levels):
        levels = self.items("levels", levels)
        values = []
        for i, level in enumerate(levels):
            path = f"levels[{i}]"
            if self.fields(path, level, LEVEL_KEYS):
                values.append(level.get("value"))
                self.text(f"{path}.name", level.get("name"))
                self.text(f"{path}.meaning", level.get("meaning"), optional=True)
        if values != [0, 1, 2, 3, 4]:
            self.add("levels", _("expected exactly five levels with values 0, 1, 2, 3, 4 in that order"))

    def areas(self, areas) -> set:
        """Check the areas and competencies; return the competency codes defined."""
        areas = self.items("areas", areas, minimum=1)
        area_codes, competency_codes = [], []
        for i, area in enumerate(areas):
            path = f"areas[{i}]"
            if not self.fields(path, area, AREA_KEYS):
                continue
            if self.code(f"{path}.code", area.get("code")):
                area_codes.append((i, area["code"]))
            self.text(f"{path}.name", area.get("name"))
            for j, competency in enumerate(self.items(f"{path}.competencies", area.get("competencies"), minimum=1)):
                code = self.competency(f"{path}.competencies[{j}]", competency)
                if code in (c for _p, c in competency_codes):
                    self.add(f"{path}.competencies[{j}].code", _('duplicate code "{code}"').format(code=code))
                if code:
                    competency_codes.append((f"{path}.competencies[{j}]", code))
        self.unique("areas", area_codes)
        return {code for _path, code in competency_codes}

    def competency(self, path, competency) -> str | None:
        if not self.fields(path, competency, COMPETENCY_KEYS):
            return None
        self.text(f"{path}.name", competency.get("name"))
        self.text(f"{path}.description", competency.get("description"), optional=True)
        anchors = competency.get("anchors")
        if not isinstance(anchors, dict) or sorted(anchors) != ["1", "2", "3", "4"]:
            self.add(f"{path}.anchors", _('expected exactly the keys "1", "2", "3" and "4"'))
        else:
            for level, text in anchors.items():
                self.text(f"{path}.anchors.{level}", text)
        for k, check in enumerate(self.items(f"{path}.checks", competency.get("checks", []))):
            self.check(f"{path}.checks[{k}]", check)
        code = competency.get("code")
        return code if self.code(f"{path}.code", code) else None

    def check(self, path, check):
        if not self.fields(path, check, CHECK_KEYS):
            return
        self.integer(f"{path}.level", check.get("level"), 1, 3)
        self.text(f"{path}.prompt", check.get("prompt"))
        self.text(f"{path}.explanation", check.get("explanation"), optional=True)
        self.options_and_answer(path, check.get("options"), check.get("answer"))

    def options_and_answer(self, path, options, answer):
        prefix = f"{path}." if path else ""
        options = self.items(f"{prefix}options", options, minimum=2)
        for k, option in enumerate(options):
            self.text(f"{prefix}options[{k}]", option)
        if self.integer(f"{prefix}answer", answer) and not 0 <= answer < len(options):
            self.add(f"{prefix}answer", _("{answer} does not index an option (0 is the first)").format(answer=answer))

    # Roles ----------------------------------------------------------------------------------
    def roles(self, roles, competencies: set):
        codes, ranks, nexts = [], {}, {}
        for i, role in enumerate(roles):
            path = f"roles[{i}]"
            if not self.fields(path, role, ROLE_KEYS):
                continue
            if self.code(f"{path}.code", role.get("code")):
                codes.append((i, role["code"]))
                if self.integer(f"{path}.rank", role.get("rank"), 0, SMALL_MAX):
                    ranks[role["code"]] = role["rank"]
                nexts[role["code"]] = (i, role.get("next", []))
            else:
                self.integer(f"{path}.rank", role.get("rank"), 0, SMALL_MAX)
            self.text(f"{path}.name", role.get("name"))
            for key in ("description", "education", "conditions"):
                self.text(f"{path}.{key}", role.get(key), optional=True)
            if not isinstance(role.get("entry", False), bool):
                self.add(f"{path}.entry", _("expected true or false"))
            if role.get("salary") is not None:
                self.salary(f"{path}.salary", role["salary"])
            for j, requirement in enumerate(self.items(f"{path}.requirements", role.get("requirements"), minimum=1)):
                self.requirement(f"{path}.requirements[{j}]", requirement, competencies)
        self.unique("roles", codes)
        entries = sum(1 for role in roles if isinstance(role, dict) and role.get("entry") is True)
        if entries != 1:
            self.add("roles", _("exactly one role must be the entry role (found {count})").format(count=entries))
        self.career_steps(nexts, ranks)

    def salary(self, path, salary):
        if not self.fields(path, salary, SALARY_KEYS):
            return
        currency = salary.get("currency")
        if not isinstance(currency, str) or not re.match(r"^[A-Z]{3}$", currency):
            self.add(f"{path}.currency", _("expected a three-letter currency code such as MAD"))
        low_ok = self.integer(f"{path}.min", salary.get("min"), 0, INTEGER_MAX)
        high_ok = self.integer(f"{path}.max", salary.get("max"), 0, INTEGER_MAX)
        if low_ok and high_ok and salary["min"] > salary["max"]:
            self.add(path, _("min ({low}) is greater than max ({high})").format(low=salary["min"], high=salary["max"]))
        if salary.get("period") not in ("year", "month"):
            self.add(f"{path}.period", _('expected "year" or "month"'))
        if salary.get("basis") not in ("gross", "net"):
            self.add(f"{path}.basis", _('expected "gross" or "net"'))
        self.text(f"{path}.note", salary.get("note"), optional=True)

    def requirement(self, path, requirement, competencies: set):
        if not self.fields(path, requirement, REQUIREMENT_KEYS):
            return
        self.integer(f"{path}.target", requirement.get("target"), 1, 4)
        self.integer(f"{path}.weight", requirement.get("weight"), 1, 5)
        self.text(f"{path}.label", requirement.get("label"), optional=True)
        seen = set()
        for k, code in enumerate(self.items(f"{path}.competencies", requirement.get("competencies"), minimum=1)):
            self.reference(f"{path}.competencies[{k}]", code, competencies, seen)

    def reference(self, path, code, competencies: set, seen: set):
        if not self.code(path, code):
            return
        if code not in competencies:
            self.add(path, _('unknown competency "{code}"').format(code=code))
        elif code in seen:
            self.add(path, _('competency "{code}" is listed twice').format(code=code))
        seen.add(code)

    def career_steps(self, nexts: dict, ranks: dict):
        for code, (i, targets) in nexts.items():
            seen = set()
            for k, target in enumerate(self.items(f"roles[{i}].next", targets)):
                path = f"roles[{i}].next[{k}]"
                if not self.code(path, target):
                    continue
                if target not in nexts:
                    self.add(path, _('unknown role "{code}"').format(code=target))
                elif target in seen:
                    self.add(path, _('role "{code}" is listed twice').format(code=target))
                elif code in ranks and target in ranks and ranks[target] <= ranks[code]:
                    self.add(
                        path,
                        _('rank must grow along next: "{target}" has rank {to}, not above {rank}').format(
                            target=target, to=ranks[target], rank=ranks[code]
                        ),
                    )
                seen.add(target)
        cycle = _find_cycle(
            {
                code: [t for t in targets if isinstance(t, str) and t in nexts]  # other values are reported above
                for code, (_i, targets) in nexts.items()
                if isinstance(targets, list)
            }
        )
        if cycle:
            self.add("roles", _("next forms a cycle: {cycle}").format(cycle=" → ".join(cycle)))

    # Certifications -----------------------------------------------------------------------
    def certifications(self, certifications, competencies: set):
        codes = []
        for i, certification in enumerate(certifications):
            path = f"certifications[{i}]"
            if not self.fields(path, certification, CERTIFICATION_KEYS):
                continue
            if self.code(f"{path}.code", certification.get("code")):
                codes.append((i, certification["code"]))
            self.text(f"{path}.name", certification.get("name"))
            self.string(f"{path}.provider", certification.get("provider"), length=PROVIDER_LENGTH)
            self.string(f"{path}.exam", certification.get("exam"), optional=True, length=EXAM_LENGTH)
            url = certification.get("url")
            if url is not None and (not isinstance(url, str) or not re.match(r"^https?://\S+$", url)):
                self.add(f"{path}.url", _("expected an http:// or https:// address"))
            elif url is not None:
                self.length(f"{path}.url", url, URL_LENGTH)
            if certification.get("status") not in STATUSES:
                self.add(f"{path}.status", _("expected one of: {choices}").format(choices=", ".join(STATUSES)))
            self.date(f"{path}.retires_on", certification.get("retires_on"))
            seen = set()
            for k, cover in enumerate(self.items(f"{path}.covers", certification.get("covers"), minimum=1)):
                if self.fields(f"{path}.covers[{k}]", cover, COVER_KEYS):
                    self.reference(f"{path}.covers[{k}].competency", cover.get("competency"), competencies, seen)
                    coverage = cover.get("coverage")
                    if isinstance(coverage, bool) or coverage not in COVERAGES:
                        self.add(f"{path}.covers[{k}].coverage", _("expected 0.5 (minor topic) or 1 (main domain)"))
        self.unique("certifications", codes)

    def date(self, path, value):
        if value is None:
            return
        try:
            if not isinstance(value, str) or not re.match(r"^\d{4}-\d{2}-\d{2}$", value):
                raise ValueError(value)
            datetime.date.fromisoformat(value)
        except ValueError:
            self.add(path, _("expected a date YYYY-MM-DD"))


def _find_cycle(graph: dict) -> list | None:
    """A cycle in a directed graph as a list of nodes (first repeated at the end), or None."""
    done, stack = set(), []

    def visit(node):
        if node in stack:
            return stack[stack.index(node) :] + [node]
        if node in done:
            return None
        stack.append(node)
        for following in graph.get(node, []):
            if cycle := visit(following):
                return cycle
        stack.pop()
        done.add(node)
        return None

    for start in graph:
        if cycle := visit(start):
            return cycle
    return None


def export_version(version) -> dict:
    """The version as a framework file; optional keys at their default are left out."""
    from django.db.models import Prefetch

    from profiles.models import Competency, Role

    version = (
        type(version)
        .objects.prefetch_related(
            "levels",
            Prefetch("competencies", Competency.objects.prefetch_related("anchors", "checks")),
            "areas",
            Prefetch("roles", Role.objects.prefetch_related("steps__to_role", "requirements__links__competency")),
            "certifications__covers__competency",
        )
        .get(pk=version.pk)
    )
    by_area = {}
    for competency in version.competencies.all():
        by_area.setdefault(competency.area_id, []).append(competency)
    return _compact(
        {
            "format": FORMAT,
            "slug": version.framework.slug,
            "version": version.number,
            "title": version.title,
            "description": version.description,
            "levels": [
                _compact({"value": level.value, "name": level.name, "meaning": level.meaning})
                for level in version.levels.all()
            ],
            "areas": [
                {
                    "code": area.code,
                    "name": area.name,
                    "competencies": [_competency(c) for c in by_area.get(area.pk, [])],
                }
                for area in version.areas.all()
            ],
            "roles": [_role(role) for role in version.roles.all()],
            "certifications": [_certification(c) for c in version.certifications.all()],
        }
    )


def _competency(competency) -> dict:
    return _compact(
        {
            "code": competency.code,
            "name": competency.name,
            "description": competency.description,
            "anchors": {str(anchor.level): anchor.text for anchor in competency.anchors.all()},
            "checks": [
                _compact(
                    {
                        "level": check.level,
                        "prompt": check.prompt,
                        "options": check.options,
                        "answer": check.answer,
                        "explanation": check.explanation,
                    }
                )
                for check in competency.checks.all()
            ],
        }
    )


def _role(role) -> dict:
    salary = None
    if role.has_salary:
        salary = _compact(
            {
                "currency": role.salary_currency,
                "min": role.salary_min,
                "max": role.salary_max,
                "period": role.salary_period,
                "basis": role.salary_basis,
                "note": role.salary_note,
            }
        )
    return _compact(
        {
            "code": role.code,
            "name": role.name,
            "rank": role.rank,
            "entry": role.is_entry,
            "description": role.description,
            "education": role.education,
            "conditions": role.conditions,
            "salary": salary,
            "next": [step.to_role.code for step in role.steps.all()],
            "requirements": [
                _compact(
                    {
                        "competencies": [link.competency.code for link in requirement.links.all()],
                        "target": requirement.target,
                        "weight": requirement.weight,
                        "label": requirement.label,
                    }
                )
                for requirement in role.requirements.all()
            ],
        }
    )


def _certification(certification) -> dict:
    return _compact(
        {
            "code": certification.code,
            "name": certification.name,
            "provider": certification.provider,
            "exam": certification.exam or None,
            "url": certification.url or None,
            "status": certification.status,
            "retires_on": certification.retires_on.isoformat() if certification.retires_on else None,
            "covers": [
                {"competency": cover.competency.code, "coverage": int(cover.coverage) if cover.coverage == 1 else 0.5}
                for cover in certification.covers.all()
            ],
        }
    )


def _compact(data: dict) -> dict:
    """Drop optional keys left at their default (null, false, empty list)."""
    return {key: value for key, value in data.items() if value is not None and value is not False and value != []}
