"""A griffe extension: `mul = Mul.apply` is documented as the function `mul(a, b)`.

ops.py binds each function to its operation's `apply`, with no wrapper in between, so a
call costs nothing extra. Read statically, that line is an attribute whose value is
`Mul.apply`, and `apply` takes `*inputs`: the API page would show neither a function nor
its arguments. The arguments a reader passes are the ones `apply` hands, as values, to
`Mul._f`. So each `name = Operation.apply` binding becomes a function with `_f`'s
parameters and the binding's own docstring.
"""

import griffe


class ApplyBindingsAreFunctions(griffe.Extension):
    def on_module_members(self, *, mod, **kwargs):
        for name, member in list(mod.members.items()):
            if member.is_alias or not member.is_attribute or member.docstring is None:
                continue
            operation, _, method = str(member.value).rpartition(".")
            cls = mod.members.get(operation)
            if method != "apply" or cls is None or not cls.is_class or "_f" not in cls.members:
                continue
            function = griffe.Function(
                name,
                parameters=cls.members["_f"].parameters,
                lineno=member.lineno,
                endlineno=member.endlineno,
            )
            function.docstring = griffe.Docstring(
                member.docstring.value,
                lineno=member.docstring.lineno,
                endlineno=member.docstring.endlineno,
                parent=function,
            )
            mod.set_member(name, function)
