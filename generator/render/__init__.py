"""Stage 4: render the Python package from the Jinja2 templates in `templates/`."""

from generator.render.renderer import RenderedFile, render_package

__all__ = ["RenderedFile", "render_package"]
