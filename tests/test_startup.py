"""Start-up discipline: commands import only what they use, and the template index says what the modules say."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout


def test_list_show_and_solve_load_neither_sympy_nor_matplotlib_nor_torch_nor_pypdf():
    out = _python(
        "import sys\n"
        "from click.testing import CliRunner\n"
        "import qbank.cli\n"
        "for args in (['--help'], ['list'], ['show', 'conv/layer-cost', '--seed', '3'],\n"
        "             ['solve', 'attention/mha-dims', '--seed', '1'], ['show', 'concepts/lstm-forget-gate']):\n"
        "    result = CliRunner().invoke(qbank.cli.main, args)\n"
        "    assert result.exit_code == 0, (args, result.output)\n"
        "print([m for m in ('sympy', 'matplotlib', 'torch', 'pypdf') if m in sys.modules])\n")
    assert out.strip() == "[]"


def test_solving_one_template_imports_only_its_own_module():
    out = _python(
        "import sys\n"
        "from click.testing import CliRunner\n"
        "import qbank.cli\n"
        "assert CliRunner().invoke(qbank.cli.main, ['solve', 'conv/layer-cost', '--seed', '1']).exit_code == 0\n"
        "print(sorted(m for m in sys.modules if m.startswith('qbank.questions.')))\n")
    # conv_cost imports conv_exact for its exact cross-check helpers; no other topic is loaded
    assert out.strip() == "['qbank.questions.conv_cost', 'qbank.questions.conv_exact']"


def test_the_committed_index_matches_the_template_modules_and_bank_files():
    fresh = json.loads(_python("import json; from qbank.engine import index; print(json.dumps(index.build()))"))
    committed = json.loads((ROOT / "qbank" / "questions" / "index.json").read_text(encoding="utf-8"))
    assert committed == fresh, "stale template index: run `python -m qbank.engine.index` and commit index.json"


def test_list_from_the_index_equals_list_from_the_loaded_templates(runner):
    from qbank.cli import main
    from qbank.engine.template import all_templates

    listed = json.loads(runner.invoke(main, ["list", "--json"]).output)
    loaded = [{"id": t.id, "topic": t.topic, "points": t.points, "kind": t.kind, "title": t.title}
              for t in all_templates()]
    assert listed == loaded


def test_help_and_list_load_no_exam_builder_exporter_or_drawing_code():
    out = _python(
        "import sys\n"
        "from click.testing import CliRunner\n"
        "import qbank.cli\n"
        "for args in (['--help'], ['list'], ['exam', '--help'], ['export', '--help']):\n"
        "    assert CliRunner().invoke(qbank.cli.main, args).exit_code == 0, args\n"
        "print(sorted(m for m in ('qbank.exam.build', 'qbank.export.run', 'qbank.engine.generate', 'numpy.random')\n"
        "             if m in sys.modules))\n")
    assert out.strip() == "[]"


def test_the_index_is_the_same_built_in_process_after_the_templates_were_loaded():
    from qbank.engine import index
    from qbank.engine.template import all_templates

    all_templates()  # every built-in already registered (and the conftest fixture loads them anyway)
    assert index.build() == index.read()
