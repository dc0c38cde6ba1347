"""The status values stored in the database, as enums.

The values are the strings already in the tables (no migration); a
``StrEnum`` member compares equal to its string, so rows read back as plain
``str`` still match. Dutch labels for display come from the catalogue, never
from the values: ``interview.status.<value>``, ``review.status.<value>``
(fragments), ``coding.status.<value>``, ``consent.<value>``.
"""

from __future__ import annotations

from enum import StrEnum


class InterviewStatus(StrEnum):
    PLANNED = "gepland"
    RUNNING = "bezig"
    PAUSED = "gepauzeerd"
    FINISHED = "afgerond"


class InterviewSource(StrEnum):
    APP = "app"
    IMPORT = "import"


class InterviewKind(StrEnum):
    INDIVIDUAL = "individueel"
    GROUP = "groep"
    DOCUMENT = "document"  # a studied policy document (models/documents.py), not an interview
    ENQUETE = "enquete"  # the container of a survey's open answers (models/surveys.py), not an interview


INTERVIEW_KINDS = (InterviewKind.INDIVIDUAL, InterviewKind.GROUP)  # real interviews: no documents, no surveys


class TurnKind(StrEnum):
    QUESTION = "question"  # a guide question was asked
    PROBE = "probe"  # a doorvraag
    OWN = "own"  # the interviewer's own question
    ANSWER = "answer"
    SKIP = "skip"  # the current question was skipped (a marker)
    NOTE = "note"  # an imported transcript line of no respondent (a remark, a stage direction)


class SpeakerRole(StrEnum):
    INTERVIEWER = "interviewer"
    RESPONDENT = "respondent"
    UNKNOWN = "unknown"
    DOCUMENT = "document"  # a paragraph of a studied document


class FragmentStatus(StrEnum):
    UNCODED = "uncoded"
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class CodingSource(StrEnum):
    AUTO = "auto"
    MANUAL = "manual"


class CodingStatus(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    REJECTED = "rejected"


class Consent(StrEnum):
    YES = "ja"
    NO = "nee"
    ANONYMOUS = "anoniem"


class SuggestionStatus(StrEnum):
    OFFERED = "offered"
    TAKEN = "taken"
    SKIPPED = "skipped"
    NOT_RELEVANT = "not_relevant"
