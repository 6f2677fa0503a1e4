"""Warnings (degenerate draws, variety) pass by default and fail with --strict; healthy dirs exit 0; reports parse."""
import json
import xml.etree.ElementTree as ET

HEALTHY = '''
    def sum_check(params, answers):
        assert answers["total"] == params["a"] + params["b"]

    @template("{id}", topic="demo", question=r"Compute $\\VAR{{a}} + \\VAR{{b}}$.",
              solution=r"$\\VAR{{a}} + \\VAR{{b}} = \\VAR{{total}}$.", crosscheck=sum_check)
    def healthy(rng):
        a, b = int(rng.integers(1, 10)), int(rng.integers(1, 10))
        return {{"a": a, "b": b}}, {{"total": a + b}}
    '''


def test_healthy_directory_exits_0(plant, check):
    result = check(plant(HEALTHY.format(id="healthy/add")))
    assert result.exit_code == 0, result.output
    assert "all passed" in result.output and "WARN" not in result.output


def test_examples_directory_only_warns_about_the_missing_crosscheck(check, examples_dir):
    result = check(examples_dir)
    assert result.exit_code == 0, result.output
    assert "WARN demo/add [no-crosscheck]" in result.output
    assert check(examples_dir, "--strict").exit_code == 1


def test_declared_degeneracy_warns_and_strict_fails(plant, check):
    directory = plant('''
        @template("warn/tie", topic="demo", question=r"$\\max(\\VAR{a}, \\VAR{b})$", crosscheck=lambda p, a: None,
                  degenerate={"tie in the max": lambda p, a, w: p["a"] == p["b"]})
        def tie(rng):
            a, b = int(rng.integers(1, 4)), int(rng.integers(1, 4))
            return {"a": a, "b": b}, {"biggest": max(a, b)}
        ''')
    result = check(directory)
    assert result.exit_code == 0, result.output
    assert "WARN warn/tie [degenerate: tie in the max]" in result.output
    strict = check(directory, "--strict")
    assert strict.exit_code == 1 and "FAIL warn/tie [degenerate: tie in the max]" in strict.output


def test_answer_changes_when_computed_from_the_printed_numbers(plant, check):
    # x is drawn with many decimals but printed with one: 0.6 * y is not x * y within 0.0005.
    directory = plant('''
        @template("warn/rounded", topic="demo", question=r"$\\VAR{x|num(1)} \\cdot \\VAR{y}$",
                  answers={"p": Real(digits=3)}, crosscheck=lambda p, a: None)
        def rounded(rng):
            x = float(rng.uniform(0, 1))
            y = int(rng.integers(2, 9))
            return {"x": x, "y": y}, {"p": x * y}
        ''')
    result = check(directory)
    assert result.exit_code == 0, result.output
    assert "WARN warn/rounded [rounded-params]" in result.output
    assert "--set x=" in result.output


def test_answer_parked_at_one_letter(plant, check):
    directory = plant('''
        @template("warn/parked", topic="demo", kind="choice", question=r"Which is $\\VAR{a}$?",
                  answers={"choice": Choice()})
        def parked(rng):
            a = int(rng.integers(1, 50))
            return {"a": a, "options": [a, a + 1, a + 2, a + 3]}, {"choice": 0}
        ''')
    result = check(directory, draws=60)
    assert "WARN warn/parked [answer-position] the answer is A in 60 of 60 draws" in result.output


def test_too_few_variants_for_the_versions_asked(plant, check):
    directory = plant(HEALTHY.replace("integers(1, 10)", "integers(1, 3)").format(id="warn/small"))
    result = check(directory, "--versions", "10")
    assert "WARN warn/small [variety]" in result.output and "10 versions repeat one" in result.output


def test_junit_counts_and_messages(plant, check, tmp_path):
    directory = plant(HEALTHY.format(id="junit/ok"), name="ok")
    plant('''
        @template("junit/broken", topic="demo", question=r"$\\VAR{missing}$", crosscheck=lambda p, a: None)
        def broken(rng):
            return {"a": int(rng.integers(1, 3))}, {"b": 1}
        ''', name="broken")
    junit = tmp_path / "report" / "junit.xml"
    junit.parent.mkdir()
    result = check(directory, "--junit", str(junit))
    assert result.exit_code == 1
    suites = ET.parse(junit).getroot()
    assert (suites.get("tests"), suites.get("failures")) == ("2", "1")
    cases = {case.get("name"): case for case in suites.iter("testcase")}
    assert set(cases) == {"junit/ok", "junit/broken"}
    assert cases["junit/ok"].find("failure") is None
    failure = cases["junit/broken"].find("failure")
    assert failure.get("type") == "render" and "qbank check --id junit/broken --seed 0" in failure.text
    # the decorator of junit/broken is line 4 of broken.py (2 header lines, a blank line, then @template)
    source = (tmp_path / "broken.py").read_text().splitlines()
    assert source[3].startswith('@template("junit/broken"')
    assert (cases["junit/broken"].get("file"), cases["junit/broken"].get("line")) == (str(tmp_path / "broken.py"), "4")
    assert failure.get("message").startswith(f"{tmp_path / 'broken.py'}:4: 1 problem(s); first: [render]")
    assert failure.text.startswith(f"template junit/broken at {tmp_path / 'broken.py'}:4\n")


def test_json_report(plant, check):
    result = check(plant(HEALTHY.format(id="json/add")), "--json", draws=10)
    report = json.loads(result.output)
    assert report["ok"] is True
    assert [(t["id"], t["draws"]) for t in report["templates"]] == [("json/add", 10)]


def test_bad_input_exits_2(runner, tmp_path, plant):
    from qbank.cli import main

    assert runner.invoke(main, ["check", "--templates", str(tmp_path / "absent")]).exit_code == 2
    assert runner.invoke(main, ["check", "--id", "no/such-template"]).exit_code == 2
    (tmp_path / "empty").mkdir()
    assert runner.invoke(main, ["check", "--templates", str(tmp_path / "empty")]).exit_code == 2
    directory = plant("def broken(:\n    pass\n", name="syntax")
    result = runner.invoke(main, ["check", "--templates", str(directory)])
    assert result.exit_code == 2 and "syntax.py:" in result.output


def test_cpu_budget_stops_a_slow_template_with_a_warning(plant, check):
    directory = plant(HEALTHY.replace("a, b = ", "sum(range(300_000))\n        a, b = ").format(id="warn/slow"))
    result = check(directory, "--budget", "0.05", draws=200)
    assert result.exit_code == 0, result.output
    assert "WARN warn/slow [budget] checked" in result.output and "of 200 draws" in result.output


def test_compile_without_pdflatex_is_refused_before_any_draw(plant, check, monkeypatch):
    import qbank.check.latex
    import qbank.check.runner

    drawn = []
    monkeypatch.setattr(qbank.check.latex.shutil, "which", lambda name: None)
    monkeypatch.setattr(qbank.check.runner, "map_templates", lambda *args, **kw: drawn.append(args) or [])
    result = check(plant(HEALTHY.format(id="nolatex/add")), "--compile")
    assert result.exit_code == 2 and "--compile needs pdflatex" in result.output
    assert drawn == []
