"""The built-in modelled mistakes, one module per topic; importing this package registers them all."""
from qbank.distractors.mistakes import conv, init, norm, rnn  # noqa: F401
