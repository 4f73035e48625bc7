"""A learner's first draft, after the seed article. Test data: its faults are on purpose.

The four faults: `_autodiff` sets each input's grad (a plain Node keeps only the last
consumer's share), it walks every path again (exponential on shared nodes), it recurses
(a deep chain exhausts Python's stack), and `Pow._f` calls `pow`, which below is this
module's own function, not Python's.
"""

import math
from contextlib import contextmanager

recording = True  # the draft's switch for building the graph


class Node:
    op = None
    inputs = []
    _grad = None

    def __init__(self, value):
        self.value = value

    def backward(self):
        if self.grad is None:
            self.grad = 1
        self._autodiff()

    def zero_grad(self):
        if self._grad is not None:
            self._grad = 0
        for node in self.inputs:
            node.zero_grad()

    def _autodiff(self):
        # Fault: each call visits every input again, once per path, by recursion.
        if self.op is not None:
            partials = self.op.differentiate(self)
            for node, partial in zip(self.inputs, partials, strict=False):
                node.grad = partial  # fault for Node: sets instead of adding
        for node in self.inputs:
            node._autodiff()

    @property
    def grad(self):
        return self._grad

    @grad.setter
    def grad(self, value):
        self._grad = value

    def __repr__(self):
        return f"{type(self).__name__}(value={self.value!r}, grad={self.grad!r})"


class Constant(Node):
    @property
    def grad(self):
        return None

    @grad.setter
    def grad(self, value):
        pass


class Parameter(Node):
    def __init__(self, value):
        super().__init__(value)
        self._grad = 0

    @Node.grad.setter
    def grad(self, value):
        self._grad += value


class Operation:
    @classmethod
    def apply(cls, *inputs):
        inputs = [x if isinstance(x, Node) else Constant(x) for x in inputs]
        y = Node(cls._f(*[x.value for x in inputs]))
        if recording:
            y.op = cls
            y.inputs = inputs
        return y

    @classmethod
    def differentiate(cls, node):
        return cls._df(node.grad, node.value, *[x.value for x in node.inputs])

    @staticmethod
    def _f(*x):
        raise Exception("a subclass must write _f")

    @staticmethod
    def _df(dldy, y, *x):
        raise Exception("a subclass must write _df")


@contextmanager
def no_grad():
    global recording
    recording = False
    yield
    recording = True


class Mul(Operation):
    @staticmethod
    def _f(a, b):
        return a * b

    @staticmethod
    def _df(dldy, y, a, b):
        return dldy * b, dldy * a


def mul(a, b):
    return Mul.apply(a, b)


class Pow(Operation):
    @staticmethod
    def _f(x, n):
        return pow(x, n)  # fault: `pow` is the function below, which calls this again

    @staticmethod
    def _df(dldy, y, x, n):
        return dldy * n * pow(x, n - 1), dldy * y * math.log(x)


def pow(x, n):
    return Pow.apply(x, n)


class Add(Operation):
    @staticmethod
    def _f(a, b):
        return a + b

    @staticmethod
    def _df(dldy, y, a, b):
        return dldy, dldy


def add(a, b):
    return Add.apply(a, b)


class Sub(Operation):
    @staticmethod
    def _f(a, b):
        return a - b

    @staticmethod
    def _df(dldy, y, a, b):
        return dldy, -dldy


def sub(a, b):
    return Sub.apply(a, b)


class Div(Operation):
    @staticmethod
    def _f(a, b):
        return a / b

    @staticmethod
    def _df(dldy, y, a, b):
        return dldy / b, -dldy * a / (b * b)


def div(a, b):
    return Div.apply(a, b)


class Max(Operation):
    @staticmethod
    def _f(a, b):
        return a if a > b else b

    @staticmethod
    def _df(dldy, y, a, b):
        return (dldy, 0) if a > b else (0, dldy)


def max(a, b):
    return Max.apply(a, b)


class Min(Operation):
    @staticmethod
    def _f(a, b):
        return a if a < b else b

    @staticmethod
    def _df(dldy, y, a, b):
        return (dldy, 0) if a < b else (0, dldy)


def min(a, b):
    return Min.apply(a, b)


class Neg(Operation):
    @staticmethod
    def _f(x):
        return -x

    @staticmethod
    def _df(dldy, y, x):
        return (-dldy,)


def neg(x):
    return Neg.apply(x)


class Exp(Operation):
    @staticmethod
    def _f(x):
        return math.exp(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * y,)


def exp(x):
    return Exp.apply(x)


class Log(Operation):
    @staticmethod
    def _f(x):
        return math.log(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy / x,)


def log(x):
    return Log.apply(x)


class Sqrt(Operation):
    @staticmethod
    def _f(x):
        return math.sqrt(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy / (2 * y),)


def sqrt(x):
    return Sqrt.apply(x)


class Abs(Operation):
    @staticmethod
    def _f(x):
        return x if x > 0 else -x

    @staticmethod
    def _df(dldy, y, x):
        return (dldy if x > 0 else -dldy,)


def abs(x):
    return Abs.apply(x)


class Relu(Operation):
    @staticmethod
    def _f(x):
        return x if x > 0 else 0

    @staticmethod
    def _df(dldy, y, x):
        return (dldy if x > 0 else 0,)


def relu(x):
    return Relu.apply(x)


class Sigmoid(Operation):
    @staticmethod
    def _f(x):
        return 1 / (1 + math.exp(-x))

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * y * (1 - y),)


def sigmoid(x):
    return Sigmoid.apply(x)


class Tanh(Operation):
    @staticmethod
    def _f(x):
        return math.tanh(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * (1 - y * y),)


def tanh(x):
    return Tanh.apply(x)


class Sin(Operation):
    @staticmethod
    def _f(x):
        return math.sin(x)

    @staticmethod
    def _df(dldy, y, x):
        return (dldy * math.cos(x),)


def sin(x):
    return Sin.apply(x)


class Cos(Operation):
    @staticmethod
    def _f(x):
        return math.cos(x)

    @staticmethod
    def _df(dldy, y, x):
        return (-dldy * math.sin(x),)


def cos(x):
    return Cos.apply(x)
