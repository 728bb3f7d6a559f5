"""Workflows on skill frameworks that touch several models."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from profiles.interchange import export_version, validate
from profiles.models import (
    Anchor,
    Area,
    CareerStep,
    Certification,
    CheckItem,
    Competency,
    Coverage,
    Framework,
    FrameworkVersion,
    Level,
    Requirement,
    RequirementCompetency,
    Role,
)


class InvalidFramework(Exception):
    """A framework file that breaks the format's rules; `problems` lists every one."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@transaction.atomic
def import_framework(*, data: dict, publish: bool = False) -> FrameworkVersion:
    """Validate a whole framework file, then store it as the next version of its slug."""
    problems = validate(data)
    if problems:
        raise InvalidFramework(problems)
    framework, _created = Framework.objects.get_or_create(slug=data["slug"])
    framework = Framework.objects.select_for_update().get(pk=framework.pk)
    number = (framework.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    version = FrameworkVersion.objects.create(
        framework=framework, number=number, title=data["title"], description=data.get("description")
    )
    Level.objects.bulk_create(
        Level(version=version, value=level["value"], name=level["name"], meaning=level.get("meaning"))
        for level in data["levels"]
    )
    competencies = _create_areas(version, data["areas"])
    _create_roles(version, data.get("roles", []), competencies)
    _create_certifications(version, data.get("certifications", []), competencies)
    if publish:
        publish_version(version=version)
    return version


def _create_areas(version, areas) -> dict[str, Competency]:
    area_objects = Area.objects.bulk_create(
        Area(version=version, code=area["code"], name=area["name"], position=i) for i, area in enumerate(areas)
    )
    rows = [(area_obj, c, j) for area_obj, area in zip(area_objects, areas) for j, c in enumerate(area["competencies"])]
    competencies = Competency.objects.bulk_create(
        Competency(
            version=version, area=area_obj, code=c["code"], name=c["name"], description=c.get("description"), position=j
        )
        for area_obj, c, j in rows
    )
    anchors, checks = [], []
    for competency, (_area, data, _j) in zip(competencies, rows):
        anchors += [
            Anchor(competency=competency, level=int(level), text=text) for level, text in data["anchors"].items()
        ]
        checks += [
            CheckItem(
                competency=competency,
                level=check["level"],
                prompt=check["prompt"],
                options=check["options"],
                answer=check["answer"],
                explanation=check.get("explanation"),
                position=k,
            )
            for k, check in enumerate(data.get("checks", []))
        ]
    Anchor.objects.bulk_create(anchors)
    CheckItem.objects.bulk_create(checks)
    return {competency.code: competency for competency in competencies}


def _create_roles(version, roles, competencies):
    role_objects = Role.objects.bulk_create(_role(version, role, i) for i, role in enumerate(roles))
    by_code = {role.code: role for role in role_objects}
    CareerStep.objects.bulk_create(
        CareerStep(from_role=by_code[role["code"]], to_role=by_code[target], position=k)
        for role in roles
        for k, target in enumerate(role.get("next", []))
    )
    rows = [(by_code[role["code"]], req, j) for role in roles for j, req in enumerate(role["requirements"])]
    requirements = Requirement.objects.bulk_create(
        Requirement(role=role, target=req["target"], weight=req["weight"], label=req.get("label"), position=j)
        for role, req, j in rows
    )
    RequirementCompetency.objects.bulk_create(
        RequirementCompetency(requirement=requirement, competency=competencies[code], position=k)
        for requirement, (_role_obj, req, _j) in zip(requirements, rows)
        for k, code in enumerate(req["competencies"])
    )


def _role(version, role, position) -> Role:
    salary = role.get("salary") or {}
    return Role(
        version=version,
        code=role["code"],
        name=role["name"],
        rank=role["rank"],
        is_entry=role.get("entry", False),
        description=role.get("description"),
        education=role.get("education"),
        conditions=role.get("conditions"),
        salary_currency=salary.get("currency", ""),
        salary_min=salary.get("min"),
        salary_max=salary.get("max"),
        salary_period=salary.get("period", ""),
        salary_basis=salary.get("basis", ""),
        salary_note=salary.get("note"),
        position=position,
    )


def _create_certifications(version, certifications, competencies):
    objects = Certification.objects.bulk_create(
        Certification(
            version=version,
            code=c["code"],
            name=c["name"],
            provider=c["provider"],
            exam=c.get("exam") or "",
            url=c.get("url") or "",
            status=c["status"],
            retires_on=c.get("retires_on"),
            position=i,
        )
        for i, c in enumerate(certifications)
    )
    Coverage.objects.bulk_create(
        Coverage(
            certification=obj, competency=competencies[cover["competency"]], coverage=cover["coverage"], position=k
        )
        for obj, c in zip(objects, certifications)
        for k, cover in enumerate(c["covers"])
    )


def new_draft(*, version: FrameworkVersion) -> FrameworkVersion:
    """A draft copy of `version` (areas, competencies, anchors, checks, roles, requirements, certifications)."""
    return import_framework(data=export_version(version))


@transaction.atomic
def publish_draft(*, version: FrameworkVersion) -> FrameworkVersion:
    """Publish a draft after the same validation as an import; nothing changes while a rule is broken."""
    if not version.is_draft:
        raise InvalidFramework([_("Only a draft can be published.")])
    problems = validate(export_version(version))
    if problems:
        raise InvalidFramework(problems)
    return publish_version(version=version)


@transaction.atomic
def publish_version(*, version: FrameworkVersion) -> FrameworkVersion:
    """Make `version` the current one for new attempts; the previously published one is archived."""
    FrameworkVersion.objects.filter(framework=version.framework_id, status=FrameworkVersion.Status.PUBLISHED).exclude(
        pk=version.pk
    ).update(status=FrameworkVersion.Status.ARCHIVED)
    version.status = FrameworkVersion.Status.PUBLISHED
    version.published_at = timezone.now()
    version.save(update_fields=["status", "published_at"])
    return version
