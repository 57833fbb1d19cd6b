"""Reported figures: counts of people stated in the text, each with its number span."""
