"""`qbank list`, `qbank show`, `qbank solve`: browse the templates and solve one draw."""
import json

import click

from qbank.cli import options
from qbank.engine import index
from qbank.engine.template import REGISTRY, get
from qbank.errors import InputError


@click.command("list")
@click.option("--topic", help="Only templates of this topic.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@options.templates_dir
def list_cmd(topic, as_json, templates_dir):
    """List the templates (id, topic, points, title)."""
    options.load_templates_dir(templates_dir)
    # built-ins from the index (no template module imported); anything registered besides, from itself
    every = {tid: {"id": tid, **{f: entry[f] for f in index.LISTED}} for tid, entry in index.read().items()}
    every.update((t.id, {"id": t.id, **{f: getattr(t, f) for f in index.LISTED}}) for t in REGISTRY.values())
    rows = [every[tid] for tid in sorted(every) if topic in (None, every[tid]["topic"])]
    if topic and not rows:
        known = ", ".join(sorted({r["topic"] for r in every.values()}))
        raise InputError(f"unknown topic {topic!r}; topics: {known}")
    if as_json:
        click.echo(json.dumps(rows, indent=2))
        return
    width = max((len(r["id"]) for r in rows), default=2)
    for r in rows:
        click.echo(f"{r['id']:<{width}}  {r['topic']:<10} {r['points']:>4g}  {r['title']}")
    click.echo(f"{len(rows)} templates")


def drawn(template_id, seed, pins):
    """The draw, or one line naming the template, its source and the seed when the template's own code raises
    (a division by zero on some seed); `qbank check --id ID --seed N` then runs every check on that draw."""
    from qbank.engine.generate import generate  # here: `list` and `--help` never draw

    tpl = get(template_id)
    try:
        return generate(tpl, seed, pins)
    except InputError:
        raise
    except Exception as exc:  # the template's own code, not qbank's input handling
        raise InputError(f"template {template_id} ({tpl.source}) raised {type(exc).__name__} at seed {seed}: {exc}; "
                         f"`qbank check --id {template_id} --seed {seed}` runs every check on this draw") from exc


@click.command("show")
@click.argument("template_id")
@options.seed
@options.set_params
@options.params_file
@click.option("--solution", is_flag=True, help="Also print the worked solution and the key.")
@click.option("--latex", "as_latex", is_flag=True, help="Print LaTeX instead of terminal text.")
@options.templates_dir
def show_cmd(template_id, seed, assignments, params_file, solution, as_latex, templates_dir):
    """Print one draw of a template's question (and solution)."""
    from qbank.engine.render import render_prompt

    options.load_templates_dir(templates_dir)
    inst = drawn(template_id, seed, options.pins_from(assignments, params_file))
    mode = "latex" if as_latex else "text"
    try:
        lines = [inst.render("question", mode).strip()]
        for part in inst.parts:
            prompt = render_prompt(inst, part, mode).strip()
            if prompt:
                lines.append(f"  ({part.name}, {part.points:g} pt) {prompt}")
        if solution:
            lines += ["\nSolution:\n" + inst.render("solution", mode).strip(), "\nKey:"]
            lines += [f"  {part.label}: {part.spec.text(part.value)}" for part in inst.parts]
    except InputError:
        raise
    except Exception as exc:  # an expression of the template's text (\VAR{a / b} with b = 0)
        raise InputError(f"template {template_id} ({inst.template.source}): its text raised {type(exc).__name__} at "
                         f"seed {seed}: {exc}") from exc
    click.echo("\n".join(lines))


@click.command("solve")
@click.argument("template_id")
@options.seed
@options.set_params
@options.params_file
@options.templates_dir
def solve_cmd(template_id, seed, assignments, params_file, templates_dir):
    """Print {"params", "answers"} of one draw as JSON."""
    from qbank.engine.numbers import jsonable

    options.load_templates_dir(templates_dir)
    inst = drawn(template_id, seed, options.pins_from(assignments, params_file))
    answers = {p.name: p.spec.to_json(p.value) for p in inst.parts}
    click.echo(json.dumps({"id": template_id, "seed": seed, "params": jsonable(inst.params),
                           "answers": answers}, indent=2))


COMMANDS = [list_cmd, show_cmd, solve_cmd]
