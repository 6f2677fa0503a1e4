"""conv/relu-pool-translation: a 3x3 conv + ReLU and a 2x2 max-pool on a small image and on the image moved
one pixel, showing that convolution is translation-equivariant and max pooling (here) invariant.

Generalized from exam 001, part 3, problem 1 (the Sobel filter on a 4x4 stroke).
"""
import numpy as np

from qbank import Matrix, Text, template
from qbank.core.activations import relu
from qbank.core.conv import conv2d, max_pool2d
from qbank.errors import InputError
from qbank.questions import conv_exact

KERNELS = (
    ((1, 0, -1), (2, 0, -2), (1, 0, -1)),  # Sobel, vertical edges (exam 001)
    ((-1, 0, 1), (-2, 0, 2), (-1, 0, 1)),  # Sobel, mirrored
    ((1, 2, 1), (0, 0, 0), (-1, -2, -1)),  # Sobel, horizontal edges
    ((1, 0, -1), (1, 0, -1), (1, 0, -1)),  # Prewitt
    ((0, 1, 0), (1, -4, 1), (0, 1, 0)),  # Laplacian
    ((0, -1, 0), (-1, 4, -1), (0, -1, 0)),  # negative Laplacian
)
MOVES = {"right": (0, 1), "left": (0, -1), "down": (1, 0), "up": (-1, 0)}  # direction -> (row step, column step)
OPPOSITE = {"right": "left", "left": "right", "down": "up", "up": "down"}
EDGE = {"right": "right", "left": "left", "down": "bottom", "up": "top"}  # the edge a move pushes towards


def translated(image, direction):
    """The image moved one pixel in `direction`: the vacated row or column is zero, the leaving one drops out."""
    step_r, step_c = MOVES[direction]
    rows, cols = image.shape
    out = np.zeros_like(image)
    out[max(step_r, 0):rows + min(step_r, 0), max(step_c, 0):cols + min(step_c, 0)] = \
        image[max(-step_r, 0):rows - max(step_r, 0), max(-step_c, 0):cols - max(step_c, 0)]
    return out


def central_band(direction):
    """1 on the two middle columns (left/right moves) or rows (up/down moves): strokes drawn there stay inside
    the image when moved, and enough draws satisfy the constraints (about 1 in 12)."""
    band = np.zeros((4, 4), dtype=int)
    if direction in ("left", "right"):
        band[:, 1:3] = 1
    else:
        band[1:3, :] = 1
    return band


def worked_entry(kernel, x_pad, z):
    """The sum behind the largest pre-activation; only products with a lit pixel are shown (the rest are 0)."""
    i, j = np.unravel_index(int(np.argmax(z)), z.shape)
    lit = [(a, c) for a in range(3) for c in range(3) if x_pad[i + a, j + c] != 0]
    products = " + ".join(f"{_paren(kernel[a, c])} \\cdot {x_pad[i + a, j + c]}" for a, c in lit)
    return {"row": int(i) + 1, "col": int(j) + 1, "products": products or "0", "value": z[i, j]}


def _paren(value):
    return f"({value})" if value < 0 else f"{value}"


def _validate(kernel, image, direction):
    """Pinned values that the question cannot use are bad input."""
    where = "template conv/relu-pool-translation"
    if direction not in MOVES:
        raise InputError(f"{where}: direction must be one of {', '.join(MOVES)}, got {direction!r}")
    if kernel.shape != (3, 3) or image.ndim != 2 or min(image.shape) < 2 or image.shape[0] % 2 or image.shape[1] % 2:
        raise InputError(f"{where}: K must be 3x3 and x a matrix with even sides, got K {kernel.shape}, "
                         f"x {image.shape}")


def _nothing_leaves(params, answers):
    x = np.asarray(params["x"])
    return np.array_equal(translated(translated(x, params["direction"]), OPPOSITE[params["direction"]]), x)


def _output_moves_along(params, answers):
    return np.array_equal(answers["h_moved"], translated(answers["h"], params["direction"]))


def _relu_clips(params, answers):
    """Both images have a negative pre-activation: otherwise h = z there, and skipping the ReLU would score."""
    kernel, bias = np.asarray(params["K"], dtype=int)[None, None], np.array([params["b"]])
    image = np.asarray(params["x"], dtype=int)
    return all(np.any(conv2d(picture[None], kernel, bias, padding=1) < 0)  # (1, 4, 4)
               for picture in (image, translated(image, params["direction"])))


def _check(params, answers):
    kernel, x = conv_exact.grid(params["K"]), conv_exact.grid(params["x"])
    moved = conv_exact.grid(translated(np.asarray(params["x"]), params["direction"]))
    for image, h_name, p_name in ((x, "h", "p"), (moved, "h_moved", "p_moved")):
        h = conv_exact.relu(conv_exact.correlate_same(image, kernel, params["b"]))
        assert conv_exact.same(h, answers[h_name]), h_name
        assert conv_exact.same(conv_exact.max_pool_2x2(h), answers[p_name]), p_name


@template("conv/relu-pool-translation", topic="conv", points=25,
          title="Conv + ReLU + max-pool on a translated image: equivariance and invariance",
          question="tex/conv/translation.tex.j2", solution="tex/conv/translation_solution.tex.j2",
          answers={"h": Matrix(digits=0, points=7, prompt=r"Compute the layer output $h$ for the image $x$."),
                   "h_moved": Matrix(digits=0, points=7, prompt=r"Compute the layer output $h'$ for $x'$."),
                   "equivariance": Text(points=3, prompt=r"Compare $h'$ with $h$. Which property of the "
                                                         r"convolutional layer does this show?"),
                   "p": Matrix(digits=0, points=3, prompt=r"Compute the max-pool output $m$ for the image $x$."),
                   "p_moved": Matrix(digits=0, points=3, prompt=r"Compute the max-pool output $m'$ for $x'$."),
                   "invariance": Text(points=2, prompt=r"Compare $m'$ with $m$. Which property does this show?")},
          constraints={"at least three lit pixels": lambda p, a: int(np.sum(p["x"])) >= 3,
                       "no lit pixel leaves the image": _nothing_leaves,
                       "the conv output moves with the image": _output_moves_along,
                       "the conv output changes": lambda p, a: not np.array_equal(a["h"], a["h_moved"]),
                       "the pooled outputs agree": lambda p, a: np.array_equal(a["p"], a["p_moved"]),
                       "the conv output has at least three positive entries": lambda p, a: np.sum(a["h"] > 0) >= 3,
                       "the pooled output has at least two positive entries": lambda p, a: np.sum(a["p"] > 0) >= 2,
                       "the ReLU zeroes a negative pre-activation in both images": _relu_clips},
          allow={"same-parts": "m' = m is the invariance the question is about"},
          crosscheck=_check)
def translation_question(rng):
    """A 3x3 conv + ReLU and a 2x2 max-pool on a 4x4 image and on the image moved one pixel."""
    pick = int(rng.integers(len(KERNELS) + 1))
    random_kernel = rng.integers(-2, 3, size=(3, 3))
    K = np.array(KERNELS[pick]) if pick < len(KERNELS) else random_kernel
    b = int(rng.integers(-1, 1))  # b = 1 lights every blank pixel, which then cannot move along with the image
    direction = str(rng.choice(list(MOVES)))
    x = (rng.random((4, 4)) < 0.5).astype(int) * central_band(direction)
    params = {"K": K, "b": b, "x": x, "direction": direction}
    kernel, image = np.asarray(K, dtype=int), np.asarray(x, dtype=int)  # pinned values arrive as any int arrays
    _validate(kernel, image, direction)
    x_moved = translated(image, direction)
    # both images as one batch, one core call each: most draws fail a constraint, so this runs ~10 times a kept draw
    images = np.stack([image, x_moved])[:, None]  # (2, 1, 4, 4)
    z, z_moved = conv2d(images, kernel[None, None], np.array([b]), padding=1)[:, 0]  # (4, 4) each
    h, h_moved = relu(z), relu(z_moved)
    p, p_moved = max_pool2d(np.stack([h, h_moved])[:, None], 2)[:, 0]  # (2, 2) each
    edge, line = EDGE[direction], "column" if direction in ("left", "right") else "row"
    answers = {
        "h": h, "h_moved": h_moved,
        "equivariance": f"Equivariance: $h'$ is $h$ moved one pixel {direction} (the {edge} {line} of $h$ drops out "
                        f"and zeros enter on the opposite side), because the same filter is applied at every position.",
        "p": p, "p_moved": p_moved,
        "invariance": "Invariance: $m' = m$. Max pooling keeps only the largest value of each window, and the "
                      "one-pixel move keeps the largest responses inside their windows, so the pooled output does "
                      "not change (invariance to small translations; only approximate in general).",
    }

    def work():  # computed for the kept draw only: about nine in ten draws fail a constraint
        x_pad, x_moved_pad = np.pad(image, 1), np.pad(x_moved, 1)  # (6, 6) each: the zero ring of padding 1
        return {"x_moved": x_moved, "x_pad": x_pad, "x_moved_pad": x_moved_pad, "z": z, "z_moved": z_moved,
                "entry": worked_entry(kernel, x_pad, z), "entry_moved": worked_entry(kernel, x_moved_pad, z_moved),
                "line": line, "edge": edge}
    return params, answers, work
