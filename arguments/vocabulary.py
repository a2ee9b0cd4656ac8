"""The ranking's vocabulary: question and pack text normalised alike.

Synonyms and spellings of the period are folded onto one token (Nazi–Soviet Pact = Molotov–Ribbentrop
Pact = German–Soviet non-aggression pact = Hitler–Stalin pact; Litvinov's policy = collective security;
Comintern = Communist International; USSR = Soviet Union = Russia; purges = terror; …), stop words go,
and words are stemmed. Used by the topic check (``arguments.topic``), the index (``arguments.index``)
and the ranking (``arguments.suggest``).
"""

from __future__ import annotations

import re
import unicodedata

# ---------------------------------------------------------------------------------------------
# Normalisation: synonyms and spellings folded onto one token, applied to questions and pack text.
# Order matters: longer and more specific phrases first. Each canonical token is one word.
# ---------------------------------------------------------------------------------------------

_SYNONYMS: tuple[tuple[str, str], ...] = (
    # The pact of 23 August 1939 under its many names.
    (
        "nazisovietpact",
        r"(?:nazi|german|hitler|ribbentrop) soviet (?:non aggression )?(?:pact|treaty|agreement|deal|alliance)"
        r"|soviet (?:nazi|german) (?:non aggression )?(?:pact|treaty|deal|alliance)"
        r"|(?:molotov ribbentrop|ribbentrop molotov|hitler stalin|stalin hitler|nazi soviet|soviet nazi)"
        r"(?: non aggression)?(?: pact| treaty| agreement| deal| alliance)?"
        r"|non aggression (?:pact|treaty) (?:with|between) (?:nazi germany|germany|hitler)"
        r"(?: and (?:the )?(?:ussr|soviet union|russia))?"
        r"|(?:pact|deal) with (?:nazi germany|germany|hitler)"
        r"|(?:ally|allied|alliance|agreement|deal|terms) with hitler"
        r"|(?:1939|august 1939) (?:non aggression )?pact|pact of (?:august )?1939",
    ),
    ("secretprotocol", r"secret (?:additional )?protocols?"),
    ("anticominternpact", r"anti comintern pact"),
    (
        "triplealliance",
        r"triple alliance|peace front|grand alliance|anglo french soviet (?:talks|negotiations|alliance)",
    ),
    (
        "collectivesecurity",
        r"collective security|litvinov (?:policy|policies|line|diplomacy|approach|strategy)|system of collective",
    ),
    ("mutualassistance", r"mutual assistance"),
    ("comintern", r"comintern|communist international|third international"),
    (
        "worldrevolution",
        r"world revolution|international revolution|permanent revolution|revolutionary (?:aims|goals|ideology)"
        r"|export(?:ing)? (?:the )?revolution|spread(?:ing)? (?:of )?(?:communism|revolution)",
    ),
    ("ideology", r"ideolog\w*|marxis[mt]\w*|leninis[mt]\w*|marxism leninism"),
    ("socialismonecountry", r"socialism in one country"),
    ("socialfascism", r"social fascis[mt]\w*|third period|class against class"),
    ("popularfront", r"popular fronts?"),
    ("unitedfront", r"united fronts?"),
    ("terror", r"great terror|great purges?|purges?|purged|purging|show trials?|moscow trials?|yezhovshchina|terror"),
    ("spain", r"spanish civil war|republican spain|spain|spanish|moscow gold|international brigades?"),
    ("interwar", r"inter war|interwar|between the (?:two )?(?:world )?wars"),
    (
        "hitlerpower",
        r"(?:hitler|nazis?) (?:rise|came|coming|accession|seizure|seized|took) (?:to |of )?power"
        r"|(?:rise|coming|accession) (?:to power )?of (?:hitler|the nazis)|nazi seizure of power"
        r"|hitler (?:was )?(?:appointed|became|becomes|becoming) chancellor|hitler appointed chancellor",
    ),
    ("russiancivilwar", r"russian civil war"),
    ("chinesecivilwar", r"chinese civil war"),
    ("coldwar", r"cold war"),
    ("ww1", r"first world war|world war (?:one|i|1)\b|great war|ww ?(?:1|i)\b"),
    (
        "ww2",
        r"second world war|world war (?:two|ii|2)\b|ww ?(?:2|ii)\b|outbreak of (?:the )?war|war in (?:europe|1939)"
        r"|war (?:broke|break|breaking) out",
    ),
    ("munich", r"munich(?: agreement| conference| settlement| crisis)?|sudeten\w*|czech crisis"),
    ("league", r"league of nations|the league"),
    ("appeasement", r"appeas\w*"),
    ("rapallo", r"(?:treaty of )?rapallo"),
    ("redarmy", r"red army"),
    ("japan", r"japan\w*|manchuria\w*|mukden|far east\w*|khalkhin gol|nomonhan|lake khasan|two front"),
    ("china", r"china|chinese|kuomintang|guomindang|kmt|chiang(?: kai shek)?|ccp"),
    ("germany", r"nazi germany|third reich|weimar(?: republic| germany)?|germany|germans?|berlin"),
    ("hitler", r"hitler\w*"),
    ("nazi", r"nazis?|nazism|fascis[mt]\w*|fascists?"),
    (
        "west",
        r"western (?:powers|democracies|allies|governments|states)|the west|britain and france|france and britain"
        r"|anglo french|the democracies",
    ),
    ("capitalist", r"capitalis[mt]\w*|imperialis[mt]\w*"),
    ("britain", r"great britain|britain|british|england|english|chamberlain|united kingdom|\buk\b"),
    ("france", r"france|french"),
    ("poland", r"poland|polish|poles"),
    ("czechoslovakia", r"czechoslovak\w*|czechs?|benes"),
    ("stalin", r"stalin\w*"),
    ("lenin", r"lenin\b"),
    (
        "soviet",
        r"soviet union|soviet russia|u s s r|ussr|soviets?|russian?s?|moscow|kremlin|bolshevik\w*|narkomindel",
    ),
    (
        "domestic",
        r"internal politics|domestic (?:politics|policy|policies|factors|situation|affairs)"
        r"|internal (?:situation|factors|affairs|developments)|maintenance of power|hold on power"
        r"|(?:stay|staying|remain|remaining) in power|consolidat\w* (?:of )?power",
    ),
    ("security", r"secur(?:e|es|ed|ing|ity)|safety|insecur\w*"),
    ("defence", r"defen[cs]e|defensive\w*|defend\w*|protect\w*"),
    # The words questions use for what they ask about, folded onto the words the pack uses.
    ("blame", r"responsib\w*|to blame|blame\w*|culpab\w*|fault|guilt\w*"),
    ("cause", r"caus\w*|brought about|bring about|led to"),
    ("aim", r"aims?|goals?|objectives?|ambitions?|intention\w*|intend\w*|motiv\w*|purposes?"),
    ("genuine", r"genuine\w*|sincer\w*|in earnest|earnest|real|true"),
    ("prefer", r"prefer\w*"),
    ("failure", r"fail\w*|collaps\w*|breakdown|broke down|break down|broken down"),
    ("trade", r"trade|trading|commerc\w*|credits?"),
    ("intervention", r"interven\w*|involvement|involved"),
    (
        "expansion",
        r"expan(?:d|ds|ded|ding|sion|sionism|sionist|sionists)|territor\w*|annex\w*|spheres? of influence|frontiers?",
    ),
)
CANONICAL = frozenset(token for token, _ in _SYNONYMS)
_SYNONYM_PATTERNS = tuple((token, re.compile(rf"\b(?:{pattern})\b")) for token, pattern in _SYNONYMS)

# How canonical tokens read in a reason line.
TOKEN_LABELS: dict[str, str] = {
    "nazisovietpact": "the Nazi–Soviet Pact",
    "secretprotocol": "the secret protocol",
    "anticominternpact": "the Anti-Comintern Pact",
    "triplealliance": "the 1939 triple-alliance talks",
    "collectivesecurity": "collective security",
    "mutualassistance": "mutual assistance",
    "comintern": "the Comintern",
    "worldrevolution": "world revolution",
    "socialismonecountry": "socialism in one country",
    "socialfascism": "'social fascism'",
    "popularfront": "the Popular Front",
    "unitedfront": "the united front",
    "terror": "the purges and terror",
    "spain": "Spain",
    "ww2": "the outbreak of war",
    "hitlerpower": "Hitler's coming to power",
    "munich": "Munich",
    "league": "the League of Nations",
    "rapallo": "Rapallo",
    "redarmy": "the Red Army",
    "japan": "Japan and the Far East",
    "china": "China",
    "germany": "Germany",
    "hitler": "Hitler",
    "nazi": "Nazism and fascism",
    "west": "the Western powers",
    "capitalist": "the capitalist powers",
    "britain": "Britain",
    "france": "France",
    "poland": "Poland",
    "czechoslovakia": "Czechoslovakia",
    "domestic": "internal politics",
    "expansion": "territorial expansion",
    "intervention": "intervention",
    "trade": "trade",
    "security": "security",
    "defence": "defence",
    "ideology": "ideology",
    "blame": "responsibility",
    "genuine": "how genuine it was",
    "failure": "failure",
}

# Query words that also count, at half weight, as related words of the pack.
QUERY_EXPANSIONS: dict[str, tuple[str, ...]] = {
    "ww2": ("war", "poland"),
    "hitlerpower": ("hitler", "germany"),
    "defence": ("security",),
    "security": ("defence",),
    "west": ("britain", "france"),
    "nazisovietpact": ("pact", "germany"),
    "collectivesecurity": ("league", "mutualassistance"),
    "terror": ("purge",),
    "munich": ("czechoslovakia",),
    "popularfront": ("comintern",),
    "triplealliance": ("west", "alliance"),
}

_STOPWORD_TEXT = """
a about above after again against all also am an and any are as at be been before being below between both but
by can could did do does doing down during each few for from further had has have having he her here hers him his
how i if in into is it its itself just me more most must my no nor not now of off on once only or other our out over
own same she should so some such than that the their them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours one two upon
within without whether per thus therefore however
extent far agree disagree discuss evaluate examine assess compare contrast explain analyse analyze account degree
claim claims view views statement question answer valid validity justify refer reference consider following period
years year time times regard regards bear interwar
important importance significant significance role relationship nature factor factors reason reasons
remain remains remained same
january february march april may june july august september october november december
"""
_STOPWORDS = frozenset(_STOPWORD_TEXT.split())
# Words too common in this pack's texts to tell theses apart (every thesis is about them).
GENERIC = frozenset({"soviet", "foreign", "policy", "polic", "stalin"})

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces; hyphens and dashes split words."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"'s\b", "", text)
    text = text.replace("'", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def normalise(text: str) -> str:
    """Folded text with the period's synonyms replaced by their canonical tokens."""
    folded = fold(text)
    for token, pattern in _SYNONYM_PATTERNS:
        # Upper case while substituting, so that no later pattern can rewrite a canonical token.
        folded = pattern.sub(f" {token.upper()} ", folded)
    return " ".join(folded.lower().split())


def stem(word: str) -> str:
    """A light stemmer: plurals, -ing, -ed, -ly, -al, -ful, -ness (enough for English questions)."""
    if word in CANONICAL or len(word) <= 4 or word.isdigit():
        return word
    for suffix, repl in (
        ("ically", "ic"),
        ("fulness", ""),
        ("iveness", "ive"),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ating", "ate"),
        ("ated", "ate"),
        ("ness", ""),
        ("ments", ""),
        ("ment", ""),
        ("ful", ""),
        ("ies", "y"),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
        ("al", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            if suffix == "es" and not word.endswith(("ches", "shes", "sses", "xes")):
                return word[:-1]
            root = word[: len(word) - len(suffix)] + repl
            if suffix in ("ing", "ed") and len(root) > 3 and root[-1] == root[-2] and root[-1] not in "lsz":
                root = root[:-1]  # preferred → prefer, stopped → stop
            return root
    return word


def tokens(text: str) -> list[str]:
    """Normalised, stemmed content words of a text (numbers left out: dates are matched as years)."""
    return [stem(w) for w in _WORD.findall(normalise(text)) if w not in _STOPWORDS and not w[0].isdigit()]


def surface_forms(text: str) -> dict[str, str]:
    """Token → how the question wrote it (for reason lines)."""
    forms: dict[str, str] = {}
    for word in _WORD.findall(fold(text)):
        if word not in _STOPWORDS:
            forms.setdefault(stem(word), word)
    return forms
