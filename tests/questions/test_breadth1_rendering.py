"""The 13 training-recipe, conv-geometry, batch-norm/contrastive and optimizer templates (issue 13): every part
asked as a choice renders over 25 seeds, and `qbank show --solution` prints each one."""
import numpy as np
import pytest

from qbank.cli import main
from qbank.distractors import as_choice
from qbank.engine.generate import generate
from qbank.engine.render import check_renders
from qbank.engine.template import get

TEMPLATES = ["loss/softmax-cross-entropy", "loss/perplexity", "regularization/inverted-dropout", "optim/grad-clipping",
             "conv/receptive-field", "conv/transposed-chain", "conv/activation-memory",
             "norm/batchnorm-backward", "norm/batchnorm-running", "loss/nt-xent",
             "optim/adam-bias-correction", "optim/lr-schedule", "optim/adamw-vs-l2"]


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_every_part_can_be_asked_as_choice(template_id):
    for seed in range(25):
        inst = generate(get(template_id), seed)
        for part in inst.parts:
            asked = as_choice(inst, np.random.default_rng(seed), part=part.name)
            check_renders(asked)
            options = asked.params["choice_options"]
            # four different options, and the keyed one prints the part's own key
            assert len(set(options)) == 4, (template_id, seed, part.name, options)
            assert options[asked.answers["answer"]] == f"${part.spec.latex(part.value)}$", (template_id, seed)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_cli_shows_each_template(runner, template_id):
    result = runner.invoke(main, ["show", template_id, "--seed", "2", "--solution"])
    assert result.exit_code == 0, result.output
    assert "Solution:" in result.output and "Key:" in result.output
