"""A griffe extension: `from .name import name` in a package means the object, not the module.

dark/__init__.py does `from .no_grad import no_grad`, and dark/ops/__init__.py does
`from .mul import Mul, mul`. In Python the imported function replaces the submodule of the
same name on the package. Griffe keeps the submodule instead (griffe issue #124), so the
API page would show `no_grad` and every operation function as modules. This extension
puts the imported objects back, as Python has them.
"""

from contextlib import suppress

import griffe


def modules_of(package):
    """The package and all its subpackages and modules."""
    yield package
    for module in package.modules.values():
        yield from modules_of(module)


class ImportedNameWins(griffe.Extension):
    def on_package(self, *, pkg, **kwargs):
        modules = [*modules_of(pkg)]
        # Resolve every import while the submodules are still in place to walk through.
        for module in modules:
            for member in module.members.values():
                if member.is_alias:
                    with suppress(griffe.AliasResolutionError, griffe.CyclicAliasError):
                        member.resolve_target()
        for module in modules:
            for name, path in module.imports.items():
                submodule = module.members.get(name)
                if submodule is None or submodule.is_alias or not submodule.is_module:
                    continue
                if path == f"{submodule.path}.{name}" and name in submodule.members:
                    # set_member also re-points the submodule's aliases (dark.mul from ops).
                    imported = griffe.Alias(name, submodule.members[name], parent=module)
                    module.set_member(name, imported)
