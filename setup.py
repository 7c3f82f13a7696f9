"""Packaging that pyproject.toml cannot say: templates/ travels inside the installed package.

The templates stay at the top of the repository; at build time they are mapped in as
`generator/templates`, where the renderer looks first (the source tree is its fallback). They are
data of that one package: the Jinja templates, `py.typed`, and the runtime modules under
`package/runtime/` that generated packages get as they are (not the `__init__.py` and the
`_constants.pyi` stand-in that only serve the project's own type checks there).
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), "generator.templates"],
    package_dir={"generator.templates": "templates"},
    package_data={"generator.templates": ["**/*.jinja", "**/py.typed", "package/runtime/*.py"]},
    exclude_package_data={"generator.templates": ["package/runtime/__init__.py"]},
    # Only what package_data names: the source tree's other files are not data of the generator.
    include_package_data=False,
)
