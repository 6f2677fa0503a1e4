"""qbank: parameterized deep-learning exam questions, solved by a numpy reference core."""
from qbank.engine.answers import Choice, Expression, Exact, Integer, Matrix, Real, Shape, Text, Vector
from qbank.engine.template import template

__version__ = "0.1.0"
__all__ = ["template", "Integer", "Real", "Vector", "Matrix", "Shape", "Exact", "Expression",
           "Choice", "Text", "__version__"]
