"""Draw the versions of an exam: pools, question order, and each question's instance.

Every draw comes from the exam seed: question seed = derive_seed(exam seed,
version letter, template id), so `qbank show ID --seed N` reproduces any
question alone. A version never repeats the parameters an earlier version
showed for the same question: it redraws with derive_seed(..., attempt), at
most MAX_REDRAWS times (a fully pinned question cannot differ and keeps its
first draw; a template whose redraws found nothing new, such as a choice item
whose option orders ran out, is then given CHOICE_CANDIDATES tries only). A choice question compares a few such draws and keeps the one
whose correct answer sits where this question showed it least in earlier
versions and, among those, where this version's earlier choice questions put it
least: answer letters even out across versions and within each version,
deterministically.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from qbank.distractors import as_choice
from qbank.engine.generate import Instance, generate
from qbank.engine.numbers import jsonable
from qbank.engine.seeds import derive_seed, rng_for
from qbank.engine.template import get
from qbank.exam.points import rescale

MAX_REDRAWS = 20  # draws tried for parameters no earlier version showed
CHOICE_CANDIDATES = 6  # draws with unseen parameters compared to balance a choice question's answer position


@dataclass
class Question:
    number: int  # 1, 2, ... through the whole version
    instance: Instance
    points: float
    part_points: list  # the instance's parts, rescaled to `points`
    space: str | None  # answer space from the spec (None: the layout's default)
    newpage: bool = False  # the spec asks for a fresh page before it


@dataclass
class Section:
    title: str
    instructions: str
    points: float
    newpage: bool
    questions: list


@dataclass
class Version:
    letter: str
    sections: list

    @property
    def questions(self) -> list:
        return [q for section in self.sections for q in section.questions]


def version_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, as spreadsheet columns count."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def assemble(spec) -> list:
    """All versions of `spec` (an ExamSpec), drawn in order A, B, C, ..."""
    shown = defaultdict(set)  # template id -> parameter fingerprints shown by earlier versions
    positions = defaultdict(Counter)  # template id -> correct choice positions shown so far
    exhausted = set()  # template ids whose redraws found no unseen parameters
    return [_version(spec, version_letter(i), shown, positions, exhausted) for i in range(spec.versions)]


def _version(spec, letter, shown, positions, exhausted) -> Version:
    sections, number, in_version = [], 0, Counter()
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
        questions = []
        for ref, slot in entries:
            number += 1
            inst = _draw(spec.seed, letter, ref, shown[ref.id], positions[ref.id], in_version, exhausted)
            shown[ref.id].add(_fingerprint(inst))
            positions[ref.id].update(_choice_positions(inst))
            in_version.update(_choice_positions(inst))
            questions.append(Question(number, inst, slot.points, rescale([p.points for p in inst.parts], slot.points),
                                      slot.space, slot.newpage))
        sections.append(Section(part.title, part.instructions, part.points, part.newpage, questions))
    return Version(letter, sections)


def _draw(exam_seed, letter, ref, shown, counts, in_version, exhausted) -> Instance:
    """The first draw with unseen parameters; for a choice question, the best of up to CHOICE_CANDIDATES of them.

    counts / in_version: how often each correct position was shown by this question
    in earlier versions / by this version's choice questions so far. Ranking: unseen
    parameters first, then the position this question used least, then the position
    this version used least, then the earliest draw. A position neither has used yet
    cannot be beaten, so it stops the search early.
    """
    tpl = get(ref.id)
    best, best_rank, candidates = None, None, 0
    # Once every earlier version's parameters were drawn again and again, the template has few
    # distinct draws left: spend only a choice question's budget on looking for one.
    budget = CHOICE_CANDIDATES if ref.id in exhausted else MAX_REDRAWS
    for attempt in range(budget):
        keys = (exam_seed, letter, ref.id) + ((attempt,) if attempt else ())
        inst = generate(tpl, derive_seed(*keys), ref.params)
        if ref.as_choice:  # see qbank.distractors: options from modelled mistakes, drawn from this attempt's seed
            inst = as_choice(inst, rng_for(derive_seed(*keys, "as_choice")),
                             part=None if ref.as_choice is True else ref.as_choice)
        repeated = bool(inst.params) and _fingerprint(inst) in shown  # nothing drawn: nothing could differ
        positions = _choice_positions(inst)
        rank = (repeated, sum(counts[p] for p in positions), sum(in_version[p] for p in positions))
        if best is None or rank < best_rank:
            best, best_rank = inst, rank
        candidates += not repeated
        if rank == (False, 0, 0) or (candidates and not positions) or candidates == CHOICE_CANDIDATES:
            break
    if best_rank[0]:
        exhausted.add(ref.id)
    return best


def _fingerprint(inst) -> str:
    return json.dumps(jsonable(inst.params), sort_keys=True)


def _choice_positions(inst) -> list:
    return [part.value for part in inst.parts if part.spec.kind == "choice"]
