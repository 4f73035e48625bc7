"""dark, stage 1: scalar reverse-mode automatic differentiation.

```python
import dark

x = dark.Parameter(10)
y = dark.add(dark.mul(2, dark.pow(x, 2)), 5)  # 2x² + 5
y.backward()
print(x.grad)  # 40.0
```
"""

from .grad_mode import no_grad
from .node import Constant, Node, Parameter
from .operation import Operation
from .ops import (
    Abs,
    Add,
    Cos,
    Div,
    Exp,
    Log,
    Max,
    Min,
    Mul,
    Neg,
    Pow,
    Relu,
    Sigmoid,
    Sin,
    Sqrt,
    Sub,
    Tanh,
    abs,
    add,
    cos,
    div,
    exp,
    log,
    max,
    min,
    mul,
    neg,
    pow,
    relu,
    sigmoid,
    sin,
    sqrt,
    sub,
    tanh,
)

__all__ = [
    "Node",
    "Constant",
    "Parameter",
    "Operation",
    "no_grad",
    "Mul",
    "mul",
    "Pow",
    "pow",
    "Add",
    "add",
    "Sub",
    "sub",
    "Div",
    "div",
    "Max",
    "max",
    "Min",
    "min",
    "Neg",
    "neg",
    "Exp",
    "exp",
    "Log",
    "log",
    "Sqrt",
    "sqrt",
    "Abs",
    "abs",
    "Relu",
    "relu",
    "Sigmoid",
    "sigmoid",
    "Tanh",
    "tanh",
    "Sin",
    "sin",
    "Cos",
    "cos",
]
