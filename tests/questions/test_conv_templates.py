"""The conv templates: every seed problem reproduced through pinned parameters, bad pins, grading, the CLI.

(Named test_conv_templates.py, not test_conv.py: tests/core/test_conv.py exists and the test
directories are not packages, so two test_conv modules would collide under pytest.)
"""
from fractions import Fraction

import numpy as np
import pytest

from qbank.cli import main
from qbank.engine.generate import ConstraintError, generate
from qbank.engine.scoring import RIGHT, WRONG, score
from qbank.engine.template import all_templates, get
from qbank.errors import InputError
from qbank.exam.fingerprint import fingerprint
from qbank.questions import conv_translation

SOBEL = [[1, 0, -1], [2, 0, -2], [1, 0, -1]]
STROKE = [[0, 0, 1, 0], [0, 1, 0, 0], [0, 1, 0, 0], [0, 1, 0, 0]]


def solve(template_id, **pins):
    inst = generate(get(template_id), seed=0, pins=pins)
    get(template_id).crosscheck(inst.params, inst.answers)
    return inst.answers


def test_seed_002_shape_chain():
    a = solve("conv/shape-chain", size=128, channels=3, filters1=16, kernel1=5, padding1="same", stride1=1,
              filters2=32, kernel2=3, padding2="valid", stride2=1, units=100)
    # 'same' keeps 128; pool halves to 64; 'valid' 3x3 gives 64 - 3 + 1 = 62; pool gives 31.
    assert [a[n] for n in ("after_conv1", "after_pool1", "after_conv2", "after_pool2")] == \
        [(128, 128, 16), (64, 64, 16), (62, 62, 32), (31, 31, 32)]
    assert a["flat"] == 31 * 31 * 32 == 30752
    assert a["params_conv1"] == (5 * 5 * 3 + 1) * 16 == 1216  # the seed prints no solution for this problem
    assert a["params_dense"] == 30752 * 100 + 100


def test_seed_003_batch_through_one_layer():
    a = solve("conv/layer-batch", batch=100, channels=3, height=64, width=64, filters=2, kernel=4, stride=4,
              padding=0)
    # (64 - 4)/4 + 1 = 16 per axis; the linear layer sees 2 * 16 * 16 features per image.
    assert a["weight_shape"] == (2, 3, 4, 4)
    assert a["out_shape"] == (100, 2, 16, 16)
    assert a["linear_in"] == 2 * 16 * 16 == 512


def test_seed_004_q2_and_q5_layer_cost():
    q2 = solve("conv/layer-cost", channels=3, size=32, filters=8, kernel=3, stride=1, padding=0)
    assert q2["out_shape"] == (8, 30, 30)  # the seed's answer; (32 - 3)/1 + 1 = 30
    assert q2["param_count"] == (3 * 3 * 3 + 1) * 8 and q2["macs"] == 3 * 3 * 3 * 8 * 30 * 30
    q5 = solve("conv/layer-cost", channels=3, size=227, filters=64, kernel=11, stride=4, padding=2)
    assert q5["out_shape"] == (64, 56, 56)  # (227 + 4 - 11)/4 + 1 = 56, as the seed prints
    assert q5["param_count"] == (11 * 11 * 3 + 1) * 64 == 23296  # the seed's 23,296
    # 363 MACs for each of 64*56*56 outputs = 72,855,552. The seed prints "72.8M" (truncated); to one
    # decimal it is 72.9M. The seed calls them FLOPs with "an n-term inner product uses n": our MACs.
    assert q5["macs"] == 11 * 11 * 3 * 64 * 56 * 56 == 72_855_552


def test_seed_004_q5_depthwise_separable():
    a = solve("conv/depthwise-separable", channels=3, size=227, filters=64, kernel=11, stride=4, padding=2)
    assert a["params_separable"] == 3 * (11 * 11 + 1) + 64 * (3 + 1) == 622  # the seed's 366 + 256
    # depthwise 121*3*56*56 = 1,138,368 ("1.1M") + pointwise 3*64*56*56 = 602,112 ("0.6M") = 1,740,480 ("1.7M").
    assert a["macs_separable"] == 1_740_480 and f"{a['macs_separable'] / 1e6:.1f}" == "1.7"
    assert a["ratio"] == pytest.approx(float(Fraction(1, 64) + Fraction(1, 121)))  # 185/7744 = 0.02389


def test_seed_001_problem_1_translation():
    a = solve("conv/relu-pool-translation", K=SOBEL, b=0, x=STROKE, direction="right")
    # h[0][3] sums over rows -1..1, columns 2..4: the only lit pixel there is x[0][2], under K[1][0] = 2, so 2.
    # h[2][2] sums over rows 1..3, columns 1..3: x[1..3][1] lie under K[0..2][0] = 1, 2, 1, so 4.
    # Both agree with the seed's printed h, which is right.
    # (solve() also runs the template's crosscheck: every entry again by the defining sum in sympy.)
    assert a["h"].tolist() == [[0, 0, 1, 2], [0, 0, 3, 1], [0, 0, 4, 0], [0, 0, 3, 0]]
    # Equivariance: h' is h moved one column right, its last column dropped and zeros entering on the left.
    assert a["h_moved"].tolist() == [[0] + row[:3] for row in a["h"].tolist()] == \
        [[0, 0, 0, 1], [0, 0, 0, 3], [0, 0, 0, 4], [0, 0, 0, 3]]
    # 2x2 blocks of h: max(0, 0, 0, 0) = 0, max(1, 2, 3, 1) = 3, max(0, 0, 0, 0) = 0, max(4, 0, 3, 0) = 4; of h'
    # likewise 0, 3, 0, 4. The seed's pooled outputs agree; its part-4 solution says "the image in 1" where it
    # means the image in 2, and its "if you did not solve 1" fallback matrices are stand-ins, not the true h.
    assert a["p"].tolist() == a["p_moved"].tolist() == [[0, 3], [0, 4]]


def test_seed_000_conv1d_backprop_numbers():
    a = solve("conv/conv1d-backprop", z=[1, -2, -3], w=[5, 10], c=3, g=1)
    # u1 = max(1, -2) = 1 (z1 wins), u2 = max(-2, -3) = -2 (z2 wins); z4 = 5*1 + 10*(-2) + 3 = -12.
    # dL/du = g*w = (5, 10): z1 gets 5, z2 gets 10 (it wins the second window only), z3 gets 0.
    assert (a["z4"], a["dL_dz1"], a["dL_dz2"], a["dL_dz3"]) == (-12, 5, 10, 0)


def test_symbolic_parts_grade_typed_answers():
    inst = generate(get("conv/conv1d-backprop"), seed=3)
    parts = {p.name: p for p in inst.parts}
    def state(name, text):
        return score(parts[name].spec, text, parts[name].value, 1).state

    assert state("dL_dk2", "delta_1*x_2 + delta_2*x_3 + delta_3*x_4") == RIGHT
    assert state("dL_dk2", "delta_1*x_1 + delta_2*x_2 + delta_3*x_3") == WRONG
    assert state("dL_du1", "w_1 g") == RIGHT


@pytest.mark.parametrize("template_id, pins, message", [
    ("conv/shape-chain", {"padding1": "same", "stride1": 2}, "'same' needs stride 1"),
    ("conv/shape-chain", {"padding2": "same", "kernel2": 4}, "'same' needs an odd kernel here"),
    ("conv/layer-cost", {"size": 5, "kernel": 11, "padding": 2}, "larger than the padded input"),
    ("conv/relu-pool-translation", {"direction": "diagonal"}, "direction must be one of"),
    ("conv/conv1d-backprop", {"z": [1, 2]}, "z needs 3 values"),
])
def test_impossible_pins_are_bad_input(template_id, pins, message):
    with pytest.raises(InputError, match=message):
        generate(get(template_id), seed=0, pins=pins)


def test_pinned_image_that_loses_content_names_the_constraint():
    with pytest.raises(ConstraintError, match="no lit pixel leaves the image"):
        generate(get("conv/relu-pool-translation"), seed=0,
                 pins={"K": SOBEL, "b": 0, "x": [[0, 0, 0, 1]] * 4, "direction": "right"})


def test_crosscheck_catches_a_wrong_key():
    inst = generate(get("conv/layer-cost"), seed=2)
    wrong = dict(inst.answers, macs=inst.answers["macs"] + 1)
    with pytest.raises(AssertionError):
        get("conv/layer-cost").crosscheck(inst.params, wrong)


def test_pooled_outputs_agree_on_every_draw():
    for seed in range(20):
        a = generate(get("conv/relu-pool-translation"), seed).answers
        assert np.array_equal(a["p"], a["p_moved"]) and not np.array_equal(a["h"], a["h_moved"])


def test_translation_candidates_light_three_to_most_lit_pixels_that_stay_inside():
    # Candidate k may light only LINES_LIT[k] of the three lines across the move that stay inside, and lights
    # 3 to MOST_LIT pixels; the line the move pushes out (last column for "right", first row for "up") stays dark.
    rng = np.random.default_rng(0)
    pushed_out = {"right": np.s_[:, :, 3], "left": np.s_[:, :, 0], "down": np.s_[:, 3, :], "up": np.s_[:, 0, :]}
    for direction, edge in pushed_out.items():
        for _ in range(25):
            images = conv_translation.candidate_images(rng, direction)
            lines = images.any(axis=1 if direction in ("right", "left") else 2).sum(axis=1)  # lit lines per image
            assert np.all(lines <= conv_translation.LINES_LIT)
            assert np.all((images.sum(axis=(1, 2)) >= 3) & (images.sum(axis=(1, 2)) <= conv_translation.MOST_LIT))
            assert not images[edge].any()


def test_translation_draws_vary():
    # An exam draws 100+ versions that must differ: 200 seeds give nearly as many parameter sets, with every
    # direction, both biases, each fixed kernel and random ones.
    params = [generate(get("conv/relu-pool-translation"), seed).params for seed in range(200)]
    assert len({fingerprint(p) for p in params}) >= 180
    assert {p["direction"] for p in params} == set(conv_translation.MOVES) and {p["b"] for p in params} == {-1, 0}
    kernels = {tuple(map(tuple, np.asarray(p["K"]).tolist())) for p in params}
    assert set(conv_translation.KERNELS) <= kernels and len(kernels - set(conv_translation.KERNELS)) >= 5


@pytest.mark.parametrize("template_id", [t.id for t in all_templates("conv") if t.id.startswith("conv/")])
def test_cli_shows_each_template_with_its_solution(runner, template_id):
    result = runner.invoke(main, ["show", template_id, "--seed", "1", "--solution"])
    assert result.exit_code == 0, result.output
    assert "Solution:" in result.output and "Key:" in result.output


def test_depthwise_separable_with_one_channel_reads_singular():
    # C = 1: the depthwise step is one k x k filter, each pointwise filter has one weight and sums one term.
    inst = generate(get("conv/depthwise-separable"), 0, pins={"channels": 1})
    for mode in ("latex", "text"):
        text = inst.render("question", mode) + inst.render("solution", mode)
        for plural in ("1 filters", "1 weights", "1 terms", "1 channels"):
            assert plural not in text, (mode, plural)
        assert "1 filter of" in text and "1 weight plus a bias" in text


def test_depthwise_separable_refuses_a_ratio_halfway_at_4_decimals():
    # F = 32, k = 5 (the audit's seed 24): 1/32 + 1/25 = 0.03125 + 0.04 = 0.07125, halfway between 0.0712 and
    # 0.0713; binary 0.07125 rounds down, a person rounding half up writes 0.0713.
    with pytest.raises(ConstraintError, match="halfway at 4 decimals"):
        generate(get("conv/depthwise-separable"), 0,
                 pins={"filters": 32, "kernel": 5, "channels": 3, "stride": 1, "padding": 0})
