"""REFI-QDA exchange: projects (``.qdpx``) and codebooks (``.qdc``) for ATLAS.ti, NVivo, MAXQDA.

The schemas are the ones printed in the REFI-QDA 1.5 specification
(``data/refi-qda/Project-mrt2019.xsd`` and ``Codebook-mrt2019.xsd``); every
export validates against them (see the tests).

How Weerbaar maps onto the standard:

* each interview is a ``TextSource`` whose plain text (``sources/<guid>.txt``,
  UTF-8, ``\\n`` line ends) is the transcript: turns in order, each as
  ``Speaker: text``, separated by a blank line. The speaker is ``Interviewer``,
  the respondent's pseudonym code (their real name only with ``real_names``),
  or the turn's own speaker label;
* each fragment is a ``PlainTextSelection``; its positions are code-point
  offsets into that text (end exclusive), i.e. the turn's offset in the
  transcript plus the fragment's offsets in the turn;
* accepted codings (not those of agreement rounds) are ``Coding`` elements
  of the analyst who decided them: one ``User`` per analyst (``id``
  ``weerbaar-manual:<name>``). The auto-coder's open suggestions are
  ``Coding`` elements of its own ``User`` "Weerbaar automatische codeur"
  (``id`` ``weerbaar-auto``, the same GUID in every scan), unless the export
  asks for accepted codings only; rejected codings are never exported. Import
  reads the auto-coder's codings back as open suggestions (a user of another
  tool by that name too) and everyone else's as accepted under that user;
* pillars are top-level ``Code`` elements named ``BEW Bewustwording en
  organisatie``, themes their children, with descriptions and colours;
* respondents are ``Case`` elements with text variables Functie, Afdeling and
  Toestemming and references to their interviews and fragments;
* memos are ``Note`` elements referenced (``NoteRef``) from the selection,
  source or code they belong to.

GUIDs are stable: uuid5 of a fixed namespace and the row's identity, so the
same scan exports the same GUIDs every time. Turn kinds (question, probe,
own) and auto-coder confidences have no place in the standard and are not
carried over (a ``Coding`` holds only a code reference and notes), nor is
whether an accepted coding began as a suggestion. Import collects Dutch warnings for everything it cannot carry
over (non-text sources, sets, graphs, links, other variables, …), as the
standard asks.
"""

from __future__ import annotations

from models.refiqda.common import (
    AUTO_USER_ID,
    CODEBOOK_NS,
    MANUAL_USER_ID,
    ORIGIN,
    PROJECT_NS,
    SCHEMA_DIR,
    TranscriptText,
    code_guid,
    guid,
    schema,
    speaker_name,
    transcript_text,
    validate,
)
from models.refiqda.export import build_project, codebook_xml, export_qdc, export_qdpx
from models.refiqda.importer import ImportResult, import_file, import_qdc, import_qdpx

__all__ = [
    "AUTO_USER_ID",
    "CODEBOOK_NS",
    "MANUAL_USER_ID",
    "ORIGIN",
    "PROJECT_NS",
    "SCHEMA_DIR",
    "ImportResult",
    "TranscriptText",
    "build_project",
    "code_guid",
    "codebook_xml",
    "export_qdc",
    "export_qdpx",
    "guid",
    "import_file",
    "import_qdc",
    "import_qdpx",
    "schema",
    "speaker_name",
    "transcript_text",
    "validate",
]
