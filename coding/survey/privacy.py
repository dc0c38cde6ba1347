"""Recognise metadata and personal-data columns by their name and by their content.

Such columns are never stored; the preview lists each with a Dutch reason
(catalogue key ``survey.drop.<reason>``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd

from coding.survey.layouts import SourceColumn

_NAME_RULES: tuple[tuple[str, str], ...] = (
    (r"^(ip|ipaddress|ipadres|ipaddr|ipadresse|remoteaddr)$", "ip"),
    (r"(latitude|longitude|^lat$|^lon$|^lng$|^long$|location|locatie|geolocat|postcode|zipcode)", "location"),
    (r"(email|emailadres|mail$|emailaddress|recipientemail)", "email"),
    (r"(telefoon|phone|mobiel|mobile)", "phone"),
    (
        r"^(name|naam|voornaam|achternaam|firstname|lastname|fullname|volledigenaam|"
        r"recipientfirstname|recipientlastname|respondentnaam)$",
        "name",
    ),
    (
        r"^(id|responseid|respondentid|collectorid|externalreference|externaldatareference|panelid|pid|"
        r"token|seed|refurl|referer|referrer|idvanantwoord|responseset|recipientid|contactid|"
        r"externalid|psid|rid|uid|userid|sessionid|customdata\d*|aangepastegegevens\d*)$",
        "id",
    ),
    (
        r"^(startdate|enddate|recordeddate|timestamp|tijdstempel|submitdate|datestamp|startdatum|einddatum|"
        r"begindatum|begintijd|eindtijd|starttime|endtime|completiontime|tijdvanvoltooien|lastmodifiedtime|"
        r"laatstgewijzigd|datumverstuurd|datumgestart|datumlaatsteactie)$",
        "timestamp",
    ),
    (r"^(interviewtime|duration|durationinseconds|totaletijd|invultijd)$", "duration"),
    (r"(useragent|browser|operatingsystem|besturingssysteem|resolution|resolutie|device|apparaat)", "device"),
    (
        r"^(status|progress|voortgang|finished|distributionchannel|userlanguage|startlanguage|starttaal|"
        r"lastpage|laatstepagina|qrecaptchascore|qrelevantidduplicate|qrelevantidduplicatescore|"
        r"qrelevantidfraudscore|qrelevantidlaststartdate|qballotboxstuffing|qtotalduration|version|"
        r"responsetype|collectorname)$",
        "technical",
    ),
)  # fmt: skip

_IP = re.compile(r"^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$", re.IGNORECASE)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^(\+31|0031|0)[\s-]?[1-9](?:[\s-]?\d){8}$")
_COORD = re.compile(r"^-?\d{1,3}\.\d{3,}$")
_DATETIME = re.compile(r"^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}[ T]\d{1,2}:\d{2}")
_TIME = re.compile(r"[ T](\d{1,2}:\d{2}(?::\d{2})?)")
_AGENT = re.compile(r"^Mozilla/|AppleWebKit|Windows NT|iPhone OS", re.IGNORECASE)


MAX_FIELD_NAME = 30
"""Name rules apply to headers up to this many letters and digits (field names, short questions)."""


def normalise_name(name: str) -> str:
    """Lower-case, letters and digits only (``IP-adres`` → ``ipadres``)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())


def drop_reason(column: SourceColumn) -> str | None:
    """The reason code for leaving ``column`` out, or ``None`` to keep it.

    A question with a long text ("Wat is uw e-mailadres voor de uitslag?") is
    still caught by its content.
    """
    if column.import_id is not None and column.import_id.startswith('{"ImportId"') and column.values.empty:
        return "importid"
    for candidate in (column.name, column.text if column.text != column.name and len(column.text) < 40 else ""):
        norm = normalise_name(candidate)
        if not norm or len(norm) > MAX_FIELD_NAME:
            continue  # a long header is a question ("Heeft u een verdachte e-mail ontvangen?"): content decides
        for pattern, reason in _NAME_RULES:
            if re.search(pattern, norm):
                return reason
    return content_reason(column.values)


def content_reason(values: pd.Series) -> str | None:
    """The reason code when the *values* are personal data (≥ 60% of the filled cells)."""
    filled = [str(value) for value in values.tolist() if value != ""]
    if not filled:
        return "empty"
    sample = filled[:120]  # plain re over a list: pandas' .str costs milliseconds per column

    def share_of(matches: Callable[[str], object]) -> float:
        return sum(1 for value in sample if matches(value)) / len(sample)

    share = {
        "ip": share_of(_IP.match),
        "email": share_of(_EMAIL.match),
        "phone": share_of(lambda value: _PHONE.match(re.sub(r"[()]", "", value))),
        "location": share_of(_COORD.match),
        "timestamp": share_of(_DATETIME.match),
        "device": share_of(_AGENT.search),
    }
    reason, value = max(share.items(), key=lambda item: item[1])
    if value < 0.6:
        return None
    if reason == "timestamp":
        times = [found.group(1)[:5] for text in sample if (found := _TIME.search(text))]
        if not times or set(times) <= {"00:00"}:
            return None  # only a date: a date question, not a timestamp
    return reason
