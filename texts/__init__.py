"""Every sentence a user reads, in Dutch, in one place.

Keys are English and stable; values are Dutch. Pages, command lines and error
messages look their text up here (``T["key"]`` or ``t("key", name=...)``), so the
wording can be reviewed and translated as a whole. Each area of the app has its
own module in this package that adds its section to ``T``; keep keys prefixed by
the area. This package is the bottom layer: it imports nothing of the project
except itself, so ``coding``, ``models``, ``pages`` and ``ui`` may all use it.
"""

from __future__ import annotations

from texts import catalogue as _catalogue  # noqa: F401  (fills T)
from texts import codebook as _codebook  # noqa: F401
from texts import coder as _coder  # noqa: F401
from texts import commands as _commands  # noqa: F401
from texts import documents as _documents  # noqa: F401  (fills T)
from texts import followup as _followup  # noqa: F401
from texts import models as _models  # noqa: F401
from texts import refiqda as _refiqda  # noqa: F401
from texts import report as _report  # noqa: F401  (fills T)
from texts import security as _security  # noqa: F401  (fills T)
from texts import survey as _survey  # noqa: F401  (fills T)
from texts import ux as _ux  # noqa: F401  (fills T)
from texts._base import T, t
from texts.errors import WeerbaarError
from texts.format import count, dutch_date, parse_dutch_date

__all__ = ["T", "WeerbaarError", "count", "dutch_date", "parse_dutch_date", "t"]
