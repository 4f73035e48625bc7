"""dark, stage 1: scalar reverse-mode automatic differentiation.

```python
import dark

x = dark.Parameter(10)
y = dark.add(dark.mul(2, dark.pow(x, 2)), 5)  # 2x² + 5
y.backward()
print(x.grad)  # 40.0
```
"""

from .constant import Constant
from .no_grad import no_grad
from .node import Node
from .operation import Operation
from .ops import *  # noqa: F403  (the operations, listed in ops/__init__.py)
from .ops import __all__ as _operations
from .parameter import Parameter

__all__ = ["Node", "Constant", "Parameter", "Operation", "no_grad", *_operations]
