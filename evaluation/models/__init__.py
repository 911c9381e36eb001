from evaluation.models.criteria import CriteriaPart, CriteriaSet, Criterion, LevelRule, RecognitionPeriod, StarThreshold
from evaluation.models.decisions import Decision, Recognition
from evaluation.models.member_access import MemberLink, MemberSubmission
from evaluation.models.rounds import CouncilMember, Enrolment, EvaluationRound
from evaluation.models.scores import Score

__all__ = [
    "CouncilMember", "CriteriaPart", "CriteriaSet", "Criterion", "Decision", "Enrolment", "EvaluationRound",
    "LevelRule", "MemberLink", "MemberSubmission", "Recognition", "RecognitionPeriod", "Score", "StarThreshold",
]
