"""Work queues: what waits for each role, read in a fixed number of queries whatever the province's size.

Staff: dossiers to check, product ideas to review or to register, rounds to set up or close, scores missing.
Commune staff: their commune's ideas, the returned ones first. Officials: rounds waiting for a decision,
certificates whose revocation staff requested, print jobs. Administrators: every province in one table. The same
selectors scope everything (accounts.scoping): a user sees only their province's work."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Func, IntegerField, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.roles import Role
from accounts.scoping import scoped
from certificates.enums import ACTIVE_JOB_STATES, JobState
from certificates.models import PrintJob, RevocationRequest
from certificates.queries import jobs_for_user, open_revocation_requests
from evaluation.enums import RoundState
from evaluation.models import CouncilMember, CriteriaPart, Criterion, Enrolment, EvaluationRound, Score
from evaluation.queries import rounds_for_user
from geo.models import Province
from products.enums import ProductStatus
from products.models import Product
from programme.enums import IdeaStatus
from programme.queries.ideas import authors_first, ideas_for_user

SHOWN = 20  # items listed per queue; the count says how many there are
RECENT_JOBS = datetime.timedelta(days=7)  # finished print jobs shown (and failed ones counted) this long
OPEN_ROUND_STATES = (RoundState.DRAFT, RoundState.SCORING, RoundState.SCORED)


def submitted_dossiers(user):
    """Dossiers submitted and not yet accepted into a round nor returned, oldest first."""
    qs = Product.objects.filter(status=ProductStatus.SUBMITTED).select_related("producer")
    return scoped(qs, user, province="producer__province_id", producer="producer_id").order_by("updated_at", "pk")


def _open_rounds(user):
    return (rounds_for_user(user).select_related("district", "commune").filter(state__in=OPEN_ROUND_STATES)
            .order_by("starts_on", "pk"))


@dataclass
class Gap:
    """A product of a round in scoring whose sheet some members have not completed."""

    enrolment: Enrolment
    members: list  # names, in the council's order


@dataclass
class RoundGaps:
    round: EvaluationRound
    gaps: list = field(default_factory=list)

    @property
    def cells(self):
        return sum(len(g.members) for g in self.gaps)


def missing_scores(rounds) -> dict:
    """{round id: [Gap]} for rounds in scoring: each product × member whose sheet is not complete. A sheet is
    complete when it has every column of the product's sheet — its group's criteria when the round scores in
    detail and the group has a detailed sheet, else the parts (the rule of evaluation.services.score_columns).
    Five queries whatever the number of rounds, products and members."""
    rounds = list(rounds)
    if not rounds:
        return {}
    ids = [r.pk for r in rounds]
    members = {}
    for round_id, pk, name in (CouncilMember.objects.filter(round__in=ids).order_by("position", "pk")
                               .values_list("round_id", "pk", "name")):
        members.setdefault(round_id, []).append((pk, name))
    sets = {r.criteria_set_id for r in rounds}
    parts = dict(CriteriaPart.objects.filter(criteria_set__in=sets).values("criteria_set")
                 .annotate(n=Count("pk")).values_list("criteria_set", "n"))
    detailed_sets = {r.criteria_set_id for r in rounds if r.detailed_scoring}
    criteria = {}
    if detailed_sets:
        criteria = {(s, g): n for s, g, n in Criterion.objects.filter(part__criteria_set__in=detailed_sets)
                    .values("part__criteria_set", "product_group").annotate(n=Count("pk"))
                    .values_list("part__criteria_set", "product_group", "n")}
    scored = {(e, m): n for e, m, n in Score.objects.filter(enrolment__round__in=ids)
              .values("enrolment", "member").annotate(n=Count("pk")).values_list("enrolment", "member", "n")}
    by_round = {r.pk: r for r in rounds}
    out = {}
    for enrolment in (Enrolment.objects.filter(round__in=ids).select_related("product")
                      .order_by("round_id", "position", "pk")):
        round_ = by_round[enrolment.round_id]
        needed = (criteria.get((round_.criteria_set_id, enrolment.product.group_id)) if round_.detailed_scoring
                  else None) or parts.get(round_.criteria_set_id, 0)
        names = [name for pk, name in members.get(round_.pk, []) if scored.get((enrolment.pk, pk), 0) < needed]
        if names:
            out.setdefault(round_.pk, []).append(Gap(enrolment, names))
    return out


@dataclass
class StaffQueues:
    dossiers: list
    dossier_count: int
    to_set_up: list  # draft rounds
    to_close: list  # rounds in scoring with every sheet complete, and scored rounds
    missing: list  # RoundGaps of rounds in scoring with incomplete sheets
    ideas: list = field(default_factory=list)  # submitted product ideas, then selected ones to register
    idea_count: int = 0

    @property
    def total(self):
        return self.dossier_count + self.idea_count + len(self.to_set_up) + len(self.to_close) + len(self.missing)


def _ideas_waiting(user):
    """Submitted ideas to review and selected ones to register as products, oldest first."""
    return (ideas_for_user(user).filter(status__in=(IdeaStatus.SUBMITTED, IdeaStatus.SELECTED))
            .order_by("created_at", "pk"))


def staff_queues(user) -> StaffQueues:
    dossiers = submitted_dossiers(user)
    rounds = list(_open_rounds(user))
    gaps = missing_scores(r for r in rounds if r.state == RoundState.SCORING)
    ideas = _ideas_waiting(user)
    return StaffQueues(
        ideas=list(ideas[:SHOWN]), idea_count=ideas.count(),
        dossiers=list(dossiers[:SHOWN]), dossier_count=dossiers.count(),
        to_set_up=[r for r in rounds if r.state == RoundState.DRAFT],
        to_close=[r for r in rounds if r.state == RoundState.SCORED
                  or (r.state == RoundState.SCORING and r.pk not in gaps)],
        missing=[RoundGaps(r, gaps[r.pk]) for r in rounds if r.pk in gaps],
    )


@dataclass
class CommuneQueues:
    """Commune staff: their commune's ideas, returned ones (to complete) first, then those the province has yet to
    review, then the others."""

    ideas: list
    idea_count: int
    returned: int

    @property
    def total(self):
        return self.returned


def commune_queues(user) -> CommuneQueues:
    ideas = ideas_for_user(user)
    counts = ideas.order_by().aggregate(n=Count("pk"), returned=Count("pk", filter=Q(status=IdeaStatus.RETURNED)))
    return CommuneQueues(ideas=list(authors_first(ideas)[:SHOWN]),
                         idea_count=counts["n"], returned=counts["returned"])


def _recent_jobs(qs, now):
    since = now - RECENT_JOBS
    return qs.filter(Q(state__in=ACTIVE_JOB_STATES) | Q(finished_at__gte=since)
                     | Q(finished_at__isnull=True, created_at__gte=since))


@dataclass
class OfficialQueues:
    to_decide: list  # scored rounds
    revocations: list  # open revocation requests
    jobs: list  # print jobs running, waiting, or finished recently (done or failed)

    @property
    def failed_jobs(self):
        return [j for j in self.jobs if j.state == JobState.FAILED]

    @property
    def total(self):
        return len(self.to_decide) + len(self.revocations) + len(self.failed_jobs)


def official_queues(user) -> OfficialQueues:
    now = timezone.now()
    return OfficialQueues(
        to_decide=list(rounds_for_user(user).select_related("district", "commune")
                       .filter(state=RoundState.SCORED).order_by("starts_on", "pk")),
        revocations=list(open_revocation_requests(user, timezone.localdate())
                         .select_related("certificate", "requested_by")),
        jobs=list(_recent_jobs(jobs_for_user(user), now).select_related("decision", "requested_by")[:SHOWN]),
    )


@dataclass
class ProvinceRow:
    province: Province | None  # None: the central level's rounds
    dossiers: int = 0
    draft: int = 0
    scoring: int = 0
    scored: int = 0
    revocations: int = 0
    failed_jobs: int = 0

    @property
    def total(self):
        return self.dossiers + self.draft + self.scoring + self.scored + self.revocations + self.failed_jobs


def provinces_summary() -> list[ProvinceRow]:
    """Administrators: each province's queues, counted (five queries whatever the number of provinces)."""
    rows = {p.pk: ProvinceRow(p) for p in Province.objects.order_by("short_name")}
    central = ProvinceRow(None)

    def row(pk):
        return rows.get(pk, central) if pk is not None else central

    for pk, n in (Product.objects.filter(status=ProductStatus.SUBMITTED).values("producer__province")
                  .annotate(n=Count("pk")).values_list("producer__province", "n")):
        row(pk).dossiers = n
    for pk, state, n in (EvaluationRound.objects.filter(state__in=OPEN_ROUND_STATES).values("province", "state")
                         .annotate(n=Count("pk")).values_list("province", "state", "n")):
        setattr(row(pk), state, getattr(row(pk), state) + n)
    today = timezone.localdate()
    requests = RevocationRequest.objects.open_on(today)
    for pk, n in (requests.values("certificate__province").annotate(n=Count("pk"))
                  .values_list("certificate__province", "n")):
        row(pk).revocations = n
    failed = _recent_jobs(PrintJob.objects.filter(state=JobState.FAILED), timezone.now())
    for pk, n in failed.values("province").annotate(n=Count("pk")).values_list("province", "n"):
        row(pk).failed_jobs = n
    # Provinces with work waiting first (most first), then the others by name.
    ranked = sorted(rows.values(), key=lambda r: -r.total)
    return [*ranked, *([central] if central.total else [])]


# --- the count in the navigation ------------------------------------------------------------------

def _count(qs):
    """`qs`'s row count as a scalar subquery (COUNT without GROUP BY)."""
    count = Func(F("pk"), function="COUNT", output_field=IntegerField())
    return Coalesce(Subquery(qs.order_by().annotate(n=count).values("n")[:1]), 0, output_field=IntegerField())


def work_count(user) -> int:
    """The number of things waiting for a logged-in staff member, official or commune staff (0 for anyone else):
    the badge beside "Overview" on every page they open; for commune staff, their ideas returned to complete.
    One query of scalar counts, not cached: it is cheaper than a round trip to a shared cache would be worth, and
    the count is right the moment after the user acts."""
    if not (user.is_authenticated and user.is_active and user.role in (Role.STAFF, Role.OFFICIAL, Role.COMMUNE)):
        return 0
    if user.role == Role.COMMUNE:
        return ideas_for_user(user).filter(status=IdeaStatus.RETURNED).count()
    if user.role == Role.STAFF:
        counts = [_count(submitted_dossiers(user)), _count(_open_rounds(user)), _count(_ideas_waiting(user))]
    else:
        counts = [_count(rounds_for_user(user).filter(state=RoundState.SCORED)),
                  _count(open_revocation_requests(user, timezone.localdate())),
                  _count(_recent_jobs(jobs_for_user(user), timezone.now()).filter(state=JobState.FAILED))]
    total = counts[0]
    for count in counts[1:]:
        total = total + count
    # Staff and officials always have a province (a database constraint): the one row the counts hang on.
    return Province.objects.filter(pk=user.province_id).annotate(n=total).values_list("n", flat=True).get()
