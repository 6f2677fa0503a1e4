"""`qbank schema KIND`: print the JSON Schema of an input file, for editors and validators."""
import click

# kind -> (module, attribute holding the schema's path): imported only when asked for.
SCHEMAS = {"course": ("qbank.serve.course_schema", "SCHEMA_PATH"), "exam": ("qbank.exam.spec", "SCHEMA_PATH")}


@click.command("schema")
@click.argument("kind", type=click.Choice(sorted(SCHEMAS)))
def schema_cmd(kind):
    """Print the JSON Schema of an exam spec (docs/exam-spec.md) or a course file (docs/serve.md)."""
    import importlib

    module, attribute = SCHEMAS[kind]
    click.echo(getattr(importlib.import_module(module), attribute).read_text(encoding="utf-8"), nl=False)


COMMANDS = [schema_cmd]
