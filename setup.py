"""Packaging that pyproject.toml cannot say: templates/ travels inside the installed package.

The templates stay at the top of the repository; at build time they are mapped in as
`generator/templates`, where the renderer looks first (the source tree is its fallback).
"""

from pathlib import Path

from setuptools import find_packages, setup

TEMPLATE_FOLDERS = sorted({Path("templates"), *(p for p in Path("templates").rglob("*") if p.is_dir())})
TEMPLATE_PACKAGES = [".".join(("generator", *folder.parts)) for folder in TEMPLATE_FOLDERS]

setup(
    packages=[*find_packages(include=["generator", "generator.*"]), *TEMPLATE_PACKAGES],
    package_dir={"generator.templates": "templates"},
    package_data={name: ["*.jinja", "py.typed"] for name in TEMPLATE_PACKAGES},
)
