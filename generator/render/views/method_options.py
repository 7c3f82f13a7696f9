"""The keywords every generated method takes besides its operation's arguments, declared once.

The method signatures (through the package view), the names an operation's arguments may not
take (`views/common.py`) and the names the runtime never sends as arguments (`METHOD_OPTIONS`
in the generated `_constants.py`) all come from this list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class MethodOption:
    """One keyword: its name, its annotation and default (as code), and the names those use."""

    name: str
    annotation: str
    default: str | None
    """None for `**name`, which collects any further keywords."""
    names: tuple[str, ...]
    """The names the annotation and default refer to (for the module's imports)."""

    @property
    def parameter(self) -> str:
        """The parameter as a signature writes it, without the comma."""
        if self.default is None:
            return f"**{self.name}: {self.annotation}"
        return f"{self.name}: {self.annotation} = {self.default}"


METHOD_OPTIONS = (
    MethodOption("extra_headers", "Optional[Headers]", "None", ("Optional", "Headers")),
    MethodOption("extra_query", "Optional[Query]", "None", ("Optional", "Query")),
    MethodOption("extra_body", "Optional[Body]", "None", ("Optional", "Body")),
    MethodOption("timeout", "Union[Timeout, NotGiven]", "NOT_GIVEN", ("Union", "Timeout", "NotGiven", "NOT_GIVEN")),
    MethodOption("max_retries", "Union[int, NotGiven]", "NOT_GIVEN", ("Union", "NotGiven", "NOT_GIVEN")),
)
"""What every method takes after its operation's arguments, in this order."""

BODY_FIELDS = MethodOption("body_fields", "Any", None, ("Any",))
"""The last keyword of a method whose JSON body allows fields the spec does not name."""

OPTION_NAMES = frozenset(option.name for option in (*METHOD_OPTIONS, BODY_FIELDS))
"""The names of every method option."""

OPTION_IMPORTS = frozenset(name for option in METHOD_OPTIONS for name in option.names)
"""The names every resource module imports for its methods' options (`BODY_FIELDS.names` where used)."""
