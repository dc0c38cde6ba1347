"""Every error the domain layer raises for a user to read, in one place.

All of them are :class:`texts.WeerbaarError`: pages catch that base class and
show :meth:`~texts.WeerbaarError.message` (Dutch). The standard exception each
one also is (``ValueError``, ``LookupError``, ``PermissionError``) stays, so
callers that catch those keep working.
"""

from __future__ import annotations

from texts import WeerbaarError


class InputError(WeerbaarError, ValueError):
    """Input a user can fix; built from a finished Dutch sentence, shown as is.

    ``InputError(t("scan.error.required"))``: the code is the sentence itself,
    which has no catalogue entry of its own, so :meth:`message` returns it.
    """


class NotFound(WeerbaarError, LookupError):
    """A scan, interview, fragment … that does not exist (any more).

    ``NotFound("scan", id=3)`` reads "De scan (nummer 3) bestaat niet (meer)."
    """

    key_prefix = "error.not_found."

    def __init__(self, code: str, id: object = "") -> None:
        super().__init__(code, id=id)


class PermissionDenied(WeerbaarError, PermissionError):
    """The actor's role or scan assignment does not allow this action.

    Codes: ``role`` (the role never may) and ``scan`` (the role may, but the
    user is not assigned to this scan); ``what`` is the Dutch action.
    """

    key_prefix = "error.permission."

    def __init__(self, code: str, *, what: str, role: str = "") -> None:
        super().__init__(code, what=what, role=role)
