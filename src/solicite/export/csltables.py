"""The tables between BibTeX and CSL: entry types both ways, genre names, person fields."""

from __future__ import annotations

# BibTeX/BibLaTeX entry type -> CSL type (refined by entrysubtype, type and howpublished in csl_type()).
TYPE_TO_CSL: dict[str, str] = {
    "article": "article-journal",
    "book": "book", "mvbook": "book", "collection": "book", "mvcollection": "book", "proceedings": "book",
    "mvproceedings": "book", "reference": "book", "mvreference": "book", "manual": "book",
    "booklet": "pamphlet",
    "inbook": "chapter", "incollection": "chapter", "bookinbook": "chapter", "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper-conference", "conference": "paper-conference",
    "inreference": "entry-encyclopedia",
    "phdthesis": "thesis", "mastersthesis": "thesis", "thesis": "thesis",
    "techreport": "report", "report": "report",
    "online": "webpage", "www": "webpage", "electronic": "webpage",
    "misc": "document",
    "unpublished": "manuscript",
    "patent": "patent",
    "dataset": "dataset", "data": "dataset",
    "software": "software",
    "audio": "song", "music": "song",
    "video": "motion_picture", "movie": "motion_picture",
    "podcast": "broadcast",
    "artwork": "graphic", "image": "graphic",
    "letter": "personal_communication",
    "legislation": "legislation", "jurisdiction": "legal_case",
    "periodical": "periodical", "standard": "standard", "performance": "performance",
    "review": "review", "interview": "interview",
}

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
