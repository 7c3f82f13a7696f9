"""OpenAPI-to-Python client generator: load -> validate -> model -> render -> format -> write."""

__version__ = "0.1.0"
