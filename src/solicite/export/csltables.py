"""The tables between BibTeX and CSL: CSL type back to BibTeX, genre names, person fields.

BibTeX type -> CSL type is ``solicite.types.csl_type`` (the one classifier, with its table).
"""

from __future__ import annotations

# CSL type -> BibTeX type written on import (the most widely understood choice).
TYPE_FROM_CSL: dict[str, str] = {
    "article-journal": "article", "article-magazine": "article", "article-newspaper": "article",
    "article": "misc", "document": "misc",
    "book": "book", "pamphlet": "booklet", "chapter": "incollection", "paper-conference": "inproceedings",
    "entry": "inreference", "entry-encyclopedia": "inreference", "entry-dictionary": "inreference",
    "thesis": "thesis", "report": "techreport",
    "webpage": "online", "post-weblog": "online", "post": "online",
    "manuscript": "unpublished", "speech": "unpublished", "patent": "patent", "dataset": "dataset",
    "software": "software", "song": "audio", "broadcast": "podcast", "motion_picture": "video",
    "graphic": "artwork", "personal_communication": "letter", "legislation": "legislation", "bill": "legislation",
    "legal_case": "jurisdiction", "periodical": "periodical", "standard": "standard", "review": "review",
    "review-book": "review", "interview": "misc", "map": "misc", "performance": "misc", "event": "misc",
}

THESIS_GENRES = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis", "mathesis": "Master's thesis",
                 "candthesis": "Candidate thesis"}
REPORT_GENRES = {"techreport": "Technical report", "resreport": "Research report"}

# BibTeX person field -> CSL name variable
NAME_FIELDS = {"author": "author", "editor": "editor", "translator": "translator", "bookauthor": "container-author"}
