"""Evaluation rounds: councils, scores, star ratings and decisions of recognition."""
