"""The one change the benchmark makes to micrograd: it adds `Value.tanh`.

micrograd 0.1.0 ships relu but no tanh. This is written the way micrograd
writes its own operations: the output Value, then a `_backward` closure
beside it that adds the local derivative times `out.grad`.
"""

import math

from micrograd.engine import Value


# Added by the benchmark: micrograd 0.1.0 has relu but no tanh.
def tanh(self):
    t = math.tanh(self.data)
    out = Value(t, (self,), "tanh")

    def _backward():
        self.grad += (1 - t**2) * out.grad

    out._backward = _backward

    return out


Value.tanh = tanh
