"""Generate labelled web, news, podcast, video and working-paper references for training.

AnyStyle's sets hold few of these (about 200 web references in 12,000), yet show notes and
web pages are full of them. Each synthetic string is built from real labelled segments
(authors and titles drawn from the AnyStyle sets) placed in the templates of common styles
(APA, MLA, Chicago, IEEE, Harvard) with site names, full dates and media words, so every
token's label is known by construction. The generator is seeded: same input, same output.
"""

from __future__ import annotations

import random

SITES_NEWS = [
    "The Conversation", "The Economist", "New York Times", "The New York Times", "The Guardian", "BBC News",
    "Al Jazeera", "Reuters", "The Atlantic", "CBC News", "Le Monde", "Vox", "The Washington Post", "Wired",
    "Toronto Star", "The Globe and Mail", "Financial Times", "The City", "Mijente", "World Refugee",
    "Der Spiegel", "El País", "The Independent", "Los Angeles Times", "NPR", "Politico", "Slate", "Time",
]
SITES_ORG = [
    "World Economic Forum", "UNHCR", "IOM", "Human Rights Watch", "Amnesty International", "OECD",
    "World Bank", "Brookings Institution", "Pew Research Center", "Migration Policy Institute",
    "European Commission", "United Nations", "Salto", "Medium", "Council of Europe", "Statistics Canada",
]
PLATFORMS = ["YouTube", "Youtube", "Vimeo", "Spotify", "Apple Podcasts", "SoundCloud"]
MEDIA = ["[Video]", "[Audio podcast]", "[Podcast]", "[Blog post]", "[Podcast episode]", "Podcast.", "Video.",
         "[Online video]", "Blog.", "[Webinar]"]
INSTITUTIONS = ["Toronto Metropolitan University", "University of Oxford", "National Bureau of Economic Research",
                "IZA Institute of Labor Economics", "Centre for Economic Policy Research", "Ryerson University",
                "Harvard Kennedy School", "University of Cape Town", "European University Institute"]
SERIES = ["Working paper", "Working Paper", "Discussion Paper", "CERC Working Paper", "NBER Working Paper",
          "Policy Brief", "Research Report", "TMCIS/CERC Working paper", "MIASA Working Paper", "Technical Report"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def _date(rng: random.Random, style: str) -> str:
    y, m, d = rng.randint(1995, 2025), rng.choice(MONTHS), rng.randint(1, 28)
    if style == "apa":
        return rng.choice([f"({d} {m} {y}).", f"({y}, {m} {d}).", f"({y}, {m[:3]}. {d}).", f"({y})."])
    if style == "mla":
        return rng.choice([f"{d} {m[:3]}. {y},", f"{d} {m} {y},", f"{m} {d}, {y},"])
    return rng.choice([f"{m} {d}, {y}.", f"{d} {m} {y}.", f"{y}."])


def _url(rng: random.Random, site: str) -> str:
    host = "".join(c for c in site.lower().replace("the ", "") if c.isalnum())
    slug = "-".join(rng.choice(["city", "sanctuary", "news", "migration", "policy", "2019", "report", "data"])
                    for _ in range(rng.randint(1, 4)))
    return f"https://www.{host}.{rng.choice(['com', 'org', 'net', 'ca'])}/{slug}"


def _strip(text: str) -> str:
    return text.strip().rstrip(".,;:").strip()


def generate(authors: list[str], titles: list[str], n: int, seed: int = 3) -> list[tuple[list[str], list[str]]]:
    """``n`` labelled (words, labels) pairs from author and title strings of the real sets."""
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts: list[tuple[str, str]] = []  # (label, text)
        style = rng.choice(["apa", "apa", "apa", "mla", "chicago", "ieee", "harvard"])
        kind = rng.choice(["news", "news", "org", "media", "media", "report"])
        author = _strip(rng.choice(authors)) if rng.random() < 0.8 else ""
        title = _strip(rng.choice(titles))
        if kind == "news":
            site, site_label = rng.choice(SITES_NEWS), "journal"
        elif kind == "org":
            site, site_label = rng.choice(SITES_ORG), "publisher"
        elif kind == "media":
            site, site_label = rng.choice(PLATFORMS + SITES_ORG), "publisher"
        else:
            site, site_label = rng.choice(INSTITUTIONS), "publisher"
        date = _date(rng, style)
        url = _url(rng, site) if rng.random() < 0.5 else ""
        end = "?" if title.endswith("?") else "."
        title = title.rstrip("?")
        if style in ("apa", "harvard"):
            if author:
                parts.append(("author", author + "."))
                parts.append(("date", date if style == "apa" else date.replace("(", "").replace(").", "")))
                parts.append(("title", title + end))
            else:
                parts.append(("title", title + end))
                parts.append(("date", date))
        elif style == "mla":
            if author:
                parts.append(("author", author + "."))
            parts.append(("title", f"“{title}{end if end == '?' else '.'}”"))
        elif style == "ieee":
            if author:
                parts.append(("author", author + ","))
            parts.append(("title", f"“{title}{end if end == '?' else ','}”"))
        else:  # chicago
            if author:
                parts.append(("author", author + "."))
            parts.append(("title", f"“{title}{end}”"))
        if kind == "media":
            parts.append(("genre", rng.choice(MEDIA)))
        if kind == "report":
            num = rng.choice([f"{rng.randint(2000, 2025)}/{rng.randint(1, 12):02d}", str(rng.randint(1, 30000)),
                              f"{rng.randint(2000, 2025)}({rng.randint(1, 9)})"])
            parts.append(("genre", f"{rng.choice(SERIES)} {rng.choice(['no. ', 'No. ', ''])}{num}."))
        parts.append((site_label, site + ("," if style == "mla" else ".")))
        if style in ("mla", "chicago", "ieee") and not (style == "apa"):
            parts.append(("date", date if style != "ieee" else date.rstrip(".") + "."))
        if url:
            if style == "ieee":
                parts.append(("genre", "[Online]."))
                parts.append(("note", "Available:"))
            elif rng.random() < 0.2:
                parts.append(("note", "Retrieved from"))
            parts.append(("url", url))
        words, labels = [], []
        for label, text in parts:
            for w in text.split():
                words.append(w)
                labels.append(label)
        out.append((words, labels))
    return out
