"""The rule families: what a stage may declare in `[tool.dark] provides`, and what each checks.

Every test is marked with the family that grades it, `@pytest.mark.provides("backward")`.
A stage's tasks (`[[tool.dark.tasks]]`) list families under `rules`. A family a stage does
not declare is not tested. A later stage adds its own families here, one line each.
"""

FAMILIES = {
    "nodes": "Node, Constant and Parameter: values stored, grad kinds, repr",
    "apply": "Operation.apply and differentiate: Constants, op and inputs, one partial each",
    "custom_operation": "subclassing dark.Operation",
    "mul_pow": "mul and pow: values and derivatives, pow's special points",
    "operations": "the other operations: values, derivatives, kinks, domains",
    "order": "graphs of any depth and shape: no recursion, linear time",
    "backward": "backward: sums on shared nodes, oracles on random graphs, grads per call",
    "zero_grad": "zero_grad",
    "no_grad": "no_grad",
    "bad_input": "clear errors that name the operation and the value, and change nothing",
    # dark-1 only: a value is one Python float, so these hold there and not on arrays
    "scalar_values": "a value is one float: a list, a tuple or an array is refused",
    "float_domains": "no value outside a float's domain: log(0), 1/0 and overflow are errors",
    # dark-2: tensors (tests/stage/test_tensor_*.py)
    "arrays": "values are float32 or float64 ndarrays: dtypes, conversion, shape, grads, seeds",
    "broadcasting": "the elementwise operations on arrays that broadcast, unbroadcast once",
    "reductions": "sum, mean, amax, amin and logsumexp over every axis form",
    "shapes": "reshape, transpose, broadcast_to, concat, stack and where",
    "indexing": "getitem: basic and integer-array indexing; repeated indices add up",
    "matmul": "matmul in every numpy case, forward and backward",
    "losses": "softmax, log_softmax, cross_entropy, binary_cross_entropy_with_logits",
    "numerics": "IEEE values, no RuntimeWarning, numpy.geterr() untouched",
    "anomaly": "detect_anomaly; a raise in backward changes no grad",
    "memory": "each grad owns its memory and fills in place; no reference cycles",
}
