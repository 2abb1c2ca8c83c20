"""Blog claims: which exception names the posts use exist in the installed
SQLAlchemy and greenlet."""

import importlib
import pkgutil
import warnings

import greenlet
import sqlalchemy

# --8<-- [start:names]
# Every name bound to an exception class in any importable module of
# SQLAlchemy or greenlet, and the class it names (module.ClassName).
defined: dict[str, set[str]] = {}
for package in (sqlalchemy, greenlet):
    for info in pkgutil.walk_packages(
        package.__path__, package.__name__ + "."
    ):
        try:
            with warnings.catch_warnings():
                # deprecated modules say so on import
                warnings.simplefilter("ignore")
                module = importlib.import_module(info.name)
        # optional parts whose own dependencies are not installed
        except Exception:
            continue
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, BaseException):
                defined.setdefault(name, set()).add(
                    f"{value.__module__}.{value.__name__}"
                )
print(f"{len(defined)} exception names")
#>[2.1] 75 exception names
#>[2.0] 70 exception names

for name in (
    "DetachedInstanceError",
    "MissingGreenlet",
    "ConcurrentModificationError",
    "DetachableExceptionErrors",
    "DetachableExceptionError",
    "GreenletSpawnError",
):
    print(f"{name:28} {sorted(defined.get(name, ['does not exist']))}")
    #> DetachedInstanceError        ['sqlalchemy.orm.exc.DetachedInstanceError']
    #> MissingGreenlet              ['sqlalchemy.exc.MissingGreenlet']
    #> ConcurrentModificationError  ['sqlalchemy.orm.exc.StaleDataError']
    #> DetachableExceptionErrors    ['does not exist']
    #> DetachableExceptionError     ['does not exist']
    #> GreenletSpawnError           ['does not exist']
# --8<-- [end:names]
