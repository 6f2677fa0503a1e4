"""Errors the command line reports as one line with exit code 2."""


class InputError(Exception):
    """Bad input from a user: a file, a line or a template is named in the message."""
