"""Ordering a graph for backward, without recursion."""

# Marks the moment a node's inputs are all finished; see topological_order.
_FINISH = object()


def topological_order(root):
    """Return `root` and every node it depends on, each before all of its inputs.

    Walking the list front to back, a node is reached only after every node
    that consumes it, which is the order backward needs.

    It is a depth-first search with an explicit stack, so a chain of any depth
    fits in Python's default recursion limit. A node is pushed back under a
    _FINISH marker; when the marker comes off the stack, everything pushed
    above it (the node's inputs and theirs) is finished, so the node is too.
    """
    finished = []
    entered = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if node is _FINISH:
            finished.append(stack.pop())
        elif node not in entered:  # a node pushed by two consumers is entered once
            entered.add(node)
            stack.append(node)
            stack.append(_FINISH)
            for parent in node.inputs:
                if parent not in entered:
                    stack.append(parent)
    # Finished order lists every node after its inputs; backward wants the reverse.
    finished.reverse()
    return finished
