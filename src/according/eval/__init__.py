"""Scoring against gold data: PolNeAR attributions, the seed, figure gold."""
