"""Draw the versions of an exam: pools, question order, and each question's instance.

Every draw comes from the exam seed: question seed = derive_seed(exam seed,
version letter, template id), so `qbank show ID --seed N` reproduces any
question alone. A version never repeats the parameters an earlier version
showed for the same question: it redraws with derive_seed(..., attempt), at
most MAX_REDRAWS times (a fully pinned question cannot differ and keeps its
first draw; a template whose redraws found nothing new, such as a choice item
whose option orders ran out, is then given CHOICE_CANDIDATES tries only).

A choice question compares a few such draws and keeps the one whose correct
answer sits where this question showed it least in earlier versions and, among
those, where this version's earlier choice questions put it least: answer
letters even out across versions and within each version, deterministically.
Questions with no choice to balance depend only on their own template's earlier
draws, so a forked worker draws them while this process draws the choice questions.
"""
from __future__ import annotations

from collections import Counter, defaultdict

from qbank.distractors import as_choice
from qbank.engine.generate import Instance, generate
from qbank.engine.seeds import derive_seed, rng_for
from qbank.engine.template import get
from qbank.errors import InputError
from qbank.exam.balance import best_possible, choice_positions
from qbank.exam.fingerprint import fingerprint
from qbank.exam.model import Question, Section, Version, version_letter
from qbank.exam.parallel import Background
from qbank.exam.points import rescale_parts

MAX_REDRAWS = 20  # draws tried for parameters no earlier version showed
CHOICE_CANDIDATES = 6  # draws with unseen parameters compared to balance a choice question's answer position
FORK_FROM = 16  # questions a worker draws at the least: fewer are drawn here faster than a fork starts


def assemble(spec, drawn=lambda: None) -> list:
    """All versions of `spec` (an ExamSpec), drawn in order A, B, C, ...; `drawn()` is called after each.

    Only choice questions depend on other templates' draws (answer letters balance within a
    version); every other template's draws depend on its own earlier ones alone. So those are
    drawn by a forked worker while this process draws the choice questions: the same draws
    as one process makes, on two cores at once.
    """
    plans = {letter: _plan(spec, letter) for letter in map(version_letter, range(spec.versions))}
    places = {letter: [(part, index, ref) for part, entries in enumerate(plan) for index, (ref, _) in enumerate(entries)]
              for letter, plan in plans.items()}
    coupled = {ref.id for found in places.values() for *_, ref in found if not _uncoupled(ref)}
    alone = {letter: [place for place in found if place[2].id not in coupled] for letter, found in places.items()}
    ahead = Background(lambda: _portable(_draw_series(spec.seed, alone)),
                       here=sum(map(len, alone.values())) < FORK_FROM)
    try:
        instances = _draw_series(spec.seed, {letter: [place for place in found if place[2].id in coupled]
                                             for letter, found in places.items()}, drawn)
        instances.update(_restored(ahead.result(), places))
    finally:
        ahead.close()
    versions = []
    for letter, plan in plans.items():
        sections, number = [], 0
        for part_index, (part, entries) in enumerate(zip(spec.parts, plan)):
            questions = []
            for index, (ref, slot) in enumerate(entries):
                number += 1
                inst = instances[letter, part_index, index]
                part_points = rescale_parts(inst.parts, slot.points, spec.point_step)
                questions.append(Question(number, inst, slot.points, part_points, slot.space, slot.newpage))
            sections.append(Section(part.title, part.instructions, part.points, part.newpage, questions))
        versions.append(Version(letter, sections))
    return versions


def _uncoupled(ref) -> bool:
    """Whether `ref`'s draws depend on nothing but its own template's earlier draws (no choice to balance)."""
    return not ref.as_choice and all(spec.kind != "choice" for spec in get(ref.id).answers.values())


def _draw_series(exam_seed, places: dict, finished=lambda: None) -> dict:
    """{(letter, part, index): Instance} for `places` ({letter: [(part, index, ref)]}, versions in order, each
    version's questions in order); `finished()` is called after each version."""
    shown = defaultdict(set)  # template id -> parameter fingerprints shown by earlier versions
    positions = defaultdict(Counter)  # template id -> correct choice positions shown so far
    exhausted = set()  # template ids whose redraws found no unseen parameters
    out = {}
    for letter, found in places.items():
        in_version = Counter()
        for part, index, ref in found:
            inst = _draw(exam_seed, letter, ref, shown[ref.id], positions[ref.id], in_version, exhausted)
            shown[ref.id].add(fingerprint(inst.params))
            positions[ref.id].update(choice_positions(inst))
            in_version.update(choice_positions(inst))
            out[letter, part, index] = inst
        finished()
    return out


def _portable(instances: dict) -> dict:
    """Instances as what a worker sends back: the template stays behind (the registry has it)."""
    return {place: (inst.seed, inst.params, inst.answers, inst.work) for place, inst in instances.items()}


def _restored(sent: dict, places: dict) -> dict:
    """`_portable`'s output as Instances again, with their templates and pins."""
    refs = {(letter, part, index): ref for letter, found in places.items() for part, index, ref in found}
    out = {}
    for place, (seed, params, answers, work) in sent.items():
        ref = refs[place]
        out[place] = Instance(get(ref.id), seed, params, answers, dict(ref.params), work)
    return out


def _plan(spec, letter) -> list:
    """Per part, the (ref, slot) pairs of one version in order: pools drawn, shuffled where asked."""
    plan = []
    for part_index, part in enumerate(spec.parts):
        entries = []
        for slot_index, slot in enumerate(part.slots):
            refs = slot.refs
            if slot.is_pool:
                rng = rng_for(derive_seed(spec.seed, letter, "pool", part_index, slot_index))
                refs = [refs[j] for j in sorted(rng.choice(len(refs), size=slot.pick, replace=False))]
            entries += [(ref, slot) for ref in refs]
        if part.shuffle:
            order = rng_for(derive_seed(spec.seed, letter, "shuffle", part_index)).permutation(len(entries))
            entries = [entries[j] for j in order]
        plan.append(entries)
    return plan


def _draw(exam_seed, letter, ref, shown, counts, in_version, exhausted) -> Instance:
    """The first draw with unseen parameters; for a choice question, the best of up to CHOICE_CANDIDATES of them.

    counts / in_version: how often each correct position was shown by this question
    in earlier versions / by this version's choice questions so far. Ranking: unseen
    parameters first, then the position this question used least, then the position
    this version used least, then the earliest draw. A draw that cannot be beaten stops
    the search early.
    """
    tpl = get(ref.id)
    best, best_rank, candidates = None, None, 0
    # Once every earlier version's parameters were drawn again and again, the template has few
    # distinct draws left: spend only a choice question's budget on looking for one.
    budget = CHOICE_CANDIDATES if ref.id in exhausted else MAX_REDRAWS
    for attempt in range(budget):
        keys = (exam_seed, letter, ref.id) + ((attempt,) if attempt else ())
        inst = _generate(tpl, derive_seed(*keys), ref)
        if ref.as_choice:  # see qbank.distractors: options from modelled mistakes, drawn from this attempt's seed
            inst = as_choice(inst, rng_for(derive_seed(*keys, "as_choice")),
                             part=None if ref.as_choice is True else ref.as_choice)
        repeated = bool(inst.params) and fingerprint(inst.params) in shown  # nothing drawn: nothing could differ
        positions = choice_positions(inst)
        rank = (repeated, sum(counts[p] for p in positions), sum(in_version[p] for p in positions))
        if best is None or rank < best_rank:
            best, best_rank = inst, rank
        candidates += not repeated
        if rank <= best_possible(positions, counts, in_version) or candidates == CHOICE_CANDIDATES:
            break
    if best_rank[0]:
        exhausted.add(ref.id)
    return best


def _generate(tpl, seed, ref) -> Instance:
    """generate() with `ref`'s pins; a pin that does not fit names the spec's line, a template's own failure
    the template and seed."""
    try:
        return generate(tpl, seed, ref.params)
    except InputError as exc:
        if ref.params and ref.where:
            raise InputError(f"{ref.where}: {exc}") from None
        raise
    except Exception as exc:  # a template (perhaps an instructor's) that fails on this draw
        raise InputError(f"template {tpl.id} ({tpl.source}) failed on seed {seed}: {type(exc).__name__}: {exc}") from exc
