import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from assessment import scoring
from assessment.content import content_for
from assessment.results import levels_from_answers
from profiles.interchange import read_json
from profiles.models import Framework


class Command(BaseCommand):
    help = (
        'Score answers from a JSON file {"self": {code: 0-4}, "checks": {code: {"1": true, …}}} '
        "and print the levels, role readiness and certification plan as JSON."
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        # Our --version (a framework version) replaces Django's (the Django release).
        return super().create_parser(prog_name, subcommand, conflict_handler="resolve", **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--framework", default="ml-engineer")
        parser.add_argument("--version", type=int, dest="number")
        parser.add_argument("--target", help="Role code for the certification plan (default: the rules' default).")

    def handle(self, *args, path, framework, number, target, **options):
        framework_obj = Framework.objects.filter(slug=framework).first()
        if framework_obj is None:
            raise CommandError(f'No framework "{framework}".')
        version = framework_obj.version(number)
        if version is None:
            raise CommandError(f'Framework "{framework}" has no version {number}.')
        content = content_for(version)
        ratings, checks = _read(path, content)
        levels = levels_from_answers(content, ratings, checks)
        used = {code: level.verified for code, level in levels.items()}
        assessed = {role.code: scoring.assess_role(role, used) for role in content.roles}
        fit = scoring.current_fit(content.roles, assessed)
        roles = {role.code: role for role in content.roles}
        if target is not None and target not in roles:
            raise CommandError(f'Unknown role "{target}"; roles: {", ".join(roles)}.')
        target = target or scoring.default_target(content.roles, assessed)
        plan = scoring.certification_plan(roles[target], used, content.certifications, timezone.localdate())
        output = {
            "framework": framework,
            "version": version.number,
            "target": target,
            "current_fit": fit,
            "next_roles": scoring.next_roles(content.roles, assessed, fit),
            "levels": {
                code: {"self": level.self_rating, "verified": level.verified, "flags": list(level.flags)}
                for code, level in levels.items()
            },
            "roles": [_role(assessed[role.code]) for role in content.roles],
            "certifications": [
                {"code": pick.code, "score": pick.score, "reason": _reason(pick, target)} for pick in plan
            ],
        }
        self.stdout.write(json.dumps(output, ensure_ascii=False, indent=2))


def _read(path, content):
    try:
        data = read_json(path)
    except ValueError as error:
        raise CommandError(f"{path}: {error}.") from None
    problems = []
    if not isinstance(data, dict) or set(data) - {"self", "checks"}:
        raise CommandError(f'{path}: expected an object with "self" and "checks".')
    ratings, checks = data.get("self", {}), data.get("checks", {})
    if not isinstance(ratings, dict) or not isinstance(checks, dict):
        raise CommandError(f'{path}: "self" and "checks" must be objects.')
    for code, level in ratings.items():
        if code not in content.competencies:
            problems.append(f'self.{code}: unknown competency "{code}"')
        elif not isinstance(level, int) or isinstance(level, bool) or not 0 <= level <= 4:
            problems.append(f"self.{code}: level {level!r} is not a whole number from 0 to 4")
    for code, answers in checks.items():
        if code not in content.competencies:
            problems.append(f'checks.{code}: unknown competency "{code}"')
        elif not isinstance(answers, dict):
            problems.append(f'checks.{code}: expected {{"1": true, "2": false, …}}')
        else:
            for level, right in answers.items():
                if level not in ("1", "2", "3") or not isinstance(right, bool):
                    problems.append(f"checks.{code}.{level}: expected a level 1–3 with true or false")
    if problems:
        raise CommandError(f"{path}: {len(problems)} problem(s):\n" + "\n".join(f"  {p}" for p in problems))
    return ratings, checks


def _role(result: scoring.RoleResult) -> dict:
    return {
        "code": result.code,
        "readiness": result.readiness,
        "band": result.band,
        "gaps": [
            {
                "competencies": list(gap.requirement.competencies),
                "target": gap.requirement.target,
                "level": gap.level,
                "weight": gap.requirement.weight,
                "gap": gap.gap,
            }
            for gap in result.gaps
        ],
    }


def _reason(pick: scoring.Pick, target: str) -> str:
    covered = ", ".join(
        "{codes} ({short} level{s} short)".format(
            codes="/".join(gap.requirement.competencies), short=gap.levels_short, s="s" if gap.levels_short > 1 else ""
        )
        for gap in pick.covered
    )
    return f"addresses {int(pick.score * 100 + 0.5)} % of your gap to {target}: {covered}"
