"""Evidence: what the code finds in the cleaned article, each item with its span, numbered for the model.

``sentences`` splits paragraphs; ``figures`` reads every number (tables in ``numbers``);
``attribution`` finds who said what and ``actors`` who the news is about (word lists in
``lexicon``); ``when`` reads the date the news happened; ``measures`` reduces what a figure
counts to a comparable key; ``gather`` numbers and ranks all of it into an ``Evidence``.
"""

from .attribution import AttributionCandidate, find_attributions
from .figures import FigureCandidate, find_figures, parse_number
from .gather import Evidence, FigureItem, SentenceItem, SourceItem, gather_evidence, lead_sentences
from .sentences import split_sentences

__all__ = [
    "AttributionCandidate",
    "Evidence",
    "FigureCandidate",
    "FigureItem",
    "SentenceItem",
    "SourceItem",
    "find_attributions",
    "find_figures",
    "gather_evidence",
    "lead_sentences",
    "parse_number",
    "split_sentences",
]
