"""The names the generated `_constants.py` defines (templates/package/_constants.py.jinja), without values.

It lets the runtime modules type-check where they live; it is not copied into generated packages,
and a test holds its names and annotations to the template's.
"""

from typing import Dict, FrozenSet, Optional, Tuple

PACKAGE_NAME: str
VERSION: str
SECRET_HEADERS: FrozenSet[str]
LOG_ENV: Optional[str]
REQUEST_ID_HEADERS: Tuple[str, ...]
EXTRA_HEADER_PREFIX: Optional[str]
METHOD_OPTIONS: FrozenSet[str]
SECURITY: Optional[Tuple[Tuple[str, ...], ...]]
SERVER_URL: Optional[str]
SERVER_VARIABLES: Dict[str, Optional[str]]
