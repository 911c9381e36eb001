from evaluation.models.criteria import CriteriaPart, CriteriaSet, Criterion, LevelRule, RecognitionPeriod, StarThreshold
from evaluation.models.decisions import Decision, Recognition
from evaluation.models.rounds import CouncilMember, Enrolment, EvaluationRound
from evaluation.models.scores import Score

__all__ = [
    "CouncilMember", "CriteriaPart", "CriteriaSet", "Criterion", "Decision", "Enrolment", "EvaluationRound",
    "LevelRule", "Recognition", "RecognitionPeriod", "Score", "StarThreshold",
]
