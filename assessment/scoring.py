"""The scoring and recommendation rules of spec/scoring.md, in plain Python (no Django).

Levels are integers 0–4. A role is a list of requirements; a requirement is met by the best of
its competencies ("any of"). Functions here are pure: same answers, same result.
"""

from dataclasses import dataclass, field
from datetime import date

CORE_WEIGHT = 4  # a requirement with weight >= 4 is core
MAX_CHECK_LEVEL = 3
PLAN_SIZE = 3


@dataclass(frozen=True)
class Requirement:
    competencies: tuple[str, ...]
    target: int
    weight: int


@dataclass(frozen=True)
class Role:
    code: str
    rank: int
    requirements: tuple[Requirement, ...]
    next: tuple[str, ...] = ()
    entry: bool = False


@dataclass(frozen=True)
class Certification:
    code: str
    covers: dict[str, float]  # competency code -> coverage m (0.5 or 1)
    status: str = "active"
    retires_on: date | None = None

    def is_retired(self, today: date) -> bool:
        """Retired by status, or by a retirement date before today (on the date itself it is still valid)."""
        return self.status == "retired" or (self.retires_on is not None and self.retires_on < today)


@dataclass(frozen=True)
class Level:
    self_rating: int
    verified: int
    consecutive: int  # L: consecutive correct answers from level 1
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Gap:
    requirement: Requirement
    level: int  # l_q, the best level among the requirement's competencies
    gap: float  # g_q = w * max(0, t - l_q)
    position: int = 0  # index of the requirement in its role

    @property
    def levels_short(self) -> int:
        return max(0, self.requirement.target - self.level)


@dataclass(frozen=True)
class RoleResult:
    code: str
    readiness: float
    band: str
    gaps: tuple[Gap, ...]  # requirements with g_q > 0, largest first


@dataclass(frozen=True)
class Pick:
    code: str
    score: float  # S when it was picked: the share of the remaining weighted gap it addresses
    covered: tuple[Gap, ...] = field(default=())  # requirements it covers that still had a gap, largest first


def asked_levels(self_rating: int) -> range:
    """Check levels asked for a self-rating s: 1..min(s+1, 3)."""
    return range(1, min(self_rating + 1, MAX_CHECK_LEVEL) + 1)


def verify(self_rating: int, answers: dict[int, bool] | None = None) -> Level:
    """The verified level a = min(s, L+1) and the over/under flags, from check answers by level."""
    asked = asked_levels(self_rating)
    counted = {level: right for level, right in (answers or {}).items() if level in asked}
    consecutive = 0
    for level in asked:
        if not counted.get(level):
            break
        consecutive += 1
    verified = min(self_rating, consecutive + 1) if counted else self_rating
    flags = []
    if self_rating - verified >= 2:
        flags.append("over")
    if self_rating <= 2 and consecutive >= self_rating + 1:
        flags.append("under")
    return Level(self_rating, verified, consecutive, tuple(flags))


def requirement_level(requirement: Requirement, levels: dict[str, int]) -> int:
    return max(levels.get(code, 0) for code in requirement.competencies)


def assess_role(role: Role, levels: dict[str, int]) -> RoleResult:
    """Readiness R = Σ w·min(l, t) / Σ w·t, its band and the role's gaps."""
    achieved = total = 0
    gaps, core_far_short = [], False
    for position, requirement in enumerate(role.requirements):
        level = requirement_level(requirement, levels)
        achieved += requirement.weight * min(level, requirement.target)
        total += requirement.weight * requirement.target
        if requirement.weight >= CORE_WEIGHT and level < requirement.target - 1:
            core_far_short = True
        gap = requirement.weight * max(0, requirement.target - level)
        if gap > 0:
            gaps.append(Gap(requirement, level, gap, position))
    readiness = achieved / total if total else 1.0
    gaps.sort(key=lambda g: -g.gap)  # stable: ties keep the role's order
    return RoleResult(role.code, readiness, band(readiness, core_far_short), tuple(gaps))


def band(readiness: float, core_far_short: bool) -> str:
    if readiness >= 0.85 and not core_far_short:
        return "ready"
    if readiness >= 0.65:
        return "nearly"
    if readiness >= 0.40:
        return "developing"
    return "early"


def current_fit(roles: list[Role], results: dict[str, RoleResult]) -> str | None:
    """The highest-ranked ready role; ties: higher readiness, then framework order."""
    ready = [(i, role) for i, role in enumerate(roles) if results[role.code].band == "ready"]
    if not ready:
        return None
    _i, best = max(ready, key=lambda item: (item[1].rank, results[item[1].code].readiness, -item[0]))
    return best.code


def next_roles(roles: list[Role], results: dict[str, RoleResult], fit: str | None) -> list[str]:
    """The current fit's next roles (or the entry role without a fit), highest readiness first."""
    by_code = {role.code: role for role in roles}
    if fit is None:
        codes = [role.code for role in roles if role.entry]
    else:
        codes = list(by_code[fit].next)
    return sorted(codes, key=lambda code: -results[code].readiness)  # stable: ties keep the next order


def default_target(roles: list[Role], results: dict[str, RoleResult]) -> str:
    """The entry role until it is ready; then the first next role; the fit itself when it has none."""
    entry = next(role.code for role in roles if role.entry)
    if results[entry].band != "ready":
        return entry
    fit = current_fit(roles, results)
    following = next_roles(roles, results, fit)
    return following[0] if following else fit


def certification_plan(
    role: Role, levels: dict[str, int], certifications: list[Certification], today: date
) -> list[Pick]:
    """Greedy plan: up to three certifications, each covering the largest share of the remaining gap."""
    gaps = {i: gap for i, gap in enumerate(_all_gaps(role, levels))}
    candidates = [c for c in certifications if not c.is_retired(today)]
    plan: list[Pick] = []
    while candidates and len(plan) < PLAN_SIZE:
        remaining = sum(gap.gap for gap in gaps.values())
        if remaining <= 0:
            break
        scored = [(_coverage_share(c, gaps) / remaining, c) for c in candidates]
        score, best = min(scored, key=lambda item: (-item[0], item[1].code))
        if score <= 0:
            break
        covered = [gap for gap in gaps.values() if gap.gap > 0 and _coverage(best, gap.requirement) > 0]
        covered.sort(key=lambda g: -g.gap)
        plan.append(Pick(best.code, score, tuple(covered)))
        for i, gap in gaps.items():
            reduced = gap.gap * (1 - _coverage(best, gap.requirement))
            gaps[i] = Gap(gap.requirement, gap.level, reduced, gap.position)
        candidates.remove(best)
    return plan


def _all_gaps(role: Role, levels: dict[str, int]) -> list[Gap]:
    """One entry per requirement in the role's order (zero gaps included)."""
    return [
        Gap(requirement, level, requirement.weight * max(0, requirement.target - level), position)
        for position, requirement in enumerate(role.requirements)
        for level in [requirement_level(requirement, levels)]
    ]


def _coverage(certification: Certification, requirement: Requirement) -> float:
    return max((certification.covers.get(code, 0) for code in requirement.competencies), default=0)


def _coverage_share(certification: Certification, gaps: dict[int, Gap]) -> float:
    return sum(gap.gap * _coverage(certification, gap.requirement) for gap in gaps.values())
