"""The runtime every generated package holds: these modules are copied into it byte for byte.

What differs per package comes from its generated `_constants.py` (`_constants.pyi` here stands in
for it). This file only makes the folder a package for the project's own type checks (mypy and
pyright resolve the relative imports through it); it is not copied.
"""
