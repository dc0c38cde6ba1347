"""The base of every error a user may read: a stable code, values, and a Dutch message.

Like spaCy's error catalogue, an error carries a code; its Dutch text is the
catalogue entry of that code, looked up when the message is needed. Pages catch
:class:`WeerbaarError` and show :meth:`WeerbaarError.message`.
"""

from __future__ import annotations

from texts._base import T


class WeerbaarError(Exception):
    """A problem the user can read about in Dutch.

    Attributes:
        code: Stable identifier of the problem (also the catalogue key, unless
            the subclass sets ``key_prefix``), for callers and tests.
        values: The values filled into the Dutch message.
    """

    key_prefix: str = ""

    def __init__(self, code: str, **values: object) -> None:
        self.code = code
        self.values = values
        super().__init__(self.message())

    @property
    def key(self) -> str:
        """The catalogue key of this error's Dutch text."""
        return f"{self.key_prefix}{self.code}"

    def message(self) -> str:
        """The Dutch text for this error; the code itself when the catalogue has none."""
        template = T.get(self.key)
        if template is None:
            return self.code
        return template.format(**self.values) if self.values else template
