"""DataCite REST: DOIs of reports, working papers and datasets that Crossref lacks."""

from __future__ import annotations

from solicite.doi import doi_url
from solicite.model import Person, Reference
from solicite.resolve.client import Client
from solicite.resolve.csl import bibtex_text

NAME = "datacite"
TYPES = {"Report": "techreport", "Dataset": "misc", "Text": "misc", "JournalArticle": "article", "Book": "book",
         "BookChapter": "incollection", "Dissertation": "phdthesis", "Preprint": "misc", "ConferencePaper": "inproceedings"}


def from_datacite(record: dict) -> Reference:
    """A Reference from one JSON:API ``data`` item of the DataCite REST API."""
    attrs = record.get("attributes") or {}
    kind = TYPES.get(str((attrs.get("types") or {}).get("resourceTypeGeneral") or ""), "misc")
    fields: dict[str, str] = {}
    titles = [t.get("title") for t in attrs.get("titles") or [] if isinstance(t, dict) and not t.get("titleType")]
    if titles:
        fields["title"] = bibtex_text(titles[0])
    if attrs.get("publicationYear"):
        fields["year"] = str(attrs["publicationYear"])
    publisher = attrs.get("publisher")
    if isinstance(publisher, dict):
        publisher = publisher.get("name")
    if publisher:
        fields["institution" if kind == "techreport" else "publisher"] = bibtex_text(publisher)
    doi = attrs.get("doi") or record.get("id")
    if doi:
        fields["doi"] = str(doi)
        fields["url"] = doi_url(doi)
    container = (attrs.get("container") or {}).get("title")
    if container:
        fields["journal" if kind == "article" else "series"] = bibtex_text(container)
    people = []
    for c in attrs.get("creators") or []:
        if not isinstance(c, dict):
            continue
        if c.get("familyName"):
            people.append(Person(family=bibtex_text(c["familyName"]), given=bibtex_text(c.get("givenName", ""))))
        elif c.get("name"):
            people.append(Person(literal=bibtex_text(c["name"])) if c.get("nameType") == "Organizational"
                          else Person.from_bibtex(bibtex_text(c["name"])))
    return Reference(type=kind, key="", fields=fields, persons={"author": people} if people else {}, source=NAME)


def search(client: Client, ref: Reference) -> tuple[list[Reference], str]:
    """Up to ``rows`` DataCite records whose metadata match the title."""
    opts = client.options
    title = ref.text("title")  # the engine searches only for entries with a title
    got = client.get(opts.url(NAME) + "/dois", params={"query": title, "page[size]": opts.rows},
                     accept="application/vnd.api+json")
    if got.error or not got.ok:
        return [], got.error or f"datacite answered HTTP {got.status}"
    return [from_datacite(d) for d in (got.data or {}).get("data") or [] if isinstance(d, dict)], ""
