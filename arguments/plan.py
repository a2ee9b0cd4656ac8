"""Thesis (+ question, + the student's edits) → essay plan. Pure and deterministic.

The plan follows the top-band checklist in the marking criteria: a decoded question, a thesis
with a verdict and criteria worded for the question, analytical paragraphs with dated evidence
linked to each claim, the counter that most threatens each and its rebuttal, the strongest rival
case weighed, a historiography paragraph that says why historians differ and which reading
convinces, and a conclusion whose extent is refined by what the plan concedes. What a plan holds
is in ``arguments.essay``, how its evidence is chosen in ``arguments.choose``, its wording in
``arguments.wording``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from arguments.choose import (
    SEVERITY,
    Picker,
    assign_counters,
    choose_support,
    claim_order,
    common_words,
    counter_options,
    dates_warning,
    definitions_for,
    factor_warning,
    framing_for,
    historians_of,
    in_sentence,
    named_factor,
    names_factor,
    opposing_paragraph,
    rival_weighing,
    school_of,
    sources_of,
    subject_warning,
    works_named,
)
from arguments.essay import (  # noqa: F401 (the plan's names, imported from here by the app and tests)
    CONCEDED,
    DEFAULT_LENGTH,
    LENGTHS,
    MAX_NOTE_CHARS,
    QUALIFIED,
    SECTIONS,
    STANDS,
    BodyParagraph,
    Conclusion,
    EssayPlan,
    EvidenceUse,
    HistorianEntry,
    Historiography,
    Introduction,
    Length,
    NoteTooLongError,
    PlanEdits,
    SchoolView,
    UnknownIdError,
    clean_text,
    paragraph_key,
    rebuttal_stance,
)
from arguments.model import Pack, School, Thesis, Work
from arguments.question import GENERIC_SHAPES, QuestionAnalysis, key_terms, stems_of
from arguments.wording import (  # noqa: F401
    COMMAND_GUIDANCE,
    COMMON_WORDS,
    JUDGEMENT_FRAMES,
    STANCE_WORDS,
    answer_head,
    author_year,
    clean_correction,
    command_guidance,
    extent_step,
    first_sentence,
    heading_of,
    link_sentence,
    lowered_first,
    method_sentence,
    question_foci,
    refine_extent,
    run_on,
    topic_sentence_of,
    weighed_first,
    why_ranked,
    with_extent,
)


def build_plan(
    pack: Pack,
    thesis_id: str,
    edits: PlanEdits | None = None,
    question: QuestionAnalysis | None = None,
) -> EssayPlan:
    """Build the essay plan for a thesis, shaped by the question (if any), its length and the student's edits."""
    if thesis_id not in pack.thesis:
        raise UnknownIdError("thesis", thesis_id, tuple(pack.thesis))
    edits = edits or PlanEdits()
    length = LENGTHS.get(edits.length, LENGTHS[DEFAULT_LENGTH])
    thesis = pack.thesis[thesis_id]
    schools = tuple(pack.school[s] for s in thesis.schools)
    terms = key_terms(question.text, pack.info.title) if question is not None else ()
    foci = question_foci(question, terms, pack.info.title)
    factor = named_factor(pack, question)

    sources = sources_of(pack)
    framing, framed_by, fit_warning = framing_for(pack, thesis, question)
    fit_warning = (  # the more precise first
        factor_warning(pack, thesis, question, factor, framed_by)
        or fit_warning
        or subject_warning(pack, thesis, question, framed_by)
    )
    full_text = framing.text if framing else thesis.text
    promised = frozenset(stems_of(edits.thesis_text or full_text) - stems_of(pack.info.title) - COMMON_WORDS)
    # An exam plan states the thesis in one sentence (the pack's short wording); revision notes in full.
    short_text = (framing.short if framing else thesis.short) if length.paragraphs is not None else ""
    statement = edits.thesis_text or short_text or full_text
    picker = Picker(pack, question, terms, edits, promised)

    # Which claims become paragraphs: in the student's (or thesis's) order; for an exam essay the
    # first few with evidence inside the question's dates (two items if they have them).
    order = claim_order(thesis, edits)
    if length.paragraphs is None:
        chosen = list(order)
    else:
        # The claims that bear most on this question: evidence inside its dates (two items if they have
        # them), items that speak to its terms, a topic sentence in its words; shown in the thesis's
        # (or the student's) order.
        # The thesis's author put its claims in order of weight: a small bonus for coming early.
        best = sorted(order, key=lambda c: (-picker.claim_fit(pack.claim[c]) + 0.75 * order.index(c), order.index(c)))
        keep = best[: length.paragraphs]
        named = weighed_first(thesis.weighing, [pack.claim[c] for c in order])
        if named and named not in keep and picker.usable(pack.claim[named], pack.claim[named].support):
            keep = keep[:-1] + [named]  # the claim the thesis itself weighs most is never left out
        chosen = [c for c in order if c in keep]

    drafts = []
    for claim_id in chosen:
        claim = pack.claim[claim_id]
        reserved = frozenset(link.evidence for c in chosen if c != claim_id for link in pack.claim[c].counter)
        support, dropped_support = choose_support(picker, claim, length.support, reserved)
        drafts.append((claim, support, dropped_support))
    paragraphs: list[BodyParagraph] = []

    options = [counter_options(picker, claim, length.counters is not None) for claim, _, _ in drafts]
    counters = [kept for kept, _ in options]
    if length.counters is not None:  # an exam plan: the one counter that most threatens each claim
        counters = assign_counters(counters)
    picker.take([u.evidence.id for chosen in counters for u in chosen])
    countered = [
        (claim, uses, chosen, gone + left)
        for (claim, uses, gone), chosen, (_, left) in zip(drafts, counters, options, strict=True)
    ]
    # Rank: a claim whose counter is answered weighs more than a qualified one, a conceded one least.
    # The thesis's own weighing, where it names one of these paragraphs, says which weighs most.
    named = weighed_first(thesis.weighing, [c for c, _, _, _ in countered])
    strength = {c.id: (c.id == named, SEVERITY.get(cs[0].stance, 1) if cs else 1, len(s)) for c, s, cs, _ in countered}
    # A conceded paragraph never decides the question, whatever the thesis weighs most.
    ranking = sorted(
        strength,
        key=lambda c: (strength[c][1] == 0, not strength[c][0], -strength[c][1], -strength[c][2], chosen.index(c)),
    )
    # A question on one factor's importance: which paragraphs speak of it (in their claim or evidence),
    # and where the one that argues it ranks; the others say how they weigh against it.
    speaks = {
        c.id: names_factor(
            pack, " ".join([c.label, c.topic, c.text, *(f"{u.evidence.title} {u.evidence.summary}" for u in s)]), factor
        )
        for c, s, _, _ in countered
    }
    argued = next(
        (
            (ranking.index(c.id) + 1, n)
            for n, (c, _, _, _) in enumerate(countered, 1)
            if names_factor(pack, c.text, factor)
        ),
        None,
    )
    for number, (claim, support, counter, dropped) in enumerate(countered, start=1):
        rank = ranking.index(claim.id) + 1
        lead = against = ""
        if factor and speaks[claim.id]:
            lead = f"On {factor}"  # the pack's name for it, however the question wrote it
        elif factor and argued is None:
            against = f"to weigh against {factor}"
        if factor and argued is not None and number != argued[1]:
            # Where it ranks against the paragraph that argues the factor, said in its link.
            against = f"{'below' if rank > argued[0] else 'above'} {factor} (paragraph {argued[1]})"
        stance = counter[0].stance if counter else ""
        paragraphs.append(
            BodyParagraph(
                number=number,
                claim=claim,
                schools=tuple(pack.school[s] for s in claim.schools),
                support=tuple(support),
                counter=tuple(counter),
                dropped=tuple(dropped),
                historians=historians_of(pack, claim, sources, length.historians),
                link=link_sentence(stance, rank, len(countered)) + (f" It ranks {against}." if against else ""),
                topic_sentence=topic_sentence_of(
                    claim,
                    terms,
                    () if factor and not lead else foci,  # never "On the factor:" over another subject
                    exam=length.paragraphs is not None,
                    lead=lead,
                    common=common_words(pack),
                ),
                heading=heading_of(claim),
                rank=rank,
                note=edits.note(claim.id),
                against=against,
                other_factor=bool(factor and argued is not None and number != argued[1] and not speaks[claim.id]),
            )
        )
    verdict = framing.verdict if framing else thesis.verdict
    preferred = getattr(framing, "rival", "")  # the case against chosen for the thesis as worded here
    opposing = opposing_paragraph(pack, thesis, picker, length, len(paragraphs) + 1, preferred)
    concessions = tuple(
        f"paragraph {p.number} ({_counter_named(pack, p, short=length.paragraphs is not None)})"
        for p in paragraphs
        if p.stance == CONCEDED
    )
    if opposing is not None and opposing.stance == STANDS:
        concessions += (f"paragraph {opposing.number} (the case against)",)
    # The extent the plan can defend, from the introduction on (two concessions lower it a step).
    extent = refine_extent(verdict, len(concessions))
    refined = with_extent(statement, verdict, extent)  # a student's own wording stays as written
    if opposing is not None:
        # Weighed against the extent the plan defends, not the thesis's first word for it ("It qualifies
        # “partly” …" where the introduction says "partly").
        weighed = rival_weighing(pack, opposing.stance, extent, next((p for p in paragraphs if p.rank == 1), None))
        opposing = replace(opposing, note=edits.note("opposing"), weighing=weighed, link=weighed)

    criteria = framing.criteria if framing else thesis.criteria
    if question is not None:
        terms_line = f" Define {', '.join(question.words_to_define)}." if question.words_to_define else ""
        shape = "" if question.shape in GENERIC_SHAPES else f" ({question.shape_label})"
        focus_line = (
            f"“{question.text}” asks you to {command_guidance(question.command, question.concept)}{shape}, "
            f"about {question.concept_label}, {question.years_label}.{terms_line}"
        )
    else:
        focus_line = "No question chosen: state which question this thesis answers and define its key terms."
    body = paragraphs + ([opposing] if opposing else [])
    errors: dict[str, None] = {}
    for p in body:
        for use in p.support + p.counter:
            fixed = clean_correction(use.evidence.correction)
            if fixed:
                errors.setdefault(fixed, None)
    introduction = Introduction(
        context=first_sentence(thesis.context) if length.paragraphs is not None else thesis.context,
        question_focus=focus_line,
        thesis_statement=statement if edits.thesis_text else refined,
        verdict=extent,
        criteria=criteria,
        roadmap=tuple(f"{p.number}. {p.heading}" for p in body),
        errors=tuple(errors)[:3] if length.paragraphs is not None else tuple(errors),
        fit_warning=fit_warning,
        dates_warning=dates_warning(pack, question),
        definitions=definitions_for(pack, question),
        note=edits.note("introduction"),
    )

    cited: dict[str, Work] = {}
    for p in body:
        for use in p.support + p.counter:
            # An exam plan lists what it cites (each item's first source), revision notes every source.
            for w in use.evidence.sources[: 1 if length.paragraphs is not None else None]:
                cited.setdefault(w, pack.work[w])
        for work in p.historians:
            cited.setdefault(work.id, work)

    historiography = _historiography(pack, thesis, schools, paragraphs, opposing, length, cited)

    decisive = next((p for p in paragraphs if p.rank == 1), None)
    decisive_line = f"paragraph {decisive.number}: {decisive.heading}" if decisive else ""
    all_claims = set(thesis.claims) <= {p.claim.id for p in paragraphs}
    # Revision notes: the thesis's whole weighing. An exam plan: its first sentence, which says why
    # the claim it weighs most comes first, when that claim is in the plan and decides its ranking.
    weighs_decisive = decisive is not None and decisive.claim.id == named
    weighing = (
        thesis.weighing
        if length.paragraphs is None or (all_claims and not framing and weighs_decisive)
        else first_sentence(thesis.weighing)
        if weighs_decisive
        else ""
    )
    # The answer, with its first reason unless the weighing gives the reasons (an exam plan keeps it short).
    # A verdict that is itself a reason ("Mainly because of the weather") keeps its "because" clause.
    reason = " because " in f" {extent.casefold()} " or not (weighing and length.paragraphs is not None)
    head = answer_head(refined, reason=reason)  # the plan's extent
    trailing = re.compile(rf",?\s+{re.escape(extent.casefold())}\.$")
    # "…rather than an alliance largely." → "Largely: …"; a phrase ("… only to a limited extent.") stays put.
    if len(extent.split()) == 1 and trailing.search(head.casefold()):
        head = head[: trailing.search(head.casefold()).start()] + "."  # type: ignore[union-attr]
    judgement = head if extent.casefold() in head.casefold() else f"{extent}: {run_on(head)}"
    judgement_brief = judgement + " " + _refinement(pack, paragraphs, opposing, verdict, extent, named=False)
    judgement += " " + _refinement(pack, paragraphs, opposing, verdict, extent)
    command = question.command if question is not None else "to-what-extent"
    ranked = sorted(paragraphs, key=lambda p: p.rank)
    conclusion = Conclusion(
        judgement_frame=JUDGEMENT_FRAMES[command],
        judgement=judgement,
        judgement_brief=judgement_brief,
        extent=extent,
        decisive=decisive_line,
        concessions=concessions,
        # The thesis's own ranking, where the plan has all its paragraphs and speaks in its words.
        weighing=weighing,
        factors=tuple(
            f"{p.rank}. Paragraph {p.number} ({why_ranked(p, named, _counter_named(pack, p))})" for p in ranked
        ),
        note=edits.note("conclusion"),
    )
    # The student's own thesis (and the judgement made from it) is read, never kept with the pack.
    private = [introduction.thesis_statement, conclusion.judgement] if edits.thesis_text else []
    shown = [introduction.context, introduction.criteria, *introduction.errors]
    shown += [] if edits.thesis_text else [introduction.thesis_statement, conclusion.judgement]
    shown += [meaning for _, meaning in introduction.definitions]  # their sources in the bibliography
    shown += [historiography.why_differ, historiography.evaluation, *historiography.why_differ_parts]
    shown += [t for e in historiography.entries for t in (e.claim, e.basis, e.evaluation, e.evaluation_short)]
    shown += [conclusion.weighing, *conclusion.concessions]
    pasted = question is not None and question.question_id is None  # its words may open a topic sentence
    for p in body:
        (private if pasted else shown).append(p.topic_sentence)
        shown.append(p.weighing)
        shown += [t for u in p.support + p.counter for t in (u.how, u.rebuttal, u.point, u.reply)]
    for work in works_named(pack, shown, private):
        cited.setdefault(work.id, work)
    return EssayPlan(
        pack_id=pack.info.id,
        pack_version=pack.info.version,
        thesis=thesis,
        schools=schools,
        question=question,
        introduction=introduction,
        paragraphs=tuple(paragraphs),
        historiography=historiography,
        conclusion=conclusion,
        bibliography=tuple(sorted(cited.values(), key=author_year)),
        edits=edits,
        opposing=opposing,
        terms=terms,
        framed_by=framed_by,
    )


def _rests_on(school: School) -> str:
    """``Collective Security school – it judges aims by …``: a school and what its reading rests on."""
    return f"{school.name} – {run_on(school.method or method_sentence(school.basis))}"


def _counter_named(pack: Pack, p: BodyParagraph, short: bool = False) -> str:
    """A paragraph's first counter as it runs on inside a sentence ("" when it has none)."""
    return in_sentence(pack, p.counter[0].evidence.named(short)) if p.counter else ""


def _refinement(
    pack: Pack,
    paragraphs: list[BodyParagraph],
    opposing: BodyParagraph | None,
    verdict: str,
    extent: str,
    named: bool = True,
) -> str:
    """How far the verdict survives what the plan concedes, in the plan's own terms: which concession
    weighs most and why (the case against is the strongest opposing case; a counter weighs by the rank
    of the paragraph it strikes), then what they leave of the verdict. ``named``: the counters by name,
    else by their paragraphs' numbers (the tightest exam plans)."""
    decisive = next((p for p in paragraphs if p.rank == 1), None)
    conceded = sorted((p for p in paragraphs if p.stance == CONCEDED), key=lambda p: p.rank)
    rival_stands = opposing is not None and opposing.stance == STANDS
    gist = in_sentence(pack, heading_of(opposing.claim)) if named and opposing is not None else ""
    rival = f"the case against ({gist})" if gist else "the case against"  # what it argues, as its heading

    def counter(p: BodyParagraph) -> str:
        name = _counter_named(pack, p, short=True) if named else ""
        where = f"paragraph {p.number}, " + ("the decisive one" if p is decisive else f"ranked {p.rank}")
        return f"{name} ({where})" if name else f"the counter to {where}"

    if conceded or rival_stands:
        weights = ([rival] if rival_stands else []) + [counter(p) for p in conceded]
        if len(weights) == 1:
            return (
                f"Conceded: {weights[0]}. The verdict holds as “{lowered_first(extent)}”, but only with that "
                "qualification."
            )
        rest = weights[1:]
        less = rest[0] if len(rest) == 1 else f"{', '.join(rest[:-1])} and {rest[-1]}"
        first = f"Conceded: {weights[0]} weighs most; {less} less."
        if extent == verdict:
            return f"{first} The verdict holds as “{lowered_first(extent)}”, but only with these qualifications."
        return f"{first} Together they lower the verdict from “{lowered_first(verdict)}” to “{lowered_first(extent)}”."
    qualified = [p for p in paragraphs if p.stance == QUALIFIED]
    survives = opposing is not None and opposing.stance == QUALIFIED
    stays = f"so the verdict stays at “{lowered_first(extent)}”."
    if not qualified and not survives:
        return "The counters are answered, so the verdict stands as the introduction gave it."
    parts = []
    if qualified:
        numbers = [str(p.number) for p in qualified]
        which = numbers[0] if len(numbers) == 1 else f"{', '.join(numbers[:-1])} and {numbers[-1]}"
        verb = "qualifies" if len(qualified) == 1 else "qualify"
        parts.append(f"the counter{'s' * (len(qualified) > 1)} {verb} paragraph{'s' * (len(numbers) > 1)} {which}")
    held = f"paragraph {decisive.number}, the decisive one" if decisive is not None else "the thesis"
    if not named:  # the tightest plans: what the case against leaves standing (each link says what its counter does)
        text = f"the case against survives in part but does not overturn {held}" if survives else " and ".join(parts)
    elif survives:
        text = "; ".join(parts + [f"{rival}, the heaviest, survives in part but does not overturn {held}"])
    elif decisive is not None and decisive in qualified and decisive.counter:
        heaviest = _counter_named(pack, decisive, short=True)
        text = "; ".join(parts + [f"the heaviest, {heaviest}, strikes {held}, without overturning it"])
    elif decisive is not None and decisive.stance == STANDS and decisive.counter:
        text = "; ".join(parts + [f"{held}, answers its counter"])
    else:
        text = "; ".join(parts + [f"none strikes {held}"])
    return f"{text[:1].upper()}{text[1:]}, {stays}"


def _school_weighed(pack: Pack, text: str, own: tuple[School, ...]) -> School | None:
    """The other school a sentence weighs against: the school of a historian it cites ("Jones's
    (1984) objection"), else the one school it names ("beats the Whig reading")."""
    others = [s for s in pack.schools if s not in own]
    for work in works_named(pack, [text]):
        school = next((s for s in others if any(work.id in h.works for h in s.historians)), None)
        if school is not None:
            return school
    generic = {"school", "line", "history", "new", "cold", "war", "the"}
    named = [
        s
        for s in others
        if any(
            re.search(rf"\b{re.escape(w)}\b", text)
            for w in re.findall(r"[A-Z][\w-]+", s.name)
            if w.lower() not in generic
        )
    ]
    return named[0] if len(named) == 1 else None


def _name_list(names: list[str]) -> str:
    """``A and B``, ``A, B and C``; ``A; B: c; D`` when a name has its own "and", comma or colon (so
    none is read as two)."""
    if any(" and " in n or "," in n or ":" in n for n in names):
        return "; ".join(names)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}" if names else ""


def _historiography(
    pack: Pack,
    thesis: Thesis,
    schools: tuple[School, ...],
    paragraphs: list[BodyParagraph],
    opposing: BodyParagraph | None,
    length: Length,
    cited: dict[str, Work],
) -> Historiography:
    """The historians whose arguments the plan uses, each with claim, basis, evaluation and relevance;
    why their readings differ (the schools' own bases); and which reading convinces."""
    entries: list[HistorianEntry] = []
    seen: set[str] = set()
    wanted = 3 if length.paragraphs is not None else None
    # The decisive paragraph's historian first: an exam plan keeps the first few and the case against.
    ranked = sorted(paragraphs, key=lambda p: p.rank) if wanted is not None else paragraphs
    roles = {w: h.role for school in pack.schools for h in school.historians for w in h.works}
    authors: set[str] = set()
    for p in ranked + ([opposing] if opposing else []):
        # A historian's work first: a precursor (an early memoir or polemic) only where the paragraph has no other.
        work = next((w for w in p.historians if roles.get(w.id, "historian") == "historian"), None)
        if work is None and p.historians:
            work = p.historians[0]
        author = work.surnames if work is not None else ""
        if work is None or work.id in seen or author in authors:
            continue  # one entry per historian: never Smith (1977) against Smith (1994)
        seen.add(work.id)
        authors.add(author)
        basis = "; ".join(f"{u.evidence.title} ({u.evidence.date.label})" for u in p.support) or "none in this plan"
        if p.role == "opposing":
            evaluation = p.weighing
            fares = {QUALIFIED: "it survives only in part", STANDS: "it stands, and the plan concedes it"}
            evaluation_short = fares.get(p.stance, "it fails against its best counter" if p.counter else "unanswered")
        elif p.counter:
            counter = p.counter[0].evidence
            named = counter.named(wanted is not None)
            evaluation = (
                f"{STANCE_WORDS[p.stance].capitalize()} against {in_sentence(pack, named)} ({counter.date.label})."
            )
            evaluation_short = f"it {STANCE_WORDS[p.stance]} against {in_sentence(pack, named)}"
        else:
            evaluation = "Not yet tested against a counter."
            evaluation_short = "not yet tested against a counter"
        # What the historian's argument rests on: the paragraph's own evidence citing their work (never
        # the counter that tests it, even if the same work is cited there).
        basis_uses = [u for u in p.support if work.id in u.evidence.sources]
        entries.append(
            HistorianEntry(
                work=work,
                school=school_of(pack, work.id, p.schools),
                claim=first_sentence(p.claim.text),
                basis=basis,
                evaluation=evaluation,
                relevance=f"Paragraph {p.number}" + (" (the case against)" if p.role == "opposing" else ""),
                # The items in the paragraph that cite this historian's work: their evidence, not the plan's.
                basis_short=_name_list([in_sentence(pack, u.evidence.named(short=True)) for u in basis_uses]),
                basis_ids=tuple(u.evidence.id for u in basis_uses),
                claim_short=p.heading.removeprefix("The strongest case against: "),
                evaluation_short=evaluation_short,
            )
        )
    if wanted is not None:
        own = [e for e in entries if not e.relevance.endswith("(the case against)")][: wanted - 1]
        against = [e for e in entries if e.relevance.endswith("(the case against)")][:1]
        entries = own + against if against else [e for e in entries][:wanted]
    rivals = tuple(s for s in opposing.schools if s not in schools) if opposing else ()
    evaluation = thesis.evaluation
    if length.paragraphs is not None:
        evaluation = thesis.convinces or first_sentence(thesis.evaluation)
    # The rival school compared is the one the verdict on which reading convinces weighs against (so
    # the two lines speak of the same schools), else the one whose historian the plan names for the
    # case against, else the case against's.
    against_school = next((e.school for e in entries if e.relevance.endswith("(the case against)")), "")
    rival_school = _school_weighed(pack, evaluation, schools) or next(
        (s for s in rivals if s.name == against_school), rivals[0] if rivals else None
    )
    # The plan's own reading first as its first historian's school (an exam plan compares that one with
    # the rival's: "Smith (1990), the free-trade school" beside the protectionists' basis read as a mismatch).
    first = next((e.school for e in entries if not e.relevance.endswith("(the case against)")), "")
    bases = [_rests_on(s) for s in sorted(schools, key=lambda s: s.name != first)]
    if rival_school is not None and rival_school not in schools:
        bases.append(_rests_on(rival_school))
    why = " ".join(bases)
    parts = tuple(bases)
    views: tuple[SchoolView, ...] = ()
    if length.paragraphs is None:
        why = f"{why} {pack.info.why_historians_differ}"
        ordered = schools + tuple(s for s in pack.schools if s.id not in thesis.schools)
        view_list = []
        for school in ordered:
            works = tuple(dict.fromkeys(pack.work[w] for h in school.historians for w in h.works))
            for w in works:
                cited.setdefault(w.id, w)
            view_list.append(SchoolView(school, school.id in thesis.schools, works))
        views = tuple(view_list)
    names = " and the ".join(s.name for s in schools)
    rival = f", against the {' and the '.join(s.name for s in rivals)}" if rivals else ""
    return Historiography(
        placement=f"This plan argues with the {names}{rival}.",
        entries=tuple(entries),
        why_differ=why,
        evaluation=evaluation,
        why_differ_parts=parts,
        views=views,
    )
