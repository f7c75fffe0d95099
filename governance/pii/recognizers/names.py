"""Evidence of person names (PERSON) without an NER model: a lexicon and the shape of names.

No Dutch NER model can be installed here, and a column classifier does not need one: a
column of names is recognised by how its values look ("Jansen", "J. de Vries",
"de Vries, J.", "Fatima el Amrani", "A.B. Bakker") and by how many of them hold a known
given name or surname. In free text, a name is what follows a cue word ("melder", "mevrouw",
"dhr.", "de heer", "contactpersoon", …) or a known given name followed by a known surname.

The lexicon is Faker's nl_NL person data plus lists of our own of common Dutch,
Moroccan-Dutch, Turkish-Dutch, Surinamese-Dutch and other names of the Netherlands, built
once, lazily. Words that are also ordinary words (Bakker, Bos, Groen, Roos, Koning) count
only inside a longer name, never as a one-word value, so a column of occupations, colours
or categories is not a column of surnames. Organisation words (BV, Stichting, Gemeente, …)
and street names rule a value out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import NamedTuple

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from governance.pii.recognizers._arrow import as_string_array

TUSSENVOEGSELS = frozenset(
    {
        "van", "de", "der", "den", "het", "'t", "’t", "ter", "ten", "te", "in", "op", "onder",
        "over", "uit", "aan", "bij", "voor", "'s", "’s", "d'", "l'", "la", "le", "les", "du",
        "des", "von", "vom", "zu", "und", "el", "al", "ben", "bin", "ibn", "abu", "da", "dos",
        "do", "del", "della", "di",
    }
)  # fmt: skip
# Written before a name; skipped when the shape is judged.
TITLES = frozenset(
    {
        "dhr", "dhr.", "mevr", "mevr.", "mw", "mw.", "hr", "hr.", "mr", "mr.", "dr", "dr.",
        "drs", "drs.", "ir", "ir.", "ing", "ing.", "prof", "prof.", "ds", "ds.", "fam",
        "fam.", "wed", "wed.",
    }
)  # fmt: skip
ORGANISATION_WORDS = frozenset(
    {
        "bv", "b.v.", "b.v", "nv", "n.v.", "vof", "v.o.f.", "cv", "c.v.", "ltd", "gmbh", "inc",
        "co", "&", "stichting", "gemeente", "vereniging", "holding", "groep", "group",
        "services", "service", "zorg", "zorggroep", "bouw", "installatie", "installaties",
        "techniek", "advies", "consultancy", "management", "beheer", "international",
        "nederland", "holland", "ministerie", "provincie", "waterschap", "politie", "school",
        "college", "universiteit", "ziekenhuis", "kliniek", "apotheek", "praktijk",
        "huisartsen", "huisartsenpraktijk", "centrum", "bureau", "dienst", "afdeling", "team",
        "wijkteam", "zonen", "zn", "partners", "coöperatie", "cooperatie", "fonds", "bank",
        "kerk", "parochie", "woningcorporatie", "woonstichting", "omgevingsdienst", "ggd",
        "uwv", "svb", "cak", "belastingdienst", "rijksoverheid", "regio", "werkplein",
    }
)  # fmt: skip
# Street words that end a street name; a value with such a word is an address, not a name.
_STREET_ENDINGS = (
    "straat", "laan", "plein", "gracht", "kade", "singel", "dreef", "steeg", "plantsoen",
    "markt", "boulevard", "weg",
)  # fmt: skip
# Ordinary words that are also names: evidence inside a longer name, never alone.
COMMON_WORDS = frozenset(
    {
        "rood", "groen", "blauw", "geel", "wit", "zwart", "grijs", "oranje", "paars", "roze",
        "bruin", "noord", "zuid", "oost", "west", "centrum", "bos", "boom", "bloem", "water",
        "park", "berg", "dam", "dijk", "veen", "beek", "meer", "zee", "laan", "brink", "post",
        "molen", "brug", "haven", "wal", "hoek", "kamp", "veld", "kok", "bakker", "visser",
        "smit", "koster", "schipper", "timmerman", "kuiper", "mulder", "dekker", "brouwer",
        "boer", "koopman", "jager", "schilder", "kramer", "prins", "koning", "keizer",
        "graaf", "hertog", "groot", "klein", "lang", "kort", "oud", "nieuw", "jong", "blom",
        "vos", "haan", "wolf", "leeuw", "mol", "roos", "fleur", "bo", "sterre", "puck",
        "jade", "noor", "liv", "may", "mei", "juni", "april", "augustus", "storm", "sky",
        "ja", "nee", "vrouw", "kind", "onbekend", "overig", "anders", "leeg", "open",
        "job", "hoog", "laag", "beer", "haas", "heer", "man", "vink", "mees", "kaan",
        "hof", "winter", "zomer", "lente", "kunst", "sport", "cultuur", "jeugd", "wonen",
        "werk", "inkomen", "schuld", "welzijn", "veilig", "veiligheid", "ben", "bas", "lot",
        "mark", "bart", "dean", "victoria", "nova", "max", "eva", "iris", "isis", "luna",
        "faas", "stan", "tim", "tom", "tess", "koen", "kim", "vera", "roan", "rik", "pim",
    }
)  # fmt: skip

_GIVEN_NAMES_OWN = (
    "Jan", "Piet", "Kees", "Henk", "Johannes", "Cornelis", "Hendrik", "Willem", "Gerrit",
    "Jacobus", "Petrus", "Adrianus", "Hendrikus", "Wilhelmus", "Antonius", "Gerardus",
    "Theodorus", "Franciscus", "Josephus", "Martinus", "Albertus", "Jacob", "Klaas", "Dirk",
    "Jaap", "Joop", "Wim", "Ton", "Theo", "Gert", "Bert", "Ruud", "Frank", "Rob", "Hans",
    "Paul", "Peter", "Erik", "Eric", "Marco", "Jeroen", "Martijn", "Dennis", "Sander",
    "Patrick", "Richard", "Michel", "Marcel", "Edwin", "Arjen", "Arjan", "Remco", "Wouter",
    "Rutger", "Hugo", "Koen", "Gijs", "Sjaak", "Harry", "Gerard", "Frans", "Leo", "Ad", "Rien",
    "Teun", "Sjors", "Bas", "Bram", "Niels", "Maria", "Johanna", "Anna", "Cornelia",
    "Wilhelmina", "Elisabeth", "Geertruida", "Hendrika", "Petronella", "Adriana", "Jacoba",
    "Catharina", "Margaretha", "Aaltje", "Grietje", "Trijntje", "Neeltje", "Annie", "Truus",
    "Corrie", "Mieke", "Els", "Joke", "Tineke", "Hennie", "Ria", "Riet", "Marja", "Marijke",
    "Marieke", "Monique", "Ingrid", "Petra", "Sandra", "Linda", "Wendy", "Ellen", "Anita",
    "Karin", "Carla", "Yvonne", "Miranda", "Nicole", "Saskia", "Esther", "Annemarie", "Ilse",
    "Inge", "Ingeborg", "Mohamed", "Mohammed", "Mohammad", "Muhammad", "Ahmed", "Ahmet",
    "Mustafa", "Youssef", "Yassine", "Khalid", "Rachid", "Said", "Hassan", "Hamza", "Ayoub",
    "Bilal", "Anas", "Karim", "Abdel", "Abdelkader", "Abdellah", "Abdelaziz", "Driss", "Mimoun",
    "Mohand", "Omar", "Othman", "Nordin", "Soufiane", "Ilias", "Mehdi", "Zakaria", "Younes",
    "Redouan", "Tarik", "Samir", "Hicham", "Fatima", "Khadija", "Aicha", "Naima", "Malika",
    "Samira", "Nadia", "Hanane", "Latifa", "Zineb", "Salma", "Imane", "Yasmina", "Fadoua",
    "Loubna", "Siham", "Houda", "Meryem", "Nora", "Rachida", "Zohra", "Karima", "Souad",
    "Hafsa", "Ikram", "Sanae", "Mehmet", "Hüseyin", "Hasan", "Ibrahim", "Ismail", "Osman",
    "Yusuf", "Murat", "Emre", "Burak", "Fatih", "Kemal", "Ali", "Cem", "Can", "Serkan", "Erkan",
    "Volkan", "Orhan", "Özcan", "Selim", "Tolga", "Ayşe", "Ayse", "Fatma", "Emine", "Hatice",
    "Zeynep", "Elif", "Esra", "Büşra", "Busra", "Özlem", "Ozlem", "Serpil", "Derya", "Gül",
    "Gul", "Hülya", "Hulya", "Sevgi", "Songül", "Dilek", "Ravi", "Rajesh", "Anil", "Sunil",
    "Shanti", "Sita", "Priya", "Reshma", "Sharmila", "Radjesh", "Kishan", "Ashwin", "Dewi",
    "Indra", "Soeniel", "Ramon", "Errol", "Romano", "Clarence", "Marlon", "Glenn", "Sharon",
    "Natasja", "Shirley", "Germaine", "Rinaldo", "Rudi", "Sylvana", "Sergio", "Gerald",
    "Winston", "Humphrey", "Orlando", "Iwan", "Roy", "Jurgen", "Carmen", "Piotr", "Tomasz",
    "Krzysztof", "Marcin", "Pawel", "Agnieszka", "Katarzyna", "Magdalena", "Joanna", "Monika",
    "Ewa", "Ahmad", "Mahmoud", "Abdullah", "Rania", "Amal", "Lina", "Dana", "Aziz", "Reza",
    "Farid", "Hamid", "Parisa", "Maryam", "Zahra", "Kwame", "Kofi", "Ama", "Akosua", "Yaw",
    "Mariam", "Abdi", "Hodan", "Fadumo", "Sahra", "Tesfay", "Yonas", "Semhar", "Robel",
)  # fmt: skip

_SURNAMES_OWN = (
    "Jong", "Jansen", "Vries", "Berg", "Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer",
    "Meyer", "Boer", "Mulder", "Groot", "Bos", "Vos", "Peters", "Hendriks", "Leeuwen", "Dekker",
    "Brouwer", "Wit", "Dijkstra", "Smits", "Graaf", "Meer", "Linden", "Kok", "Jacobs", "Haan",
    "Vermeulen", "Heuvel", "Veen", "Broek", "Bruijn", "Bruin", "Heijden", "Schouten", "Beek",
    "Willems", "Vliet", "Ven", "Hoekstra", "Maas", "Verhoeven", "Koster", "Dam", "Wal", "Prins",
    "Blom", "Huisman", "Peeters", "Jonge", "Kuipers", "Post", "Kuiper", "Veenstra", "Kramer",
    "Brink", "Scholten", "Wijk", "Postma", "Martens", "Vink", "Ruiter", "Timmermans", "Groen",
    "Gerritsen", "Jonker", "Loon", "Velde", "Willemsen", "Smeets", "Lange", "Bosch", "Dongen",
    "Schipper", "Koning", "Laan", "Velden", "Driessen", "Doorn", "Hermans", "Evers", "Meulen",
    "Hofman", "Bosman", "Wouters", "Sanders", "Zee", "Brinkman", "Verbeek", "Mertens",
    "Claassen", "Hoogendoorn", "Gerrits", "Koopman", "Kerkhof", "Boersma", "Wijngaarden",
    "Haas", "Jacobse", "Kamp", "Hartman", "Molenaar", "Bakkers", "Pauw", "Nijhuis", "Schreurs",
    "Hoek", "Verhagen", "Wolters", "Rutten", "Hartog", "Kooij", "Goossens", "Hoogland", "Mol",
    "Jager", "Lammers", "Bergsma", "Wiersma", "Keizer", "Bouwman", "Veldhuis", "Dijkman",
    "Kroon", "Verschuren", "Pronk", "Blok", "Mulders", "Engels", "Aerts", "Maes", "Vanderveen",
    "Yilmaz", "Yılmaz", "Kaya", "Demir", "Şahin", "Sahin", "Çelik", "Celik", "Yıldız", "Yildiz",
    "Öztürk", "Ozturk", "Aydın", "Aydin", "Arslan", "Doğan", "Dogan", "Kılıç", "Kilic", "Aslan",
    "Çetin", "Cetin", "Kara", "Koç", "Koc", "Kurt", "Özdemir", "Ozdemir", "Polat", "Erdoğan",
    "Erdogan", "Güneş", "Gunes", "Akın", "Akin", "Bulut", "Keskin", "Ünal", "Unal", "Tekin",
    "Korkmaz", "Özkan", "Ozkan", "Amrani", "Idrissi", "Bouzid", "Benali", "Khatib", "Boukhari",
    "Ouali", "Tahiri", "Haddou", "Ahmadi", "Bakkali", "Hamdaoui", "Mansouri", "Ouahabi",
    "Abbou", "Boukhriss", "Azzouzi", "Hadri", "Bouazza", "Chaib", "Moussaoui", "Ouariachi",
    "Yousfi", "Bouchtaoui", "Haddouchi", "Fassi", "Kaddouri", "Harchaoui", "Ziani", "Mimouni",
    "Bouhali", "Benaissa", "Ramdin", "Sewnath", "Jagessar", "Ramcharan", "Kalloe", "Baldew",
    "Mahabier", "Ramsaran", "Biharie", "Lachman", "Pinas", "Sabajo", "Emanuels", "Zeefuik",
    "Kromodikoro", "Soekhai", "Wongsodikromo", "Kartoredjo", "Ramdas", "Debipersad", "Autar",
    "Bhola", "Gobardhan", "Jhinkoe", "Mohan", "Nankoe", "Raghoebier", "Sital", "Tjon", "Fung",
    "Kwakman", "Nowak", "Kowalski", "Wiśniewski", "Wisniewski", "Wójcik", "Wojcik", "Kowalczyk",
    "Kamiński", "Kaminski", "Lewandowski", "Nguyen", "Tran", "Pham", "Wong", "Chen", "Li",
    "Wang", "Zhang", "Singh", "Kumar", "Hassan", "Ali", "Mohamed", "Ahmed", "Abdi", "Osman",
)  # fmt: skip


@cache
def given_names() -> frozenset[str]:
    """Known given names, case-folded (Faker nl_NL and our own list)."""
    from faker.providers.person.nl_NL import Provider

    names = {*Provider.first_names_male, *Provider.first_names_female, *_GIVEN_NAMES_OWN}
    return frozenset(_fold(name) for name in names if len(name) > 1)


@cache
def surnames() -> frozenset[str]:
    """Known surname words, case-folded, without their tussenvoegsels ("de Vries" → vries)."""
    from faker.providers.person.nl_NL import Provider

    words: set[str] = set()
    for name in (*Provider.last_names, *_SURNAMES_OWN):
        for word in re.split(r"[\s,-]+", name):
            folded = _fold(word)
            if len(folded) > 1 and folded not in TUSSENVOEGSELS:
                words.add(folded)
    return frozenset(words)


def _fold(word: str) -> str:
    return word.casefold().replace("’", "'")


# Letters of the Latin scripts (Dutch, Turkish, Polish, … names), by case. Python's `re` has
# no \p{Lu}, so the classes are spelled out once.
_LATIN = (*range(0x41, 0x250), *range(0x1E00, 0x1F00))
_UP = "".join(chr(code) for code in _LATIN if chr(code).isupper() and chr(code).isalpha())
_LOW = "".join(chr(code) for code in _LATIN if chr(code).islower() and chr(code).isalpha())
_APOSTROPHES = "'’"
_NAME_CELL = r"^[\p{L} .,'’-]*\p{L}[\p{L} .,'’-]*$"  # RE2: letters and name punctuation only


def _is_initials(token: str) -> bool:
    """ "J.", "A.B.", "J.P.M.", "Th.", "Chr." (each group a capital and up to two letters)."""
    if not token.endswith(".") or len(token) > 15:
        return False
    return all(_is_initial_group(group) for group in token[:-1].split("."))


def _is_initial_group(group: str) -> bool:
    return (
        1 <= len(group) <= 3
        and group.isalpha()
        and group[0].isupper()
        and (len(group) == 1 or group[1:].islower())
    )


def _is_name_word(token: str) -> bool:
    """A capitalised word ("Jansen", "Öztürk", "Berg-Jansen", "O'Brien") or one in capitals
    ("JANSEN"); letters with hyphens and apostrophes between them."""
    parts = re.split(r"[-'’]", token)
    if not all(part.isalpha() for part in parts) or not token[0].isupper():
        return False
    return len(token) > 1 and (token.isupper() or not parts[0][1:].isupper() or len(parts[0]) == 1)


def _token_kind(token: str) -> str:
    folded = _fold(token)
    if folded in TITLES:
        return "title"
    if folded in TUSSENVOEGSELS and (token.islower() or token[0].isupper()):
        return "tussen"
    if _is_initials(token) or (len(token) == 1 and token.isupper()):
        return "initials"
    if _is_name_word(token):
        return "word"
    return "other"


def _known(token: str) -> tuple[bool, bool]:
    """(is a known given name, is a known surname word), for any part of a hyphenated word."""
    parts = [_fold(part) for part in re.split(r"-", token) if part]
    return (
        any(part in given_names() for part in parts),
        any(part in surnames() for part in parts),
    )


@cache
def _places() -> frozenset[str]:
    """Dutch place names (Faker nl_NL): "Den Haag" has the shape of "Den Hartog"."""
    from faker.providers.address.nl_NL import Provider

    return frozenset(_fold(city) for city in (*Provider.cities, "Den Haag", "Den Bosch"))


def _is_street_or_organisation(tokens: list[str], kinds: list[str]) -> bool:
    """An organisation word anywhere, a street word ending a compound ("Kerkstraat"), or a
    bare street word not preceded by a tussenvoegsel ("Grote Markt", but "van der Laan")."""
    for index, token in enumerate(tokens):
        folded = _fold(token)
        if folded in ORGANISATION_WORDS:
            return True
        if kinds[index] != "word":
            continue
        if any(folded.endswith(ending) and folded != ending for ending in _STREET_ENDINGS):
            return True
        if folded in _STREET_ENDINGS and (index == 0 or kinds[index - 1] != "tussen"):
            return True
    return False


def _is_name_text(value: str) -> bool:
    return all(char.isalpha() or char in " .,-" or char in _APOSTROPHES for char in value)


def looks_like_name(value: str) -> bool:
    """True when a cell value has the shape of a person's name and some evidence for it.

    Shape: 1–4 name words (capitalised or in capitals), initials and tussenvoegsels, in
    the orders "Piet de Vries", "P. de Vries", "de Vries, P.", "Vries, P. de"; optionally
    a title (dhr., mevr.) in front. Evidence: a known given name or surname word (an
    ordinary word such as Bakker or Groen counts only with another name word or initials
    beside it), or initials with a capitalised surname. Place names ("Den Haag"),
    organisations and streets are not names.
    """
    if not value or len(value) > 80 or not _is_name_text(value) or value.count(",") > 1:
        return False
    tokens = [token for token in re.split(r"[\s,]+", value) if token]
    kinds = [_token_kind(token) for token in tokens]
    while kinds and kinds[0] == "title":
        kinds.pop(0)
        tokens.pop(0)
    if not tokens or "other" in kinds or "title" in kinds or len(tokens) > 7:
        return False
    words = [token for token, kind in zip(tokens, kinds, strict=True) if kind == "word"]
    if not words or len(words) > 4 or kinds.count("initials") > 2:
        return False
    if _is_street_or_organisation(tokens, kinds) or _fold(" ".join(tokens)) in _places():
        return False
    has_initials = "initials" in kinds
    known = [_known(word) for word in words]
    if any(
        (given or surname) and _fold(word) not in COMMON_WORDS
        for word, (given, surname) in zip(words, known, strict=True)
    ):
        return True
    weak = any(given or surname for given, surname in known)
    if weak and (len(words) > 1 or has_initials or "tussen" in kinds):
        return True
    return has_initials and len(words) <= 2


@dataclass(frozen=True)
class NameEvidence:
    """How much of a column looks like person names.

    non_null:       non-null, non-empty values
    matches:        values that look like a person's name (see `looks_like_name`)
    distinct:       distinct non-empty values
    distinct_names: distinct values that look like a name
    estimated:      True when the column had more distinct values than were judged, and
                    `matches` is extrapolated from a spread sample of them
    """

    non_null: int
    matches: int
    distinct: int
    distinct_names: int
    estimated: bool = False

    @property
    def share(self) -> float:
        """Share of the non-empty values that look like a name (0 for an empty column)."""
        return self.matches / self.non_null if self.non_null else 0.0


MAX_DISTINCT = 20_000


def name_evidence(
    column: pa.Array | pa.ChunkedArray, *, max_distinct: int = MAX_DISTINCT
) -> NameEvidence:
    """Name evidence over a whole column, judged once per distinct value.

    A column with more than `max_distinct` distinct values is judged on an evenly spread
    sample of them, weighted by how often each occurs, so the cost stays bounded on a
    million rows of full names.
    """
    strings = pc.utf8_trim_whitespace(as_string_array(column))
    present = strings.filter(pc.fill_null(pc.greater(pc.binary_length(strings), 0), False))
    if len(present) == 0:
        return NameEvidence(0, 0, 0, 0)
    counts = pc.value_counts(present)
    values = counts.field("values")
    frequency = np.asarray(counts.field("counts"), dtype=np.int64)
    distinct = len(values)
    shaped = np.asarray(pc.match_substring_regex(values, _NAME_CELL).fill_null(False))
    candidates = np.flatnonzero(shaped)
    estimated = distinct > max_distinct
    if candidates.size > max_distinct:
        step = candidates.size / max_distinct
        candidates = candidates[(np.arange(max_distinct) * step).astype(np.int64)]
    judged = values.take(pa.array(candidates)).to_pylist()
    verdicts = np.fromiter((looks_like_name(value) for value in judged), dtype=bool)
    name_rows = candidates[verdicts]
    names = int(frequency[name_rows].sum())
    distinct_names = int(name_rows.size)
    if estimated and candidates.size:
        # scale from the judged sample to all shaped values (by rows and by distinct values)
        shaped_rows = int(frequency[shaped].sum())
        judged_rows = int(frequency[candidates].sum())
        names = round(names * shaped_rows / judged_rows) if judged_rows else 0
        distinct_names = round(distinct_names * int(shaped.sum()) / candidates.size)
    return NameEvidence(len(present), names, distinct, distinct_names, estimated)


# --- names in free text ---------------------------------------------------------------

CUE_WORDS = (
    "melder", "meldster", "naam", "achternaam", "voornaam", "mevrouw", "mevr.", "mevr",
    "mw.", "mw", "meneer", "dhr.", "dhr", "de heer", "hr.", "contactpersoon", "cliënt",
    "client", "klant", "bewoner", "bewoonster", "huurder", "aanvrager", "aanvraagster",
    "moeder", "vader", "ouder", "zoon", "dochter", "broer", "zus", "zuster", "oma", "opa",
    "partner", "echtgenoot", "echtgenote", "buurman", "buurvrouw", "jeugdige",
    "verzoeker", "verzoekster", "betrokkene", "consulent", "casemanager", "behandelaar",
    "wijkagent", "familie", "fam.",
)  # fmt: skip


class Span(NamedTuple):
    """Where a name sits in a text: ``text[start:end]``."""

    start: int
    end: int


_T_INITIALS = f"(?:[{_UP}][{_LOW}]{{0,2}}\\.){{1,5}}"
_T_WORD = f"(?:[{_UP}]['’]?[{_LOW}]+(?:[-'’][{_UP}{_LOW}][{_LOW}]+)*)"
# Tussenvoegsels as they stand in running text; prepositions alone ("in", "op", "uit") are
# left out, or "mevrouw Jansen uit Utrecht" would run on into the town.
_TEXT_TUSSEN = (
    "van der", "van den", "van de", "van het", "van 't", "van", "de", "der", "den", "ter",
    "ten", "te", "'t", "in 't", "in de", "in het", "op de", "op den", "op 't", "uit de",
    "uit den", "el", "al", "ben", "bin", "ibn", "abu", "la", "le", "du", "da", "dos", "del",
    "di", "von", "vom",
)  # fmt: skip
_T_TUSSEN = (
    "(?:"
    + "|".join(
        re.escape(word).replace(r"\ ", r"[ \t]+")
        for word in sorted(
            {*_TEXT_TUSSEN, *(w[0].upper() + w[1:] for w in _TEXT_TUSSEN)}, key=len, reverse=True
        )
    )
    + ")"
)
_T_NAME = f"(?:(?:{_T_INITIALS}|{_T_WORD})[ \\t]+){{0,3}}(?:{_T_TUSSEN}[ \\t]+)?{_T_WORD}"
_CUE = "|".join(re.escape(cue).replace(r"\ ", r"\s+") for cue in CUE_WORDS)
_CUED_RE = re.compile(
    f"(?<![{_UP}{_LOW}])(?i:{_CUE})(?![{_UP}{_LOW}])"
    f"[ \\t]*[:,]?[ \\t]*(?:(?:is|was|heet|genaamd)[ \\t]+)?(?P<name>{_T_NAME})"
    f"(?![{_UP}{_LOW}])"
)
# Zero-width at every start, so "Gisteren Jan Jansen" still yields "Jan Jansen".
_FULL_NAME_RE = re.compile(
    f"(?<![{_UP}{_LOW}.'’-])(?=(?P<name>(?:{_T_WORD}|{_T_INITIALS})[ \\t]+"
    f"(?:{_T_TUSSEN}[ \\t]+)?{_T_WORD})(?![{_UP}{_LOW}]))"
)


def names_in_text(text: str) -> list[Span]:
    """Spans of person names in free text: after a cue word ("melder: Piet de Vries",
    "mevrouw El Amrani", "de heer J. Jansen"), or a known given name or initials followed
    by a known surname ("Jan Jansen", "A.B. de Vries"). Organisation and street words end
    a candidate's claim; spans do not overlap."""
    spans: list[Span] = []
    for found in _CUED_RE.finditer(text):
        span = _trimmed(text, found.start("name"), found.end("name"), cued=True)
        if span:
            spans.append(span)
    for found in _FULL_NAME_RE.finditer(text):
        span = _trimmed(text, found.start("name"), found.end("name"), cued=False)
        if span:
            spans.append(span)
    return _without_overlaps(spans)


# Capitalised words a cue word is often followed by that are not a name.
NOT_NAMES = frozenset(
    {
        "anoniem", "onbekend", "geen", "nvt", "n.v.t.", "zie", "niet", "wel", "ja", "nee",
        "de", "het", "een", "deze", "die", "dit", "dat", "hij", "zij", "ze", "wij", "men",
        "u", "ik", "melding", "naam", "adres", "telefoon", "email", "mail", "belt", "gebeld",
        "heeft", "wil", "wordt", "is", "was", "gaf", "geeft", "meldt", "vraagt", "vroeg",
    }
)  # fmt: skip


def _trimmed(text: str, start: int, end: int, *, cued: bool) -> Span | None:
    """The span if its words make a name; organisation and street words disqualify.

    After a cue word any capitalised words qualify (the cue is the evidence); without
    one, the first word must be a known given name or initials and the last a known
    surname."""
    tokens = text[start:end].split()
    kinds = [_token_kind(token) for token in tokens]
    words = [token for token, kind in zip(tokens, kinds, strict=True) if kind == "word"]
    if not words or _is_street_or_organisation(tokens, kinds):
        return None
    if cued:
        return None if any(_fold(word) in NOT_NAMES for word in words) else Span(start, end)
    first_given, _ = _known(tokens[0])
    first_ok = kinds[0] == "initials" or (first_given and _fold(tokens[0]) not in COMMON_WORDS)
    _, last_surname = _known(words[-1])
    return Span(start, end) if first_ok and last_surname and len(words) <= 3 else None


def _without_overlaps(spans: list[Span]) -> list[Span]:
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    return kept
