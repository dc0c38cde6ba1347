"""A small five-pillar codebook for the auto-coder tests (independent of data/codebook.yaml)."""

from coding.codebook import Codebook


def tiny_codebook() -> Codebook:
    return Codebook.from_dict(
        {
            "name": "Klein codeboek",
            "version": 1,
            "pillars": [
                {"code": "BEW", "name": "Bewustwording", "description": "Kennis van ondermijning en trainingen.",
                 "keywords": ["ondermijning", "bewustwording", "training"],
                 "themes": [{"code": "BEW.training", "name": "Trainingen", "description": "Trainingen en sessies.",
                             "keywords": ["training", "bewustwordingssessie", "cursus"]}]},
                {"code": "INF", "name": "Informatiepositie", "description": "Melden en delen van signalen.",
                 "keywords": ["meldpunt", "signaal", "overleg"],
                 "themes": [{"code": "INF.meldpunt", "name": "Meldpunt", "description": "Intern meldpunt.",
                             "keywords": ["meldpunt", "melden", "signaal"]},
                            {"code": "INF.overleg", "name": "Overleg", "description": "Informatie-uitwisseling.",
                             "keywords": ["overleg", "uitwisseling"]}]},
                {"code": "BEL", "name": "Beleid en handhaving", "description": "Bibob, vergunningen, toezicht.",
                 "keywords": ["bibob", "vergunning", "handhaving"],
                 "themes": [{"code": "BEL.bibob", "name": "Wet Bibob", "description": "Bibob-onderzoek.",
                             "keywords": ["bibob", "weigeren"]}]},
                {"code": "INT", "name": "Integriteit", "description": "Integriteit en veiligheid.",
                 "keywords": ["integriteit", "vertrouwenspersoon", "agressie"],
                 "themes": [{"code": "INT.melden", "name": "Vertrouwenspersoon", "description": "Misstanden melden.",
                             "keywords": ["vertrouwenspersoon", "integriteitsschending", "misstand"]}]},
                {"code": "COM", "name": "Communicatie", "description": "Intranet en nieuwsbrieven.",
                 "keywords": ["communicatie", "intranet", "nieuwsbrief"],
                 "themes": [{"code": "COM.intern", "name": "Interne communicatie", "description": "Intranet.",
                             "keywords": ["intranet", "nieuwsbrief"]}]},
            ],
        }
    )
