"""Every rule of spec/scoring.md with hand-computed numbers."""

from datetime import date

import pytest

from assessment.scoring import (
    Certification,
    Requirement,
    Role,
    asked_levels,
    assess_role,
    certification_plan,
    current_fit,
    default_target,
    next_roles,
    verify,
)

TODAY = date(2026, 11, 25)

# The worked example of the spec (§5).
ML_ENGINEER = Role(
    "ml-engineer",
    rank=2,
    entry=True,
    next=("senior", "architect"),
    requirements=(
        Requirement(("python",), 3, 5),
        Requirement(("ml-modelling",), 3, 5),
        Requirement(("mlops",), 3, 5),
        Requirement(("aws", "azure", "gcp"), 2, 3),
        Requirement(("responsible-ai",), 2, 2),
    ),
)
EXAMPLE_LEVELS = {"python": 4, "ml-modelling": 3, "mlops": 1, "gcp": 2, "responsible-ai": 1}
CERT_A = Certification("a", {"mlops": 1, "gcp": 1})
CERT_B = Certification("b", {"responsible-ai": 1, "mlops": 0.5})


# §2 levels -------------------------------------------------------------------------------------
@pytest.mark.parametrize("s, levels", [(0, [1]), (1, [1, 2]), (2, [1, 2, 3]), (3, [1, 2, 3]), (4, [1, 2, 3])])
def test_levels_asked_are_the_claimed_ones_plus_one_up_to_3(s, levels):
    assert list(asked_levels(s)) == levels


def test_worked_example_right_wrong_right_gives_2_without_flag():
    level = verify(3, {1: True, 2: False, 3: True})
    assert (level.consecutive, level.verified, level.flags) == (1, 2, ())


def test_worked_example_level_1_wrong_at_4_gives_1_and_over():
    level = verify(4, {1: False})
    assert (level.consecutive, level.verified, level.flags) == (0, 1, ("over",))


def test_missing_level_1_answer_gives_0_consecutive():
    level = verify(3, {2: True, 3: True})
    assert (level.consecutive, level.verified, level.flags) == (0, 1, ("over",))


def test_no_check_answer_keeps_the_self_rating():
    assert verify(4, {}).verified == 4
    assert verify(4, None).flags == ()


def test_answers_above_the_asked_levels_are_ignored():
    # s = 1 asks levels 1 and 2: the level-3 answer does not count.
    level = verify(1, {1: True, 2: True, 3: False})
    assert (level.consecutive, level.verified, level.flags) == (2, 1, ("under",))
    # s = 0 asks level 1 only: a lone level-2 answer counts for nothing, a = s.
    assert verify(0, {2: True}).verified == 0


def test_checks_never_raise_a_claim():
    assert verify(2, {1: True, 2: True, 3: True}).verified == 2


@pytest.mark.parametrize(
    "s, answers, verified, flags",
    [
        (0, {1: True}, 0, ("under",)),  # L = 1 >= s + 1
        (2, {1: True, 2: True, 3: True}, 2, ("under",)),  # L = 3 >= 3
        (2, {1: True, 2: True, 3: False}, 2, ()),  # L = 2 < 3
        (3, {1: True, 2: True, 3: True}, 3, ()),  # s > 2: never under
        (3, {1: False, 2: True, 3: True}, 1, ("over",)),  # a = min(3, 1) = 1, 3 - 1 = 2
        (4, {1: True, 2: False, 3: True}, 2, ("over",)),  # L = 1, a = 2, 4 - 2 = 2
        (4, {1: True, 2: True, 3: False}, 3, ()),  # L = 2, a = 3, 4 - 3 = 1
        (4, {1: True, 2: True, 3: True}, 4, ()),  # L = 3, a = min(4, 4)
        (2, {1: False}, 1, ()),  # a = min(2, 1) = 1, 2 - 1 = 1: no flag
    ],
)
def test_verified_level_and_flags(s, answers, verified, flags):
    level = verify(s, answers)
    assert (level.verified, level.flags) == (verified, flags)


# §3 readiness ----------------------------------------------------------------------------------
def test_worked_example_readiness_band_and_gaps():
    result = assess_role(ML_ENGINEER, EXAMPLE_LEVELS)
    assert result.readiness == pytest.approx(43 / 55)
    assert result.band == "nearly"
    assert [(g.requirement.competencies, g.gap, g.levels_short) for g in result.gaps] == [
        (("mlops",), 10, 2),
        (("responsible-ai",), 2, 1),
    ]


def test_levels_above_target_give_no_bonus():
    role = Role("r", 1, (Requirement(("x",), 2, 3), Requirement(("y",), 2, 1)))
    # 3·min(4, 2) + 1·min(1, 2) = 7 over 3·2 + 1·2 = 8
    assert assess_role(role, {"x": 4, "y": 1}).readiness == pytest.approx(7 / 8)


def test_any_of_takes_the_best_competency_and_missing_counts_0():
    role = Role("r", 1, (Requirement(("aws", "azure", "gcp"), 3, 2),))
    assert assess_role(role, {"azure": 1, "gcp": 3}).readiness == 1.0
    assert assess_role(role, {}).readiness == 0.0


def test_gap_ties_keep_the_role_order():
    role = Role("r", 1, (Requirement(("a",), 2, 1), Requirement(("b",), 3, 2), Requirement(("c",), 2, 2)))
    # gaps: a 1·2 = 2, b 2·1 = 2, c 2·2 = 4 -> c, then a and b in role order
    gaps = assess_role(role, {"b": 2}).gaps
    assert [(g.requirement.competencies[0], g.gap) for g in gaps] == [("c", 4), ("a", 2), ("b", 2)]


def test_ready_needs_085_and_no_core_requirement_two_levels_short():
    # One core requirement (t = 4, w = 5) and nine others met in full.
    role = Role("r", 1, (Requirement(("core",), 4, 5),) + tuple(Requirement((f"x{i}",), 4, 5) for i in range(9)))
    full = {f"x{i}": 4 for i in range(9)}
    # core at 2: R = (9·20 + 5·2) / 200 = 0.95, but core is 2 levels short.
    result = assess_role(role, {**full, "core": 2})
    assert result.readiness == pytest.approx(0.95) and result.band == "nearly"
    # core at 3: one level short is allowed: R = 195/200.
    assert assess_role(role, {**full, "core": 3}).band == "ready"


@pytest.mark.parametrize(
    "met, readiness, expected",
    [
        (17, 0.85, "ready"),
        (16, 0.80, "nearly"),
        (13, 0.65, "nearly"),
        (12, 0.60, "developing"),
        (8, 0.40, "developing"),
        (7, 0.35, "early"),
    ],
)
def test_band_boundaries(met, readiness, expected):
    # 20 requirements of t = 1, w = 1: R = met / 20.
    role = Role("r", 1, tuple(Requirement((f"c{i}",), 1, 1) for i in range(20)))
    result = assess_role(role, {f"c{i}": 1 for i in range(met)})
    assert result.readiness == pytest.approx(readiness)
    assert result.band == expected


ROLES = [
    Role("junior", 1, (Requirement(("python",), 2, 3),), next=("ml-engineer",)),
    ML_ENGINEER,
    Role("senior", 3, (Requirement(("python",), 4, 5), Requirement(("mlops",), 4, 5)), next=("lead",)),
    Role("architect", 3, (Requirement(("mlops",), 4, 5), Requirement(("gcp",), 3, 3)), next=("lead",)),
    Role("lead", 4, (Requirement(("python",), 4, 5), Requirement(("mlops",), 4, 5))),
]
# ML Engineer met in full: senior (15 + 15) / 40 = 0.75, architect (15 + 6) / 29 = 0.724, both "nearly".
ENGINEER_LEVELS = {"python": 3, "ml-modelling": 3, "mlops": 3, "gcp": 2, "responsible-ai": 2}


def results_for(levels, roles=ROLES):
    return {role.code: assess_role(role, levels) for role in roles}


def test_worked_example_fit_and_next_roles():
    results = results_for(EXAMPLE_LEVELS)
    # junior: python 4 >= 2, R = 1, ready; ml-engineer 43/55, nearly; senior (20 + 5) / 40, developing
    assert [results[code].band for code in ("junior", "ml-engineer", "senior")] == ["ready", "nearly", "developing"]
    assert current_fit(ROLES, results) == "junior"
    assert next_roles(ROLES, results, "junior") == ["ml-engineer"]
    assert default_target(ROLES, results) == "ml-engineer"


def test_without_a_fit_the_next_role_is_the_entry_role():
    results = results_for({})
    assert current_fit(ROLES, results) is None
    assert next_roles(ROLES, results, None) == ["ml-engineer"]


def test_next_roles_highest_readiness_first():
    results = results_for(ENGINEER_LEVELS)
    assert results["senior"].readiness == pytest.approx(0.75)
    assert results["architect"].readiness == pytest.approx(21 / 29)
    assert current_fit(ROLES, results) == "ml-engineer"
    assert next_roles(ROLES, results, "ml-engineer") == ["senior", "architect"]
    # gcp 3: architect (15 + 9) / 29 = 0.828 now above senior's 0.75
    assert next_roles(ROLES, results_for({**ENGINEER_LEVELS, "gcp": 3}), "ml-engineer") == ["architect", "senior"]


def test_equal_readiness_keeps_the_next_order():
    twin = (Requirement(("python",), 4, 5),)
    roles = [
        Role("base", 1, (Requirement(("python",), 1, 1),), next=("b", "a"), entry=True),
        Role("a", 2, twin),
        Role("b", 2, twin),
    ]
    results = results_for({"python": 2}, roles)
    assert next_roles(roles, results, "base") == ["b", "a"]


def test_current_fit_prefers_rank_then_readiness_then_order():
    top = {"python": 4, "ml-modelling": 3, "mlops": 4, "gcp": 3, "responsible-ai": 2}
    results = results_for(top)
    # senior, architect and lead all at R = 1: lead has the highest rank.
    assert current_fit(ROLES, results) == "lead"
    without_lead = [role for role in ROLES if role.code != "lead"]
    # senior and architect: same rank, same readiness: the one listed first.
    assert current_fit(without_lead, results) == "senior"
    # architect listed first but at (20 + 6) / 29 = 0.897 (ready), senior at 1.0: readiness decides.
    reordered = [ROLES[0], ROLES[1], ROLES[3], ROLES[2]]
    assert current_fit(reordered, results_for({**top, "gcp": 2}, reordered)) == "senior"


def test_default_target_after_the_entry_role_is_ready():
    assert default_target(ROLES, results_for(ENGINEER_LEVELS)) == "senior"
    assert default_target(ROLES, results_for({**ENGINEER_LEVELS, "gcp": 3})) == "architect"
    top = {"python": 4, "ml-modelling": 3, "mlops": 4, "gcp": 3, "responsible-ai": 2}
    assert default_target(ROLES, results_for(top)) == "lead"  # the fit has no next role: itself


# §4 certifications -------------------------------------------------------------------------------
def test_worked_example_plan():
    plan = certification_plan(ML_ENGINEER, EXAMPLE_LEVELS, [CERT_B, CERT_A], TODAY)
    assert [p.code for p in plan] == ["a", "b"]
    assert plan[0].score == pytest.approx(10 / 12)
    assert plan[1].score == pytest.approx(1.0)
    assert [(g.requirement.competencies, g.levels_short) for g in plan[0].covered] == [(("mlops",), 2)]
    assert [(g.requirement.competencies, g.gap) for g in plan[1].covered] == [(("responsible-ai",), 2)]


def test_first_pick_scores_of_the_worked_example():
    # Alone, B addresses (2·1 + 10·0.5) / 12 = 7/12.
    plan = certification_plan(ML_ENGINEER, EXAMPLE_LEVELS, [CERT_B], TODAY)
    assert plan[0].score == pytest.approx(7 / 12)
    assert [g.requirement.competencies[0] for g in plan[0].covered] == ["mlops", "responsible-ai"]


def test_no_gap_no_recommendation():
    assert certification_plan(ML_ENGINEER, ENGINEER_LEVELS, [CERT_A, CERT_B], TODAY) == []


def test_retired_certifications_are_never_picked():
    retired = Certification("a", {"mlops": 1}, status="retired")
    expired = Certification("c", {"mlops": 1}, retires_on=date(2026, 11, 24))
    last_day = Certification("d", {"mlops": 1}, status="retiring", retires_on=TODAY)
    plan = certification_plan(ML_ENGINEER, EXAMPLE_LEVELS, [retired, expired, last_day], TODAY)
    assert [p.code for p in plan] == ["d"]


def test_ties_go_to_the_lower_code_and_a_plan_stops_at_zero():
    twin_1 = Certification("zz", {"mlops": 1})
    twin_2 = Certification("aa", {"mlops": 1})
    useless = Certification("b0", {"python": 1})  # python has no gap
    plan = certification_plan(ML_ENGINEER, EXAMPLE_LEVELS, [twin_1, twin_2, useless], TODAY)
    # aa: 10/12; then zz covers mlops, now 0 -> S = 0 over the remaining 2: stop.
    assert [p.code for p in plan] == ["aa"]


def test_at_most_three_each_once():
    role = Role("r", 1, tuple(Requirement((c,), 2, 1) for c in "abcd"))
    certs = [Certification(f"cert-{c}", {c: 1}) for c in "abcd"]
    plan = certification_plan(role, {}, certs, TODAY)
    # each covers 2 of 8, then 2 of 6, then 2 of 4
    assert [(p.code, round(p.score, 4)) for p in plan] == [("cert-a", 0.25), ("cert-b", 0.3333), ("cert-c", 0.5)]


def test_half_coverage_halves_the_gap():
    role = Role("r", 1, (Requirement(("a",), 3, 2), Requirement(("b",), 2, 1)))
    half = Certification("half", {"a": 0.5})
    other = Certification("other", {"a": 1, "b": 0.5})
    # gaps a 6, b 2 (total 8): half 3/8, other (6 + 1)/8 -> other; gaps a 0, b 1: half 0 -> stop.
    plan = certification_plan(role, {}, [half, other], TODAY)
    assert [(p.code, p.score) for p in plan] == [("other", 7 / 8)]


@pytest.mark.parametrize("weight, expected", [(4, "nearly"), (3, "ready")])
def test_core_means_weight_4_or_more(weight, expected):
    # 19 requirements met (t = 1, w = 5) and one at t = 3 two levels short: R = 95 + w / (95 + 3w) >= 0.85.
    met = tuple(Requirement((f"c{i}",), 1, 5) for i in range(19))
    role = Role("r", 1, met + (Requirement(("short",), 3, weight),))
    result = assess_role(role, {**{f"c{i}": 1 for i in range(19)}, "short": 1})
    assert result.readiness == pytest.approx((95 + weight) / (95 + 3 * weight))
    assert result.band == expected
