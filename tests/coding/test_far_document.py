"""A paragraph of a studied document among off-topic neighbours gets "geen code" (reason ``far_document``)."""

from __future__ import annotations

import pytest

from coding.abstain import far_documents
from coding.codebook import default_codebook
from coding.coder import AutoCoder, CoderConfig, FragmentInput
from tests.coding.test_background import HOUSING, ON_TOPIC, OTHER_AREAS
from texts import t

# a housing plan's sentence with one word the codebook knows ("toezicht"): coded BEL on its own
SUPERVISION = "We houden toezicht op de voortgang van de bouwprojecten en rapporteren jaarlijks aan de gemeenteraad."
# the same plan, with the codebook's own words for informing the public
INFORMING = "Wij informeren inwoners via de website en bewonersavonden over de plannen in hun wijk."


@pytest.fixture(scope="module")
def coder() -> AutoCoder:
    return AutoCoder(default_codebook(), config=CoderConfig(embedder="tfidf"))


def reasons(coder: AutoCoder, texts: list[str], group: str | None) -> list[str | None]:
    return [p.abstain_reason for p in coder.predict([FragmentInput(x, source="document", group=group) for x in texts])]


def test_a_paragraph_of_a_housing_plan_gets_no_code_where_alone_it_would(coder: AutoCoder) -> None:
    plan = [HOUSING, OTHER_AREAS[0], SUPERVISION, OTHER_AREAS[1], OTHER_AREAS[2]]
    assert reasons(coder, [SUPERVISION], None) == [None]
    assert reasons(coder, plan, "woonvisie")[2] == "far_document"
    assert reasons(coder, plan, None)[2] is None  # without its document (an interview answer, a loose text) it stays
    assert t("coder.reason.far_document") != "coder.reason.far_document"


def test_a_paragraph_with_codebook_words_keeps_its_code_in_an_off_topic_document(coder: AutoCoder) -> None:
    plan = [HOUSING, OTHER_AREAS[0], INFORMING, OTHER_AREAS[1], OTHER_AREAS[2]]
    assert reasons(coder, plan, "woonvisie")[2] is None


def test_an_on_topic_policy_keeps_every_paragraph(coder: AutoCoder) -> None:
    policy = [*ON_TOPIC, "Bij twijfel vragen we het Landelijk Bureau Bibob om advies.",
              "De burgemeester kan een vergunning weigeren als er ernstig gevaar is voor misbruik."]
    assert reasons(coder, policy, "bibob") == [None] * len(policy)


def test_the_rule_can_be_switched_off() -> None:
    off = AutoCoder(default_codebook(), config=CoderConfig(embedder="tfidf", far_document=False))
    plan = [HOUSING, OTHER_AREAS[0], SUPERVISION, OTHER_AREAS[1], OTHER_AREAS[2]]
    assert reasons(off, plan, "woonvisie")[2] is None


def test_one_or_two_neighbours_are_no_evidence_and_one_pass_only() -> None:
    # a short document: one off-topic neighbour is half of them, but not enough
    assert far_documents(["off_topic", None], ["d", "d"], [0.0, 0.0], window=5) == ["off_topic", None]
    # two of three far neighbours: silenced; a paragraph silenced here does not count for the next one
    reasons = ["other_domain", None, "off_topic", None, None]
    out = far_documents(reasons, ["d"] * 5, [0.0] * 5, window=1)
    assert out == ["other_domain", "far_document", "off_topic", None, None]
    # other documents, rows without a document and headings ("furniture") lend nothing
    assert far_documents(["off_topic", "off_topic", None], ["a", "a", "b"], None, window=5)[2] is None
    assert far_documents(["off_topic", "off_topic", None], [None, None, None], None, window=5)[2] is None
    assert far_documents(["furniture", "furniture", None], ["d"] * 3, None, window=5)[2] is None
    # the window: far paragraphs more than ``window`` places away do not count
    assert far_documents(["off_topic", "off_topic", None, None, None, None], ["d"] * 6, None, window=1)[3] is None
