from programme.models.ideas import IdeaEvent, ProductIdea
from programme.models.outlets import PointOfSale, PointOfSaleCheck
from programme.models.plans import Plan, PlanProduct, Target
from programme.models.training import Attendee, PromotionEvent, TrainingCourse

__all__ = [
    "Attendee", "IdeaEvent", "Plan", "PlanProduct", "PointOfSale", "PointOfSaleCheck", "ProductIdea",
    "PromotionEvent", "Target", "TrainingCourse",
]
