"""A framework version's content as plain Python objects, loaded in a fixed number of queries.

Published and archived versions never change, so their content is kept in memory per process:
questionnaire and result pages then need no query for the framework at all.
"""

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from assessment import scoring


@dataclass(frozen=True)
class Check:
    id: int
    level: int
    prompt: dict
    options: tuple
    answer: int
    explanation: dict | None


@dataclass
class Competency:
    code: str
    name: dict
    description: dict | None
    area: str
    anchors: dict[int, dict]
    checks: dict[int, list[Check]] = field(default_factory=dict)  # by level


@dataclass
class Area:
    code: str
    name: dict
    competencies: list[Competency]

    @property
    def has_checks(self) -> bool:
        return any(c.checks for c in self.competencies)


@dataclass(frozen=True)
class RoleInfo:
    """What a page shows of a role, besides what scoring needs."""

    name: dict
    description: dict | None
    education: dict | None
    conditions: dict | None
    salary: dict | None
    labels: tuple  # one label (or None) per requirement


@dataclass(frozen=True)
class CertificationInfo:
    name: dict
    provider: str
    exam: str
    url: str


@dataclass
class Content:
    version_id: int
    slug: str
    number: int
    levels: dict[int, dict]  # value -> {"name": …, "meaning": …}
    areas: list[Area]
    competencies: dict[str, Competency]
    checks: dict[int, Check]
    roles: list[scoring.Role]
    role_info: dict[str, RoleInfo]
    certifications: list[scoring.Certification]
    certification_info: dict[str, CertificationInfo]

    @property
    def entry_role(self) -> scoring.Role:
        return next(role for role in self.roles if role.entry)


def content_for(version) -> "Content":
    """The content of `version`; cached unless it is a draft (drafts are edited)."""
    if version.status == "draft":
        return _load(version.pk)
    return _cached(version.pk, version.created_at)


@lru_cache(maxsize=16)
def _cached(version_id: int, created_at) -> Content:
    """Keyed by creation time too, so that a reused primary key never serves another version."""
    return _load(version_id)


def _load(version_id: int) -> Content:
    from profiles import models

    version = models.FrameworkVersion.objects.select_related("framework").get(pk=version_id)
    levels = {lv.value: {"name": lv.name, "meaning": lv.meaning} for lv in version.levels.all()}
    competencies, by_pk = {}, {}
    areas = [Area(area.code, area.name, []) for area in version.areas.all()]
    area_by_pk = {area.pk: areas[i] for i, area in enumerate(version.areas.all())}
    for row in version.competencies.select_related("area").order_by("area__position", "position", "id"):
        competency = Competency(row.code, row.name, row.description, row.area.code, {})
        area_by_pk[row.area_id].competencies.append(competency)
        competencies[row.code] = by_pk[row.pk] = competency
    for anchor in models.Anchor.objects.filter(competency__version=version):
        by_pk[anchor.competency_id].anchors[anchor.level] = anchor.text
    checks = {}
    for item in models.CheckItem.objects.filter(competency__version=version):
        check = Check(item.pk, item.level, item.prompt, tuple(item.options), item.answer, item.explanation)
        by_pk[item.competency_id].checks.setdefault(item.level, []).append(check)
        checks[item.pk] = check
    roles, role_info = _roles(version)
    certifications, certification_info = _certifications(version)
    return Content(
        version.pk, version.framework.slug, version.number, levels, areas, competencies, checks,
        roles, role_info, certifications, certification_info,
    )  # fmt: skip


def _roles(version):
    from profiles import models

    rows = version.roles.prefetch_related(
        "steps__to_role",
        models.models.Prefetch("requirements", models.Requirement.objects.prefetch_related("links__competency")),
    )
    roles, info = [], {}
    for role in rows:
        requirements = role.requirements.all()
        roles.append(
            scoring.Role(
                code=role.code,
                rank=role.rank,
                entry=role.is_entry,
                next=tuple(step.to_role.code for step in role.steps.all()),
                requirements=tuple(
                    scoring.Requirement(tuple(link.competency.code for link in req.links.all()), req.target, req.weight)
                    for req in requirements
                ),
            )
        )
        salary = None
        if role.has_salary:
            salary = {
                "currency": role.salary_currency, "min": role.salary_min, "max": role.salary_max,
                "period": role.salary_period, "basis": role.salary_basis, "note": role.salary_note,
            }  # fmt: skip
        info[role.code] = RoleInfo(
            role.name, role.description, role.education, role.conditions, salary, tuple(r.label for r in requirements)
        )
    return roles, info


def _certifications(version):
    certifications, info = [], {}
    for cert in version.certifications.prefetch_related("covers__competency"):
        certifications.append(
            scoring.Certification(
                cert.code,
                {cover.competency.code: cover.coverage for cover in cert.covers.all()},
                cert.status,
                cert.retires_on if isinstance(cert.retires_on, date) else None,
            )
        )
        info[cert.code] = CertificationInfo(cert.name, cert.provider, cert.exam, cert.url)
    return certifications, info
