"""Scorers for communique against public gold sets (see EVALUATION.md)."""
