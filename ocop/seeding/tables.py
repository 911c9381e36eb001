"""The planned data as rows, table by table in the order they are written, with their audit history: one row
per object as it was created (certificates also as they ended, rounds at each change of state), stamped with
the day it happened and the login that did it."""

import datetime
from dataclasses import dataclass, field

from accounts.models import User
from certificates.models import Certificate
from evaluation.enums import RoundState
from evaluation.models import CouncilMember, Decision, Enrolment, EvaluationRound, Recognition, Score
from ocop.seeding.plan import QUARTERS
from ocop.seeding.reference import ANCHOR, at
from ocop.seeding.writer import as_rows, columns, history_fields
from products.enums import PRODUCT_TRANSITIONS, ProductStatus
from products.models import DossierEvent, Producer, Product


@dataclass
class Table:
    model: type
    fields: list
    rows: list = field(default_factory=list)
    history: "History | None" = None


class History:
    """Rows of a model's historical table built from rows of the model's table."""

    def __init__(self, model, fields):
        self.model = model.history.model
        self.fields = history_fields(model)
        self.index = [fields.index(f) for f in self.fields[:-4]]
        self.rows = []

    def add(self, row, when, user, kind="+", reason=None):
        self.rows.append(tuple(row[i] for i in self.index) + (when, reason, kind, user.pk if user else None))


def status_after(steps) -> ProductStatus:
    """A seeded product's status: where the moves of its story lead from "registered", each one a move that
    products.services.set_product_status allows (PRODUCT_TRANSITIONS); the seed writes it with the product's row
    rather than replaying the moves through the service."""
    status = ProductStatus.DRAFT
    for step in steps:
        if step not in PRODUCT_TRANSITIONS[status]:
            raise ValueError(f"a product cannot go from {status} to {step}")
        status = step
    return status


def _replace(fields, row, **changes):
    return tuple(changes.get(f, v) for f, v in zip(fields, row))


def build(planner, certifier) -> list[Table]:
    rng = planner.rng
    tables = []

    # products: registered before their first round; waiting ones this year
    statuses = []
    for product in planner.products:
        enrolments = product._enrolments
        if enrolments:
            first, last = enrolments[0].round, enrolments[-1].round
            registered = first.starts_on - datetime.timedelta(days=rng.randint(40, 200))
            steps = [ProductStatus.SUBMITTED]
            for enrolment in enrolments:
                steps.append(ProductStatus.IN_EVALUATION)
                if enrolment.round.signed_on:
                    steps.append(ProductStatus.DECIDED)
            changed = at(last.signed_on or last.starts_on, 16)
        else:
            registered = ANCHOR - datetime.timedelta(days=rng.randint(5, 150))
            steps = rng.choice([[], [ProductStatus.SUBMITTED]])
            changed = at(registered, 9)
        statuses.append(status_after(steps))
        product.created_at, product.updated_at = at(registered, 9), changed
    first_product = {}
    for product in planner.products:
        first_product[product.producer_id] = min(product.created_at, first_product.get(product.producer_id,
                                                                                         product.created_at))
    for producer in planner.producers:
        producer.created_at = producer.updated_at = (first_product[producer.pk]
                                                     - datetime.timedelta(days=rng.randint(0, 60)))

    tables.append(Table(Producer, *as_rows(Producer, planner.producers)))
    # logins after producers (a producer's login names its producer), before rounds (created by them)
    tables.append(Table(User, *as_rows(User, planner.users)))
    products = Table(Product, *as_rows(Product, planner.products))
    products.rows = [_replace(products.fields, row, status=status) for row, status in zip(products.rows, statuses)]
    products.history = History(Product, products.fields)
    for product, row in zip(planner.products, products.rows):
        products.history.add(_replace(products.fields, row, status=ProductStatus.DRAFT), product.created_at, None)
    tables.append(products)

    # rounds, councils, enrolled products and their scores
    rounds = Table(EvaluationRound, *as_rows(EvaluationRound, [r.obj for r in planner.rounds]))
    rounds.history = History(EvaluationRound, rounds.fields)
    members = Table(CouncilMember, *as_rows(CouncilMember, [m for r in planner.rounds for m in r.member_objs]))
    members.history = History(CouncilMember, members.fields)
    enrolments = Table(Enrolment, columns(Enrolment))
    enrolments.history = History(Enrolment, enrolments.fields)
    scores = Table(Score, ["id", "enrolment_id", "member_id", "part_id", "criterion_id", "points",
                           "comment"])
    scores.history = History(Score, scores.fields)
    score_id = planner.first_score_id
    member_rows = iter(members.rows)
    for round_, row in zip(planner.rounds, rounds.rows):
        staff = round_.obj.created_by
        rounds.history.add(_replace(rounds.fields, row, state=RoundState.DRAFT), round_.obj.created_at, staff)
        rounds.history.add(_replace(rounds.fields, row, state=RoundState.SCORING), at(round_.starts_on, 7, 30),
                           staff, "~")
        if round_.signed_on:
            rounds.history.add(_replace(rounds.fields, row, state=RoundState.SCORED), at(round_.ends_on, 17),
                               staff, "~")
            rounds.history.add(row, round_.decision.finalised_at, round_.decision.finalised_by, "~")
        for _member in round_.member_objs:
            members.history.add(next(member_rows), round_.obj.created_at + datetime.timedelta(minutes=5), staff)
        part_ids = planner.ref.criteria[round_.criteria_set_id].part_ids
        scored_at = at(round_.starts_on, 10)
        for enrolment in round_.enrolments:
            result = enrolment.result
            values = {"id": enrolment.id, "round_id": round_.obj.id, "product_id": enrolment.product.pk,
                      "position": enrolment.position, "knockout_note": enrolment.knockout_note, "sheet_knockout": "",
                      "points": result.points, "stars": result.stars, "outcome": result.outcome,
                      "proposed_upward": result.proposed_upward, "potential_five": result.potential_five,
                      "needs_rescoring": enrolment.needs_rescoring, "version": 1 if enrolment.sheets else 0}
            row = tuple(values[f] for f in enrolments.fields)
            enrolments.rows.append(row)
            enrolments.history.add(row, at(round_.starts_on, 8), staff)
            for member, sheet in zip(round_.member_objs, enrolment.sheets):
                for part_id, quarters in zip(part_ids, sheet):
                    score = (score_id, enrolment.id, member.id, part_id, None, QUARTERS[quarters], "")
                    score_id += 1
                    scores.rows.append(score)
                    scores.history.add(score, scored_at, staff)
    tables += [rounds, members, enrolments, scores]

    # decisions, recognitions, certificates
    decisions = Table(Decision, *as_rows(Decision, certifier.decisions))
    decisions.history = History(Decision, decisions.fields)
    for decision, row in zip(certifier.decisions, decisions.rows):
        decisions.history.add(row, decision.finalised_at, decision.finalised_by)
    recognitions = Table(Recognition, *as_rows(Recognition, certifier.recognitions))
    recognitions.history = History(Recognition, recognitions.fields)
    for recognition, row in zip(certifier.recognitions, recognitions.rows):
        recognitions.history.add(row, recognition.decision.finalised_at, recognition.decision.finalised_by)
    certificates = Table(Certificate, *as_rows(Certificate, certifier.certificates))
    certificates.history = History(Certificate, certificates.fields)
    for certificate, issued in zip(certifier.certificates, certifier.issued_rows):
        certificates.history.add(tuple(issued[f] for f in certificates.fields), certificate.created_at,
                                 certificate.decision.finalised_by)
    by_id = {c.id: row for c, row in zip(certifier.certificates, certificates.rows)}
    for certificate, moment in certifier.ended:
        reason = certificate.revoked_reason or None
        certificates.history.add(by_id[certificate.id], moment, certificate.revoked_by or
                                 certificate.superseded_by.decision.finalised_by, "~", reason)
    tables += [decisions, recognitions, certificates]

    # the dossier's steps: submitted by the producer, accepted into its first round by the province's staff
    events = Table(DossierEvent, ["product_id", "kind", "comment", "actor_id", "created_at"])
    for product, status in zip(planner.products, statuses):
        if product._enrolments:
            start = product._enrolments[0].round.starts_on
            staff = planner.staff.get(product.producer.province_id)
            events.rows.append((product.pk, DossierEvent.Kind.SUBMITTED, "", None,
                                at(start - datetime.timedelta(days=rng.randint(10, 35)), 10)))
            events.rows.append((product.pk, DossierEvent.Kind.ACCEPTED, "", staff.pk,
                                at(start - datetime.timedelta(days=rng.randint(2, 9)), 14)))
        elif status == ProductStatus.SUBMITTED:
            day = min(ANCHOR - datetime.timedelta(days=1), product.created_at.date() +
                      datetime.timedelta(days=rng.randint(1, 20)))
            events.rows.append((product.pk, DossierEvent.Kind.SUBMITTED, "", None, at(day, 10)))
    tables.append(events)
    return tables
