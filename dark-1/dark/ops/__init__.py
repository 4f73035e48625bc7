"""The built-in operations, one per file: the class and its function.

Each function is its class's `apply`, bound once (`mul = Mul.apply`), so a call
goes straight to `apply`.
"""

from .abs import Abs, abs
from .add import Add, add
from .cos import Cos, cos
from .div import Div, div
from .exp import Exp, exp
from .log import Log, log
from .max import Max, max
from .min import Min, min
from .mul import Mul, mul
from .neg import Neg, neg
from .pow import Pow, pow
from .relu import Relu, relu
from .sigmoid import Sigmoid, sigmoid
from .sin import Sin, sin
from .sqrt import Sqrt, sqrt
from .sub import Sub, sub
from .tanh import Tanh, tanh

__all__ = [
    "Abs",
    "Add",
    "Cos",
    "Div",
    "Exp",
    "Log",
    "Max",
    "Min",
    "Mul",
    "Neg",
    "Pow",
    "Relu",
    "Sigmoid",
    "Sin",
    "Sqrt",
    "Sub",
    "Tanh",
    "abs",
    "add",
    "cos",
    "div",
    "exp",
    "log",
    "max",
    "min",
    "mul",
    "neg",
    "pow",
    "relu",
    "sigmoid",
    "sin",
    "sqrt",
    "sub",
    "tanh",
]
