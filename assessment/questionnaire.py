"""The questionnaire generated from a framework: its steps, the checks each step asks, the time left.

Each area is one step to rate its competencies, followed, when the area has knowledge checks,
by one step with the checks the rules call for (levels 1..min(s+1, 3) of each competency).
"""

import random
from dataclasses import dataclass

from assessment.content import Area, Check, Competency, Content
from assessment.scoring import asked_levels

RATE, CHECK = "rate", "check"
SECONDS_PER_RATING = 20
SECONDS_PER_CHECK = 40
DONT_KNOW = -1  # an explicit "I don't know": counts as a wrong answer


@dataclass(frozen=True)
class Step:
    index: int
    area: Area
    kind: str


@dataclass(frozen=True)
class Question:
    competency: Competency
    level: int
    check: Check

    @property
    def key(self) -> str:
        return f"{self.competency.code}-{self.level}"

    def chosen(self, answers: dict) -> int | None:
        """The option saved for this question in `answers` (DONT_KNOW for "I don't know"), or None."""
        return answers.get(self.competency.code, {}).get(str(self.level))

    def option(self, chosen: int | None) -> dict | None:
        """The text of option `chosen`; None for no answer, "I don't know" or an unknown number."""
        return self.check.options[chosen] if chosen in range(len(self.check.options)) else None


def steps(content: Content) -> list[Step]:
    result = []
    for area in content.areas:
        result.append(Step(len(result), area, RATE))
        if area.has_checks:
            result.append(Step(len(result), area, CHECK))
    return result


def draw_checks(content: Content, rng: random.Random | None = None) -> dict[str, dict[str, int]]:
    """One item per competency and level 1–3, drawn at random from the bank; stored on the attempt."""
    rng = rng or random.Random()
    return {
        competency.code: {str(level): rng.choice(items).id for level, items in sorted(competency.checks.items())}
        for competency in content.competencies.values()
        if competency.checks
    }


def questions(content: Content, area: Area, drawn: dict, ratings: dict) -> list[Question]:
    """The checks asked on an area's check step, given the self-ratings saved so far."""
    result = []
    for competency in area.competencies:
        for level in asked_levels(int(ratings.get(competency.code, 0))):
            check_id = drawn.get(competency.code, {}).get(str(level))
            if check_id is not None and check_id in content.checks:
                result.append(Question(competency, level, content.checks[check_id]))
    return result


def correctness(content: Content, drawn: dict, answers: dict) -> dict[str, dict[int, bool]]:
    """Chosen options -> right or wrong, per competency and level ("I don't know" is wrong)."""
    result = {}
    for code, by_level in answers.items():
        for level, option in by_level.items():
            check = content.checks.get(drawn.get(code, {}).get(level))
            if check is not None:
                result.setdefault(code, {})[int(level)] = option == check.answer
    return result


def minutes_left(all_steps: list[Step], done: set[int]) -> int:
    """A rough estimate: 20 s a rating, 40 s a check (about two per competency with checks)."""
    seconds = 0
    for step in all_steps:
        if step.index in done:
            continue
        if step.kind == RATE:
            seconds += SECONDS_PER_RATING * len(step.area.competencies)
        else:
            seconds += SECONDS_PER_CHECK * 2 * sum(1 for c in step.area.competencies if c.checks)
    return max(1, round(seconds / 60)) if seconds else 0
